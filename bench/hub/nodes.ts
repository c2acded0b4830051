import type { TopologyName } from '../../scripts/lib/topology.ts';
import { canonicalJson } from '../lib/canonical.ts';
import { mapConcurrent } from '../lib/concurrency.ts';
import { compareInterleaved, type LoadSettings, type Target } from '../lib/compare.ts';
import { type Entry, entryOf, failedEntry } from '../lib/results.ts';
import { BENCH_CLIENT } from '../lib/tokens.ts';
import { ask, probes, REFERENCE_CONCURRENCY, type RequestSet } from './scenario.ts';
import { type RunningHub, startHub } from './start.ts';

/**
 * Scenario 4, the cost of provincial nodes (issue 14): the same hub workload on three experts
 * nodes (Sichuan, Chongqing, the rest, as `npm start` runs it) and on one node holding everything,
 * both seeded alike and running at once, measured in interleaved rounds. Experts fields only, so
 * what differs is the gateway's routing and merging and the nodes' own work.
 */

const SEARCH_SELECTION = 'totalCount edges { cursor node { id name title careerStage sectors homeRegion { code } } } pageInfo { hasNextPage endCursor }';

/** The queries of scenario 4. */
export const NODE_QUERIES = {
  /** A root search every node can answer: the gateway asks all three in parallel and merges the pages in id order. */
  searchAll: `query SearchAll($filter: TalentFilter!) { talents(filter: $filter, first: 20) { ${SEARCH_SELECTION} } }`,
  /** The same search for one province (`homeRegion: "510000"`): only Sichuan's node is asked. */
  searchProvince: `query SearchProvince($filter: TalentFilter!) { talents(filter: $filter, first: 20) { ${SEARCH_SELECTION} } }`,
  /** One talent by id (ids of several provinces, round-robin): routed by the province the id names. */
  talentById: `query TalentById($id: ID!) { talent(id: $id) {
    id name gender degree title careerStage organization sectors skills availability sharing
    homeRegion { code } disciplines { code name } pools { id name level } } }`,
} as const;
export type NodeQuery = keyof typeof NODE_QUERIES;

/**
 * Hardly two requests in flight alike (the gateway shares identical fetches, which would hide
 * what a request costs): every sector × career stage × availability (or none), 48 filters for
 * 50 connections.
 */
const SECTORS = ['AGRICULTURE', 'INDUSTRY', 'SERVICES'];
const STAGES = ['EARLY', 'MID', 'SENIOR', 'LEADING'];
const AVAILABILITY = [undefined, 'AVAILABLE', 'LIMITED', 'UNAVAILABLE'];
/** Provinces whose talents are looked up by id: Sichuan's and Chongqing's nodes and two provinces of the rest. */
const LOOKUP_PROVINCES = ['510000', '500000', '110000', '440000'];

/** The variables of each query's requests, read from the single-node hub (the reference). */
async function requestVariables(hub: RunningHub, headers: Record<string, string>): Promise<Record<NodeQuery, Record<string, unknown>[]>> {
  const filters = SECTORS.flatMap((sector) =>
    STAGES.flatMap((careerStage) => AVAILABILITY.map((availability) => ({ sector, careerStage, ...(availability ? { availability } : {}) }))),
  );
  const pages = await Promise.all(
    LOOKUP_PROVINCES.map((homeRegion) =>
      ask(hub.gatewayUrl, 'query($h: ID!) { talents(filter: { homeRegion: $h }, first: 25) { edges { node { id } } } }', { h: homeRegion }, headers),
    ),
  );
  const ids = pages.flatMap((body) => (body.data!.talents as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id));
  if (ids.length === 0) throw new Error('no talents to look up');
  return {
    searchAll: filters.map((filter) => ({ filter })),
    searchProvince: filters.map((filter) => ({ filter: { ...filter, homeRegion: BENCH_CLIENT.region } })),
    talentById: ids.map((id) => ({ id })),
  };
}

