import { openCollection, seedDocuments } from '../../../store/collections.ts';
import type { CollectionPort, DatabasePort, IndexDeclaration } from '../../../store/port.ts';
import type { AcmeRecordDoc } from './model.ts';

// Records are read by talent (Talent.acmeRecords), so talentId is indexed.
const RECORD_INDEXES: IndexDeclaration[] = [{ keys: { talentId: 1 } }];

/** The acme subgraph's only door to storage. */
export class AcmeStore {
  private constructor(private readonly records: CollectionPort<AcmeRecordDoc>) {}

  /** Opens the collections and creates their indexes. */
  static async open(db: DatabasePort): Promise<AcmeStore> {
    return new AcmeStore(await openCollection<AcmeRecordDoc>(db, 'records', RECORD_INDEXES));
  }

  /** Upserts documents by id: running it twice changes nothing. */
  seed(records: AcmeRecordDoc[]): Promise<void> {
    return seedDocuments(this.records, records);
  }

  recordsByIds(ids: readonly string[]): Promise<AcmeRecordDoc[]> {
    return this.records.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** The records of many talents in one query, newest first. */
  recordsByTalentIds(talentIds: readonly string[]): Promise<AcmeRecordDoc[]> {
    return this.records.find({ talentId: { $in: [...talentIds] } }, { sort: { recordedOn: -1, _id: 1 } }).toArray();
  }
}
