import type { TalentConnectionResolvers } from './types.generated.ts';

export const TalentConnection: TalentConnectionResolvers = {
  totalCount: (c) => c.count(),
};
