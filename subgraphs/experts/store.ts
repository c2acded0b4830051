import type { AnyBulkWriteOperation, Document, Filter } from 'mongodb';
import type { PageRequest } from '../../platform/connection.ts';
import { LinkMarks } from './link-marks.ts';
import { openCollection, SEED_BATCH, seedDocuments } from '../../store/collections.ts';
import type { CollectionPort, DatabasePort, IndexDeclaration } from '../../store/port.ts';
import { type OthersCount, RECORD_KEY_MODULUS } from '../../platform/disclosure.ts';
import { escapeRegex, regionPrefix } from '../../platform/text.ts';
import type { DisciplineDoc, ExpertPoolDoc, TalentDoc } from './model.ts';
import {
  addCounts,
  COUNT_LAYOUT,
  COUNT_STATE_ID,
  COUNTED_FIELDS,
  type CountDelta,
  type CountedTalent,
  type CountQuestion,
  countDelta,
  countFromCells,
  cubesFor,
  residualBranches,
  type TalentCountDoc,
  tallyTalents,
} from './counts.ts';

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
// A question reads the count documents of one cube (about a hundred).
const COUNT_INDEXES: IndexDeclaration[] = [{ keys: { cube: 1 } }];
const COUNTED_PROJECTION = Object.fromEntries(COUNTED_FIELDS.map((field) => [field, 1]));

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

/** The fields linkage tokens are made of (issue 17, subgraphs/experts/linkage.ts). */
type LinkageField = '_id' | 'homeRegion' | 'sharing' | 'residentId' | 'name' | 'birthYear' | 'gender' | 'organization' | 'disciplineCodes';
const LINKAGE_PROJECTION = { _id: 1, homeRegion: 1, sharing: 1, residentId: 1, name: 1, birthYear: 1, gender: 1, organization: 1, disciplineCodes: 1 };

/** The experts subgraph's only door to storage. */
export class ExpertsStore {
  private constructor(
    private readonly talents: CollectionPort<TalentDoc>,
    private readonly pools: CollectionPort<ExpertPoolDoc>,
    private readonly disciplines: CollectionPort<DisciplineDoc>,
    private readonly counts: CollectionPort<TalentCountDoc>,
    /** Which records are the secondary record of a confirmed link (link-marks.ts; issue 17). */
    readonly linkMarks: LinkMarks,
  ) {}

  /** Talent ids with a counted write in progress: writes to one talent take turns, so each reads the state the previous one left. */
  readonly #writing = new Map<string, Promise<unknown>>();

  /**
   * Opens the collections and creates their indexes; rebuilds the talent counts (counts.ts) when
   * they are missing, of another layout, or do not add up to the talents stored.
   */
  static async open(db: DatabasePort): Promise<ExpertsStore> {
    const store = new ExpertsStore(
      await openCollection<TalentDoc>(db, 'talents', TALENT_INDEXES),
      await openCollection<ExpertPoolDoc>(db, 'pools', POOL_INDEXES),
      await openCollection<DisciplineDoc>(db, 'disciplines'),
      await openCollection<TalentCountDoc>(db, 'talent_counts', COUNT_INDEXES),
      await LinkMarks.open(db),
    );
    if (!(await store.countsAddUp())) await store.rebuildCounts();
    return store;
  }

  /** Upserts seed documents by id: running it twice changes nothing. The talent counts are rebuilt after. */
  async seed(data: { talents: TalentDoc[]; pools: ExpertPoolDoc[]; disciplines: DisciplineDoc[] }): Promise<void> {
    if ((await this.talents.countDocuments({})) === 0) {
      // Into no talents an upsert by id is an insert, without looking each id up first: a million
      // talents load in a fraction of the time. A seed that fails half-way upserts the next time.
      for (let i = 0; i < data.talents.length; i += SEED_BATCH) {
        await this.talents.bulkWrite(data.talents.slice(i, i + SEED_BATCH).map((document) => ({ insertOne: { document } })));
      }
    } else await seedDocuments(this.talents, data.talents);
    await seedDocuments(this.pools, data.pools);
    await seedDocuments(this.disciplines, data.disciplines);
    // Seeding an empty store (the usual case) leaves exactly the seed's talents: count those without reading them back.
    const exact = (await this.talents.countDocuments({})) === data.talents.length;
    await this.rebuildCounts(exact ? data.talents : undefined);
  }

  /** Whether the stored counts are of this layout and count every stored talent once. */
  private async countsAddUp(): Promise<boolean> {
    const [state] = await this.counts.find({ _id: COUNT_STATE_ID }).toArray();
    // No talents and no counts: nothing to count, and nothing is written (a start must leave an empty store empty, or it would not be seeded).
    if (!state && (await this.talents.countDocuments({})) === 0 && (await this.counts.countDocuments({})) === 0) return true;
    if (state?.layout !== COUNT_LAYOUT) return false;
    let counted = 0;
    for (const doc of await this.counts.find({ cube: 'all' }).toArray()) for (const cell of Object.values(doc.cells)) counted += cell.n;
    return counted === (await this.talents.countDocuments({}));
  }