/**
 * Each query's requests with the answers of `hub`. The two hubs must give the same answer to
 * every request (the nodes split where the data is, not what a caller sees); a difference fails
 * the scenario before any load.
 */
async function referenceSets(hub: RunningHub, variables: Record<NodeQuery, Record<string, unknown>[]>, headers: Record<string, string>): Promise<Record<NodeQuery, RequestSet>> {
  const sets = {} as Record<NodeQuery, RequestSet>;
  for (const query of Object.keys(NODE_QUERIES) as NodeQuery[]) {
    sets[query] = {
      bodies: variables[query].map((v) => JSON.stringify({ query: NODE_QUERIES[query], variables: v })),
      expected: await mapConcurrent(variables[query], REFERENCE_CONCURRENCY, async (v) => canonicalJson(await ask(hub.gatewayUrl, NODE_QUERIES[query], v, headers))),
    };
  }
  return sets;
}

/**
 * The requests of scenario 4 and both hubs' answers to them, read once per pair of hubs: run.ts
 * reads them as soon as the hubs are up (while scenario 1's targets may still be starting: reading
 * them measures nothing), and the scenario takes them from here. Nothing writes to the hubs meanwhile.
 */
export function nodeReferences(
  single: RunningHub,
  three: RunningHub,
  headers: Record<string, string>,
): Promise<{ single: Record<NodeQuery, RequestSet>; three: Record<NodeQuery, RequestSet> }> {
  const key = JSON.stringify(headers);
  let byThree = readNodeReferences.get(single);
  if (!byThree) readNodeReferences.set(single, (byThree = new WeakMap()));
  let byHeaders = byThree.get(three);
  if (!byHeaders) byThree.set(three, (byHeaders = new Map()));
  let read = byHeaders.get(key);
  if (!read) {
    read = (async () => {
      const variables = await requestVariables(single, headers);
      const [refSingle, refThree] = await Promise.all([referenceSets(single, variables, headers), referenceSets(three, variables, headers)]);
      return { single: refSingle, three: refThree };
    })();
    const entries = byHeaders;
    entries.set(key, read);
    read.catch(() => entries.delete(key));
  }
  return read;
}
const readNodeReferences = new WeakMap<RunningHub, WeakMap<RunningHub, Map<string, ReturnType<typeof nodeReferences>>>>();

/** The first request two hubs answer differently, or null. */
function firstDifference(a: Record<NodeQuery, RequestSet>, b: Record<NodeQuery, RequestSet>): string | null {
  for (const query of Object.keys(a) as NodeQuery[]) {
    const i = a[query].expected.findIndex((answer, k) => answer !== b[query].expected[k]);
    if (i >= 0)
      return `${query} ${a[query].bodies[i]!.slice(0, 300)}:\n  one node:    ${a[query].expected[i]!.slice(0, 300)}\n  three nodes: ${b[query].expected[i]!.slice(0, 300)}`;
  }
  return null;
}

/** The target (row) name of a topology under load (`one-node`, `three-nodes`) or one request at a time (`…-serial`). */
export const nodeTargetName = (topology: TopologyName, serial: boolean) => `${topology === 'three' ? 'three-nodes' : 'one-node'}${serial ? '-serial' : ''}`;

/**
 * Scenario 4: each query on three nodes and on one node, interleaved (one-node, three-nodes, per
 * query, every round), twice: under the load of `settings.connections` (what a request costs the
 * machine: rows `one-node`, `three-nodes`) and one request at a time (how long a request takes
 * when the nodes can work in parallel: rows `one-node-serial`, `three-nodes-serial`). Both hubs
 * run at once, so drift hits both alike; their answers are compared first and must be identical.
 */
