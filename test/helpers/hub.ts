import { generateDataset, type Dataset } from '../../data/generate.ts';
import { type RunningGateway, type ServeGatewayOptions, serveGateway } from '../../gateway/serve.ts';
import type { GatewayRegistry } from '../../gateway/registry/index.ts';
import { type CallerSigner, createCallerSigner } from '../../gateway/signer.ts';
import { coordinationService } from '../../subgraphs/coordination/server.ts';
import { expertsService } from '../../subgraphs/experts/server.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { DEFAULT_STATS_MIN_GROUP } from '../../platform/config.ts';
import { DEFAULT_STATS_ROUNDING } from '../../platform/disclosure.ts';
import { type ExpertsNode, nodeForProvince } from '../../platform/nodes.ts';
import type { RunningServer } from '../../platform/server.ts';
import { startSubgraph, type StartedSubgraph } from '../../platform/runner.ts';
import { recordCalls, type StoreCall } from '../../store/port.ts';
import { projectsService } from '../../subgraphs/projects/server.ts';
import { nodesOf, portOfUrl, type TopologyName } from '../../scripts/lib/topology.ts';
import { ALL_SCOPES, clientToken, TEST_JWT_SECRET } from './caller.ts';
import { composeCore } from './composition.ts';
import { freePort } from './processes.ts';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

