import { HainanServiceRecord } from './HainanServiceRecord.ts';
import { Query } from './Query.ts';
import { Talent } from './Talent.ts';
import type { Resolvers } from './types.generated.ts';

export const resolvers: Resolvers = {
  Query,
  Talent,
  HainanServiceRecord,
  HainanTalentCard: { number: (c) => c._id },
  HainanServiceRecordConnection: { totalCount: (c) => c.count() },
};
