import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BenchResults, END_MARKER, renderReport, replaceBetweenMarkers, START_MARKER } from '../../bench/report.ts';
import type { Entry } from '../../bench/lib/results.ts';

const entry = (e: Partial<Entry> & Pick<Entry, 'scenario' | 'query' | 'target'>): Entry => ({
  rps: 0,
  p50Ms: 0,
  p99Ms: 0,
  errors: 0,
  subgraphFetchesPerRequest: null,
  storeCallsPerRequest: null,
  peakRssMb: null,
  ok: true,
  rounds: [],
  ...e,
});

const results: BenchResults = {
  date: '2026-12-01T20:00:00.000Z',
  ok: false,
  mode: 'quick',
  durationSeconds: 287.4,
  machine: { cpuModel: 'AMD EPYC', cores: 2, memoryGb: 24, node: 'v20.20.2', loadAverage: { start: 1.2, end: 3.4 } },
  versions: { hiveGateway: 'not installed' },
  ratios: { hubVsApolloGateway: 2.1, hubVsHiveGateway: null, hubGatewayRssVsApolloGateway: 0.93, hubDocumentsVsHub: 1.09 },
  talentStatsUncached: { talents: 100000, medianMs: 41.3, targetMs: 100, met: true },
  scaleSerial: {
    talentById: { talents: [1000, 1000000], p50Ms: [3.1, 3.41], p99Ms: [9.2, 12.5], p50Growth: 1.1, p99Growth: 1.36, target: 1.2, met: true },
    talentsPage: { talents: [1000, 1000000], p50Ms: [4, 5.2], p99Ms: [11, 14], p50Growth: 1.3, p99Growth: 1.27, target: 1.2, met: false },
  },
  entries: [
    entry({ scenario: 'federation', query: 'TestQuery', target: 'hub', rps: 70.1, p50Ms: 520, p99Ms: 3399, subgraphFetchesPerRequest: 1.34, peakRssMb: 180.5 }),
    entry({ scenario: 'federation', query: 'TestQuery', target: 'apollo-gateway', rps: 36.8, p50Ms: 729, p99Ms: 3759, subgraphFetchesPerRequest: 16, peakRssMb: 194 }),
    entry({ scenario: 'federation', query: 'TestQuery', target: 'hive-gateway', ok: false, errors: 1 }),
    entry({ scenario: 'federation', query: 'TestQuery', target: 'hub', connections: 1, rps: 31.2, p50Ms: 31, p99Ms: 45, subgraphFetchesPerRequest: 8, cpuMsPerRequest: 14.2 }),
    entry({
      scenario: 'federation',
      query: 'TestQuery',
      target: 'hub-documents',
      connections: 1,
      rps: 33.9,
      p50Ms: 29,
      p99Ms: 41,
      subgraphFetchesPerRequest: 8,
      cpuMsPerRequest: 12.9,
    }),
    entry({ scenario: 'hub', query: 'talentById', target: 'hub', talents: 3000, rps: 622.6, p50Ms: 73, p99Ms: 216, subgraphFetchesPerRequest: 1, storeCallsPerRequest: 2.64 }),
    entry({ scenario: 'hub', query: 'talentById', target: 'direct-subgraph', talents: 3000, rps: 1778.1, p50Ms: 27, p99Ms: 53, subgraphFetchesPerRequest: 1 }),
    entry({ scenario: 'scale', query: 'talentById', target: 'hub', talents: 100000, rps: 549, p50Ms: 86, p99Ms: 180, subgraphFetchesPerRequest: 1, storeCallsPerRequest: 2.6 }),
    entry({ scenario: 'scale', query: 'talentById', target: 'hub', talents: 1000, rps: 651, p50Ms: 75, p99Ms: 130, subgraphFetchesPerRequest: 1, storeCallsPerRequest: 2.6 }),
    entry({ scenario: 'scale', query: 'talentById', target: 'hub', talents: 1000, connections: 1, rps: 310, p50Ms: 3.1, p99Ms: 9.2, subgraphFetchesPerRequest: 1 }),
    entry({ scenario: 'scale', query: 'talentById', target: 'hub', talents: 1000000, connections: 1, rps: 290, p50Ms: 3.41, p99Ms: 12.5, subgraphFetchesPerRequest: 1 }),
  ],
};

