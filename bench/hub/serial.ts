import { encodeCursor } from '../../platform/connection.ts';
import { canonicalJson } from '../lib/canonical.ts';
import { mapConcurrent } from '../lib/concurrency.ts';
import { treeRssBytes } from '../lib/memory.ts';
import { postGraphQL } from '../lib/process.ts';
import { type Entry, round } from '../lib/results.ts';
import { BENCH_CLIENT, clientToken } from '../lib/tokens.ts';
import { ask, canonicalOf, type GraphQLBody, HUB_QUERIES, REFERENCE_CONCURRENCY, type RequestSet } from './scenario.ts';
import type { RunningHub } from './start.ts';

/**
 * Issue 16 goal 6 as a caller sees it: the latency of one request through the gateway, sent one
 * after another on an otherwise idle hub (no queue: under 50 connections latency is mostly
 * waiting, 50 ÷ throughput), at each size of the scale scenario. Two queries, each a different
 * request every time: a talent by id (ids spread over the whole key range of the client's
 * province, so a large store is read where it is cold, not only its first talents) and a page of
 * 20 by province and sector (`homeRegion` and `sectors` are indexed equalities of the experts
 * store: the page is walked from the smaller index entry, in id order), each asked by a client of
 * that province: its own talents are all visible to it, so the store's filter is the indexed
 * equalities alone (another province would see only its shared talents, through a larger filter).
 */

/** The queries timed one at a time. */
export const SERIAL_QUERIES = ['talentById', 'talentsPage'] as const;
export type SerialQuery = (typeof SERIAL_QUERIES)[number];

/** The page query: experts fields only (the indexed path of one store, nothing joined from other subgraphs). */
const PAGE_QUERY = `query TalentsPage($filter: TalentFilter!) { talents(filter: $filter, first: 20) {
    edges { node { id name title careerStage sectors availability homeRegion { code } } }
    pageInfo { hasNextPage endCursor } } }`;
const PAGE_SIZE = 20;
const SECTORS = ['AGRICULTURE', 'INDUSTRY', 'SERVICES'];
const PROVINCES_QUERY = 'query BenchProvinces { regions(level: PROVINCE) { code } }';
/** The first talent of the client's province at or after a key: how ids spread over the key range are found. */
const FIRST_AFTER_QUERY = `query BenchTalentAfter($after: String) { talents(filter: { homeRegion: "${BENCH_CLIENT.region}" }, first: 1, after: $after) { edges { node { id } } } }`;
/** Points of the key range asked for an id (fewer distinct ids where the province has fewer talents). */
const ID_POINTS = 300;

export type PageFilter = { homeRegion: string; sector: string };

/** Requests of one query, each with its reference answer and the headers it is sent with. */
export interface SerialSet extends RequestSet {
  headers: Record<string, string>[];
}

/** The requests of both queries at one hub, with their reference answers (read before any timing). */
export interface SerialSets {
  talentById: SerialSet;
  talentsPage: SerialSet;
  /** The page filters used (the same at every size: those whose page is full at the smallest). */
  filters: PageFilter[];
  /** Filters of `filters` whose page is not full at this hub (0 at the smallest size by construction). */
  shortPages: number;
}

function requestSet(query: string, variables: Record<string, unknown>[], answers: GraphQLBody[], headers: Record<string, string>[]): SerialSet {
  return { bodies: variables.map((v) => JSON.stringify({ query, variables: v })), expected: answers.map((a) => canonicalJson(a)), headers };
}

const provinceTokens = new Map<string, Promise<string>>();
/**
 * The headers of a client of `region` with the benchmark client's scopes, signed as
 * `npm run token` signs (scripts/token.ts: the configured HS256 secret, issuer and audience, which
 * the hub's gateway inherits from this process), in-process: a token script run per province would
 * take seconds of the run.
 */
async function clientOf(region: string, headers: Record<string, string>): Promise<Record<string, string>> {
  if (region === BENCH_CLIENT.region) return headers;
  let token = provinceTokens.get(region);
  if (!token) {
    token = clientToken({ region, scope: BENCH_CLIENT.scope });
    provinceTokens.set(region, token);
  }
  return { ...headers, authorization: `Bearer ${await token}` };
}

