import type { ApolloServer, BaseContext } from '@apollo/server';
import { type Dataset, generateDataset } from '../data/generate.ts';
import { join } from 'node:path';
import { AuditLog } from './audit/chain.ts';
import { checkpointsRoute } from './audit/routes.ts';
import { type AuditKeyring, createAuditKeyring } from './audit/keys.ts';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { createCallerVerifier, gatewayKeys } from './caller.ts';
import { DEFAULT_STATS_MIN_GROUP, loadConfig, type SubgraphName } from './config.ts';
import { openDatabase } from '../store/database.ts';
import { SEED_DATASET, type SeedOutcome, seedOnce, type SeedVersion } from '../store/seed-once.ts';
import { DEFAULT_STATS_ROUNDING, type StatsRounding } from './disclosure.ts';
import { createOwnerLookup, NO_OWNER_LOOKUP, type OwnerLookup } from './owners.ts';
import { createLogger } from './log.ts';
import { runMain } from './main.ts';
import { readRequest, type RequestInfo } from './request.ts';
import { listen, type RunningServer } from './server.ts';
import type { DatabasePort } from '../store/port.ts';

/** What the runner needs to know of a core subgraph: how to open its store, seed it, build it, and make a context. */
export interface SubgraphService<TStore, TContext extends BaseContext> {
  name: SubgraphName;
  openStore(db: DatabasePort): Promise<TStore>;
  seed(store: TStore, dataset: Dataset): Promise<void>;
  createServer(): { server: ApolloServer<TContext> };
  /** `statsMinGroup`: aggregates suppress groups of fewer of another province's talents than this. */
  createContext(deps: { store: TStore; audit: AuditLog; statsMinGroup: number; owners: OwnerLookup; statsRounding: StatsRounding }, request: RequestInfo): TContext;
}

export interface StartedSubgraph<TStore> extends RunningServer {
  store: TStore;
  audit: AuditLog;
  db: DatabasePort;
  /** What seeding did at this start (null: not asked to seed). */
  seeded: SeedOutcome | null;
}

/**
 * Opens a subgraph's store and audit log on `db`, seeds it when asked, and serves it; every
 * request's caller token is verified against `keys` (the gateway's public keys) and must be made
 * for this subgraph (`aud` = `service.name`). Used by every subgraph's index.ts and by the
 * end-to-end tests, so both run the same wiring.
 */
export async function startSubgraph<TStore, TContext extends BaseContext>(
  service: SubgraphService<TStore, TContext>,
  options: {
    db: DatabasePort;
    port: number;
    host: string;
    /** The gateway's public keys (`gatewayKeys(jwksUrl)`, or the signer's `localKeys()` in-process). */
    keys: JWTVerifyGetKey;
    /** Seed data for a store that is empty and was never seeded (a function: made only when needed). */
    seed?: Dataset | (() => Dataset) | undefined;
    /** Recorded with the seed (default: the dataset version alone). */
    seedVersion?: SeedVersion;
    /** Smallest group of another province's talents an aggregate reports exactly (default 5). */
    statsMinGroup?: number;
    /** Rounding of other provinces' counts in aggregates (default: base 5, the development key). */
    statsRounding?: StatsRounding;
    /** The experts subgraph's URL, asked who owns a talent before a write names it (none: such writes are refused). */
    expertsUrl?: string | undefined;
    /**
     * How the audit trail is keyed and anchored (default: the development key, checkpoints in memory
     * every 60 s). `checkpointFile`: the JSON-lines checkpoint log that leaves the database.
     */
    audit?: { keyring?: AuditKeyring; checkpointFile?: string | null; checkpointIntervalMs?: number; onCheckpointError?: (error: unknown) => void };
  },
): Promise<StartedSubgraph<TStore>> {
  const statsMinGroup = options.statsMinGroup ?? DEFAULT_STATS_MIN_GROUP;
  const statsRounding = options.statsRounding ?? DEFAULT_STATS_ROUNDING;
  const store = await service.openStore(options.db);
  const audit = await AuditLog.open(options.db, {
    subgraph: service.name,
    ...(options.audit?.keyring ? { keyring: options.audit.keyring } : {}),
    checkpointFile: options.audit?.checkpointFile ?? null,
  });
  const seed = options.seed;
  const seeded = seed
    ? await seedOnce(options.db, options.seedVersion ?? { dataset: SEED_DATASET }, () => service.seed(store, typeof seed === 'function' ? seed() : seed))
    : null;
  const { server } = service.createServer();
  const owners = options.expertsUrl ? createOwnerLookup({ url: options.expertsUrl }) : NO_OWNER_LOOKUP;
  const verify = createCallerVerifier(options.keys, service.name);
  const checkpoints = audit.startCheckpoints(options.audit?.checkpointIntervalMs ?? 60_000, options.audit?.onCheckpointError ?? (() => {}));
  const running = await listen({
    server,
    port: options.port,
    host: options.host,
    context: async (req) => service.createContext({ store, audit, statsMinGroup, owners, statsRounding }, await readRequest(req, verify)),
    ready: () => options.db.ping(),
    routes: (app) => app.get('/audit/checkpoints', checkpointsRoute(audit)),
    onClose: async () => {
      // A clean shutdown anchors everything written, before the store closes.
      await checkpoints.stop();
      await options.db.close();
    },
  });
  return Object.assign(running, { store, audit, db: options.db, seeded });
}

/** The process entry of a core subgraph: settings from the environment, then `startSubgraph`. */
export function runSubgraph<TStore, TContext extends BaseContext>(service: SubgraphService<TStore, TContext>): void {
  runMain(service.name, async () => {
    const config = loadConfig();
    const logger = createLogger(service.name, config.logLevel);
    const db = await openDatabase({ mongodbUri: config.mongodbUri, dbName: `${config.mongodbDb}_${service.name}`, mongodb: config.mongodb, dataDir: config.dataDir, file: service.name });
    const running = await startSubgraph(service, {
      db,
      port: config.ports[service.name],
      host: config.host,
      // A pinned key set (HUB_GATEWAY_PUBLIC_JWKS) is trusted as it is; otherwise the gateway's JWKS URL is fetched.
      keys: config.gatewayPublicJwks ? createLocalJWKSet(config.gatewayPublicJwks) : gatewayKeys(config.gatewayJwksUrl),
      seed: config.seedOnStart ? () => generateDataset(config.seed) : undefined,
      seedVersion: { dataset: SEED_DATASET, talents: config.seed.talents, seed: config.seed.seed },
      statsMinGroup: config.statsMinGroup,
      statsRounding: config.statsRounding,
      expertsUrl: config.expertsUrl,
      audit: {
        keyring: createAuditKeyring(config.audit.key, config.audit.retiredKeys),
        checkpointFile: join(config.dataDir, `${service.name}-audit-checkpoints.jsonl`),
        checkpointIntervalMs: config.audit.checkpointIntervalMs,
        onCheckpointError: (error) => logger.error({ err: error }, 'audit checkpoint not made'),
      },
    });
    if (config.audit.usingDevelopmentKey) logger.warn('the audit trail is keyed with the public development key: set HUB_AUDIT_KEY (required with NODE_ENV=production)');
    logger.info({ url: running.url, store: db.kind, ...(db.kind === 'embedded' ? { dataDir: config.dataDir } : {}), seeded: running.seeded }, 'subgraph ready');
    return running;
  });
}
