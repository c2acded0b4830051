import type { HainanTalentCardResolvers } from './types.generated.ts';

export const HainanTalentCard: HainanTalentCardResolvers = {
  number: (c) => c._id,
};
