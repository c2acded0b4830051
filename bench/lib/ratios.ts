import { SCALE_QUERIES, TALENT_STATS_TARGET_MS, type TalentStatsTiming } from '../hub/scale.ts';
import { SERIAL_QUERIES } from '../hub/serial.ts';
import { type Entry, round } from './results.ts';

/**
 * The run's summary figures, computed from its result rows (`bench/run.ts` writes them to the results
 * file and prints them): the headline ratios with their targets, the scale scenario's latency growth,
 * the peak resident memory per scenario and target, and issue 16 goal 5's uncached talentStats.
 */

/** The headline ratios of a run's rows (null where a row is missing or failed). */
export function headlineRatios(entries: readonly Entry[]) {
  /** The row of a scenario, query and target (under load unless `connections` says otherwise) that is ok. */
  const find = (scenario: string, query: string, target: string, talents?: number, connections?: number) =>
    entries.find(
      (e) => e.scenario === scenario && e.query === query && e.target === target && (talents === undefined || e.talents === talents) && e.connections === connections && e.ok,
    );
  const ratio = (a: Entry | undefined, b: Entry | undefined, key: 'rps' | 'p50Ms' | 'p99Ms' | 'cpuMsPerRequest' = 'rps') => {
    const x = a?.[key];
    const y = b?.[key];
    return typeof x === 'number' && typeof y === 'number' && y > 0 ? round(x / y, 2) : null;
  };
  const single = (target: string) => find('federation', 'TestQuery', target, undefined, 1);
  const hub = find('federation', 'TestQuery', 'hub');
  const hubById = find('hub', 'talentById', 'hub');
  const ratios = {
    /** Standard workload requests/s, hub ÷ plain @apollo/gateway (target ≥ 2). */
    hubVsApolloGateway: ratio(hub, find('federation', 'TestQuery', 'apollo-gateway')),
    /** Standard workload requests/s, hub ÷ Hive Gateway --jit (target ≥ 1). */
    hubVsHiveGateway: ratio(hub, find('federation', 'TestQuery', 'hive-gateway-jit')),
    /** Standard workload requests/s, hub ÷ Hive Gateway without --jit. */
    hubVsHiveGatewayPlain: ratio(hub, find('federation', 'TestQuery', 'hive-gateway')),
    /** Standard workload requests/s, both without sharing subgraph fetches between requests: hub ÷ Hive Gateway --jit. */
    hubVsHiveGatewayNoDedup: ratio(find('federation', 'TestQuery', 'hub-nodedup'), find('federation', 'TestQuery', 'hive-gateway-jit-nodedup')),
    /** Standard workload requests/s, the hub without sharing subgraph fetches ÷ plain @apollo/gateway (which never shares them). */
    hubNoDedupVsApolloGateway: ratio(find('federation', 'TestQuery', 'hub-nodedup'), find('federation', 'TestQuery', 'apollo-gateway')),
    /** The varied standard workload (a different request each time, so sharing cannot help) requests/s, hub ÷ plain @apollo/gateway (target ≥ 2). */
    hubVsApolloGatewayVaried: ratio(find('federation', 'TestQueryVaried', 'hub'), find('federation', 'TestQueryVaried', 'apollo-gateway')),
    /** The varied standard workload requests/s, the hub without sharing subgraph fetches ÷ plain @apollo/gateway. */
    hubNoDedupVsApolloGatewayVaried: ratio(find('federation', 'TestQueryVaried', 'hub-nodedup'), find('federation', 'TestQueryVaried', 'apollo-gateway')),
    /** The varied standard workload requests/s, hub ÷ Hive Gateway --jit. */
    hubVsHiveGatewayVaried: ratio(find('federation', 'TestQueryVaried', 'hub'), find('federation', 'TestQueryVaried', 'hive-gateway-jit')),
    /** Standard workload with one connection (nothing to share: the cost of the hub's own layers), requests/s, hub ÷ plain @apollo/gateway (target ≥ 1.2). */
    hubVsApolloGatewayOneConnection: ratio(single('hub'), single('apollo-gateway')),
    /** The same, the hub without sharing subgraph fetches ÷ plain @apollo/gateway. */
    hubNoDedupVsApolloGatewayOneConnection: ratio(single('hub-nodedup'), single('apollo-gateway')),
    /** Gateway CPU time per request with one connection, hub ÷ plain @apollo/gateway (below 1: the hub spends less per request). */
    hubCpuVsApolloGatewayOneConnection: ratio(single('hub'), single('apollo-gateway'), 'cpuMsPerRequest'),
    /** Standard workload with one connection, requests/s, the query registered and sent by documentId ÷ sent as text (issue 18: above 1). */
    hubDocumentsVsHub: ratio(single('hub-documents'), single('hub')),
    /** Gateway CPU time per request with one connection, by documentId ÷ as text (below 1: parsing and validation saved). */
    hubDocumentsCpuVsHub: ratio(single('hub-documents'), single('hub'), 'cpuMsPerRequest'),
    /** Peak resident memory during the standard workload's rounds, the hub's gateway ÷ plain @apollo/gateway (target ≤ 1). */
    hubGatewayRssVsApolloGateway:
      hub?.peakRssMb && find('federation', 'TestQuery', 'apollo-gateway')?.peakRssMb
        ? round(hub.peakRssMb / find('federation', 'TestQuery', 'apollo-gateway')!.peakRssMb!, 2)
        : null,
    /** Standard workload requests/s, hub ÷ the static ceiling. */
    hubVsStatic: ratio(hub, find('federation', 'TestQuery', 'static')),
    /** Standard workload p99, hub ÷ Hive Gateway --jit (target ≤ 1). */
    hubP99VsHiveGateway: ratio(hub, find('federation', 'TestQuery', 'hive-gateway-jit'), 'p99Ms'),
    /** Single-talent lookup requests/s, through the hub ÷ straight to the experts subgraph (target ≥ 0.2). */
    hubVsDirectSubgraph: ratio(hubById, find('hub', 'talentById', 'direct-subgraph')),
    /**
     * Time of a search all nodes answer, one request at a time, three nodes ÷ one node (target ≤ 1.5):
     * with one connection 1 ÷ requests/s is the mean time per request, finer than the whole-ms p50.
     */
    threeNodesSearchAllTime: ratio(find('nodes', 'searchAll', 'one-node-serial'), find('nodes', 'searchAll', 'three-nodes-serial')),
    /** Time of a single-province search (homeRegion), one request at a time, three nodes ÷ one node (target ≤ 1.1). */
    threeNodesSearchProvinceTime: ratio(find('nodes', 'searchProvince', 'one-node-serial'), find('nodes', 'searchProvince', 'three-nodes-serial')),
    /** Time of a lookup by id, one request at a time, three nodes ÷ one node. */
    threeNodesTalentByIdTime: ratio(find('nodes', 'talentById', 'one-node-serial'), find('nodes', 'talentById', 'three-nodes-serial')),
    /** What an all-node search costs the machine under load: requests/s of one node ÷ of three (every node does its share of the work). */
    threeNodesSearchAllCost: ratio(find('nodes', 'searchAll', 'one-node'), find('nodes', 'searchAll', 'three-nodes')),
    /** The same for the single-province search. */
    threeNodesSearchProvinceCost: ratio(find('nodes', 'searchProvince', 'one-node'), find('nodes', 'searchProvince', 'three-nodes')),
    /** The same for the lookup by id. */
    threeNodesTalentByIdCost: ratio(find('nodes', 'talentById', 'one-node'), find('nodes', 'talentById', 'three-nodes')),
  };
  return ratios;
}

