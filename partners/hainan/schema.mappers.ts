import type { Connection } from '../../platform/connection.ts';
import type { HainanServiceRecordDoc, HainanTalentCardDoc } from './model.ts';

// Parent types of the resolvers are the stored documents (codegen picks up every XMapper here).
export type HainanServiceRecordMapper = HainanServiceRecordDoc;
export type HainanTalentCardMapper = HainanTalentCardDoc;
export type HainanServiceRecordConnectionMapper = Connection<HainanServiceRecordDoc>;
/** A talent as the gateway hands it over: its key only (the experts subgraph owns the rest). */
export type TalentMapper = { id: string };
export type RegionMapper = { code: string };
