import type { Document, Filter } from 'mongodb';
import type { PageRequest } from '../../platform/connection.ts';
import { openCollection, seedDocuments } from '../../store/collections.ts';
import type { CollectionPort, DatabasePort, IndexDeclaration } from '../../store/port.ts';
import { type OthersCount, RECORD_KEY_MODULUS } from '../../platform/disclosure.ts';
import { escapeRegex, regionPrefix } from '../../platform/text.ts';
import type { DisciplineDoc, ExpertPoolDoc, TalentDoc } from './model.ts';

/** What `talents(filter:)` asks for, already validated. */
export interface TalentQuery {
  homeRegion?: string | null;
  sector?: string | null;
  discipline?: string | null;
  skill?: string | null;
  availability?: string | null;
  careerStage?: string | null;
  pool?: string | null;
  text?: string | null;
}

// Indexes live beside the queries that need them: every TalentQuery field but `text` is an
// indexed equality, so lookups and counts do not grow with the number of talents.
const TALENT_INDEXES: IndexDeclaration[] = [
  { keys: { homeRegion: 1 } },
  { keys: { sectors: 1 } },
  { keys: { disciplineCodes: 1 } },
  { keys: { skills: 1 } },
  { keys: { availability: 1 } },
  { keys: { careerStage: 1 } },
  { keys: { poolIds: 1 } },
  { keys: { sharing: 1 } },
];
const POOL_INDEXES: IndexDeclaration[] = [{ keys: { regionCode: 1 } }, { keys: { sectors: 1 } }];

/** What `talentStats` can group by, and the stored field behind each; list fields are unwound (a talent counts once per value). */
export const TALENT_DIMENSIONS = {
  REGION: { field: 'homeRegion', list: false },
  DISCIPLINE: { field: 'disciplineCodes', list: true },
  SECTOR: { field: 'sectors', list: true },
  CAREER_STAGE: { field: 'careerStage', list: false },
  TITLE: { field: 'title', list: false },
  AVAILABILITY: { field: 'availability', list: false },
} as const;
export type TalentDimension = keyof typeof TALENT_DIMENSIONS;

/** Talent counts of one group, split into the caller's own province and the others. */
export interface TalentGroupCount {
  /** One value per dimension asked for, in that order; null when the talent has none (e.g. no discipline). */
  values: (string | null)[];
  own: number;
  /** Other provinces' talents: how many, and the sum of their record keys (for the rounding draw). */
  others: OthersCount;
}

/**
 * A talent's record key for disclosure control: its creation instant (never changed) modulo a
 * prime. Computed in the pipeline, so the store sums the keys of a group without reading talents out.
 */
const TALENT_RECORD_KEY: Document = { $mod: [{ $toLong: '$createdAt' }, RECORD_KEY_MODULUS] };

/** The experts subgraph's only door to storage. */
export class ExpertsStore {
  private constructor(
    private readonly talents: CollectionPort<TalentDoc>,
    private readonly pools: CollectionPort<ExpertPoolDoc>,
    private readonly disciplines: CollectionPort<DisciplineDoc>,
  ) {}

  /** Opens the collections and creates their indexes. */
  static async open(db: DatabasePort): Promise<ExpertsStore> {
    return new ExpertsStore(
      await openCollection<TalentDoc>(db, 'talents', TALENT_INDEXES),
      await openCollection<ExpertPoolDoc>(db, 'pools', POOL_INDEXES),
      await openCollection<DisciplineDoc>(db, 'disciplines'),
    );
  }

  /** Upserts seed documents by id: running it twice changes nothing. */
  async seed(data: { talents: TalentDoc[]; pools: ExpertPoolDoc[]; disciplines: DisciplineDoc[] }): Promise<void> {
    await seedDocuments(this.talents, data.talents);
    await seedDocuments(this.pools, data.pools);
    await seedDocuments(this.disciplines, data.disciplines);
  }

