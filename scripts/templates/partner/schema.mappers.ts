import type { AcmeRecordDoc } from './model.ts';

// Parent types of the resolvers are the stored documents (codegen picks up every XMapper here).
export type AcmeRecordMapper = AcmeRecordDoc;
/** A talent as the gateway hands it over: its key only (the experts subgraph owns the rest). */
export type TalentMapper = { id: string };
