import type { Document, Filter } from 'mongodb';
import type { PageRequest } from '../../platform/connection.ts';
import { openCollection, seedDocuments } from '../../store/collections.ts';
import type { CollectionPort, DatabasePort, IndexDeclaration } from '../../store/port.ts';
import { regionPrefix } from '../../platform/text.ts';
import type { AwardDoc, ChallengeDoc, ProgramDoc } from './model.ts';

/** Award counts of one programme: all of them, and per category (`null` for awards without one). */
export interface AwardStats {
  total: number;
  byCategory: Map<string | null, number>;
}

// Indexes live beside the queries that need them: awards are looked up by programme (pages,
// target counts) and by talent (Talent.awards); programmes and challenges are listed by kind
// and status (region filters are prefix matches on the code fields).
const PROGRAM_INDEXES: IndexDeclaration[] = [{ keys: { ownerRegion: 1 } }, { keys: { kind: 1 } }];
const AWARD_INDEXES: IndexDeclaration[] = [{ keys: { programId: 1 } }, { keys: { talentId: 1 } }];
const CHALLENGE_INDEXES: IndexDeclaration[] = [{ keys: { regionCode: 1 } }, { keys: { status: 1 } }];

/** The projects subgraph's only door to storage. */
export class ProjectsStore {
  private constructor(
    private readonly programs: CollectionPort<ProgramDoc>,
    private readonly awards: CollectionPort<AwardDoc>,
    private readonly challenges: CollectionPort<ChallengeDoc>,
  ) {}

  /** Opens the collections and creates their indexes. */
  static async open(db: DatabasePort): Promise<ProjectsStore> {
    return new ProjectsStore(
      await openCollection<ProgramDoc>(db, 'programs', PROGRAM_INDEXES),
      await openCollection<AwardDoc>(db, 'awards', AWARD_INDEXES),
      await openCollection<ChallengeDoc>(db, 'challenges', CHALLENGE_INDEXES),
    );
  }

  /** Upserts seed documents by id: running it twice changes nothing. */
  async seed(data: { programs: ProgramDoc[]; awards: AwardDoc[]; challenges: ChallengeDoc[] }): Promise<void> {
    await seedDocuments(this.programs, data.programs);
    await seedDocuments(this.awards, data.awards);
    await seedDocuments(this.challenges, data.challenges);
  }

  // ---- programmes ----------------------------------------------------------------------------

  programsByIds(ids: readonly string[]): Promise<ProgramDoc[]> {
    return this.programs.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Programmes owned at or under a region (by GB/T 2260 prefix), optionally of one kind, in id order. */
  listPrograms(options: { region?: string | null; kind?: string | null }): Promise<ProgramDoc[]> {
    const filter: Document = {};
    if (options.region) filter.ownerRegion = { $regex: `^${regionPrefix(options.region)}` };
    if (options.kind) filter.kind = options.kind;
    return this.programs.find(filter as Filter<ProgramDoc>, { sort: { _id: 1 } }).toArray();
  }

  async insertProgram(doc: ProgramDoc): Promise<void> {
    await this.programs.insertOne(doc);
  }

  // ---- awards --------------------------------------------------------------------------------

  awardsByIds(ids: readonly string[]): Promise<AwardDoc[]> {
    return this.awards.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Awards of many talents in one query, most recent year first (then id order). */
  awardsByTalentIds(talentIds: readonly string[]): Promise<AwardDoc[]> {
    return this.awards.find({ talentId: { $in: [...talentIds] } }, { sort: { year: -1, _id: 1 } }).toArray();
  }

  /**
   * One page of awards (id order) for each programme, in a single aggregation (`$facet` per
   * programme), so a list of programmes with their awards costs one store call.
   */
  async awardPages(programIds: readonly string[], page: PageRequest): Promise<Map<string, AwardDoc[]>> {
    const facets: Record<string, Document[]> = {};
    programIds.forEach((id, i) => {
      const match: Document = { programId: id };
      if (page.afterKey) match._id = { $gt: page.afterKey };
      facets[`p${i}`] = [{ $match: match }, { $sort: { _id: 1 } }, { $limit: page.first + 1 }];
    });
    const [result] = await this.awards.aggregate<Record<string, AwardDoc[]>>([{ $match: { programId: { $in: [...programIds] } } }, { $facet: facets }]).toArray();
    return new Map(programIds.map((id, i) => [id, result?.[`p${i}`] ?? []]));
  }

  /**
   * Award counts per programme and category for many programmes in one aggregation: what
   * targets' `achieved` and the award connections' `totalCount` are computed from.
   */
  async awardStats(programIds: readonly string[]): Promise<Map<string, AwardStats>> {
    const rows = await this.awards
      .aggregate<{ _id: { programId: string; category: string | null }; n: number }>([
        { $match: { programId: { $in: [...programIds] } } },
        { $group: { _id: { programId: '$programId', category: '$category' }, n: { $sum: 1 } } },
      ])
      .toArray();
    const stats = new Map<string, AwardStats>();
    for (const { _id, n } of rows) {
      let s = stats.get(_id.programId);
      if (!s) stats.set(_id.programId, (s = { total: 0, byCategory: new Map() }));
      s.total += n;
      // A missing category groups as null in MongoDB and may be absent here.
      const category = _id.category ?? null;
      s.byCategory.set(category, (s.byCategory.get(category) ?? 0) + n);
    }
    return stats;
  }

  async insertAward(doc: AwardDoc): Promise<void> {
    await this.awards.insertOne(doc);
  }

  // ---- challenges ----------------------------------------------------------------------------

  challengesByIds(ids: readonly string[]): Promise<ChallengeDoc[]> {
    return this.challenges.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Challenges published at or under a region (by GB/T 2260 prefix), optionally in one status, earliest deadline first. */
  listChallenges(options: { region?: string | null; status?: string | null }): Promise<ChallengeDoc[]> {
    const filter: Document = {};
    if (options.region) filter.regionCode = { $regex: `^${regionPrefix(options.region)}` };
    if (options.status) filter.status = options.status;
    return this.challenges.find(filter as Filter<ChallengeDoc>, { sort: { deadline: 1, _id: 1 } }).toArray();
  }

  async insertChallenge(doc: ChallengeDoc): Promise<void> {
    await this.challenges.insertOne(doc);
  }
}
