import type { FieldOutcome, LinkEvidence } from './contract.ts';

/**
 * The Fellegi–Sunter model (Fellegi & Sunter, "A Theory for Record Linkage", JASA 1969): each pair of
 * records is a comparison vector, one outcome per field; m is the probability of an outcome among
 * pairs of the same person, u among pairs of different people; an outcome adds log2(m/u) to the
 * score (for a two-outcome field these are the classic log2(m/u) and log2((1-m)/(1-u))). A MISSING
 * field adds nothing. m, u and the share of matches are estimated by expectation-maximisation
 * (Winkler 1988) over the compared pairs, assuming fields independent given match status; u starts
 * from random pairs, which are almost all of different people. A score is the log2 posterior odds:
 * the prior odds of a random pair plus every field's weight.
 */

export type Field = LinkEvidence['field'];
export const FIELDS: readonly Field[] = ['residentId', 'name', 'birthYear', 'gender', 'organisation', 'disciplines'];
/** Outcome codes 0..3, in this order; a comparison vector packs one per field, 2 bits each. */
export const OUTCOMES: readonly FieldOutcome[] = ['AGREE', 'PARTIAL', 'DISAGREE', 'MISSING'];
export const MISSING = 3;
/** Number of distinct comparison vectors (4 outcomes ^ 6 fields). */
export const PATTERNS = 4 ** FIELDS.length;

/** One field's estimates: probabilities of AGREE, PARTIAL, DISAGREE among matches (m) and non-matches (u), and the log2 weights. */
export interface FieldEstimate {
  m: Record<Exclude<FieldOutcome, 'MISSING'>, number>;
  u: Record<Exclude<FieldOutcome, 'MISSING'>, number>;
  weight: Record<FieldOutcome, number>;
}

/** The estimated model: what the scores mean. */
export interface LinkageModel {
  fields: Record<Field, FieldEstimate>;
  /** log2 of the prior odds that a random pair of the two sides is a match: every score starts from it. */
  priorLog2: number;
  /** Estimated share of matches among all left × right pairs. */
  matchShare: number;
  iterations: number;
  /** The score of a pair agreeing on every field: what an identity-number match scores. */
  maxScore: number;
}

/** The outcome of field `f` (index into FIELDS) in a packed comparison vector. */
export function outcomeOf(pattern: number, f: number): number {
  return (pattern >> (2 * f)) & 3;
}

const FLOOR = 1e-6;

/** Frequencies of the three non-missing outcomes per field over `counts` (pattern histogram), with a floor. */
export function frequencies(counts: Float64Array, weightOf: (pattern: number) => number): number[][] {
  const out = FIELDS.map(() => [FLOOR, FLOOR, FLOOR]);
  for (let p = 0; p < PATTERNS; p++) {
    const n = (counts[p] as number) * weightOf(p);
    if (n === 0) continue;
    for (let f = 0; f < FIELDS.length; f++) {
      const o = outcomeOf(p, f);
      if (o !== MISSING) (out[f] as number[])[o] = ((out[f] as number[])[o] as number) + n;
    }
  }
  return out.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((x) => x / total);
  });
}

/** EM over the pairs `select` keeps, with u fixed and the fields in `exclude` left out of the likelihood. */
function session(counts: Float64Array, u: number[][], m0: number[][], select: (p: number) => boolean, exclude: ReadonlySet<number>, maxIterations: number) {
  // Where both records carry a valid identity number it settles the question: equal numbers are the
  // same person; numbers sharing no part (region+date, date+sequence, region+sequence) are not, while a
  // typo leaves a part equal (PARTIAL). Those pairs anchor EM: their posterior is fixed.
  const known = (p: number) => (exclude.has(0) ? -1 : outcomeOf(p, 0) === 0 ? 1 : outcomeOf(p, 0) === 2 ? 0 : -1);
  let m = m0.map((row) => [...row]);
  let share = 0.1;
  let total = 0;
  const posterior = new Float64Array(PATTERNS);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let matched = 0;
    total = 0;
    for (let p = 0; p < PATTERNS; p++) {
      const n = counts[p] as number;
      if (n === 0 || !select(p)) continue;
      let lm = share;
      let lu = 1 - share;
      for (let f = 0; f < FIELDS.length; f++) {
        const o = outcomeOf(p, f);
        if (o === MISSING || exclude.has(f)) continue;
        lm *= (m[f] as number[])[o] as number;
        lu *= (u[f] as number[])[o] as number;
      }
      const fixed = known(p);
      const g = fixed >= 0 ? fixed : lm / (lm + lu);
      posterior[p] = g;
      matched += n * g;
      total += n;
    }
    const next = Math.min(Math.max(matched / Math.max(total, 1), FLOOR), 1 - FLOOR);
    const nextM = frequencies(counts, (p) => (select(p) ? (posterior[p] as number) : 0));
    const delta = Math.abs(next - share) + nextM.flat().reduce((a, x, i) => a + Math.abs(x - (m.flat()[i] as number)), 0);
    share = next;
    m = nextM;
    if (delta < 1e-7) break;
  }
  return { m, share, pairs: total, iterations };
}

