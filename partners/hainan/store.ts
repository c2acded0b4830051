import type { Document, Filter } from 'mongodb';
import type { PageRequest } from '../../platform/connection.ts';
import { openCollection, seedDocuments } from '../../store/collections.ts';
import type { CollectionPort, DatabasePort, IndexDeclaration } from '../../store/port.ts';
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
    return new HainanStore(
      await openCollection<HainanServiceRecordDoc>(db, 'service_records', RECORD_INDEXES),
      await openCollection<HainanTalentCardDoc>(db, 'talent_cards', CARD_INDEXES),
    );
  }

  /** Upserts documents by id: running it twice changes nothing. */
  async seed(data: { records: HainanServiceRecordDoc[]; cards: HainanTalentCardDoc[] }): Promise<void> {
    await seedDocuments(this.records, data.records);
    await seedDocuments(this.cards, data.cards);
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
