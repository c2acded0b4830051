import type { EngagementConnectionResolvers } from './types.generated.ts';

export const EngagementConnection: EngagementConnectionResolvers = {
  totalCount: (c) => c.count(),
};
