import { RegionCode } from '../../../platform/model.ts';
import { linkedRecords } from '../linkage.ts';
import type { TalentResolvers } from './types.generated.ts';

/**
 * Talents are owned by the experts subgraph; this one adds their engagements. The gateway sends a
 * reference here only with the home region experts resolved for this caller (`@requires`), so a
 * reference without one was not confirmed by the owner and resolves to nothing.
 */
export const Talent: TalentResolvers = {
  __resolveReference: (ref) => {
    const code = (ref as { homeRegion?: { code?: unknown } | null }).homeRegion?.code;
    return RegionCode.safeParse(code).success ? { id: ref.id, homeRegion: { code: code as string } } : null;
  },
  engagements: (t, _args, ctx) => ctx.loaders.engagementsByTalentId.load(t.id),
  linkedRecords: (t, _args, ctx) => linkedRecords(ctx, t.id),
};
