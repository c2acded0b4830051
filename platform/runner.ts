import type { ApolloServer, BaseContext } from '@apollo/server';
import { join } from 'node:path';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { AuditLog } from './audit/chain.ts';
import { type AuditKeyring, createAuditKeyring } from './audit/keys.ts';
import { checkpointsRoute } from './audit/routes.ts';
import { createCallerVerifier, gatewayKeys } from './caller.ts';
import { type Capability, DEFAULT_STATS_MIN_GROUP, loadConfig, type SubgraphConfig, type SubgraphName } from './config.ts';
import { DEFAULT_STATS_ROUNDING, type StatsRounding } from './disclosure.ts';
import { createLogger } from './log.ts';
import { runMain } from './main.ts';
import { createOwnerLookup, NO_OWNER_LOOKUP, type OwnerLookup } from './owners.ts';
import { readRequest, type RequestInfo } from './request.ts';
import { listen, type RunningServer } from './server.ts';
import { openDatabase } from '../store/database.ts';
import type { DatabasePort } from '../store/port.ts';
import { SEED_DATASET, type SeedOutcome, seedOnce, type SeedVersion } from '../store/seed-once.ts';

/** What each capability adds to the deps a subgraph's context is made from. */
interface CapabilityDeps {
  audit: { audit: AuditLog };
  /** `statsMinGroup`: aggregates suppress groups of fewer of another province's talents than this. */
  stats: { statsMinGroup: number; statsRounding: StatsRounding };
  owners: { owners: OwnerLookup };
}

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The deps the runner hands `createContext`: the store, plus what the capabilities `C` asked for. */
export type ContextDeps<TStore, C extends Capability> = { store: TStore } & Intersection<CapabilityDeps[C]>;

/**
 * What the runner needs to know of a subgraph, core or partner: how to open its store, seed it,
 * build it, and make a context. A core subgraph is one of the hub's own three (its port is
 * HUB_<NAME>_PORT, its database `<prefix>_<name>`); a partner's registry name is also its
 * namespace (README, "Partner subgraphs"), its port HUB_PARTNER_PORT, its database
 * `<prefix>_partner_<name>`. What else differs is in `capabilities`.
 */
export type SubgraphService<TStore, TContext extends BaseContext, TSeed, C extends Capability = never> = (
  | { kind: 'core'; name: SubgraphName }
  | { kind: 'partner'; name: string }
) & {
  /** The platform services it uses (see `CAPABILITIES`); in production each makes its settings required. */
  capabilities: readonly C[];
  openStore(db: DatabasePort): Promise<TStore>;
  /** Writes `data` into the store (idempotent: upserts by id). */
  seed(store: TStore, data: TSeed): Promise<void>;
  createServer(): { server: ApolloServer<TContext> };
  createContext(deps: ContextDeps<TStore, C>, request: RequestInfo): TContext;
};

export interface StartedSubgraph<TStore, C extends Capability = Capability> extends RunningServer {
  store: TStore;
  /** The audit trail, when the subgraph asked for the `audit` capability. */
  audit: 'audit' extends C ? AuditLog : null;
  db: DatabasePort;
  /** What seeding did at this start (null: not asked to seed). */
  seeded: SeedOutcome | null;
}

/** Where a subgraph's seed data comes from: the data itself, or a function that makes (or loads) it only when a store needs it. */
export type SeedSource<TSeed> = TSeed | (() => TSeed | Promise<TSeed>);

export interface StartSubgraphOptions<TSeed> {
  db: DatabasePort;
  port: number;
  host: string;
  /** The gateway's public keys (`gatewayKeys(jwksUrl)`, or the signer's `localKeys()` in-process). */
  keys: JWTVerifyGetKey;
  /** Seed data for a store that is empty and was never seeded (absent: never seed). */
  seed?: SeedSource<TSeed> | undefined;
  /** Recorded with the seed (default: the hub's dataset version for a core subgraph, `partner-<name>/1` for a partner). */
  seedVersion?: SeedVersion;
  /** `stats`: smallest group of another province's talents an aggregate reports exactly (default 5). */
  statsMinGroup?: number | undefined;
  /** `stats`: rounding of other provinces' counts in aggregates (default: base 5, the development key). */
  statsRounding?: StatsRounding;
  /** `owners`: the experts subgraph's URL, asked who owns a talent before a write names it (none: such writes are refused). */
  expertsUrl?: string | undefined;
  /**
   * `audit`: how the audit trail is keyed and anchored (default: the development key, checkpoints
   * in memory every 60 s). `checkpointFile`: the JSON-lines checkpoint log that leaves the database.
   */
  audit?: { keyring?: AuditKeyring; checkpointFile?: string | null; checkpointIntervalMs?: number; onCheckpointError?: (error: unknown) => void };
}

/**
 * Opens a subgraph's store (and its audit log, if it asked for one) on `db`, seeds it when asked,
 * and serves it; every request's caller token is verified against `keys` (the gateway's public
 * keys) and must be made for this subgraph (`aud` = `service.name`). Used by every subgraph's
 * index.ts (through `runSubgraph`) and by the tests, so both run the same wiring.
 */
