import type { LinkageThresholds, LinkageTokens, LinkBand, LinkCandidate } from './contract.ts';
import { blockPairs, type Prepared } from './blocking.ts';
import { estimateModel, evidenceOf, frequencies, type LinkageModel, MISSING, PATTERNS, patternScores } from './model.ts';

/**
 * Matching on tokens: blocking, comparison vectors, the Fellegi–Sunter model (model.ts), bands and a
 * one-to-one assignment. Sees tokens only, never a name or a number.
 */

/**
 * Default band thresholds, log2 likelihood ratios, chosen on the gold standard (bench/linkage.ts): see
 * the README's linkage section for the precision, recall and review share they give.
 */
export const DEFAULT_THRESHOLDS: LinkageThresholds = { link: 2, review: 1 };

export interface MatchOptions {
  thresholds: LinkageThresholds;
  /** A block whose left × right pair count exceeds this is split by birth year, then gender; default 200. */
  maxBlockPairs?: number;
  /** Random pairs drawn to start u; default 20,000. */
  randomPairs?: number;
  /** Seed of the random pair draw (the result is deterministic for the same inputs). */
  seed?: number;
}

export interface MatchStats {
  /** Distinct pairs compared (after blocking; random pairs for u not counted). */
  pairsCompared: number;
  /** Blocks (after splitting) that produced pairs. */
  blocks: number;
  /** Blocks still over the cap after splitting by birth year and gender: their pairs were not compared. */
  oversizedBlocks: number;
  ms: number;
}

export interface MatchResult {
  /** LINK and REVIEW candidates after the one-to-one assignment, best first. */
  candidates: LinkCandidate[];
  model: LinkageModel;
  stats: MatchStats;
}

function prepare(records: readonly LinkageTokens[], intern: (t: string) => number): Prepared[] {
  return records.map((r) => {
    const name = r.name.map(intern);
    const pinyin = new Set(r.namePinyin ?? []);
    const org = r.organisation ?? [];
    return {
      rid: r.residentId ? intern(r.residentId) : -1,
      parts: (r.residentIdParts ?? []).map(intern),
      name,
      chars: r.name.filter((t) => !pinyin.has(t)).map(intern),
      year: r.birthYear ? intern(r.birthYear) : -1,
      near: (r.birthYearNear ?? []).map(intern),
      gender: r.gender ? intern(r.gender) : -1,
      orgCore: org.length > 0 ? intern(org[0] as string) : -1,
      orgWords: org.slice(1).map(intern),
      disciplines: r.disciplines.map(intern),
    };
  });
}

function shared(a: readonly number[], b: readonly number[]): number {
  let n = 0;
  for (const x of a) if (b.includes(x)) n++;
  return n;
}

/** The packed comparison vector of a pair: 2 bits per field in FIELDS order (0 AGREE, 1 PARTIAL, 2 DISAGREE, 3 MISSING). */
function compare(a: Prepared, b: Prepared): number {
  let rid = MISSING;
  if (a.rid >= 0 && b.rid >= 0) rid = a.rid === b.rid ? 0 : shared(a.parts, b.parts) >= 1 ? 1 : 2;
  let name = MISSING;
  if (a.name.length > 0 && b.name.length > 0) name = shared(a.chars, b.chars) > 0 ? 0 : shared(a.name, b.name) > 0 ? 1 : 2;
  let year = MISSING;
  if (a.year >= 0 && b.year >= 0) year = a.year === b.year ? 0 : b.near.includes(a.year) ? 1 : 2;
  let gender = MISSING;
  if (a.gender >= 0 && b.gender >= 0) gender = a.gender === b.gender ? 0 : 2;
  let org = MISSING;
  if (a.orgCore >= 0 && b.orgCore >= 0) {
    const words = shared(a.orgWords, b.orgWords);
    org = a.orgCore === b.orgCore ? 0 : words >= 2 && words * 2 >= Math.min(a.orgWords.length, b.orgWords.length) ? 1 : 2;
  }
  let disc = MISSING;
  if (a.disciplines.length > 0 && b.disciplines.length > 0) disc = shared(a.disciplines, b.disciplines) > 0 ? 0 : 2;
  return rid | (name << 2) | (year << 4) | (gender << 6) | (org << 8) | (disc << 10);
}