type Ratios = ReturnType<typeof headlineRatios>;

/** Per scale query under load (`--connections`): p50 and p99 at each size and their growth from the smallest size to the largest. */
export function scaleGrowth(entries: readonly Entry[]) {
  return Object.fromEntries(
    SCALE_QUERIES.map((q) => {
      const rows = entries.filter((e) => e.scenario === 'scale' && e.query === q && e.connections === undefined && e.ok).sort((a, b) => a.talents! - b.talents!);
      const first = rows[0];
      const last = rows[rows.length - 1];
      return [
        q,
        {
          talents: rows.map((r) => r.talents),
          p50Ms: rows.map((r) => r.p50Ms),
          p99Ms: rows.map((r) => r.p99Ms),
          /** p50 at the largest size ÷ p50 at the smallest (1 = flat; the size ratio = linear). */
          p50Growth: first && last && first !== last && first.p50Ms > 0 ? round(last.p50Ms / first.p50Ms, 2) : null,
          p99Growth: first && last && first !== last && first.p99Ms > 0 ? round(last.p99Ms / first.p99Ms, 2) : null,
          sizeGrowth: first && last && first !== last ? round(last.talents! / first.talents!, 0) : null,
        },
      ];
    }),
  );
}

/** Issue 16 goal 6: a caller's latency (one request at a time) at the largest size ÷ at the smallest, at most this. */
export const SERIAL_GROWTH_TARGET = 1.2;

/**
 * Issue 16 goal 6 as a caller sees it (bench/hub/serial.ts): per query timed one request at a time,
 * p50 and p99 at each size and their growth, largest size ÷ smallest; `met` judges the p50 growth
 * against 1.2 (null with fewer than two sizes, or when a size failed: a growth without it would
 * be of other sizes).
 */