/**
 * Reads the requests and reference answers of one hub. Ids: the first talent of the client's
 * province after each of `ID_POINTS` keys spread over the serials (`T-<province>-<serial>`, serials
 * unique over all provinces, 1 .. talents), through the API's own keyset cursor. Page filters:
 * `filters` when given (the smallest size's), else every province × sector whose page is full
 * (a filter with fewer talents than a page would answer less at a small size than at a large one).
 */
export async function serialSets(hub: RunningHub, talents: number, headers: Record<string, string>, filters?: PageFilter[]): Promise<SerialSets> {
  const points = Array.from({ length: ID_POINTS }, (_, i) => ({
    after: encodeCursor(`T-${BENCH_CLIENT.region}-${String(Math.floor((i * talents) / ID_POINTS)).padStart(6, '0')}`),
  }));
  const found = await mapConcurrent(points, REFERENCE_CONCURRENCY, async (v) => {
    const body = await ask(hub.gatewayUrl, FIRST_AFTER_QUERY, v, headers);
    return (body.data!.talents as { edges: { node: { id: string } }[] }).edges[0]?.node.id;
  });
  const ids = [...new Set(found.filter((id): id is string => id !== undefined))];
  if (ids.length === 0) throw new Error(`no talents of region ${BENCH_CLIENT.region} to look up`);
  const byId = ids.map((id) => ({ id }));
  const idAnswers = await mapConcurrent(byId, REFERENCE_CONCURRENCY, async (v) => {
    const body = await ask(hub.gatewayUrl, HUB_QUERIES.talentById.query, v, headers);
    if ((body.data!.talent as { id?: string } | null)?.id !== v.id) throw new Error(`talent(id: "${v.id}") answered ${JSON.stringify(body).slice(0, 300)}`);
    return body;
  });

  let candidates = filters;
  if (!candidates) {
    const provinces = ((await ask(hub.gatewayUrl, PROVINCES_QUERY, undefined, headers)).data!.regions as { code: string }[]).map((r) => r.code);
    candidates = provinces.flatMap((homeRegion) => SECTORS.map((sector) => ({ homeRegion, sector })));
  }
  const pageVariables = candidates.map((filter) => ({ filter }));
  const pageHeaders = await Promise.all(candidates.map((f) => clientOf(f.homeRegion, headers)));
  const pageAnswers = await mapConcurrent(pageVariables, REFERENCE_CONCURRENCY, (v, i) => ask(hub.gatewayUrl, PAGE_QUERY, v, pageHeaders[i]!));
  const full = pageAnswers.map((a) => (a.data!.talents as { edges: unknown[] }).edges.length === PAGE_SIZE);
  const keep = filters ? candidates.map(() => true) : full;
  const chosen = candidates.filter((_, i) => keep[i]);
  if (chosen.length === 0) throw new Error(`no province × sector has a full page of ${PAGE_SIZE} talents visible to region ${BENCH_CLIENT.region}`);
  return {
    talentById: requestSet(
      HUB_QUERIES.talentById.query,
      byId,
      idAnswers,
      byId.map(() => headers),
    ),
    talentsPage: requestSet(
      PAGE_QUERY,
      pageVariables.filter((_, i) => keep[i]),
      pageAnswers.filter((_, i) => keep[i]),
      pageHeaders.filter((_, i) => keep[i]),
    ),
    filters: chosen,
    shortPages: full.filter((f, i) => keep[i] && !f).length,
  };
}

/**
 * The resident memory of a hub's experts nodes now (their stores are most of it), in MB; null where
 * /proc cannot be read. The node serving every other province (`*`) is found by a province no
 * node of the hub's topologies names (Beijing).
 */
export function expertsRssMb(hub: RunningHub): number | null {
  const pids = new Set(hub.nodes.map((n) => hub.nodeFor(n.provinces === '*' ? '110000' : n.provinces[0]!).pid));
  const bytes = treeRssBytes([...pids].filter((pid): pid is number => pid !== undefined));
  return bytes === null ? null : Math.round(bytes / 1e6);
}