/** A small seeded generator (mulberry32) for the random pairs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many records of a side carry each token. */
function tally(records: Prepared[], tokens: (r: Prepared) => readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of records) for (const t of new Set(tokens(r))) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Share of left × right pairs (both sides having the field) that share a token: Σ over tokens of count left × count right. */
function agreeShare(L: Prepared[], R: Prepared[], left: (r: Prepared) => readonly number[], right: (r: Prepared) => readonly number[] = left): number {
  const l = tally(L, left);
  const r = tally(R, right);
  const nL = L.filter((x) => left(x).length > 0).length;
  const nR = R.filter((x) => right(x).length > 0).length;
  if (nL === 0 || nR === 0) return 0;
  let shared = 0;
  for (const [t, n] of l) shared += n * (r.get(t) ?? 0);
  return shared / (nL * nR);
}

/**
 * u, the outcome probabilities among non-matches: random pairs give every field, but agreement on a
 * name or a birth year is too rare in a sample to count well, so those are replaced by the exact share
 * of all left × right pairs that agree (from token counts). That share includes the true matches, a
 * few per cent of agreeing pairs: it errs on the safe side (a slightly lower agreement weight).
 */
function exactU(L: Prepared[], R: Prepared[], sampled: number[][]): number[][] {
  const u = sampled.map((row) => [...row]);
  const set = (f: number, agree: number, partial: number) => {
    const a = Math.min(Math.max(agree, 1e-9), 0.999);
    const p = Math.min(Math.max(partial, 1e-9), 0.999 - a);
    u[f] = [a, p, 1 - a - p];
  };
  const one = (x: number) => (x >= 0 ? [x] : []);
  const idShared = agreeShare(L, R, (r) => one(r.rid));
  set(0, 1 / Math.max(L.length * R.length, 1), Math.max(agreeShare(L, R, (r) => (r.rid >= 0 ? r.parts : [])) - 3 * idShared, 0));
  const nameAgree = agreeShare(L, R, (r) => r.chars);
  set(1, nameAgree, Math.max(agreeShare(L, R, (r) => r.name) - nameAgree, 0));
  set(
    2,
    agreeShare(L, R, (r) => one(r.year)),
    agreeShare(
      L,
      R,
      (r) => one(r.year),
      (r) => (r.year >= 0 ? r.near : []),
    ),
  );
  set(
    3,
    agreeShare(L, R, (r) => one(r.gender)),
    0,
  );
  const orgAgree = agreeShare(L, R, (r) => one(r.orgCore));
  set(4, orgAgree, Math.min((u[4] as number[])[1] as number, 0.999 - orgAgree));
  return u;
}

/** Share of all records (both sides) carrying each name form and organisation token. */
function termFrequencies(L: Prepared[], R: Prepared[]): Map<number, number> {
  const counts = new Map<number, number>();
  const count = (t: number) => counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const side of [L, R]) {
    for (const r of side) {
      for (const t of r.name) count(t);
      if (r.orgCore >= 0) count(r.orgCore);
    }
  }
  const n = Math.max(L.length + R.length, 1);
  for (const [t, c] of counts) counts.set(t, c / n);
  return counts;
}

function firstShared(a: readonly number[], b: readonly number[]): number {
  for (const x of a) if (b.includes(x)) return x;
  return -1;
}

/**
 * Term-frequency adjustment (Winkler 1989; Splink's "tf adjustments"): agreeing on a rare name or a
 * small organisation is stronger evidence than agreeing on 王伟 or a large university. The model's
 * weight log2(m/u) uses the average u; for the value actually shared, u is about its frequency, so the
 * weight moves by log2(u / frequency), bounded to ±8 bits. Returns [name, organisation] adjustments.
 */
function tfAdjust(a: Prepared, b: Prepared, pattern: number, model: LinkageModel, tf: Map<number, number>): [number, number] {
  const adjust = (u: number, token: number) => (token < 0 ? 0 : Math.max(-8, Math.min(8, Math.log2(u / Math.max(tf.get(token) ?? 1, 1e-9)))));
  const name = (pattern >> 2) & 3;
  const org = (pattern >> 8) & 3;
  const nameAdjust =
    name === 0 ? adjust(model.fields.name.u.AGREE, firstShared(a.chars, b.chars)) : name === 1 ? adjust(model.fields.name.u.PARTIAL, firstShared(a.name, b.name)) : 0;
  return [nameAdjust, org === 0 ? adjust(model.fields.organisation.u.AGREE, a.orgCore) : 0];
}

