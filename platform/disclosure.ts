import { createHmac } from 'node:crypto';

/**
 * Statistical disclosure control for the aggregates (`talentStats`, `talentFlows`), shared by the
 * subgraphs that count people: no answer, alone or combined with others, may single out a person
 * among another province's records. Three rules (README, "Privacy: what an aggregate can tell"):
 *
 * 1. **Own records exact.** The part of a count made of the caller's own province's records is its
 *    own data and is published exactly.
 * 2. **Small and empty look the same.** Fewer than `minGroup` records of other provinces (none
 *    included) are never published. A cell with records of the caller's own province is shown with
 *    `suppressed: true` and only its own part; a cell without any is left out of the answer, like
 *    an empty one. So neither a cell's value nor its presence tells "none" from "a few".
 * 3. **Consistent random rounding (CRR).** Every other published part is rounded to a multiple of
 *    `roundingBase`: a count `x = q·b + r` becomes `(q+1)·b` with probability `r/b`, else `q·b`, so
 *    the rounding is unbiased and never off by a base or more. The draw is not random per request:
 *    it is HMAC-SHA256 keyed by `key` (HUB_STATS_KEY, outside the database) over the domain, the
 *    count and a fingerprint of *which* records form the cell (a sum of per-record keys computed
 *    by the store, as in the ABS cell-key method). So asking twice, or asking for the same set of
 *    records through another query (a margin, another filter or grouping, another period that
 *    selects the same engagements), gives the same answer and nothing can be averaged away;
 *    totals and margins are rounded independently of their cells, so subtracting published cells
 *    from a published total leaves an error of up to ± (base − 1) per term.
 */

/** Default of HUB_STATS_ROUNDING_BASE. */
export const DEFAULT_STATS_ROUNDING_BASE = 5;

/** Default of HUB_STATS_KEY (development only: documented, hence public; set a real one in production). */
export const DEVELOPMENT_STATS_KEY = 'talent-hub-development-stats-key-do-not-use-in-production';

/**
 * Per-record keys are an immutable number of the record modulo this prime, so the sum over up to
 * a million records stays far below 2^53 and is exact (and thus the same) in any summation order.
 */
export const RECORD_KEY_MODULUS = 1_000_003;

/** How aggregates protect other provinces' records (HUB_STATS_MIN_GROUP, HUB_STATS_ROUNDING_BASE, HUB_STATS_KEY). */
export interface DisclosureSettings {
  minGroup: number;
  roundingBase: number;
  key: string;
}

/** The rounding part of the settings, as the subgraph runner hands it to every context. */
export type StatsRounding = Pick<DisclosureSettings, 'roundingBase' | 'key'>;

/** The development defaults of the rounding settings. */
export const DEFAULT_STATS_ROUNDING: StatsRounding = { roundingBase: DEFAULT_STATS_ROUNDING_BASE, key: DEVELOPMENT_STATS_KEY };

/** Which kind of records a count counts; separates the draws of talent and engagement counts. */
export type RecordDomain = 'talents' | 'engagements';

/** Other provinces' records behind one count: how many, and the sum of their record keys (which ones). */
export interface OthersCount {
  n: number;
  fingerprint: number;
}

/** One cell (or total) before disclosure control. */
export interface CountCell {
  /** Records of the caller's own province (published exactly). */
  own: number;
  others: OthersCount;
  /**
   * True when the question itself rules out other provinces' records (the cell is the caller's own
   * province, or a flow with the caller's province at one end): then there is nothing to hide.
   */
  ownOnly: boolean;
}

/** What may be published of a cell: its count (null when suppressed) and whether it is suppressed. */
export interface PublishedCount {
  count: number | null;
  suppressed: boolean;
}

/** The rounding draw in [0, 1) for a count: keyed by the secret, the domain, the count and which records form it. */
export function roundingDraw(key: string, domain: RecordDomain, others: OthersCount): number {
  const digest = createHmac('sha256', key).update(`${domain}\n${others.n}\n${others.fingerprint}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * Consistent random rounding of `others.n` to a multiple of `settings.roundingBase` (see the
 * module comment): exact multiples stay, the rest go up with probability remainder/base.
 */
export function roundCount(others: OthersCount, domain: RecordDomain, settings: Pick<DisclosureSettings, 'roundingBase' | 'key'>): number {
  const base = settings.roundingBase;
  const remainder = others.n % base;
  const down = others.n - remainder;
  if (remainder === 0) return down;
  return roundingDraw(settings.key, domain, others) < remainder / base ? down + base : down;
}

/**
 * Applies the three rules to one cell: the published count and flag, or null when the cell must be
 * left out of the answer (nothing of the caller's own and too few, maybe no, records of others).
 */
export function discloseCount(cell: CountCell, domain: RecordDomain, settings: DisclosureSettings): PublishedCount | null {
  // A cell that cannot hold other provinces' records is all the caller's own: exact. (Should the
  // store disagree, the records are treated as others', never published exactly.)
  if (cell.ownOnly && cell.others.n === 0) return { count: cell.own, suppressed: false };
  if (cell.others.n >= settings.minGroup) return { count: cell.own + roundCount(cell.others, domain, settings), suppressed: false };
  return cell.own > 0 ? { count: null, suppressed: true } : null;
}
