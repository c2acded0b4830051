import type { HainanServiceRecordResolvers } from './types.generated.ts';

export const HainanServiceRecord: HainanServiceRecordResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.recordById.load(ref.id),
  id: (r) => r._id,
  city: (r) => ({ code: r.cityCode }),
};
