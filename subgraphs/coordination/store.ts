import type { Document, Filter } from 'mongodb';
import type { PageRequest } from '../../platform/connection.ts';
import { openCollection, seedDocuments } from '../../store/collections.ts';
import type { CollectionPort, DatabasePort, IndexDeclaration } from '../../store/port.ts';
import { RECORD_KEY_MODULUS } from '../../platform/disclosure.ts';
import { regionPrefix } from '../../platform/text.ts';
import { LinkageStore } from './linkage-store.ts';
import type { AgreementDoc, EngagementDoc, RegionDoc } from './model.ts';

/** What `engagements(...)` asks for, already validated. */
export interface EngagementQuery {
  hostRegion?: string | null;
  homeRegion?: string | null;
  kind?: string | null;
  /** Engagements active at some time in the period: started by its end and not ended before its start. */
  period?: { start: string; end: string } | null;
}

/** Engagements counted per home province, host province and (unless counted together) kind. */
export interface FlowCount {
  from: string;
  to: string;
  /** Null when the kinds are counted together. */
  kind: EngagementDoc['kind'] | null;
  count: number;
  /** The sum of the engagements' record keys: which engagements these are, for the rounding draw. */
  fingerprint: number;
}

/**
 * An engagement's record key for disclosure control: its start day as the number YYYYMMDD (never
 * changed), computed in the pipeline so flows are fingerprinted without reading engagements out.
 */
const ENGAGEMENT_RECORD_KEY: Document = {
  $mod: [{ $toInt: { $concat: [{ $substrCP: ['$start', 0, 4] }, { $substrCP: ['$start', 5, 2] }, { $substrCP: ['$start', 8, 2] }] } }, RECORD_KEY_MODULUS],
};

// Indexes live beside the queries that need them: `regions(parent:)` and Region.children ask by
// parentCode, `regions(level:)` by level; Region.agreements asks by party; engagements are asked
// for by talent (Talent.engagements) and filtered by host, home and kind, all indexed equalities
// or `$in`s so pages and counts do not grow with the number of engagements.
const REGION_INDEXES: IndexDeclaration[] = [{ keys: { parentCode: 1 } }, { keys: { level: 1 } }];
const AGREEMENT_INDEXES: IndexDeclaration[] = [{ keys: { partyCodes: 1 } }];
const ENGAGEMENT_INDEXES: IndexDeclaration[] = [
  { keys: { talentId: 1 } },
  { keys: { hostRegion: 1 } },
  { keys: { homeRegion: 1 } },
  { keys: { kind: 1 } },
  // Rows of other provinces' engagements are listed to the parties of the agreement they are under.
  { keys: { agreementId: 1 } },
];

/** Agreements are listed in signing order; the id breaks ties so the order is total. */
const AGREEMENT_ORDER = { signedOn: 1, _id: 1 } as const;

/**
 * The store filter of "in force on `date`": ratified by every party province (state RATIFIED),
 * suspended by none, not terminated, and `date` within its dates (YYYY-MM-DD strings sort as
 * dates). The same rule as `inForceOn` in lifecycle.ts. A document without a state matches
 * nothing: it grants nothing.
 */
function inForceFilter(date: string): Document {
  return { state: 'RATIFIED', suspendedBy: { $size: 0 }, signedOn: { $lte: date }, $or: [{ validUntil: null }, { validUntil: { $gte: date } }] };
}

/** The GB/T 2260 codes strictly above a region by code structure: 510104 -> 510100, 510000. */
function codesAbove(code: string): string[] {
  const above: string[] = [];
  if (!code.endsWith('00')) above.push(`${code.slice(0, 4)}00`);
  if (!code.endsWith('0000')) above.push(`${code.slice(0, 2)}0000`);
  return above;
}

/** The coordination subgraph's only door to storage. */
export class CoordinationStore {
  readonly #agreementLocks = new Map<string, Promise<void>>();
  /** Link candidates and confirmed links (issue 17), kept apart in linkage-store.ts. */
  links!: LinkageStore;