/** How many requests: unmeasured first (per query and size), then measured. */
export interface SerialSettings {
  warmup: number;
  samples: number;
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Times every hub's requests one at a time. With several hubs (quick mode: every size is up at
 * once) the sizes take turns request by request (a size, then the next, for each query), so
 * drift on a shared machine hits every size alike: in blocks of 50 and of 10 requests, the same
 * hubs gave growths from 0.75 to 1.52 on a loaded machine. Every answer is checked against its reference; a wrong one counts as an
 * error and fails the row. Rows: scenario `scale`, `connections: 1`, p50/p99 in ms to 0.01 ms,
 * `rps` = 1 ÷ the mean time; subgraph fetches and store calls per request counted over the
 * measured requests (the counters of a hub are reset before its first measured block).
 */
export async function measureSerial(hubs: { talents: number; hub: RunningHub; sets: SerialSets }[], settings: SerialSettings): Promise<Entry[]> {
  const BLOCK = 1;
  const state = hubs.map(({ talents, hub, sets }) => ({
    talents,
    hub,
    sets,
    next: Object.fromEntries(SERIAL_QUERIES.map((q) => [q, 0])) as Record<SerialQuery, number>,
    ms: Object.fromEntries(SERIAL_QUERIES.map((q) => [q, [] as number[]])) as Record<SerialQuery, number[]>,
    errors: Object.fromEntries(SERIAL_QUERIES.map((q) => [q, 0])) as Record<SerialQuery, number>,
    firstWrong: undefined as string | undefined,
  }));
  const send = async (s: (typeof state)[number], q: SerialQuery, measured: boolean) => {
    const set = s.sets[q];
    const k = s.next[q]++ % set.bodies.length;
    const body: unknown = JSON.parse(set.bodies[k]!);
    const t0 = performance.now();
    let status = 0;
    let text = '';
    try {
      ({ status, text } = await postGraphQL(s.hub.gatewayUrl, body, set.headers[k]));
    } catch (error) {
      text = String(error);
    }
    const ms = performance.now() - t0;
    if (status !== 200 || canonicalOf(text) !== set.expected[k]) {
      s.errors[q]++;
      s.firstWrong ??= `${q} (HTTP ${status}): ${text.slice(0, 300)}`;
    } else if (measured) s.ms[q].push(ms);
  };
  for (let done = 0; done < settings.warmup; done += BLOCK)
    for (const s of state) for (const q of SERIAL_QUERIES) for (let i = 0; i < Math.min(BLOCK, settings.warmup - done); i++) await send(s, q, false);
  await Promise.all(state.map((s) => s.hub.fetches.reset()));
  for (let done = 0; done < settings.samples; done += BLOCK)
    for (const s of state) for (const q of SERIAL_QUERIES) for (let i = 0; i < Math.min(BLOCK, settings.samples - done); i++) await send(s, q, true);
  const entries: Entry[] = [];
  for (const s of state) {
    const counts = await s.hub.fetches.read();
    const rss = expertsRssMb(s.hub);
    const sent = settings.samples * SERIAL_QUERIES.length;
    for (const q of SERIAL_QUERIES) {
      const sorted = [...s.ms[q]].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
      const ok = s.errors[q] === 0 && sorted.length > 0;
      entries.push({
        scenario: 'scale',
        query: q,
        target: 'hub',
        talents: s.talents,
        connections: 1,
        rps: sorted.length ? round(1000 / mean, 1) : 0,
        p50Ms: sorted.length ? round(quantile(sorted, 0.5), 2) : 0,
        p99Ms: sorted.length ? round(quantile(sorted, 0.99), 2) : 0,
        errors: s.errors[q],
        // Both queries share a hub's counters: per request over both (each is one experts fetch, no joins).
        subgraphFetchesPerRequest: round(counts.fetches / sent, 2),
        storeCallsPerRequest: counts.storeCalls === null ? null : round(counts.storeCalls / sent, 2),
        peakRssMb: null,
        ok,
        rounds: [],
        note: `${sorted.length} requests one at a time over ${s.sets[q].bodies.length} distinct ones; experts nodes' RSS ${rss ?? 'n/a'} MB${q === 'talentsPage' && s.sets.shortPages ? ` (${s.sets.shortPages} pages not full)` : ''}${s.firstWrong && !ok ? `; first wrong answer: ${s.firstWrong}` : ''}`,
      });
    }
  }
  return entries;
}
