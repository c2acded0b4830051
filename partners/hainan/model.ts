import { z } from 'zod';
import { EntityId, IsoDate, RegionCode } from '../../platform/model.ts';

/** Hainan (GB/T 2260): the region that runs this subgraph; its own systems may read records directly. */
export const OWNER_REGION: string = '460000';

export const HainanServiceKind = z.enum(['TALENT_CARD', 'WORK_PERMIT', 'VISA', 'SETTLEMENT', 'HOUSING', 'SCHOOLING']);
export const HainanServiceStatus = z.enum(['SUBMITTED', 'IN_PROGRESS', 'COMPLETED', 'DECLINED']);
export const HainanTalentTier = z.enum(['A', 'B', 'C', 'D', 'E']);

/** One service a talent service centre gave a talent, as stored. */
export const HainanServiceRecordDoc = z
  .object({
    _id: EntityId,
    talentId: EntityId,
    kind: HainanServiceKind,
    status: HainanServiceStatus,
    centre: z.string().min(1).max(80),
    /** The free-trade-port city (a Hainan prefecture code, 46xx00). */
    cityCode: RegionCode.refine((code) => code.startsWith('46'), 'must be a Hainan region (46xxxx)'),
    appliedOn: IsoDate,
    closedOn: IsoDate.nullable(),
  })
  .refine((r) => (r.status === 'COMPLETED' || r.status === 'DECLINED') === (r.closedOn !== null), {
    message: 'closedOn is set exactly when the record is completed or declined',
    path: ['closedOn'],
  });
export type HainanServiceRecordDoc = z.infer<typeof HainanServiceRecordDoc>;

/** A talent service card, as stored (`_id` is the card number). */
export const HainanTalentCardDoc = z.object({
  _id: z.string().regex(/^HN-\d{4}-\d{6}$/, 'must be a card number such as HN-2025-000123'),
  talentId: EntityId,
  tier: HainanTalentTier,
  issuedOn: IsoDate,
  validUntil: IsoDate,
});
export type HainanTalentCardDoc = z.infer<typeof HainanTalentCardDoc>;

// ---- inputs (validated before anything is read) --------------------------------------------

export const RecordFilterInput = z.object({
  kind: HainanServiceKind.nullish(),
  status: HainanServiceStatus.nullish(),
});