export function serialScaleGrowth(entries: readonly Entry[]) {
  return Object.fromEntries(
    SERIAL_QUERIES.map((q) => {
      const all = entries.filter((e) => e.scenario === 'scale' && e.query === q && e.connections === 1);
      const rows = all.filter((e) => e.ok).sort((a, b) => a.talents! - b.talents!);
      const first = rows[0];
      const last = rows.at(-1);
      const comparable = first !== undefined && last !== undefined && first !== last && rows.length === all.length;
      const growth = (key: 'p50Ms' | 'p99Ms') => (comparable && first[key] > 0 ? round(last[key] / first[key], 2) : null);
      const p50Growth = growth('p50Ms');
      return [
        q,
        {
          talents: rows.map((r) => r.talents!),
          p50Ms: rows.map((r) => r.p50Ms),
          p99Ms: rows.map((r) => r.p99Ms),
          p50Growth,
          p99Growth: growth('p99Ms'),
          target: SERIAL_GROWTH_TARGET,
          met: p50Growth === null ? null : p50Growth <= SERIAL_GROWTH_TARGET,
        },
      ];
    }),
  ) as Record<(typeof SERIAL_QUERIES)[number], SerialGrowth>;
}

/** One query's row of `serialScaleGrowth`. */
export interface SerialGrowth {
  talents: number[];
  p50Ms: number[];
  p99Ms: number[];
  p50Growth: number | null;
  p99Growth: number | null;
  target: number;
  met: boolean | null;
}

/** The summary lines of goal 6 (one per query with at least two sizes). */
export function serialGrowthLines(growth: Record<string, SerialGrowth>): string[] {
  return Object.entries(growth)
    .filter(([, g]) => g.p50Growth !== null)
    .map(
      ([q, g]) =>
        `goal 6 ${q}, one request at a time through the gateway: p50 ${g.p50Ms.join(' → ')} ms, p99 ${g.p99Ms.join(' → ')} ms over ${g.talents.join(' → ')} talents: p50 ×${g.p50Growth}, p99 ×${g.p99Growth} (target p50 ≤ ×${g.target}: ${g.met ? 'met' : 'NOT met'})`,
    );
}

/** The peak resident memory of each target (its processes with their children) over its rounds, per scenario, in MB. */
export function peakRssByScenario(entries: readonly Entry[]): Record<string, Record<string, number>> {
  const peakRssMb: Record<string, Record<string, number>> = {};
  for (const e of entries) {
    if (e.peakRssMb === null) continue;
    const scenarioPeaks = (peakRssMb[e.scenario] ??= {});
    scenarioPeaks[e.target] = Math.max(scenarioPeaks[e.target] ?? 0, e.peakRssMb);
  }
  return peakRssMb;
}

/**
 * Issue 16 goal 5: talentStats uncached (serial, Cache-Control: no-cache, through the gateway) at
 * 100,000 talents, the slowest grouping's median, against its target.
 */
export function uncachedTalentStats(talentStats: readonly TalentStatsTiming[]) {
  const stats100k = talentStats.find((t) => t.talents === 100_000);
  return stats100k
    ? (() => {
        const medianMs = Math.max(...Object.values(stats100k.medianMs));
        return { talents: stats100k.talents, medianMs, targetMs: TALENT_STATS_TARGET_MS, met: medianMs <= TALENT_STATS_TARGET_MS, byGrouping: stats100k.medianMs };
      })()
    : null;
}

// The targets, so the table says at a glance which are met.
const goals: Partial<Record<keyof Ratios, (v: number) => boolean>> = {
  hubVsApolloGateway: (v) => v >= 2,
  hubVsApolloGatewayOneConnection: (v) => v >= 1.2,
  hubDocumentsVsHub: (v) => v > 1,
  hubNoDedupVsApolloGateway: (v) => v >= 2,
  hubVsApolloGatewayVaried: (v) => v >= 2,
  hubVsHiveGateway: (v) => v >= 1,
  hubP99VsHiveGateway: (v) => v <= 1,
  hubVsDirectSubgraph: (v) => v >= 0.6,
  hubGatewayRssVsApolloGateway: (v) => v <= 1,
  threeNodesSearchAllTime: (v) => v <= 1.5,
  threeNodesSearchProvinceTime: (v) => v <= 1.1,
};
const goalText: Partial<Record<keyof Ratios, string>> = {
  hubVsApolloGateway: '≥ 2',
  hubVsApolloGatewayOneConnection: '≥ 1.2',
  hubDocumentsVsHub: '> 1',
  hubNoDedupVsApolloGateway: '≥ 2',
  hubVsApolloGatewayVaried: '≥ 2',
  hubVsHiveGateway: '≥ 1',
  hubP99VsHiveGateway: '≤ 1',
  hubVsDirectSubgraph: '≥ 0.6',
  hubGatewayRssVsApolloGateway: '≤ 1',
  threeNodesSearchAllTime: '≤ 1.5',
  threeNodesSearchProvinceTime: '≤ 1.1',
};

/** One line per ratio, with its target and whether it is met where it has one. */
export function ratioLines(ratios: Ratios): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(ratios) as [keyof Ratios, number | null][]) {
    const goal = goals[key];
    const verdict = value === null || !goal ? '' : `  (target ${goalText[key]}: ${goal(value) ? 'met' : 'NOT met'})`;
    lines.push(`  ${key.padEnd(38)} ${value ?? 'n/a'}${verdict}`);
  }
  return lines;
}
