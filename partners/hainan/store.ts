import type { Document, Filter } from 'mongodb';
import type { PageRequest } from '../../platform/connection.ts';
import { type CollectionPort, type DatabasePort, ensureIndexes, type IndexDeclaration } from '../../store/port.ts';
import type { HainanServiceRecordDoc, HainanTalentCardDoc } from './model.ts';

/** What `hainanServiceRecords(kind:, status:)` asks for, already validated. */
export interface RecordQuery {
  kind?: string | null;
  status?: string | null;
}

// Indexes live beside the queries that need them: records are read by talent (Talent.hainan...)
// and listed by kind and status; cards are read by talent.
const RECORD_INDEXES: IndexDeclaration[] = [{ keys: { talentId: 1 } }, { keys: { kind: 1 } }, { keys: { status: 1 } }];
const CARD_INDEXES: IndexDeclaration[] = [{ keys: { talentId: 1 }, unique: true }];

/** The hainan subgraph's only door to storage. */
export class HainanStore {
  private constructor(
    private readonly records: CollectionPort<HainanServiceRecordDoc>,
    private readonly cards: CollectionPort<HainanTalentCardDoc>,
  ) {}

  /** Opens the collections and creates their indexes. */
  static async open(db: DatabasePort): Promise<HainanStore> {
    const store = new HainanStore(db.collection('service_records'), db.collection('talent_cards'));
    await ensureIndexes(store.records, RECORD_INDEXES);
    await ensureIndexes(store.cards, CARD_INDEXES);
    return store;
  }

  /** Upserts documents by id: running it twice changes nothing. */
  async seed(data: { records: HainanServiceRecordDoc[]; cards: HainanTalentCardDoc[] }): Promise<void> {
    const upserts = <T extends { _id: string }>(docs: T[]) =>
      docs.map((doc) => ({ replaceOne: { filter: { _id: doc._id } as Filter<T>, replacement: doc, upsert: true } }));
    if (data.records.length) await this.records.bulkWrite(upserts(data.records));
    if (data.cards.length) await this.cards.bulkWrite(upserts(data.cards));
  }

  recordsByIds(ids: readonly string[]): Promise<HainanServiceRecordDoc[]> {
    return this.records.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** The records of many talents in one query, newest first. */
  recordsByTalentIds(talentIds: readonly string[]): Promise<HainanServiceRecordDoc[]> {
    return this.records.find({ talentId: { $in: [...talentIds] } }, { sort: { appliedOn: -1, _id: 1 } }).toArray();
  }

  recordFilter(query: RecordQuery): Filter<HainanServiceRecordDoc> {
    const filter: Document = {};
    if (query.kind) filter.kind = query.kind;
    if (query.status) filter.status = query.status;
    return filter as Filter<HainanServiceRecordDoc>;
  }

  /** One page in id order: `first + 1` rows so the caller learns whether there is a next page. */
  findRecords(filter: Filter<HainanServiceRecordDoc>, page: PageRequest): Promise<HainanServiceRecordDoc[]> {
    const paged = page.afterKey ? ({ ...filter, _id: { $gt: page.afterKey } } as Filter<HainanServiceRecordDoc>) : filter;
    return this.records.find(paged, { sort: { _id: 1 }, limit: page.first + 1 }).toArray();
  }

  countRecords(filter: Filter<HainanServiceRecordDoc>): Promise<number> {
    return this.records.countDocuments(filter);
  }

  cardsByTalentIds(talentIds: readonly string[]): Promise<HainanTalentCardDoc[]> {
    return this.cards.find({ talentId: { $in: [...talentIds] } }).toArray();
  }
}
