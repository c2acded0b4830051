import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { RESULTS_DIR } from './lib/paths.ts';
import type { Entry } from './lib/results.ts';

/**
 * The README's performance table, regenerated from a results file (`npm run bench:report`), so the
 * numbers in the README are always those of a run and never typed by hand. Only the text between
 * the markers is replaced; the prose around them is the author's.
 */

export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';

/** What the report reads from `bench/results/latest.json` (older files lack the newer fields). */
export interface BenchResults {
  date: string;
  ok: boolean;
  mode: string;
  durationSeconds?: number;
  machine: { cpuModel: string; cores: number; memoryGb: number; node: string; loadAverage?: { start: number; end: number } };
  versions?: { hiveGateway?: string };
  ratios: Record<string, number | null>;
  entries: Entry[];
  /** Issue 16 goal 6: latency one request at a time through the gateway, largest size ÷ smallest (bench/lib/ratios.ts serialScaleGrowth). */
  scaleSerial?: Record<string, { talents: number[]; p50Ms: number[]; p99Ms: number[]; p50Growth: number | null; p99Growth: number | null; target: number; met: boolean | null }>;
  /** Issue 16 goal 5: talentStats at 100,000 talents, uncached, serial, through the gateway. */
  talentStatsUncached?: { talents: number; medianMs: number; targetMs: number; met: boolean } | null;
  notes?: string[];
}

const FEDERATION_TARGETS: Record<string, string> = {
  hub: '**hub gateway**',
  'hub-nodedup': 'hub gateway, fetch sharing off',
  'hub-nocombine': 'hub gateway, fetch sharing and combining off',
  'hub-documents': 'hub gateway, query registered and sent by `documentId`',
  'apollo-gateway': '`@apollo/gateway` on `@apollo/server`',
  'hive-gateway': 'Hive Gateway',
  'hive-gateway-jit': 'Hive Gateway `--jit`',
  'hive-gateway-jit-nodedup': 'Hive Gateway `--jit`, dedup off',
  static: 'static server, same bytes (ceiling)',
};
const HUB_QUERIES: Record<string, string> = {
  talentsCross: 'cross-subgraph talent query (README)',
  talentsCrossVaried: 'the same with a different filter per request',
  talentById: 'talent by id, through the gateway',
  talentsPage: 'a page of 20 by province and sector',
};

const thousands = (n: number) => n.toLocaleString('en-US');
const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** A row's label in its scenario: what was measured, by whom. */
function label(e: Entry): string {
  if (e.scenario === 'federation') return FEDERATION_TARGETS[e.target] ?? e.target;
  if (e.scenario === 'hub') {
    if (e.query === 'talentById' && e.target === 'direct-subgraph') return 'talent by id, straight to the experts node';
    const q = HUB_QUERIES[e.query] ?? `\`${e.query}\``;
    return e.target === 'hub' ? q : `${q} (${e.target})`;
  }
  return `\`${e.query}\`, ${e.target}`;
}

function scenarioLabel(e: Entry): string {
  switch (e.scenario) {
    case 'federation':
      return `federation benchmark (\`${e.query}\`${e.connections === undefined ? '' : `, ${e.connections} connection${e.connections === 1 ? '' : 's'}`})`;
    case 'hub':
      return `hub, ${thousands(e.talents ?? 0)} talents`;
    case 'nodes':
      return 'three experts nodes vs one';
    default:
      return e.scenario;
  }
}

/** One table row of an entry; a failed entry says so instead of numbers. */
function row(first: string, e: Entry): string[] {
  if (!e.ok) return [first, label(e), 'FAILED', '', '', '', '', '', ''];
  return [first, label(e), num(e.rps), num(e.p50Ms), num(e.p99Ms), num(e.subgraphFetchesPerRequest), num(e.storeCallsPerRequest), num(e.peakRssMb), num(e.cpuMsPerRequest)];
}

/** The scale rows: one per query and target, each figure from the smallest size to the largest. */
function scaleRows(entries: Entry[]): string[][] {
  const groups = new Map<string, Entry[]>();
  const key = (e: Entry) => `${e.query}\0${e.target}\0${e.connections ?? ''}`;
  for (const e of entries) groups.set(key(e), [...(groups.get(key(e)) ?? []), e]);
  const rows: string[][] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => (a.talents ?? 0) - (b.talents ?? 0));
    const span = (f: (e: Entry) => number | null) => {
      if (!sorted.every((e) => e.ok)) return 'FAILED';
      return sorted.every((e) => f(e) === null) ? '' : sorted.map((e) => num(f(e))).join(' → ');
    };
    const name = HUB_QUERIES[sorted[0]!.query]?.replace(', through the gateway', '') ?? `\`${sorted[0]!.query}\``;
    rows.push([
      rows.length === 0 ? 'scale' : '',
      `${name}${sorted[0]!.connections === 1 ? ', one request at a time' : ''}, ${sorted.map((e) => thousands(e.talents ?? 0)).join(' → ')} talents`,
      span((e) => e.rps),
      span((e) => e.p50Ms),
      span((e) => e.p99Ms),
      span((e) => e.subgraphFetchesPerRequest),
      span((e) => e.storeCallsPerRequest),
      span((e) => e.peakRssMb),
      span((e) => e.cpuMsPerRequest ?? null),
    ]);
  }
  return rows;
}