  talentsByIds(ids: readonly string[]): Promise<TalentDoc[]> {
    return this.talents.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Builds the store filter for a talent query, ANDed with `scope` (e.g. what a caller may see). */
  talentFilter(query: TalentQuery, scope?: Filter<TalentDoc>): Filter<TalentDoc> {
    const filter: Document = {};
    if (query.homeRegion) filter.homeRegion = query.homeRegion;
    if (query.sector) filter.sectors = query.sector;
    if (query.discipline) filter.disciplineCodes = query.discipline;
    if (query.skill) filter.skills = query.skill;
    if (query.availability) filter.availability = query.availability;
    if (query.careerStage) filter.careerStage = query.careerStage;
    if (query.pool) filter.poolIds = query.pool;
    if (query.text) {
      const pattern = { $regex: escapeRegex(query.text), $options: 'i' };
      filter.$or = [{ name: pattern }, { organization: pattern }, { skills: pattern }];
    }
    if (scope && Object.keys(scope).length > 0) filter.$and = [scope];
    return filter as Filter<TalentDoc>;
  }

  /** One page in id order: `first + 1` rows so the caller learns whether there is a next page. */
  findTalents(filter: Filter<TalentDoc>, page: PageRequest): Promise<TalentDoc[]> {
    const paged = page.afterKey ? ({ ...filter, _id: { $gt: page.afterKey } } as Filter<TalentDoc>) : filter;
    return this.talents.find(paged, { sort: { _id: 1 }, limit: page.first + 1 }).toArray();
  }

  countTalents(filter: Filter<TalentDoc>): Promise<number> {
    return this.talents.countDocuments(filter);
  }

  /**
   * One page of members for each pool, in a single aggregation (`$facet` per pool), so a list
   * of pools with their members costs one store call.
   */
  async memberPages(poolIds: readonly string[], page: PageRequest, scope?: Filter<TalentDoc>): Promise<Map<string, TalentDoc[]>> {
    const facets: Record<string, Document[]> = {};
    poolIds.forEach((id, i) => {
      const match: Document = { poolIds: id };
      if (page.afterKey) match._id = { $gt: page.afterKey };
      facets[`p${i}`] = [{ $match: match }, { $sort: { _id: 1 } }, { $limit: page.first + 1 }];
    });
    const match: Document = { poolIds: { $in: [...poolIds] } };
    if (scope && Object.keys(scope).length > 0) match.$and = [scope];
    const [result] = await this.talents.aggregate<Record<string, TalentDoc[]>>([{ $match: match }, { $facet: facets }]).toArray();
    return new Map(poolIds.map((id, i) => [id, result?.[`p${i}`] ?? []]));
  }

  /** Member counts for many pools in one aggregation. */
  async memberCounts(poolIds: readonly string[], scope?: Filter<TalentDoc>): Promise<Map<string, number>> {
    const match: Document = { poolIds: { $in: [...poolIds] } };
    if (scope && Object.keys(scope).length > 0) match.$and = [scope];
    const rows = await this.talents
      .aggregate<{ _id: string; n: number }>([
        { $match: match },
        { $unwind: '$poolIds' },
        { $match: { poolIds: { $in: [...poolIds] } } },
        { $group: { _id: '$poolIds', n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  /**
   * Talents matching `filter` counted per combination of `dimensions`, and in total (each talent
   * once), split into those of `ownProvince` and the rest (with the sum of the rest's record keys):
   * one aggregation pipeline evaluated by the store ($match on the indexed filter, then $facet of
   * the grouped and the total counts), so no talent leaves the store.
   */
  async talentGroupCounts(
    filter: Filter<TalentDoc>,
    dimensions: readonly TalentDimension[],
    ownProvince: string,
  ): Promise<{ groups: TalentGroupCount[]; total: { own: number; others: OthersCount } }> {
    const projection: Document = { _id: 0, own: { $eq: ['$homeRegion', { $literal: ownProvince }] }, k: TALENT_RECORD_KEY };
    const unwind: Document[] = [];
    const groupId: Document = { own: '$own' };
    dimensions.forEach((dimension, i) => {
      const { field, list } = TALENT_DIMENSIONS[dimension];
      projection[`d${i}`] = `$${field}`;
      groupId[`d${i}`] = `$d${i}`;
      // Talents without a value still count, in the "not recorded" group.
      if (list) unwind.push({ $unwind: { path: `$d${i}`, preserveNullAndEmptyArrays: true } });
    });
    type Row<K> = { _id: K; n: number; k: number };
    const [result] = await this.talents
      .aggregate<{ groups: Row<Record<string, unknown>>[]; total: Row<boolean>[] }>([
        { $match: filter },
        { $project: projection },
        {
          $facet: {
            groups: [...unwind, { $group: { _id: groupId, n: { $sum: 1 }, k: { $sum: '$k' } } }],
            total: [{ $group: { _id: '$own', n: { $sum: 1 }, k: { $sum: '$k' } } }],
          },
        },
      ])
      .toArray();
    const byKey = new Map<string, TalentGroupCount>();
    for (const row of result?.groups ?? []) {
      const values = dimensions.map((_, i) => {
        const v = row._id[`d${i}`];
        return typeof v === 'string' ? v : null;
      });
      const key = JSON.stringify(values);
      let group = byKey.get(key);
      if (!group) byKey.set(key, (group = { values, own: 0, others: { n: 0, fingerprint: 0 } }));
      if (row._id.own === true) group.own += row.n;
      else group.others = { n: group.others.n + row.n, fingerprint: group.others.fingerprint + Number(row.k) };
    }
    const total = { own: 0, others: { n: 0, fingerprint: 0 } };
    for (const row of result?.total ?? []) {
      if (row._id === true) total.own += row.n;
      else total.others = { n: total.others.n + row.n, fingerprint: total.others.fingerprint + Number(row.k) };
    }
    return { groups: [...byKey.values()], total };
  }

  async insertTalent(doc: TalentDoc): Promise<void> {
    await this.talents.insertOne(doc);
  }

  /** Sets fields of one talent; false when no talent has that id. */
  async updateTalent(id: string, set: Partial<TalentDoc>): Promise<boolean> {
    const result = await this.talents.updateOne({ _id: id }, { $set: set });
    return result.matchedCount === 1;
  }

  /** Adds a pool to a talent's pools (idempotent); false when the talent does not exist. */
  async addTalentToPool(talentId: string, poolId: string, now: Date): Promise<boolean> {
    const result = await this.talents.updateOne({ _id: talentId }, { $addToSet: { poolIds: poolId }, $set: { updatedAt: now } });
    return result.matchedCount === 1;
  }

  poolsByIds(ids: readonly string[]): Promise<ExpertPoolDoc[]> {
    return this.pools.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Pools registered at any of `regionCodes` (exactly there, not under), in id order: one indexed `$in`. */
  poolsAtRegions(regionCodes: readonly string[]): Promise<ExpertPoolDoc[]> {
    return this.pools.find({ regionCode: { $in: [...regionCodes] } }, { sort: { _id: 1 } }).toArray();
  }

  /** Pools at or under a region (by GB/T 2260 prefix), optionally covering a sector, in id order. */
  listPools(options: { region?: string | null; sector?: string | null }): Promise<ExpertPoolDoc[]> {
    const filter: Document = {};
    if (options.region) filter.regionCode = { $regex: `^${regionPrefix(options.region)}` };
    if (options.sector) filter.sectors = options.sector;
    return this.pools.find(filter as Filter<ExpertPoolDoc>, { sort: { _id: 1 } }).toArray();
  }

  disciplinesByCodes(codes: readonly string[]): Promise<DisciplineDoc[]> {
    return this.disciplines.find({ _id: { $in: [...codes] } }).toArray();
  }

  listDisciplines(): Promise<DisciplineDoc[]> {
    return this.disciplines.find({}, { sort: { _id: 1 } }).toArray();
  }
}
