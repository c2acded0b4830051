import type { AwardConnectionResolvers } from './types.generated.ts';

export const AwardConnection: AwardConnectionResolvers = {
  totalCount: (c) => c.count(),
};