function band(score: number, t: LinkageThresholds): LinkBand {
  return score >= t.link ? 'LINK' : score >= t.review ? 'REVIEW' : 'NO_LINK';
}

/**
 * Matches two sides' tokens (e.g. Sichuan's records against Chongqing's). Pairs with the same
 * identity-number token are IDENTITY_NUMBER links scoring the model's maximum; every other blocked
 * pair is scored by the Fellegi–Sunter model estimated from these very pairs. Candidates at or above
 * the review threshold are assigned one to one, best score first (a province registers a person
 * once, so a record links to at most one record of the other side).
 */
export function matchTokens(left: readonly LinkageTokens[], right: readonly LinkageTokens[], options: MatchOptions): MatchResult {
  const t0 = performance.now();
  const ids = new Map<string, number>();
  const intern = (t: string) => {
    let id = ids.get(t);
    if (id === undefined) {
      id = ids.size;
      ids.set(t, id);
    }
    return id;
  };
  const L = prepare(left, intern);
  const R = prepare(right, intern);
  const { pairs, blocks, oversized } = blockPairs(L, R, options.maxBlockPairs ?? 200);

  const patterns = new Uint16Array(pairs.length);
  const counts = new Float64Array(PATTERNS);
  const nR = R.length;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i] as number;
    const pattern = compare(L[Math.floor(p / nR)] as Prepared, R[p % nR] as Prepared);
    patterns[i] = pattern;
    counts[pattern] = (counts[pattern] as number) + 1;
  }
  const randomCounts = new Float64Array(PATTERNS);
  if (L.length > 0 && nR > 0) {
    const rand = random(options.seed ?? 17);
    const draws = options.randomPairs ?? 100_000;
    for (let i = 0; i < draws; i++) {
      const pattern = compare(L[Math.floor(rand() * L.length)] as Prepared, R[Math.floor(rand() * nR)] as Prepared);
      randomCounts[pattern] = (randomCounts[pattern] as number) + 1;
    }
  }
  const model = estimateModel(
    counts,
    exactU(
      L,
      R,
      frequencies(randomCounts, () => 1),
    ),
    Math.max(L.length * nR, 1),
  );
  const scores = patternScores(model);

  // Candidates above the review threshold, best first; identity-number agreement outranks any score.
  const ranked: { pair: number; pattern: number; score: number; identity: boolean; adjust: [number, number] }[] = [];
  const tf = termFrequencies(L, R);
  for (let i = 0; i < pairs.length; i++) {
    const pattern = patterns[i] as number;
    const identity = (pattern & 3) === 0;
    const pair = pairs[i] as number;
    let score = model.maxScore;
    let adjust: [number, number] = [0, 0];
    if (!identity) {
      adjust = tfAdjust(L[Math.floor(pair / nR)] as Prepared, R[pair % nR] as Prepared, pattern, model, tf);
      score = (scores[pattern] as number) + adjust[0] + adjust[1];
    }
    if (score >= options.thresholds.review) ranked.push({ pair, pattern, score, identity, adjust });
  }
  ranked.sort((a, b) => Number(b.identity) - Number(a.identity) || b.score - a.score || a.pair - b.pair);
  const leftUsed = new Uint8Array(L.length);
  const rightUsed = new Uint8Array(nR);
  const candidates: LinkCandidate[] = [];
  for (const c of ranked) {
    const l = Math.floor(c.pair / nR);
    const r = c.pair % nR;
    if (leftUsed[l] || rightUsed[r]) continue;
    leftUsed[l] = 1;
    rightUsed[r] = 1;
    const a = left[l] as LinkageTokens;
    const b = right[r] as LinkageTokens;
    const score = Math.round(c.score * 100) / 100;
    candidates.push({
      left: a.id,
      right: b.id,
      leftProvince: a.province,
      rightProvince: b.province,
      method: c.identity ? 'IDENTITY_NUMBER' : 'PROBABILISTIC',
      score,
      band: c.identity ? 'LINK' : band(c.score, options.thresholds),
      evidence: evidenceOf(model, c.pattern, c.adjust),
    });
  }
  return {
    candidates,
    model,
    stats: { pairsCompared: pairs.length, blocks, oversizedBlocks: oversized, ms: Math.round(performance.now() - t0) },
  };
}