/**
 * The Markdown that goes between the README's markers: what ran where, the table and the ratios.
 * `source` is the results file as the README names it (relative to the repository's root).
 */
export function renderReport(results: BenchResults, source = 'bench/results/latest.json'): string {
  const m = results.machine;
  const load = m.loadAverage ? `; load average ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end` : '';
  const duration = results.durationSeconds === undefined ? '' : ` The run took ${thousands(Math.round(results.durationSeconds))} s.`;
  const lines = [
    `Latest ${results.mode} run, ${results.date.slice(0, 10)}${results.ok ? '' : ' (**some answers were wrong or a target failed**)'}, generated from \`${source}\` by \`npm run bench:report\`: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GiB, Node ${m.node}${results.versions?.hiveGateway ? `, Hive Gateway ${results.versions.hiveGateway}` : ''}${load}.${duration} The load generator shares the machine; absolute numbers are noisy, read the ratios.`,
    '',
    '| scenario | target | req/s | p50 ms | p99 ms | subgraph fetches / request | store calls / request | peak RSS MB | CPU ms / request |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const rows: string[][] = [];
  let previous = '';
  for (const e of results.entries.filter((x) => x.scenario !== 'scale')) {
    const scenario = scenarioLabel(e);
    rows.push(row(scenario === previous ? '' : scenario, e));
    previous = scenario;
  }
  rows.push(...scaleRows(results.entries.filter((x) => x.scenario === 'scale')));
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  if (results.entries.some((e) => typeof e.cpuMsPerRequest === 'number'))
    lines.push(
      '',
      "CPU ms / request: user + system CPU time of the measured process (the gateway's; straight to a subgraph, the node's) per request sent, backlog included, median over rounds.",
    );
  const ratios = Object.entries(results.ratios).filter(([, v]) => v !== null);
  if (ratios.length) lines.push('', `Ratios: ${ratios.map(([k, v]) => `\`${k}\` **${v}**`).join(', ')}.`);
  const stats = results.talentStatsUncached;
  if (stats)
    lines.push(
      '',
      `\`talentStats\` uncached at ${thousands(stats.talents)} talents (through the gateway, one request at a time, \`Cache-Control: no-cache\`; the slowest grouping's median): **${stats.medianMs} ms** (target ≤ ${stats.targetMs} ms: ${stats.met ? 'met' : 'not met'}).`,
    );
  const serial = Object.entries(results.scaleSerial ?? {}).filter(([, g]) => g.p50Growth !== null);
  if (serial.length)
    lines.push(
      '',
      `Goal 6, a caller's latency (one request at a time through the gateway, largest size ÷ smallest; target p50 ≤ ×${serial[0]![1].target}): ${serial
        .map(
          ([q, g]) =>
            `${HUB_QUERIES[q]?.replace(', through the gateway', '') ?? `\`${q}\``} ${thousands(g.talents[0]!)} → ${thousands(g.talents.at(-1)!)} talents: p50 ${g.p50Ms[0]} → ${g.p50Ms.at(-1)} ms **×${g.p50Growth}** (${g.met ? 'met' : 'not met'}), p99 ×${g.p99Growth}`,
        )
        .join('; ')}.`,
    );
  for (const note of results.notes ?? []) lines.push('', note);
  return lines.join('\n');
}

/** `text` with everything between the markers replaced by `block`; throws when the markers are missing or out of order. */
export function replaceBetweenMarkers(text: string, block: string): string {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < 0 || end < start)
    throw Object.assign(new Error(`README has no ${START_MARKER} … ${END_MARKER} pair (in that order): add both around the performance table`), {
      code: 'NO_MARKERS',
    });
  return `${text.slice(0, start + START_MARKER.length)}\n${block}\n${text.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      results: { type: 'string', default: join(RESULTS_DIR, 'latest.json') },
      readme: { type: 'string', default: 'README.md' },
    },
  });
  try {
    const results = JSON.parse(readFileSync(values.results, 'utf8')) as BenchResults;
    const source = relative(fileURLToPath(new URL('../', import.meta.url)), resolve(values.results))
      .split(sep)
      .join('/');
    writeFileSync(values.readme, replaceBetweenMarkers(readFileSync(values.readme, 'utf8'), renderReport(results, source)));
    console.log(`${values.readme}: performance table regenerated from ${values.results} (${results.mode} run of ${results.date})`);
  } catch (error) {
    console.error(`bench:report: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
