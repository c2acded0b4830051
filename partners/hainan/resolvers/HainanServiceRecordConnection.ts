import type { HainanServiceRecordConnectionResolvers } from './types.generated.ts';

export const HainanServiceRecordConnection: HainanServiceRecordConnectionResolvers = {
  totalCount: (c) => c.count(),
};