describe('bench report (npm run bench:report)', () => {
  it('renders a results file into the README table: machine, duration, one row per entry, scale as a span, failures named, ratios', () => {
    expect(renderReport(results)).toBe(
      [
        'Latest quick run, 2026-12-01 (**some answers were wrong or a target failed**), generated from `bench/results/latest.json` by `npm run bench:report`: 2 cores (AMD EPYC), 24 GiB, Node v20.20.2, Hive Gateway not installed; load average 1.2 at the start, 3.4 at the end. The run took 287 s. The load generator shares the machine; absolute numbers are noisy, read the ratios.',
        '',
        '| scenario | target | req/s | p50 ms | p99 ms | subgraph fetches / request | store calls / request | peak RSS MB | CPU ms / request |',
        '|---|---|---|---|---|---|---|---|---|',
        '| federation benchmark (`TestQuery`) | **hub gateway** | 70.1 | 520 | 3399 | 1.34 |  | 180.5 |  |',
        '|  | `@apollo/gateway` on `@apollo/server` | 36.8 | 729 | 3759 | 16 |  | 194 |  |',
        '|  | Hive Gateway | FAILED |  |  |  |  |  |  |',
        '| federation benchmark (`TestQuery`, 1 connection) | **hub gateway** | 31.2 | 31 | 45 | 8 |  |  | 14.2 |',
        '|  | hub gateway, query registered and sent by `documentId` | 33.9 | 29 | 41 | 8 |  |  | 12.9 |',
        '| hub, 3,000 talents | talent by id, through the gateway | 622.6 | 73 | 216 | 1 | 2.64 |  |  |',
        '|  | talent by id, straight to the experts node | 1778.1 | 27 | 53 | 1 |  |  |  |',
        '| scale | talent by id, 1,000 → 100,000 talents | 651 → 549 | 75 → 86 | 130 → 180 | 1 → 1 | 2.6 → 2.6 |  |  |',
        '|  | talent by id, one request at a time, 1,000 → 1,000,000 talents | 310 → 290 | 3.1 → 3.41 | 9.2 → 12.5 | 1 → 1 |  |  |  |',
        '',
        "CPU ms / request: user + system CPU time of the measured process (the gateway's; straight to a subgraph, the node's) per request sent, backlog included, median over rounds.",
        '',
        'Ratios: `hubVsApolloGateway` **2.1**, `hubGatewayRssVsApolloGateway` **0.93**, `hubDocumentsVsHub` **1.09**.',
        '',
        "`talentStats` uncached at 100,000 talents (through the gateway, one request at a time, `Cache-Control: no-cache`; the slowest grouping's median): **41.3 ms** (target ≤ 100 ms: met).",
        '',
        "Goal 6, a caller's latency (one request at a time through the gateway, largest size ÷ smallest; target p50 ≤ ×1.2): talent by id 1,000 → 1,000,000 talents: p50 3.1 → 3.41 ms **×1.1** (met), p99 ×1.36; a page of 20 by province and sector 1,000 → 1,000,000 talents: p50 4 → 5.2 ms **×1.3** (not met), p99 ×1.27.",
      ].join('\n'),
    );
  });

  it('replaces only what is between the markers, and refuses a README without them (nothing written)', () => {
    const readme = `# Title\n\nbefore\n${START_MARKER}\nold table\n${END_MARKER}\nafter\n`;
    expect(replaceBetweenMarkers(readme, 'new table')).toBe(`# Title\n\nbefore\n${START_MARKER}\nnew table\n${END_MARKER}\nafter\n`);
    // Idempotent: a second run over its own output changes nothing.
    expect(replaceBetweenMarkers(replaceBetweenMarkers(readme, 'new table'), 'new table')).toBe(replaceBetweenMarkers(readme, 'new table'));
    expect(() => replaceBetweenMarkers('# no markers\n', 'x')).toThrow(expect.objectContaining({ code: 'NO_MARKERS' }));
    expect(() => replaceBetweenMarkers(`${END_MARKER}\n${START_MARKER}\n`, 'x')).toThrow(/in that order/);
  });

  it("names the results file it read, and the README's table is exactly the rendering of a run kept in bench/results/runs/", () => {
    expect(renderReport(results, 'bench/results/runs/x.json').split('\n')[0]).toContain('generated from `bench/results/runs/x.json` by `npm run bench:report`');
    // The README quotes a run whose results file is in the repository (latest.json is gitignored):
    // anyone can read the figures behind the table, and regenerate it.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = readme.slice(readme.indexOf(START_MARKER) + START_MARKER.length + 1, readme.indexOf(END_MARKER) - 1);
    const source = /generated from `(bench\/results\/runs\/[^`]+\.json)`/.exec(block)?.[1];
    expect(source, 'the README table names a results file under bench/results/runs/').toBeDefined();
    const kept = JSON.parse(readFileSync(new URL(`../../${source}`, import.meta.url), 'utf8')) as BenchResults;
    expect(renderReport(kept, source)).toBe(block);
  });
});
