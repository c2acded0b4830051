import type { ApolloServer, BaseContext } from '@apollo/server';
import { z } from 'zod';
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { createCallerVerifier, gatewayKeys } from './caller.ts';
import { DEFAULT_DATA_DIR } from './config.ts';
import { openDatabase } from '../store/database.ts';
import { resolve } from 'node:path';
import { seedOnce } from '../store/seed-once.ts';
import { Flag, HttpUrl, httpsProblem, parseEnv, Port, PublicJwks } from './env.ts';
import { runMain } from './main.ts';
import { readRequest, type RequestInfo } from './request.ts';
import { listen, type RunningServer } from './server.ts';
import type { DatabasePort } from '../store/port.ts';

/**
 * What a partner region's subgraph shares with the hub's own: the same store port, caller
 * verification, server factory and process runner, with settings of its own (a partner runs
 * its own process, database and port, and is added to the graph through the gateway's registry).
 */

const PartnerEnv = z.object({
  HUB_HOST: z.string().default('127.0.0.1'),
  HUB_PARTNER_PORT: Port.default(4100),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a MongoDB connection string (mongodb:// or mongodb+srv://)')
    .optional(),
  HUB_MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,38}$/, 'must be a database name prefix of letters, digits, _ or -').default('talent_hub'),
  HUB_SEED_ON_START: Flag.optional(),
  HUB_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  HUB_GATEWAY_JWKS_URL: HttpUrl.default('http://127.0.0.1:4000/.well-known/jwks.json'),
  // The hub gateway's public keys pinned here; used instead of fetching HUB_GATEWAY_JWKS_URL.
  HUB_GATEWAY_PUBLIC_JWKS: PublicJwks.optional(),
  NODE_ENV: z.string().optional(),
}).superRefine((e, ctx) => {
  // In production the key set that verifies the hub's caller tokens is fetched over https only (loopback excepted).
  const problem = e.NODE_ENV === 'production' && !e.HUB_GATEWAY_PUBLIC_JWKS ? httpsProblem('HUB_GATEWAY_JWKS_URL', e.HUB_GATEWAY_JWKS_URL) : null;
  if (problem) ctx.addIssue({ code: 'custom', path: ['HUB_GATEWAY_JWKS_URL'], message: problem.slice(problem.indexOf(':') + 2) });
});

/** A partner subgraph process's settings, parsed once from the environment. */
export interface PartnerConfig {
  host: string;
  port: number;
  /** Absent: the embedded store. */
  mongodbUri: string | undefined;
  /** Database name prefix; partner X uses `<prefix>_partner_X`. */
  mongodbDb: string;
  /** Seed an empty, never-seeded store with the example data at start: default on for the embedded store, off for MongoDB. */
  seedOnStart: boolean;
  /** Where the embedded store keeps its file (`<dataDir>/partner-<name>.sqlite`), absolute. */
  dataDir: string;
  /** Where the hub gateway publishes the public keys of the caller tokens it signs. */
  gatewayJwksUrl: string;
  /** The gateway's public keys pinned in the settings (HUB_GATEWAY_PUBLIC_JWKS): trusted instead of fetching `gatewayJwksUrl`. */
  gatewayPublicJwks: JSONWebKeySet | undefined;
}

/** Parses a partner subgraph's settings (HUB_PARTNER_PORT, MONGODB_URI, ...); throws a ConfigError listing every problem. */
export function loadPartnerConfig(env: Record<string, string | undefined> = process.env): PartnerConfig {
  const e = parseEnv(PartnerEnv, env);
  return {
    host: e.HUB_HOST,
    port: e.HUB_PARTNER_PORT,
    mongodbUri: e.MONGODB_URI,
    mongodbDb: e.HUB_MONGODB_DB,
    seedOnStart: e.HUB_SEED_ON_START ?? e.MONGODB_URI === undefined,
    dataDir: resolve(e.HUB_DATA_DIR),
    gatewayJwksUrl: e.HUB_GATEWAY_JWKS_URL,
    gatewayPublicJwks: e.HUB_GATEWAY_PUBLIC_JWKS,
  };
}

/** What the runner needs to know of a partner subgraph. */
export interface PartnerService<TStore, TContext extends BaseContext> {
  /** The subgraph's registry name (also its namespace: see README, "Partner subgraphs"). */
  name: string;
  openStore(db: DatabasePort): Promise<TStore>;
  /** Loads the partner's example data (idempotent). */
  seed(store: TStore): Promise<void>;
  createServer(): { server: ApolloServer<TContext> };
  createContext(deps: { store: TStore }, request: RequestInfo): TContext;
}

export interface StartedPartner<TStore> extends RunningServer {
  store: TStore;
  db: DatabasePort;
}

/**
 * Opens a partner's store on `db`, seeds it when asked, and serves it; every request's caller
 * token is verified against `keys` (the gateway's public keys) and must be made for this partner
 * (`aud` = `service.name`, its registry name: publish it under that name). Used by the partner's
 * index.ts and by its tests.
 */
export async function startPartner<TStore, TContext extends BaseContext>(
  service: PartnerService<TStore, TContext>,
  options: { db: DatabasePort; port: number; host: string; keys: JWTVerifyGetKey; seed?: boolean },
): Promise<StartedPartner<TStore>> {
  const store = await service.openStore(options.db);
  // Example data goes into an empty, never-seeded store only: what the partner's users wrote stays.
  if (options.seed) await seedOnce(options.db, { dataset: `partner-${service.name}/1` }, () => service.seed(store));
  const { server } = service.createServer();
  const verify = createCallerVerifier(options.keys, service.name);
  const running = await listen({
    server,
    port: options.port,
    host: options.host,
    context: async (req) => service.createContext({ store }, await readRequest(req, verify)),
    ready: () => options.db.ping(),
    onClose: () => options.db.close(),
  });
  return Object.assign(running, { store, db: options.db });
}

/** The process entry of a partner subgraph: settings from the environment, then `startPartner`. */
export function runPartner<TStore, TContext extends BaseContext>(service: PartnerService<TStore, TContext>): void {
  runMain(service.name, async () => {
    const config = loadPartnerConfig();
    const db = await openDatabase({ mongodbUri: config.mongodbUri, dbName: `${config.mongodbDb}_partner_${service.name}`, dataDir: config.dataDir, file: `partner-${service.name}` });
    const running = await startPartner(service, {
      db,
      port: config.port,
      host: config.host,
      keys: config.gatewayPublicJwks ? createLocalJWKSet(config.gatewayPublicJwks) : gatewayKeys(config.gatewayJwksUrl),
      seed: config.seedOnStart,
    });
    console.log(`[${service.name}] partner subgraph ready at ${running.url} (${db.kind} store); publish it with: npm run -s hub -- subgraph publish --name ${service.name} --url ${running.url}`);
    return running;
  });
}
