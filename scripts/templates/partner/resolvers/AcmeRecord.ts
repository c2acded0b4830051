import type { AcmeRecordResolvers } from './types.generated.ts';

export const AcmeRecord: AcmeRecordResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.recordById.load(ref.id),
  id: (r) => r._id,
};