export async function runNodesScenario(options: {
  settings: LoadSettings;
  headers: Record<string, string>;
  talents?: number;
  /** Running hubs of `talents` to measure, shared with other scenarios: not stopped here (absent: both started here, together). */
  hubs?: { single: Promise<RunningHub>; three: Promise<RunningHub> };
  /**
   * Which phases to run: under the load of `settings.connections` (`loaded`: the cost rows) and one
   * request at a time (`serial`: the time rows, whose ratios have targets). Default both.
   */
  phases?: readonly ('loaded' | 'serial')[];
  /**
   * Seconds per measurement one request at a time (default `settings.durationS`). Quick mode gives
   * the federation scenario's one-connection rounds' 3 s: a request takes 3-10 ms here, so a round
   * still has 300 or more answers.
   */
  serialDurationS?: number;
  log: (line: string) => void;
}): Promise<Entry[]> {
  const talents = options.talents ?? 3000;
  const queries = Object.keys(NODE_QUERIES) as NodeQuery[];
  const phases = options.phases ?? ['loaded', 'serial'];
  const serialPhases = [false, true].filter((serial) => phases.includes(serial ? 'serial' : 'loaded'));
  const rows = serialPhases.flatMap((serial) => [nodeTargetName('single', serial), nodeTargetName('three', serial)]);
  const failAll = (note: string) => queries.flatMap((q) => rows.map((t) => failedEntry('nodes', q, t, note, talents)));
  let single: RunningHub | undefined;
  let three: RunningHub | undefined;
  try {
    // Started together: nothing is measured while they start, and each seeds its own files.
    const starting = options.hubs
      ? ([options.hubs.single, options.hubs.three] as const)
      : ([startHub(talents, options.log, 'single'), startHub(talents, options.log, 'three')] as const);
    const [one, both] = await Promise.allSettled(starting);
    single = one.status === 'fulfilled' ? one.value : undefined;
    three = both.status === 'fulfilled' ? both.value : undefined;
    if (!single || !three) throw one.status === 'rejected' ? one.reason : (both as PromiseRejectedResult).reason;
    const { single: refSingle, three: refThree } = await nodeReferences(single, three, options.headers);
    const difference = firstDifference(refSingle, refThree);
    if (difference) {
      options.log(`  the hubs answer differently: ${difference}`);
      return failAll(`three nodes answer differently from one node: ${difference}`);
    }
    options.log(`  both hubs give the same answers (${queries.map((q) => `${refSingle[q].bodies.length} ${q}`).join(', ')})`);
    const hubs = { single, three } as const;
    const entries: Entry[] = [];
    for (const serial of serialPhases) {
      if (serial) options.log('  one request at a time:');
      const targets: Target[] = queries.flatMap((q) =>
        (['single', 'three'] as const).map((t) => ({
          name: `${nodeTargetName(t, serial)}:${q}`,
          url: hubs[t].gatewayUrl,
          headers: options.headers,
          probe: probes(t === 'single' ? refSingle[q] : refThree[q]),
          fetches: hubs[t].fetches,
        })),
      );
      // The loaded phase ran the same requests on the same hubs just before: the serial one needs no warm-up then.
      const warmupS = serial && serialPhases.includes(false) ? 0 : options.settings.warmupS;
      const summaries = await compareInterleaved(
        targets,
        { ...options.settings, warmupS, ...(serial ? { connections: 1, durationS: options.serialDurationS ?? options.settings.durationS } : {}) },
        options.log,
      );
      for (const q of queries)
        for (const t of ['single', 'three'] as const)
          entries.push(entryOf('nodes', q, nodeTargetName(t, serial), summaries.get(`${nodeTargetName(t, serial)}:${q}`)!, { talents }));
    }
    return entries;
  } catch (error) {
    const note = error instanceof Error ? error.message.slice(0, 600) : String(error);
    options.log(`  FAILED ${note}`);
    return failAll(note);
  } finally {
    if (!options.hubs) await Promise.all([single?.stop(), three?.stop()]);
  }
}