/** POSTs a GraphQL request as a client would. */
export async function post<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: GraphQLResponse<T>['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse<T>['body'];
  } catch {
    throw new Error(`not JSON (HTTP ${res.status}): ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers, body };
}

type Name = 'experts' | 'projects' | 'coordination';

export interface AsOptions {
  region?: string;
  scopes?: string[];
  purpose?: string;
  sub?: string;
}

export interface Hub {
  url: string;
  dataset: Dataset;
  /** Each subgraph's URL; `experts` is the first node's (Sichuan's, or the single node's): see `nodes` for every node. */
  subgraphUrls: Record<Name, string>;
  /** The running subgraphs; `experts` is the first node (Sichuan's, or the single node). */
  subgraphs: { experts: StartedSubgraph<unknown>; projects: StartedSubgraph<unknown>; coordination: StartedSubgraph<unknown> };
  /** The experts node map the gateway and the owner lookups route by. */
  expertsNodes: ExpertsNode[];
  /** Every experts node, by node name (`sichuan`, `chongqing`, `rest`; `experts` for the single node). */
  nodes: Record<string, StartedSubgraph<unknown>>;
  /** The experts node that holds `province`'s records. */
  nodeFor(province: string): StartedSubgraph<unknown>;
  gateway: RunningServer;
  /** The gateway's caller-token signer (to call a subgraph as the gateway would). */
  signer: CallerSigner;
  /** Store calls recorded since the last `resetCalls()`, per subgraph (`experts`: every node's, in order of arrival). */
  calls: Record<Name, StoreCall[]>;
  /** Store calls recorded since the last `resetCalls()`, per experts node name. */
  nodeCalls: Record<string, StoreCall[]>;
  resetCalls(): void;
  /** GraphQL requests each subgraph has received so far (`experts`: every node's, `nodes`: each node's, by name). */
  graphqlRequests(): { experts: number; projects: number; coordination: number; nodes: Record<string, number> };
  /** Queries the gateway as a provincial system (default: Sichuan with every scope). */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: AsOptions): Promise<GraphQLResponse<T>>;
  /** The subgraph registry, when the hub was started with one (see test/helpers/registry.ts). */
  registry?: GatewayRegistry | undefined;
  close(): Promise<void>;
}

/**
 * Starts the three core subgraphs on the embedded store (seeded from the generator) and the
 * gateway in front of them, all in-process on loopback, composed from the subgraphs' SDL files,
 * with the same wiring as `npm start` (caller tokens signed by the gateway, verified by subgraphs).
 * Experts runs as `npm start` runs it: three nodes (Sichuan, Chongqing, the rest), each with its
 * own embedded database seeded from the same dataset and keeping its provinces' records only;
 * `nodes: 'single'` for one node holding everything.
 */
export async function startHub(
  options: {
    talents?: number;
    seed?: number;
    agreementCacheMs?: number;
    /** Runs the gateway over a subgraph registry built for these subgraph URLs (default: the static supergraph). */
    registry?: (subgraphUrls: Record<Name, string>) => Promise<GatewayRegistry>;
    /** HUB_STATS_MIN_GROUP of the subgraphs (default 5). */
    statsMinGroup?: number;
    /** Gateway settings to override (limits, rate limit, subgraph policy, production, ...). */
    gateway?: Partial<ServeGatewayOptions>;
    /** The experts topology (default `three`, as `npm start` runs it). */
    nodes?: TopologyName;
  } = {},
): Promise<Hub> {
  const dataset = generateDataset({ talents: options.talents ?? 600, seed: options.seed ?? 7 });
  const calls: Hub['calls'] = { experts: [], projects: [], coordination: [] };
  const nodeCalls: Hub['nodeCalls'] = {};
  const db = (name: Name) => recordCalls(createEmbeddedDatabase(), (call) => calls[name].push(call));
  const host = '127.0.0.1';
  const signer = await createCallerSigner();
  const keys = signer.localKeys();

  // Every node is given the whole map (with its URLs) at start, so the ports are chosen first. A
  // port found free can be taken before its node listens (another test file's connections use the
  // same ephemeral range): then every node is started again on new ports (all know the whole map).
  const topology = options.nodes ?? 'three';
  let expertsNodes: ExpertsNode[] = [];
  let nodes: Hub['nodes'] = {};
  for (let attempt = 1; ; attempt++) {
    expertsNodes = nodesOf(topology, await Promise.all(Array.from({ length: topology === 'three' ? 3 : 1 }, () => freePort())));
    nodes = {};
    try {
      for (const node of expertsNodes) {
        const own: StoreCall[] = (nodeCalls[node.name] = []);
        const nodeDb = recordCalls(createEmbeddedDatabase(), (call) => {
          own.push(call);
          calls.experts.push(call);
        });
        nodes[node.name] = await startSubgraph(expertsService, {
          db: nodeDb,
          port: portOfUrl(node.url),
          host,
          keys,
          seed: dataset.experts,
          statsMinGroup: options.statsMinGroup,
          node: { name: node.name, nodes: expertsNodes },
        });
      }
      break;
    } catch (error) {
      await Promise.all(Object.values(nodes).map((n) => n.close()));
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 3) throw error;
      calls.experts.length = 0;
    }
  }
  const nodeFor = (province: string) => {
    const node = nodeForProvince(expertsNodes, province);
    if (!node) throw new Error(`no experts node serves ${province}`);
    return nodes[node.name]!;
  };
  // Projects and coordination ask the node that holds a talent who owns it before a write names it.
  const subgraphs = {
    experts: nodes[expertsNodes[0]!.name]!,
    projects: await startSubgraph(projectsService, { db: db('projects'), port: 0, host, keys, seed: dataset.projects, statsMinGroup: options.statsMinGroup, expertsNodes }),
    coordination: await startSubgraph(coordinationService, {
      db: db('coordination'),
      port: 0,
      host,
      keys,
      seed: dataset.coordination,
      statsMinGroup: options.statsMinGroup,
      expertsNodes,
    }),
  };
  const subgraphUrls = { experts: subgraphs.experts.url, projects: subgraphs.projects.url, coordination: subgraphs.coordination.url };
  const composition = composeCore(subgraphUrls);
  const registry = await options.registry?.(subgraphUrls);
  const gateway = await serveGateway({
    supergraphSdl: registry?.supergraph ?? composition.supergraphSdl,
    ...(registry ? { registry } : {}),
    subgraphUrls,
    expertsNodes,
    // Aggregates merged across nodes are published with the nodes' own disclosure settings.
    stats: { minGroup: options.statsMinGroup ?? DEFAULT_STATS_MIN_GROUP, ...DEFAULT_STATS_ROUNDING },
    port: 0,
    host,
    auth: { jwtSecret: TEST_JWT_SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined },
    signer,
    agreementCacheMs: options.agreementCacheMs ?? 1000,
    logError: () => {},
    // Tests send many requests from one system; the rate limit has tests of its own.
    rateLimit: { ratePerSecond: 100_000, burst: 100_000 },
    // As `npm start` runs it: development made explicit, on loopback, so /dev/token is served.
    devToken: true,
    ...options.gateway,
  });
  const resetCalls = () => {
    for (const list of [...Object.values(calls), ...Object.values(nodeCalls)]) list.length = 0;
  };
  resetCalls();

  return {
    url: gateway.url,
    dataset,
    subgraphUrls,
    subgraphs,
    expertsNodes,
    nodes,
    nodeFor,
    gateway,
    signer,
    calls,
    nodeCalls,
    resetCalls,
    graphqlRequests: () => {
      const perNode = Object.fromEntries(Object.entries(nodes).map(([name, node]) => [name, node.graphqlRequests]));
      const experts = Object.values(perNode).reduce((a, b) => a + b, 0);
      return { experts, projects: subgraphs.projects.graphqlRequests, coordination: subgraphs.coordination.graphqlRequests, nodes: perNode };
    },
    registry,
    query: async (query, variables, as = {}) => {
      const token = await clientToken({ region: as.region ?? '510000', scopes: as.scopes ?? ALL_SCOPES, ...(as.sub ? { sub: as.sub } : {}) });
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (as.purpose) headers['x-hub-purpose'] = as.purpose;
      return post(gateway.url, query, variables, headers);
    },
    close: async () => {
      await gateway.close();
      await Promise.all([...Object.values(nodes), subgraphs.projects, subgraphs.coordination].map((s) => s.close()));
    },
  };
}

/**
 * A hub gateway as the unit tests start one: loopback, port 0, the suite's client-token secret, a
 * caller signer (a fresh one unless given), agreements cached 1 s, masked errors dropped and a rate
 * limit far above what a test sends. `options` adds to or overrides any of it.
 */
export async function serveTestGateway(options: Partial<ServeGatewayOptions> & Pick<ServeGatewayOptions, 'supergraphSdl' | 'subgraphUrls'>): Promise<RunningGateway> {
  return serveGateway({
    port: 0,
    host: '127.0.0.1',
    auth: { jwtSecret: TEST_JWT_SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined },
    agreementCacheMs: 1000,
    logError: () => {},
    rateLimit: { ratePerSecond: 100_000, burst: 100_000 },
    ...options,
    signer: options.signer ?? (await createCallerSigner()),
  });
}
/**
 * Another gateway over a hub's subgraphs, sharing its signing key (as a second instance would):
 * `subgraphUrls` may point one subgraph elsewhere (a slow proxy, a server that hangs), and
 * `expertsNodes` one experts node (default: the hub's nodes).
 */
export async function startGatewayOver(hub: Hub, options: Partial<ServeGatewayOptions> & { subgraphUrls?: Record<string, string> } = {}): Promise<RunningServer> {
  const subgraphUrls = options.subgraphUrls ?? hub.subgraphUrls;
  const composition = composeCore(subgraphUrls);
  return serveTestGateway({
    supergraphSdl: composition.supergraphSdl,
    signer: hub.signer,
    expertsNodes: hub.expertsNodes,
    ...options,
    subgraphUrls,
  });
}
