import { generateDataset, type Dataset } from '../../data/generate.ts';
import { type ServeGatewayOptions, serveGateway } from '../../gateway/serve.ts';
import type { GatewayRegistry } from '../../gateway/registry/index.ts';
import { type CallerSigner, createCallerSigner } from '../../gateway/signer.ts';
import { compose, coreSubgraphSources } from '../../schema/compose.ts';
import { coordinationService } from '../../subgraphs/coordination/server.ts';
import { expertsService } from '../../subgraphs/experts/server.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import type { RunningServer } from '../../platform/server.ts';
import { startSubgraph, type StartedSubgraph } from '../../platform/runner.ts';
import { recordCalls, type StoreCall } from '../../store/port.ts';
import { projectsService } from '../../subgraphs/projects/server.ts';
import { ALL_SCOPES, clientToken, TEST_JWT_SECRET } from './caller.ts';

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
  subgraphUrls: Record<Name, string>;
  subgraphs: { experts: StartedSubgraph<unknown>; projects: StartedSubgraph<unknown>; coordination: StartedSubgraph<unknown> };
  gateway: RunningServer;
  /** The gateway's caller-token signer (to call a subgraph as the gateway would). */
  signer: CallerSigner;
  /** Store calls recorded since the last `resetCalls()`, per subgraph. */
  calls: Record<Name, StoreCall[]>;
  resetCalls(): void;
  /** Queries the gateway as a provincial system (default: Sichuan with every scope). */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: AsOptions): Promise<GraphQLResponse<T>>;
  /** The subgraph registry, when the hub was started with one (see test/helpers/registry.ts). */
  registry?: GatewayRegistry | undefined;
  close(): Promise<void>;
}

/**
 * Starts the three core subgraphs on the embedded store (seeded from the generator) and the
 * gateway in front of them, all in-process on port 0, composed from the subgraphs' SDL files,
 * with the same wiring as `npm start` (caller tokens signed by the gateway, verified by subgraphs).
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
  } = {},
): Promise<Hub> {
  const dataset = generateDataset({ talents: options.talents ?? 600, seed: options.seed ?? 7 });
  const calls: Hub['calls'] = { experts: [], projects: [], coordination: [] };
  const db = (name: Name) => recordCalls(createEmbeddedDatabase(), (call) => calls[name].push(call));
  const host = '127.0.0.1';
  const signer = await createCallerSigner();
  const keys = signer.localKeys();

  const experts = await startSubgraph(expertsService, { db: db('experts'), port: 0, host, keys, seed: dataset.experts, statsMinGroup: options.statsMinGroup });
  // Projects and coordination ask experts who owns a talent before a write names it.
  const expertsUrl = experts.url;
  const subgraphs = {
    experts,
    projects: await startSubgraph(projectsService, { db: db('projects'), port: 0, host, keys, seed: dataset.projects, statsMinGroup: options.statsMinGroup, expertsUrl }),
    coordination: await startSubgraph(coordinationService, {
      db: db('coordination'),
      port: 0,
      host,
      keys,
      seed: dataset.coordination,
      statsMinGroup: options.statsMinGroup,
      expertsUrl,
    }),
  };
  const subgraphUrls = { experts: subgraphs.experts.url, projects: subgraphs.projects.url, coordination: subgraphs.coordination.url };
  const composition = compose(coreSubgraphSources(subgraphUrls));
  if (!composition.ok) throw new Error(`composition failed: ${JSON.stringify(composition.errors)}`);
  const registry = await options.registry?.(subgraphUrls);
  const gateway = await serveGateway({
    supergraphSdl: registry?.supergraph ?? composition.supergraphSdl,
    ...(registry ? { registry } : {}),
    subgraphUrls,
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
    for (const list of Object.values(calls)) list.length = 0;
  };
  resetCalls();

  return {
    url: gateway.url,
    dataset,
    subgraphUrls,
    subgraphs,
    gateway,
    signer,
    calls,
    resetCalls,
    registry,
    query: async (query, variables, as = {}) => {
      const token = await clientToken({ region: as.region ?? '510000', scopes: as.scopes ?? ALL_SCOPES, ...(as.sub ? { sub: as.sub } : {}) });
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (as.purpose) headers['x-hub-purpose'] = as.purpose;
      return post(gateway.url, query, variables, headers);
    },
    close: async () => {
      await gateway.close();
      await Promise.all(Object.values(subgraphs).map((s) => s.close()));
    },
  };
}

/**
 * Another gateway over a hub's subgraphs, sharing its signing key (as a second instance would):
 * `subgraphUrls` may point one subgraph elsewhere (a slow proxy, a server that hangs).
 */
export async function startGatewayOver(hub: Hub, options: Partial<ServeGatewayOptions> & { subgraphUrls?: Record<string, string> } = {}): Promise<RunningServer> {
  const subgraphUrls = options.subgraphUrls ?? hub.subgraphUrls;
  const composition = compose(coreSubgraphSources(subgraphUrls));
  if (!composition.ok) throw new Error(`composition failed: ${JSON.stringify(composition.errors)}`);
  return serveGateway({
    supergraphSdl: composition.supergraphSdl,
    port: 0,
    host: '127.0.0.1',
    auth: { jwtSecret: TEST_JWT_SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined },
    signer: hub.signer,
    agreementCacheMs: 1000,
    logError: () => {},
    rateLimit: { ratePerSecond: 100_000, burst: 100_000 },
    ...options,
    subgraphUrls,
  });
}
