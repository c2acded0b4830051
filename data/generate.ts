import type { AgreementDoc, EngagementDoc, RegionDoc } from '../subgraphs/coordination/model.ts';
import type { DisciplineDoc, ExpertPoolDoc, TalentDoc } from '../subgraphs/experts/model.ts';
import type { AwardDoc, ChallengeDoc, ProgramDoc } from '../subgraphs/projects/model.ts';
import { AGREEMENTS } from './agreements.ts';
import { generateAwards } from './awards.ts';
import { CHALLENGES } from './challenges.ts';
import { regionContext } from './context.ts';
import { loadDisciplines } from './disciplines.ts';
import { applyGoldStandard, assignResidentIds } from './linkage.ts';
import { generateEngagements } from './engagements.ts';
import { buildPools, poolTables } from './pools.ts';
import { buildPrograms } from './programmes.ts';
import { loadRegions } from './regions.ts';
import { generateTalents } from './talents.ts';
import { validateDataset } from './validate.ts';

/**
 * Synthetic seed data for the talent federation hub. Every person is invented; regions,
 * disciplines, institutions, programmes and agreements carry real names so the data reads
 * like real talent work in China. See data/README.md.
 */

/** All stored documents, grouped by the subgraph that owns them. */
export type Dataset = {
  experts: { talents: TalentDoc[]; pools: ExpertPoolDoc[]; disciplines: DisciplineDoc[] };
  projects: { programs: ProgramDoc[]; awards: AwardDoc[]; challenges: ChallengeDoc[] };
  coordination: { regions: RegionDoc[]; agreements: AgreementDoc[]; engagements: EngagementDoc[] };
};

export interface GenerateOptions {
  /** Number of talents, 0..1,000,000 (ids are `T-<province>-<serial>`, six digits up to 999999). */
  talents: number;
  /** Any integer; the same (talents, seed, now) always gives the same dataset. */
  seed: number;
  /** Reference "current" time for timestamps and statuses; default 2026-11-01T00:00:00Z. */
  now?: Date;
  /** Also run {@link validateDataset} and throw on any problem (slow at 100k: off by default). */
  validate?: boolean;
}

/** The reference time used when no `now` is given: generation never reads the real clock. */
export const DEFAULT_NOW_ISO = '2026-11-01T00:00:00Z';

/**
 * Generate the whole synthetic dataset. Deterministic: the same (talents, seed, now) gives
 * deep-equal output in every call and every process, so subgraphs that generate it
 * independently agree on ids. Never reads Math.random or the clock.
 *
 * @throws RangeError when `talents` is not an integer in 0..999999 or `now` is invalid;
 *   Error when `validate` is set and a document fails its schema or a reference dangles.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  const { talents: count, seed } = options;
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
    throw new RangeError(`talents must be an integer in 0..1000000, got ${count}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const nowMs = (options.now ?? new Date(DEFAULT_NOW_ISO)).getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is an invalid Date');

  const ctx = regionContext();
  const pools = buildPools(ctx);
  const poolsByProvinceSector = poolTables(ctx, pools);

  const { talents, index } = generateTalents(count, seed, nowMs, ctx, poolsByProvinceSector);
  // Identity numbers, then the linkage gold standard (people recorded in two provinces; data/linkage.ts).
  assignResidentIds(talents, seed, ctx);
  applyGoldStandard(talents, seed);
  const specs = buildPrograms();
  const dataset: Dataset = {
    experts: { talents, pools, disciplines: loadDisciplines() },
    projects: {
      programs: specs.map((s) => s.doc),
      awards: generateAwards(specs, talents, index, ctx, seed, nowMs),
      challenges: CHALLENGES.map((c) => ({ ...c })),
    },
    coordination: {
      regions: loadRegions(),
      agreements: structuredClone(AGREEMENTS as AgreementDoc[]),
      engagements: generateEngagements(talents, index, ctx, seed, nowMs),
    },
  };
  if (options.validate) {
    const problems = validateDataset(dataset);
    if (problems.length > 0) {
      throw new Error(`generated dataset is invalid (${problems.length} problems):\n${problems.slice(0, 20).join('\n')}`);
    }
  }
  return dataset;
}
