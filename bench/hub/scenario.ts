import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../lib/canonical.ts';
import { mapConcurrent } from '../lib/concurrency.ts';
import { compareInterleaved, type LoadSettings, type Target } from '../lib/compare.ts';
import type { Probe } from '../lib/load.ts';
import { postGraphQL } from '../lib/process.ts';
import { type Entry, entryOf, failedEntry } from '../lib/results.ts';
import { BENCH_CLIENT } from '../lib/tokens.ts';
import { type RunningHub, startHub } from './start.ts';

const CROSS_SELECTION = `totalCount
    edges { node { id name title homeRegion { code name } disciplines { code name }
                   awards { year program { id name ownerRegion { name } } }
                   engagements { kind hostRegion { code name } } } }
    pageInfo { hasNextPage endCursor }`;

/** The hub queries measured in scenarios 2 and 3. */
export const HUB_QUERIES = {
  /**
   * The cross-subgraph query of the README ("Example queries"): experts → projects → coordination,
   * the same request every time (as a dashboard refreshing would send it).
   */
  talentsCross: {
    name: 'talentsCross',
    query: `query TalentsCross { talents(filter: { sector: AGRICULTURE }, first: 20) {
    ${CROSS_SELECTION} } }`,
  },
  /**
   * The same query with a different filter on every request (each sector × each province's
   * talents, round-robin), so no two requests in flight are alike: identical requests let a
   * gateway share subgraph fetches between them, which hides what one request costs the store.
   */
  talentsCrossVaried: {
    name: 'talentsCrossVaried',
    query: `query TalentsCrossVaried($filter: TalentFilter!) { talents(filter: $filter, first: 20) {
    ${CROSS_SELECTION} } }`,
  },
  /** One talent by id, all of it from the experts subgraph (a different id per request). */
  talentById: {
    name: 'talentById',
    query: `query TalentById($id: ID!) { talent(id: $id) {
    id name gender degree title careerStage organization sectors skills availability sharing
    homeRegion { code } disciplines { code name } pools { id name level } } }`,
  },
} as const;
export type HubQuery = keyof typeof HUB_QUERIES;

/** Talents of the benchmark client's own province, so no sharing rule depends on agreements. */
const IDS_QUERY = `query BenchTalentIds { talents(filter: { homeRegion: "${BENCH_CLIENT.region}" }, first: 100) { edges { node { id } } } }`;
const PROVINCES_QUERY = 'query BenchProvinces { regions(level: PROVINCE) { code } }';
const SECTORS = ['AGRICULTURE', 'INDUSTRY', 'SERVICES'];

/** A GraphQL answer as the harness reads it. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

/**
 * Sends one request; throws unless it answered 200 with data and no errors. A request whose
 * connection was closed under it (a pooled keep-alive connection the server had just closed: no
 * answer at all, "other side closed") is sent again, up to twice; any answer is judged as it is.
 */