export async function startSubgraph<TStore, TContext extends BaseContext, TSeed, C extends Capability>(
  service: SubgraphService<TStore, TContext, TSeed, C>,
  options: StartSubgraphOptions<TSeed>,
): Promise<StartedSubgraph<TStore, C>> {
  const uses = (capability: Capability) => (service.capabilities as readonly Capability[]).includes(capability);
  const store = await service.openStore(options.db);
  const audit = uses('audit')
    ? await AuditLog.open(options.db, {
        subgraph: service.name,
        ...(options.audit?.keyring ? { keyring: options.audit.keyring } : {}),
        checkpointFile: options.audit?.checkpointFile ?? null,
      })
    : null;
  const seed = options.seed;
  const version = options.seedVersion ?? { dataset: service.kind === 'core' ? SEED_DATASET : `partner-${service.name}/1` };
  // Seed data goes into an empty, never-seeded store only: what users wrote stays.
  const seeded =
    seed === undefined
      ? null
      : await seedOnce(options.db, version, async () => service.seed(store, await (typeof seed === 'function' ? (seed as () => TSeed | Promise<TSeed>)() : seed)));
  const { server } = service.createServer();
  const deps = {
    store,
    ...(audit ? { audit } : {}),
    ...(uses('stats') ? { statsMinGroup: options.statsMinGroup ?? DEFAULT_STATS_MIN_GROUP, statsRounding: options.statsRounding ?? DEFAULT_STATS_ROUNDING } : {}),
    ...(uses('owners') ? { owners: options.expertsUrl ? createOwnerLookup({ url: options.expertsUrl }) : NO_OWNER_LOOKUP } : {}),
    // The spreads above add exactly the deps of the capabilities in `service.capabilities`.
  } as ContextDeps<TStore, C>;
  const verify = createCallerVerifier(options.keys, service.name);
  const checkpoints = audit?.startCheckpoints(options.audit?.checkpointIntervalMs ?? 60_000, options.audit?.onCheckpointError ?? (() => {}));
  const running = await listen({
    server,
    port: options.port,
    host: options.host,
    context: async (req) => service.createContext(deps, await readRequest(req, verify)),
    ready: () => options.db.ping(),
    routes: (app) => {
      if (audit) app.get('/audit/checkpoints', checkpointsRoute(audit));
    },
    onClose: async () => {
      // A clean shutdown anchors everything written, before the store closes.
      await checkpoints?.stop();
      await options.db.close();
    },
  });
  // `audit` is an AuditLog exactly when `C` includes 'audit' (opened above on that condition).
  return Object.assign(running, { store, audit: audit as StartedSubgraph<TStore, C>['audit'], db: options.db, seeded });
}

/** How a subgraph's index.ts hands its seed data to the runner. */
export interface RunSubgraphOptions<TSeed> {
  /**
   * The seed for an empty, never-seeded store, made from the seed settings (HUB_SEED_TALENTS,
   * HUB_SEED); called only when a store needs it, so it may import the generator lazily.
   */
  seed?: (settings: SubgraphConfig['seed']) => TSeed | Promise<TSeed>;
}

/** The process entry of a subgraph, core or partner: settings from the environment, open the store, then `startSubgraph`. */
export function runSubgraph<TStore, TContext extends BaseContext, TSeed, C extends Capability>(
  service: SubgraphService<TStore, TContext, TSeed, C>,
  options: RunSubgraphOptions<TSeed> = {},
): void {
  runMain(service.name, async () => {
    const config = loadConfig(process.env, service.capabilities);
    const logger = createLogger(service.name, config.logLevel);
    const core = service.kind === 'core';
    const file = core ? service.name : `partner-${service.name}`;
    const db = await openDatabase({
      mongodbUri: config.mongodbUri,
      dbName: `${config.mongodbDb}_${core ? service.name : `partner_${service.name}`}`,
      mongodb: config.mongodb,
      dataDir: config.dataDir,
      file,
    });
    const makeSeed = options.seed;
    const running = await startSubgraph(service, {
      db,
      port: service.kind === 'core' ? config.ports[service.name] : config.ports.partner,
      host: config.host,
      // A pinned key set (HUB_GATEWAY_PUBLIC_JWKS) is trusted as it is; otherwise the gateway's JWKS URL is fetched.
      keys: config.gatewayPublicJwks ? createLocalJWKSet(config.gatewayPublicJwks) : gatewayKeys(config.gatewayJwksUrl),
      seed: config.seedOnStart && makeSeed ? () => makeSeed(config.seed) : undefined,
      // The generated dataset is recorded with the settings it was made from; a partner's example data by its version.
      ...(core ? { seedVersion: { dataset: SEED_DATASET, talents: config.seed.talents, seed: config.seed.seed } } : {}),
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
    if (running.audit && config.audit.usingDevelopmentKey)
      logger.warn('the audit trail is keyed with the public development key: set HUB_AUDIT_KEY (required with NODE_ENV=production)');
    if (core) {
      logger.info({ url: running.url, store: db.kind, ...(db.kind === 'embedded' ? { dataDir: config.dataDir } : {}), seeded: running.seeded }, 'subgraph ready');
    } else {
      console.log(
        `[${service.name}] partner subgraph ready at ${running.url} (${db.kind} store); publish it with: npm run -s hub -- subgraph publish --name ${service.name} --url ${running.url}`,
      );
    }
    return running;
  });
}
