import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { type BenchmarkData, type BenchmarkSubgraph, SUBGRAPH_NAMES } from './workload.ts';

/*
 * The four subgraphs of the public federation-gateway benchmark (graphql-hive/graphql-gateways-benchmark),
 * written to behave as its README describes, over its static rows.
 */

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@provides"])';

const SDL: Record<BenchmarkSubgraph, string> = {
  accounts: `${LINK}
    type Query { me: User  user(id: ID!): User  users: [User] }
    type User @key(fields: "id") { id: ID!  name: String  username: String  birthday: Int }`,
  inventory: `${LINK}
    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price: Int @external
      inStock: Boolean
      shippingEstimate: Int @requires(fields: "price weight")
    }`,
  products: `${LINK}
    type Query { topProducts(first: Int = 5): [Product] }
    type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`,
  reviews: `${LINK}
    type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
    type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
    type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`,
};

type Row = Record<string, unknown>;

function resolvers(data: BenchmarkData): Record<BenchmarkSubgraph, GraphQLResolverMap<unknown>> {
  const userById = new Map(data.users.map((u) => [u.id, u]));
  const productByUpc = new Map(data.products.map((p) => [p.upc, p]));
  const inventoryByUpc = new Map(data.inventory.map((i) => [i.upc, i]));
  const reviewById = new Map(data.reviews.map((r) => [r.id, r]));
  return {
    accounts: {
      Query: {
        me: () => userById.get('1'),
        user: (_: unknown, args: { id: string }) => userById.get(args.id) ?? null,
        users: () => data.users,
      },
      User: { __resolveReference: (ref: { id: string }) => userById.get(ref.id) ?? null },
    },
    products: {
      Query: { topProducts: (_: unknown, args: { first: number }) => data.products.slice(0, args.first) },
      Product: { __resolveReference: (ref: { upc: string }) => productByUpc.get(ref.upc) ?? null },
    },
    inventory: {
      Product: {
        // As in the benchmark's own subgraph: the product is rebuilt from the inventory row alone, so
        // the `price` and `weight` the gateway sends for @requires are dropped and shippingEstimate is null.
        __resolveReference: (ref: { upc: string }) => {
          const row = inventoryByUpc.get(ref.upc);
          return row ? { ...row } : null;
        },
        shippingEstimate: (product: Row) => {
          const { price, weight } = product as { price?: number | null; weight?: number | null };
          if (price == null || weight == null) return null;
          return price > 1000 ? 0 : Math.trunc(weight / 2);
        },
      },
    },
    reviews: {
      Review: {
        __resolveReference: (ref: { id: string }) => reviewById.get(ref.id) ?? null,
        author: () => ({ __typename: 'User', id: '1', username: 'urigo' }),
        product: (review: Row) => ({ __typename: 'Product', upc: review.upc }),
      },
      User: { reviews: () => data.reviews.slice(0, 2) },
      Product: { reviews: (product: Row) => data.reviews.filter((r) => r.upc === product.upc) },
    },
  };
}

/** Builds the four subgraph servers (not started). Inline tracing (ftv1) is off, as in the hub's subgraphs. */
export function createBenchmarkSubgraphs(data: BenchmarkData): Record<BenchmarkSubgraph, ApolloServer> {
  const maps = resolvers(data);
  const servers = {} as Record<BenchmarkSubgraph, ApolloServer>;
  for (const name of SUBGRAPH_NAMES) {
    servers[name] = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs: parse(SDL[name]), resolvers: maps[name] }),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
  }
  return servers;
}

/** How many GraphQL requests each subgraph has answered since the last reset. */
export type SubgraphStats = Record<BenchmarkSubgraph, number> & { total: number };

export interface RunningSubgraphs {
  /** `http://host:port`; subgraph X is at `<baseUrl>/X`. */
  baseUrl: string;
  port: number;
  stats(): SubgraphStats;
  resetStats(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, contentType = 'application/json') {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Serves the four subgraphs from one process on one port, at /accounts, /inventory, /products and
 * /reviews, plus GET /stats (requests per subgraph since the last reset) and POST /stats/reset.
 * A plain node:http front keeps the subgraphs' own cost low and equal for every gateway measured.
 */
export async function serveBenchmarkSubgraphs(options: { data: BenchmarkData; port: number; host: string }): Promise<RunningSubgraphs> {
  const servers = createBenchmarkSubgraphs(options.data);
  await Promise.all(Object.values(servers).map((s) => s.start()));
  const counts = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) as Record<BenchmarkSubgraph, number>;
  const stats = (): SubgraphStats => ({ ...counts, total: SUBGRAPH_NAMES.reduce((sum, n) => sum + counts[n], 0) });
  const resetStats = () => {
    for (const n of SUBGRAPH_NAMES) counts[n] = 0;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/stats' && req.method === 'GET') return send(res, 200, JSON.stringify(stats()));
    if (path === '/stats/reset' && req.method === 'POST') {
      await readBody(req);
      resetStats();
      return send(res, 200, JSON.stringify(stats()));
    }
    const name = path.slice(1) as BenchmarkSubgraph;
    const server = servers[name];
    if (!server || !SUBGRAPH_NAMES.includes(name)) return send(res, 404, '{"error":"no such subgraph"}');
    counts[name]++;
    const text = req.method === 'POST' ? await readBody(req) : '';
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return send(res, 400, '{"errors":[{"message":"request body is not JSON"}]}');
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: (req.url ?? '').split('?')[1] ?? '', body },
      context: async () => ({}),
    });
    const out: Record<string, string> = {};
    for (const [key, value] of response.headers) out[key] = value;
    if (response.body.kind === 'complete') {
      res.writeHead(response.status ?? 200, { ...out, 'content-length': Buffer.byteLength(response.body.string) });
      res.end(response.body.string);
    } else {
      res.writeHead(response.status ?? 200, out);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const httpServer: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[bench-subgraphs]', error);
      if (!res.headersSent) send(res, 500, '{"errors":[{"message":"internal error"}]}');
      else res.destroy();
    });
  });
  httpServer.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    baseUrl: `http://${options.host}:${port}`,
    port,
    stats,
    resetStats,
    async close() {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await Promise.all(Object.values(servers).map((s) => s.stop()));
    },
  };
}