  private constructor(
    private readonly regions: CollectionPort<RegionDoc>,
    private readonly agreements: CollectionPort<AgreementDoc>,
    private readonly engagements: CollectionPort<EngagementDoc>,
  ) {}

  /** Opens the collections and creates their indexes. */
  static async open(db: DatabasePort): Promise<CoordinationStore> {
    const store = new CoordinationStore(
      await openCollection<RegionDoc>(db, 'regions', REGION_INDEXES),
      await openCollection<AgreementDoc>(db, 'agreements', AGREEMENT_INDEXES),
      await openCollection<EngagementDoc>(db, 'engagements', ENGAGEMENT_INDEXES),
    );
    store.links = await LinkageStore.open(db);
    await store.#proposeLegacyAgreements();
    return store;
  }

  /**
   * Agreements stored before the lifecycle existed (by a data directory or database kept from an
   * older hub) carry no record of who ratified them: any one party could have written them. They
   * become proposals that every party province must ratify before they grant anything again
   * (fail closed), with their terms kept. Idempotent; costs one query when there are none.
   */
  async #proposeLegacyAgreements(): Promise<void> {
    const legacy = await this.agreements.find({ state: { $exists: false } } as Filter<AgreementDoc>).toArray();
    if (!legacy.length) return;
    await this.agreements.bulkWrite(
      legacy.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id, state: { $exists: false } } as Filter<AgreementDoc>,
          update: { $set: { state: 'PROPOSED', version: 1, ratifications: [], pendingAmendment: null, suspendedBy: [], history: [], revision: 0 } },
        },
      })),
    );
  }

  /** Upserts seed documents by id: running it twice changes nothing. */
  async seed(data: { regions: RegionDoc[]; agreements: AgreementDoc[]; engagements: EngagementDoc[] }): Promise<void> {
    await seedDocuments(this.regions, data.regions);
    await seedDocuments(this.agreements, data.agreements);
    await seedDocuments(this.engagements, data.engagements);
  }

  // ---- regions ----------------------------------------------------------------------------

  regionsByCodes(codes: readonly string[]): Promise<RegionDoc[]> {
    return this.regions.find({ _id: { $in: [...codes] } }).toArray();
  }

  /** Regions of one level and/or directly under one parent, in code order. */
  listRegions(options: { level?: string | null; parent?: string | null }): Promise<RegionDoc[]> {
    const filter: Document = {};
    if (options.level) filter.level = options.level;
    if (options.parent) filter.parentCode = options.parent;
    return this.regions.find(filter as Filter<RegionDoc>, { sort: { _id: 1 } }).toArray();
  }

  /** The regions directly under any of `parentCodes`, in code order. */
  childrenOf(parentCodes: readonly string[]): Promise<RegionDoc[]> {
    return this.regions.find({ parentCode: { $in: [...parentCodes] } }, { sort: { _id: 1 } }).toArray();
  }

  /**
   * The code of a region and of every stored region under it (by GB/T 2260 prefix), so filters
   * "at or under" become an indexed `$in`. A county has nothing under it and costs no store call.
   */
  async regionCodesAtOrUnder(code: string): Promise<string[]> {
    const prefix = regionPrefix(code);
    if (prefix === code) return [code];
    const under = await this.regions.find({ _id: { $regex: `^${prefix}` } }, { projection: { _id: 1 } }).toArray();
    return [...new Set([code, ...under.map((r) => r._id)])];
  }

  /** The codes of every stored region strictly under `code` (prefectures and counties), in code order. */
  async regionCodesUnder(code: string): Promise<string[]> {
    const prefix = regionPrefix(code);
    if (prefix === code) return [];
    const under = await this.regions.find({ _id: { $regex: `^${prefix}` } }, { projection: { _id: 1 }, sort: { _id: 1 } }).toArray();
    return under.map((r) => r._id).filter((c) => c !== code);
  }

  // ---- agreements -------------------------------------------------------------------------

  agreementsByIds(ids: readonly string[]): Promise<AgreementDoc[]> {
    return this.agreements.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Agreements any of `codes` is itself a party to, in signing order. */
  agreementsOfParties(codes: readonly string[]): Promise<AgreementDoc[]> {
    return this.agreements.find({ partyCodes: { $in: [...codes] } }, { sort: AGREEMENT_ORDER }).toArray();
  }

  /**
   * Agreements in signing order. `region`: a party is the region, under it or above it (their
   * territories overlap). `inForce` with `today`: in force on that date (true) or not (false).
   */
  listAgreements(options: { region?: string | null; inForce?: boolean | null; today: string }): Promise<AgreementDoc[]> {
    const clauses: Document[] = [];
    if (options.region) {
      const prefix = regionPrefix(options.region);
      const overlap: Document[] = [{ partyCodes: { $in: [options.region, ...codesAbove(options.region)] } }];
      if (prefix !== options.region) overlap.push({ partyCodes: { $regex: `^${prefix}` } });
      clauses.push({ $or: overlap });
    }
    if (options.inForce === true) clauses.push(inForceFilter(options.today));
    if (options.inForce === false) clauses.push({ $nor: [inForceFilter(options.today)] });
    const filter = clauses.length ? { $and: clauses } : {};
    return this.agreements.find(filter as Filter<AgreementDoc>, { sort: AGREEMENT_ORDER }).toArray();
  }

  /**
   * Agreements in force on `date` with a party in each of two provinces (a party counts for its
   * province: 510100 for 510000), in signing order. The same province twice asks for one.
   */
  agreementsBetweenProvinces(provinceA: string, provinceB: string, date: string): Promise<AgreementDoc[]> {
    const provinces = [...new Set([provinceA, provinceB])];
    const filter: Document = {
      $and: [...provinces.map((p) => ({ partyCodes: { $regex: `^${p.slice(0, 2)}` } })), inForceFilter(date)],
    };
    return this.agreements.find(filter as Filter<AgreementDoc>, { sort: AGREEMENT_ORDER }).toArray();
  }

  async insertAgreement(doc: AgreementDoc): Promise<void> {
    await this.agreements.insertOne(doc);
  }

  /** One agreement read from the store itself (not a request's loader cache), for a change. */
  async agreementForChange(id: string): Promise<AgreementDoc | null> {
    const [doc] = await this.agreements.find({ _id: id }, { limit: 1 }).toArray();
    return doc ?? null;
  }

  /**
   * Writes the next state of an agreement only if nobody changed it since `expectedRevision`
   * was read (optimistic concurrency across processes sharing one MongoDB). Returns false when
   * someone did; nothing is written then.
   */
  async replaceAgreementIf(expectedRevision: number, next: AgreementDoc): Promise<boolean> {
    const { _id, ...fields } = next;
    const result = await this.agreements.updateOne({ _id, revision: expectedRevision } as Filter<AgreementDoc>, { $set: { ...fields, revision: expectedRevision + 1 } });
    return result.matchedCount === 1;
  }

  /**
   * Runs the changes of one agreement one after another in this process, so two requests on the
   * same agreement (a ratification and a termination) do not both decide from the same state.
   */
  withAgreementLock<T>(id: string, change: () => Promise<T>): Promise<T> {
    const previous = this.#agreementLocks.get(id) ?? Promise.resolve();
    const run = previous.then(change, change);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.#agreementLocks.set(id, tail);
    void tail.then(() => {
      if (this.#agreementLocks.get(id) === tail) this.#agreementLocks.delete(id);
    });
    return run;
  }

  // ---- engagements ------------------------------------------------------------------------

  engagementsByIds(ids: readonly string[]): Promise<EngagementDoc[]> {
    return this.engagements.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Engagements of many talents in one query, latest start first (id breaks ties). */
  engagementsOfTalents(talentIds: readonly string[]): Promise<EngagementDoc[]> {
    return this.engagements.find({ talentId: { $in: [...talentIds] } }, { sort: { start: -1, _id: 1 } }).toArray();
  }

  /**
   * Builds the store filter for an engagement query. Regions mean "at or under": the codes are
   * expanded over the region tree first (see `regionCodesAtOrUnder`), so the filter stays an
   * indexed `$in`.
   */
  async engagementFilter(query: EngagementQuery): Promise<Filter<EngagementDoc>> {
    const filter: Document = {};
    const [host, home] = await Promise.all([
      query.hostRegion ? this.regionCodesAtOrUnder(query.hostRegion) : null,
      query.homeRegion ? this.regionCodesAtOrUnder(query.homeRegion) : null,
    ]);
    if (host) filter.hostRegion = host.length === 1 ? host[0] : { $in: host };
    if (home) filter.homeRegion = home.length === 1 ? home[0] : { $in: home };
    if (query.kind) filter.kind = query.kind;
    if (query.period) {
      // Dates are YYYY-MM-DD strings, which sort as dates.
      filter.start = { $lte: query.period.end };
      filter.$or = [{ end: null }, { end: { $gte: query.period.start } }];
    }
    return filter as Filter<EngagementDoc>;
  }

  /**
   * Engagements matching `filter` counted per home province, host province (a host prefecture or
   * county counts for its province) and, with `byKind`, kind: one aggregation pipeline in the
   * store, largest first.
   */
  async flowCounts(filter: Filter<EngagementDoc>, byKind: boolean): Promise<FlowCount[]> {
    const province = (field: string) => ({ $concat: [{ $substrCP: [`$${field}`, 0, 2] }, '0000'] });
    const key: Document = { from: province('homeRegion'), to: province('hostRegion') };
    if (byKind) key.kind = '$kind';
    const rows = await this.engagements
      .aggregate<{ _id: { from: string; to: string; kind?: EngagementDoc['kind'] }; n: number; k: number }>([
        { $match: filter },
        { $group: { _id: key, n: { $sum: 1 }, k: { $sum: ENGAGEMENT_RECORD_KEY } } },
      ])
      .toArray();
    return rows
      .map((r) => ({ from: r._id.from, to: r._id.to, kind: r._id.kind ?? null, count: r.n, fingerprint: Number(r.k) }))
      .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || (a.kind ?? '').localeCompare(b.kind ?? ''));
  }

  /**
   * The engagements a province may see as rows: those whose talent's home or whose host is at or
   * under the province, and those made under an agreement in force today that has a party in it.
   * Each branch is an indexed `$in`.
   */
  async engagementsShownTo(province: string, today: string): Promise<{ filter: Filter<EngagementDoc>; agreementIds: Set<string> }> {
    const [codes, agreements] = await Promise.all([this.regionCodesAtOrUnder(province), this.listAgreements({ region: province, inForce: true, today })]);
    const agreementIds = new Set(agreements.map((a) => a._id));
    const filter: Document = {
      $or: [{ homeRegion: { $in: codes } }, { hostRegion: { $in: codes } }, { agreementId: { $in: [...agreementIds] } }],
    };
    return { filter: filter as Filter<EngagementDoc>, agreementIds };
  }

  /** One page in id order: `first + 1` rows so the caller learns whether there is a next page. */
  findEngagements(filter: Filter<EngagementDoc>, page: PageRequest): Promise<EngagementDoc[]> {
    const paged = page.afterKey ? ({ ...filter, _id: { $gt: page.afterKey } } as Filter<EngagementDoc>) : filter;
    return this.engagements.find(paged, { sort: { _id: 1 }, limit: page.first + 1 }).toArray();
  }

  countEngagements(filter: Filter<EngagementDoc>): Promise<number> {
    return this.engagements.countDocuments(filter);
  }

  async insertEngagement(doc: EngagementDoc): Promise<void> {
    await this.engagements.insertOne(doc);
  }
}
