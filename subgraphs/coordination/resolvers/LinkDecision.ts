import { provinceRegion } from '../linkage.ts';
import type { LinkDecisionResolvers } from './types.generated.ts';

export const LinkDecision: LinkDecisionResolvers = {
  province: (d, _args, ctx) => provinceRegion(ctx, d.province),
  region: (d, _args, ctx) => provinceRegion(ctx, d.region),
  at: (d) => new Date(d.at),
};
