import { z } from 'zod';
import { EntityId, IsoDate } from '../../../platform/model.ts';

/** The region that runs this partner subgraph (GB/T 2260); its own systems may read records directly. */
export const OWNER_REGION: string = '990000';

/** A record as stored. */
export const AcmeRecordDoc = z.object({
  _id: EntityId,
  talentId: EntityId,
  title: z.string().min(1).max(200),
  recordedOn: IsoDate,
});
export type AcmeRecordDoc = z.infer<typeof AcmeRecordDoc>;