/**
 * Estimates m by EM and the prior share of matches; u is given (from random pairs, which are almost
 * all of different people, and exact agreement frequencies). The compared pairs were chosen by
 * blocking, so within them a field used to choose them says little: as in Splink's EM sessions, m is
 * estimated over the pairs agreeing on a name form with the name left out; the name's m comes from
 * the identity-number matches (known matches, found whatever their names). The prior odds of a random pair being a match come from that EM's
 * match count over the pairs that agree on a name, scaled up by the share of matches that do.
 *
 * @param counts pairs per packed comparison vector (length {@link PATTERNS}) of the blocked pairs.
 * @param u per field, the probabilities of AGREE, PARTIAL, DISAGREE among non-matches.
 * @param allPairs left × right: the number of pairs the prior is over.
 */
export function estimateModel(counts: Float64Array, u: number[][], allPairs: number, maxIterations = 60): LinkageModel {
  const identity = counts.some((n, p) => n > 0 && outcomeOf(p, 0) === 0);
  const m0 = identity ? frequencies(counts, (p) => (outcomeOf(p, 0) === 0 ? 1 : 0)) : FIELDS.map(() => [0.9, 0.05, 0.05]);
  m0[0] = [0.9, 0.08, 0.02];
  const NAME = 1;
  const byName = session(counts, u, m0, (p) => outcomeOf(p, NAME) <= 1, new Set([NAME]), maxIterations);
  const m = byName.m.map((row) => [...row]);
  // How often a match's names differ cannot be learnt from pairs blocked by name: the identity-number
  // matches (found by the number, whatever the names) say it.
  m[NAME] = m0[NAME] as number[];
  const nameRecall = Math.max(((m[NAME] as number[])[0] as number) + ((m[NAME] as number[])[1] as number), 0.5);
  const matches = Math.max((byName.share * byName.pairs) / nameRecall, 1);
  const priorLog2 = Math.log2(matches / Math.max(allPairs - matches, 1));

  const fields = {} as Record<Field, FieldEstimate>;
  let maxScore = priorLog2;
  FIELDS.forEach((field, f) => {
    const mf = m[f] as number[];
    const uf = u[f] as number[];
    const w = (o: number) => Math.log2(Math.max(mf[o] as number, FLOOR) / Math.max(uf[o] as number, FLOOR));
    fields[field] = {
      m: { AGREE: mf[0] as number, PARTIAL: mf[1] as number, DISAGREE: mf[2] as number },
      u: { AGREE: uf[0] as number, PARTIAL: uf[1] as number, DISAGREE: uf[2] as number },
      weight: { AGREE: w(0), PARTIAL: w(1), DISAGREE: w(2), MISSING: 0 },
    };
    maxScore += Math.max(w(0), w(1), w(2), 0);
  });
  return { fields, priorLog2, matchShare: matches / allPairs, iterations: byName.iterations, maxScore };
}

/** Score of each packed comparison vector under the model. */
export function patternScores(model: LinkageModel): Float64Array {
  const scores = new Float64Array(PATTERNS);
  for (let p = 0; p < PATTERNS; p++) {
    let s = model.priorLog2;
    FIELDS.forEach((field, f) => {
      s += model.fields[field].weight[OUTCOMES[outcomeOf(p, f)] as FieldOutcome];
    });
    scores[p] = s;
  }
  return scores;
}

/**
 * The evidence of a comparison vector: each field's outcome and the weight it added, with the
 * term-frequency adjustments of the name and the organisation (match.ts) included.
 */
export function evidenceOf(model: LinkageModel, pattern: number, adjust: readonly [name: number, organisation: number] = [0, 0]): LinkEvidence[] {
  return FIELDS.map((field, f) => {
    const outcome = OUTCOMES[outcomeOf(pattern, f)] as FieldOutcome;
    const extra = field === 'name' ? adjust[0] : field === 'organisation' ? adjust[1] : 0;
    return { field, outcome, weight: Math.round((model.fields[field].weight[outcome] + extra) * 100) / 100 };
  });
}