export async function ask(url: string, query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>): Promise<GraphQLBody> {
  const send = () => postGraphQL(url, { query, ...(variables ? { variables } : {}) }, headers);
  const closedUnderIt = (error: unknown) => error instanceof TypeError && (error.cause as { code?: string } | undefined)?.code === 'UND_ERR_SOCKET';
  const res = await send()
    .catch((error: unknown) => (closedUnderIt(error) ? send() : Promise.reject(error)))
    .catch((error: unknown) => (closedUnderIt(error) ? send() : Promise.reject(error)));
  const body = JSON.parse(res.text) as GraphQLBody;
  if (res.status !== 200 || body.errors?.length || !body.data) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 400)}`);
  return body;
}

/** The requests of one query to send round-robin, with the reference answer (canonical JSON) of each. */
export interface RequestSet {
  bodies: string[];
  expected: string[];
}

/**
 * The queries' reference answers, read once through the gateway before any load; every answer
 * under load (through the gateway or straight to the subgraph) must equal the one for its request.
 */
export function references(hub: RunningHub, headers: Record<string, string>): Promise<Record<HubQuery, RequestSet>> {
  // A hub shared by scenarios (quick mode: scenario 2's hub is the scale scenario's smallest size)
  // has its answers read once: nothing writes to it between the scenarios.
  const key = JSON.stringify(headers);
  let byHeaders = readReferences.get(hub);
  if (!byHeaders) readReferences.set(hub, (byHeaders = new Map()));
  let read = byHeaders.get(key);
  if (!read) {
    read = readAll(hub, headers);
    byHeaders.set(key, read);
    read.catch(() => byHeaders.delete(key));
  }
  return read;
}
const readReferences = new WeakMap<RunningHub, Map<string, Promise<Record<HubQuery, RequestSet>>>>();

/** Requests in flight at once while the reference answers are read. */
export const REFERENCE_CONCURRENCY = 8;

async function readAll(hub: RunningHub, headers: Record<string, string>): Promise<Record<HubQuery, RequestSet>> {
  const set = async (
    name: HubQuery,
    variableSets: (Record<string, unknown> | undefined)[],
    check?: (body: GraphQLBody, variables: Record<string, unknown> | undefined) => void,
  ) => {
    const bodies = await mapConcurrent(variableSets, REFERENCE_CONCURRENCY, async (variables) => {
      const body = await ask(hub.gatewayUrl, HUB_QUERIES[name].query, variables, headers);
      check?.(body, variables);
      return body;
    });
    return {
      bodies: variableSets.map((variables) => JSON.stringify({ query: HUB_QUERIES[name].query, ...(variables ? { variables } : {}) })),
      expected: bodies.map((body) => canonicalJson(body)),
    } satisfies RequestSet;
  };
  const idsBody = await ask(hub.gatewayUrl, IDS_QUERY, undefined, headers);
  const ids = ((idsBody.data!.talents as { edges: { node: { id: string } }[] }).edges ?? []).map((e) => e.node.id);
  if (ids.length === 0) throw new Error(`no talents of region ${BENCH_CLIENT.region} to look up`);
  const provinces = ((await ask(hub.gatewayUrl, PROVINCES_QUERY, undefined, headers)).data!.regions as { code: string }[]).map((r) => r.code);
  const [talentsCross, talentsCrossVaried, talentById] = await Promise.all([
    set('talentsCross', [undefined]),
    set(
      'talentsCrossVaried',
      provinces.flatMap((homeRegion) => SECTORS.map((sector) => ({ filter: { sector, homeRegion } }))),
    ),
    set(
      'talentById',
      ids.map((id) => ({ id })),
      (body, variables) => {
        if ((body.data!.talent as { id?: string } | null)?.id !== variables!.id)
          throw new Error(`talent(id: "${String(variables!.id)}") answered ${JSON.stringify(body).slice(0, 300)}`);
      },
    ),
  ]);
  return { talentsCross, talentsCrossVaried, talentById };
}

/** The canonical JSON of an answer's text (undefined when it is not JSON). */
export function canonicalOf(text: string): string | undefined {
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * The requests of a set, round-robin, each checked against its own reference answer. `headers`
 * (if given) are read for every request, so a refreshed token is picked up.
 */
export function probes(set: RequestSet, headers?: Record<string, string>): Probe | (() => Probe) {
  if (set.bodies.length === 1 && !headers) {
    // One request: remember the accepted bytes, so identical answers skip the parse.
    let accepted: string | undefined;
    return {
      body: set.bodies[0]!,
      check: (text) => {
        if (text === accepted) return true;
        if (canonicalOf(text) !== set.expected[0]) return false;
        accepted = text;
        return true;
      },
    };
  }
  let i = 0;
  return () => {
    const k = i++ % set.bodies.length;
    return { body: set.bodies[k]!, ...(headers ? { headers } : {}), check: (text) => canonicalOf(text) === set.expected[k] };
  };
}

/**
 * The direct-subgraph target's headers: what the gateway would send the experts node of the
 * benchmark client's province for it (a caller token for that node, signed with the gateway's
 * key, valid 60 s and re-signed every 20 s while the scenario runs, plus the request id and
 * operation name it relays).
 */
export async function directHeaders(hub: RunningHub): Promise<Record<string, string>> {
  const { audience } = hub.nodeFor(BENCH_CLIENT.region);
  const token = await hub.signer.sign({ audience, sub: 'bench', region: BENCH_CLIENT.region, scopes: BENCH_CLIENT.scope.split(' '), purpose: null, grants: [] });
  return { authorization: `Bearer ${token}`, 'x-request-id': randomUUID(), 'x-hub-operation': 'TalentById' };
}

/**
 * Scenario 2, the hub's own workload: the README's cross-subgraph query, the same query with a
 * different filter per request, and a talent lookup by id through the gateway, and the same
 * lookup straight to the experts node that holds the talents (the gateway's overhead),
 * interleaved round by round, on the hub as `npm start` runs it (three experts nodes).
 */
export async function runHubScenario(options: {
  settings: LoadSettings;
  headers: Record<string, string>;
  talents?: number;
  /** A running hub of `talents` (three experts nodes) to measure, shared with other scenarios: not stopped here. */
  hub?: Promise<RunningHub>;
  log: (line: string) => void;
}): Promise<Entry[]> {
  const talents = options.talents ?? 3000;
  const shared = options.hub !== undefined;
  const hub = await (options.hub ?? startHub(talents, options.log));
  try {
    const ref = await references(hub, options.headers);
    options.log(
      `  reference answers read through the gateway (${ref.talentsCrossVaried.bodies.length} filters; ${ref.talentById.bodies.length} talents of region ${BENCH_CLIENT.region})`,
    );
    const direct = await directHeaders(hub);
    const first = await postGraphQL(hub.nodeFor(BENCH_CLIENT.region).url, JSON.parse(ref.talentById.bodies[0]!), direct);
    const gatewayPids = hub.gatewayPid === undefined ? [] : [hub.gatewayPid];
    const through = (query: HubQuery): Target => ({
      name: `hub:${query}`,
      url: hub.gatewayUrl,
      headers: options.headers,
      probe: probes(ref[query]),
      fetches: hub.fetches,
      pids: gatewayPids,
    });
    const targets: Target[] = [through('talentsCross'), through('talentsCrossVaried'), through('talentById')];
    const directOk = first.status === 200 && canonicalOf(first.text) === ref.talentById.expected[0];
    const node = hub.nodeFor(BENCH_CLIENT.region);
    if (directOk)
      targets.push({ name: 'direct-subgraph', url: node.url, probe: probes(ref.talentById, direct), fetches: hub.fetches, pids: node.pid === undefined ? [] : [node.pid] });
    // The caller token of the direct target lives 60 s: keep it fresh (every request reads `direct`).
    const refresh = setInterval(() => {
      directHeaders(hub).then(
        (h) => Object.assign(direct, h),
        () => {},
      );
    }, 20_000);
    try {
      const summaries = await compareInterleaved(targets, options.settings, options.log);
      const entries = (['talentsCross', 'talentsCrossVaried', 'talentById'] as const).map((q) => entryOf('hub', q, 'hub', summaries.get(`hub:${q}`)!, { talents }));
      const d = summaries.get('direct-subgraph');
      entries.push(
        d
          ? entryOf('hub', 'talentById', 'direct-subgraph', d, { talents })
          : failedEntry(
              'hub',
              'talentById',
              'direct-subgraph',
              `the experts subgraph answered differently from the gateway (HTTP ${first.status}): ${first.text.slice(0, 300)}`,
              talents,
            ),
      );
      return entries;
    } finally {
      clearInterval(refresh);
    }
  } finally {
    if (!shared) await hub.stop();
  }
}
