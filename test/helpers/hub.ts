import { generateDataset, type Dataset } from '../../data/generate.ts';
import { serveGateway } from '../../gateway/http.ts';
import { compose, coreSubgraphSources } from '../../schema/compose.ts';
import { createContext as coordinationContext } from '../../subgraphs/coordination/context.ts';
import { createCoordinationServer } from '../../subgraphs/coordination/server.ts';
import { CoordinationStore } from '../../subgraphs/coordination/store.ts';
import { createContext as expertsContext } from '../../subgraphs/experts/context.ts';
import { createExpertsServer } from '../../subgraphs/experts/server.ts';
import { ExpertsStore } from '../../subgraphs/experts/store.ts';
import { createEmbeddedDatabase } from '../../subgraphs/kit/embedded.ts';
import { listen, type RunningServer } from '../../subgraphs/kit/server.ts';
import { recordCalls, type StoreCall } from '../../subgraphs/kit/store.ts';
import { createContext as projectsContext } from '../../subgraphs/projects/context.ts';
import { createProjectsServer } from '../../subgraphs/projects/server.ts';
import { ProjectsStore } from '../../subgraphs/projects/store.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
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

export interface Hub {
  url: string;
  dataset: Dataset;
  subgraphUrls: Record<'experts' | 'projects' | 'coordination', string>;
  servers: Record<'experts' | 'projects' | 'coordination' | 'gateway', RunningServer>;
  /** Store calls recorded since the last `resetCalls()`, per subgraph. */
  calls: Record<'experts' | 'projects' | 'coordination', StoreCall[]>;
  resetCalls(): void;
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * Starts the three core subgraphs on the embedded store (seeded from the generator) and the
 * gateway in front of them, all in-process on port 0, composed from the subgraphs' SDL files.
 */
export async function startHub(options: { talents?: number; seed?: number } = {}): Promise<Hub> {
  const dataset = generateDataset({ talents: options.talents ?? 600, seed: options.seed ?? 7 });
  const calls: Hub['calls'] = { experts: [], projects: [], coordination: [] };
  const db = (name: keyof Hub['calls']) => recordCalls(createEmbeddedDatabase(), (call) => calls[name].push(call));
  const host = '127.0.0.1';

  const experts = await ExpertsStore.open(db('experts'));
  await experts.seed(dataset.experts);
  const projects = await ProjectsStore.open(db('projects'));
  await projects.seed(dataset.projects);
  const coordination = await CoordinationStore.open(db('coordination'));
  await coordination.seed(dataset.coordination);

  const servers = {
    experts: await listen({ server: createExpertsServer().server, port: 0, host, context: async () => expertsContext({ store: experts }) }),
    projects: await listen({ server: createProjectsServer().server, port: 0, host, context: async () => projectsContext({ store: projects }) }),
    coordination: await listen({
      server: createCoordinationServer().server,
      port: 0,
      host,
      context: async () => coordinationContext({ store: coordination }),
    }),
  };
  const subgraphUrls = { experts: servers.experts.url, projects: servers.projects.url, coordination: servers.coordination.url };
  const composition = compose(coreSubgraphSources(subgraphUrls));
  if (!composition.ok) throw new Error(`composition failed: ${JSON.stringify(composition.errors)}`);
  const gateway = await serveGateway({ supergraphSdl: composition.supergraphSdl, subgraphUrls, port: 0, host });
  const resetCalls = () => {
    for (const list of Object.values(calls)) list.length = 0;
  };
  resetCalls();

  return {
    url: gateway.url,
    dataset,
    subgraphUrls,
    servers: { ...servers, gateway },
    calls,
    resetCalls,
    query: (query, variables, headers) => post(gateway.url, query, variables, headers),
    close: async () => {
      await gateway.close();
      await Promise.all(Object.values(servers).map((s) => s.close()));
    },
  };
}
