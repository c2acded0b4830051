import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { linkageBenchmarkData } from '../data/linkage.ts';
import type { LinkageThresholds } from '../platform/linkage/contract.ts';
import { DEFAULT_THRESHOLDS, matchTokens } from '../platform/linkage/match.ts';
import { tokenize } from '../platform/linkage/tokens.ts';
import { RESULTS_DIR } from './lib/paths.ts';
import { machineInfo, round } from './lib/results.ts';

/**
 * The linkage benchmark (issue 17): two sides of synthetic records, 15% of the right side the same
 * people as left records written differently (data/linkage.ts), tokenised with a key and matched on
 * the tokens. Scores precision, recall and F1 of the LINK band against the truth, the share of
 * candidates left to clerical review (REVIEW band), and the time of each step. In-process, one core.
 */

export interface LinkageBenchRow {
  perSide: number;
  trueLinks: number;
  generateMs: number;
  tokenizeMs: number;
  matchMs: number;
  /** Tokenise both sides + match, wall clock: what 60 s is the target for at 100k per side. */
  totalMs: number;
  /** CPU time (user + system) of tokenise + match: on a shared, loaded machine the wall clock overstates the work. */
  cpuMs: number;
  pairsCompared: number;
  blocks: number;
  oversizedBlocks: number;
  links: number;
  identityLinks: number;
  review: number;
  truePositives: number;
  /** True pairs in the REVIEW band (a clerk would confirm them). */
  trueInReview: number;
  precision: number;
  recall: number;
  f1: number;
  /** REVIEW ÷ all candidates offered (LINK + REVIEW): target ≤ 2%. */
  reviewShare: number;
  /** REVIEW ÷ records of one side. */
  reviewPerRecord: number;
  thresholds: LinkageThresholds;
  modelWeights: Record<string, Record<string, number>>;
  matchShare: number;
  emIterations: number;
}

/** Runs one size: generate, tokenise both sides, match, score. */
export function benchLinkage(perSide: number, seed = 1, thresholds: LinkageThresholds = DEFAULT_THRESHOLDS): LinkageBenchRow {
  const key = new Uint8Array(createHash('sha256').update('linkage benchmark key').digest());
  let t = performance.now();
  const data = linkageBenchmarkData(perSide, seed);
  const generateMs = performance.now() - t;
  const cpu0 = process.cpuUsage();
  t = performance.now();
  const left = data.left.map((s) => tokenize(s, key));
  const right = data.right.map((s) => tokenize(s, key));
  const tokenizeMs = performance.now() - t;
  t = performance.now();
  const result = matchTokens(left, right, { thresholds });
  const matchMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const truth = new Set(data.goldLinks.map(([a, b]) => `${a} ${b}`));
  const linked = result.candidates.filter((c) => c.band === 'LINK');
  const review = result.candidates.filter((c) => c.band === 'REVIEW');
  const truePositives = linked.filter((c) => truth.has(`${c.left} ${c.right}`)).length;
  const precision = linked.length ? truePositives / linked.length : 0;
  const recall = truth.size ? truePositives / truth.size : 0;
  return {
    perSide,
    trueLinks: truth.size,
    generateMs: Math.round(generateMs),
    tokenizeMs: Math.round(tokenizeMs),
    matchMs: Math.round(matchMs),
    totalMs: Math.round(tokenizeMs + matchMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    pairsCompared: result.stats.pairsCompared,
    blocks: result.stats.blocks,
    oversizedBlocks: result.stats.oversizedBlocks,
    links: linked.length,
    identityLinks: linked.filter((c) => c.method === 'IDENTITY_NUMBER').length,
    review: review.length,
    truePositives,
    trueInReview: review.filter((c) => truth.has(`${c.left} ${c.right}`)).length,
    precision: round(precision, 4),
    recall: round(recall, 4),
    f1: round(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, 4),
    reviewShare: round(result.candidates.length ? review.length / result.candidates.length : 0, 4),
    reviewPerRecord: round(review.length / perSide, 4),
    thresholds,
    modelWeights: Object.fromEntries(
      Object.entries(result.model.fields).map(([field, e]) => [field, Object.fromEntries(Object.entries(e.weight).map(([o, w]) => [o, round(w, 2)]))]),
    ),
    matchShare: round(result.model.matchShare, 4),
    emIterations: result.model.iterations,
  };
}

/**
 * The scenario: each size in turn, printed and written to bench/results/linkage.json, with the
 * issue's targets (F1 ≥ 0.97, review ≤ 2% of candidates, 100k × 100k tokenise + match ≤ 60 s).
 */
export async function runLinkageScenario(options: { sizes: number[]; log: (line: string) => void }): Promise<LinkageBenchRow[]> {
  const rows: LinkageBenchRow[] = [];
  for (const perSide of options.sizes) {
    const row = benchLinkage(perSide);
    rows.push(row);
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    options.log(
      `  ${perSide} × ${perSide}: ${row.trueLinks} true pairs; LINK ${row.links} (${row.identityLinks} by identity number), REVIEW ${row.review} (${row.trueInReview} true)`,
    );
    options.log(
      `    precision ${row.precision}, recall ${row.recall}, F1 ${row.f1} (target ≥ 0.97: ${verdict(row.f1 >= 0.97)}); review ${(row.reviewShare * 100).toFixed(2)}% of candidates, ${(row.reviewPerRecord * 100).toFixed(2)}% of records (target ≤ 2%: ${verdict(row.reviewShare <= 0.02)})`,
    );
    options.log(
      `    tokenise ${row.tokenizeMs} ms, match ${row.matchMs} ms, total ${row.totalMs} ms (CPU ${row.cpuMs} ms)${perSide >= 100_000 ? ` (target ≤ 60 s: ${verdict(row.totalMs <= 60_000)})` : ''}; ${row.pairsCompared} pairs compared in ${row.blocks} blocks (${row.oversizedBlocks} oversized); generated in ${row.generateMs} ms`,
    );
    // Let the event loop breathe between sizes (signals, output).
    await new Promise((resolve) => setImmediate(resolve));
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const out = join(RESULTS_DIR, 'linkage.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machineInfo(), rows }, null, 2)}\n`);
  options.log(`  linkage results written to ${out}`);
  return rows;
}