  /** Replaces every count document by a tally of `talents` (default: the stored talents). */
  async rebuildCounts(talents?: Iterable<CountedTalent>): Promise<void> {
    const source = talents ?? (await this.talents.find({}, { projection: COUNTED_PROJECTION }).toArray());
    const docs = tallyTalents(source);
    const state: TalentCountDoc = { _id: COUNT_STATE_ID, unit: 'talent', cube: 'state', homeRegion: '', sharing: '', cells: {}, layout: COUNT_LAYOUT };
    await this.counts.deleteMany({});
    for (let i = 0; i < docs.length; i += 1000) await this.counts.bulkWrite(docs.slice(i, i + 1000).map((document) => ({ insertOne: { document } })));
    await this.counts.insertOne(state);
  }

  /** Applies a count change: one upsert per count document touched, `$inc` on its cells. */
  private async applyCounts(delta: CountDelta): Promise<void> {
    if (delta.size === 0) return;
    const operations: AnyBulkWriteOperation<TalentCountDoc>[] = [];
    for (const [_id, doc] of delta) {
      const inc: Record<`cells.${string}`, number> = {};
      for (const [key, cell] of doc.cells) {
        inc[`cells.${key}.n`] = cell.n;
        inc[`cells.${key}.k`] = cell.k;
      }
      operations.push({
        updateOne: {
          filter: { _id },
          update: { $inc: inc, $setOnInsert: { unit: 'talent', cube: doc.cube, homeRegion: doc.homeRegion, sharing: doc.sharing } },
          upsert: true,
        },
      });
    }
    await this.counts.bulkWrite(operations);
  }

  /** Runs `write` after any write to the same talent still in progress. */
  private async inTurn<R>(id: string, write: () => Promise<R>): Promise<R> {
    const previous = this.#writing.get(id) ?? Promise.resolve();
    const mine = previous.then(write, write);
    const settled = mine.catch(() => {});
    this.#writing.set(id, settled);
    try {
      return await mine;
    } finally {
      if (this.#writing.get(id) === settled) this.#writing.delete(id);
    }
  }

  /**
   * The talents with these ids; with `scope` (a caller's `visibilityFilter`) only those it lets the
   * caller see, decided by the store's query, so a talent hidden from the caller is never read for
   * it (its lookup does the same work as an id that does not exist).
   */
  talentsByIds(ids: readonly string[], scope?: Filter<TalentDoc>): Promise<TalentDoc[]> {
    const byId: Filter<TalentDoc> = { _id: { $in: [...ids] } };
    return this.talents.find(scope ? { $and: [byId, scope] } : byId).toArray();
  }

  /** The talents of one province with one of the sharing levels (indexed on homeRegion), for their linkage tokens; only the fields tokens are made of. */
  talentsForLinkage(province: string, sharing: readonly TalentDoc['sharing'][]): Promise<Pick<TalentDoc, LinkageField>[]> {
    return this.talents.find({ homeRegion: province, sharing: { $in: [...sharing] } }, { projection: LINKAGE_PROJECTION, sort: { _id: 1 } }).toArray();
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

  /** Stores a new talent and counts it. */
  /**
   * The counts of a talentStats question from the maintained counts (counts.ts), or null when
   * they cannot answer it (then `talentGroupCounts` does). The same answer as the pipeline: the
   * count documents of the classes the caller may see, plus the pipeline over the few AGREEMENT
   * talents visible through an agreement's disciplines alone.
   */
  async maintainedGroupCounts(q: CountQuestion): Promise<{ groups: TalentGroupCount[]; total: { own: number; others: OthersCount } } | null> {
    const cubes = cubesFor(q);
    if (!cubes) return null;
    const regions = [...new Set(q.grants.map((g) => g.region))];
    const visible: Filter<TalentCountDoc>[] = [{ homeRegion: q.own }, { sharing: 'NATIONAL' }, { homeRegion: { $in: regions }, sharing: 'AGREEMENT' }];
    const read = (cube: string) => this.counts.find({ cube, ...(q.filter.homeRegion ? { homeRegion: q.filter.homeRegion } : {}), $or: visible }).toArray();
    const groupDocs = await read(cubes.groups);
    const totalDocs = cubes.total === cubes.groups ? groupDocs : await read(cubes.total);
    const counted = countFromCells(q, cubes, groupDocs, totalDocs);
    const residual = residualBranches(q);
    if (residual.length > 0) {
      addCounts(counted, await this.talentGroupCounts(this.talentFilter(q.filter, { $or: residual } as Filter<TalentDoc>), q.dimensions, q.own));
    }
    return counted;
  }

  async insertTalent(doc: TalentDoc): Promise<void> {
    await this.inTurn(doc._id, async () => {
      await this.talents.insertOne(doc);
      await this.applyCounts(countDelta(null, doc));
    });
  }

  /** Sets fields of one talent (moving it between counts when a counted field changes); false when no talent has that id. */
  async updateTalent(id: string, set: Partial<TalentDoc>): Promise<boolean> {
    if (!COUNTED_FIELDS.some((field) => field in set)) {
      const result = await this.talents.updateOne({ _id: id }, { $set: set });
      return result.matchedCount === 1;
    }
    return this.inTurn(id, async () => {
      const [before] = await this.talents.find({ _id: id }, { projection: COUNTED_PROJECTION }).toArray();
      const result = await this.talents.updateOne({ _id: id }, { $set: set });
      if (result.matchedCount !== 1 || !before) return false;
      const changed = Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined));
      await this.applyCounts(countDelta(before, { ...before, ...changed }));
      return true;
    });
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
