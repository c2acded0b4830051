// First: starts tracing (when configured) before express and the MongoDB driver are loaded.
import './instrument.ts';
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
import { describeProvinces, type ExpertsNode, nodeAudience, serves, SINGLE_NODE, singleNode } from './nodes.ts';
import { createOwnerLookup, NO_OWNER_LOOKUP, type OwnerLookup } from './owners.ts';
import { createLinkageFetch, DEVELOPMENT_LINKAGE, type LinkageSettings, type LinkageTokenFetch, NO_LINKAGE_FETCH } from './linkage/fetch.ts';
import { readRequest, type RequestInfo } from './request.ts';
import { listen, type RunningServer } from './server.ts';
import { nameService, stopTracing } from './tracing.ts';
import { openDatabase } from '../store/database.ts';
import type { DatabasePort } from '../store/port.ts';
import { SEED_DATASET, type SeedOutcome, seedOnce, type SeedVersion } from '../store/seed-once.ts';

/** What each capability adds to the deps a subgraph's context is made from. */
interface CapabilityDeps {
  audit: { audit: AuditLog };
  /** `statsMinGroup`: aggregates suppress groups of fewer of another province's talents than this. */
  stats: { statsMinGroup: number; statsRounding: StatsRounding };
  /** `linkageTokens`: fetches an experts node's linkage tokens for the matcher (issue 17), over the same node map. */
  owners: { owners: OwnerLookup; linkageTokens: LinkageTokenFetch };
}

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * Which provinces' records a process holds: a node of the experts subgraph (README, "Topology")
 * holds its provinces' only, seeds only those and refuses writes for the others; every other
 * process is the one node of its subgraph and holds every province's records.
 */
export interface NodeScope {
  /** The node's name (`experts` for the single node). */
  name: string;
  /** True when this process holds the records of `code`'s province. */
  serves(code: string): boolean;
}

/** The scope of a process that is the only node of its subgraph. */
export const EVERY_PROVINCE: NodeScope = { name: SINGLE_NODE, serves: () => true };

/** The scope of node `name` of `nodes` (the HUB_EXPERTS_NODES map). */
export function nodeScope(node: { name: string; nodes: readonly ExpertsNode[] }): NodeScope {
  if (!node.nodes.some((n) => n.name === node.name)) throw new Error(`node "${node.name}" is not in the node map (${node.nodes.map((n) => n.name).join(', ')})`);
  return { name: node.name, serves: (code) => serves(node.nodes, node.name, code) };
}

/** The deps the runner hands `createContext`: the store and the node it is, plus what the capabilities `C` asked for. */
export type ContextDeps<TStore, C extends Capability> = { store: TStore; node: NodeScope; linkage: LinkageSettings } & Intersection<CapabilityDeps[C]>;

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
  /**
   * Writes `data` into the store (idempotent: upserts by id); a node of a subgraph split by
   * province writes only the records of the provinces `node` serves.
   */
  seed(store: TStore, data: TSeed, node: NodeScope): Promise<void>;
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
  /**
   * Experts only: which node of the node map this process is (its audience, audit chain and seed
   * follow from it). Absent: the single node, serving every province.
   */
  node?: { name: string; nodes: readonly ExpertsNode[] } | undefined;
  /** `owners`: the experts nodes, asked who owns a talent before a write names it (none: such writes are refused). */
  expertsNodes?: readonly ExpertsNode[] | undefined;
  /** Linkage key and thresholds (HUB_LINKAGE_*; default: the public development key, the library's thresholds). */
  linkage?: LinkageSettings | undefined;
  /** `owners`: shorthand for `expertsNodes: singleNode(expertsUrl)`. */
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
 * keys) and must be made for this subgraph (`aud` = `service.name`, or for a node of experts
 * `nodeAudience('experts', node)`, which also names its audit chain). Used by every subgraph's
 * index.ts (through `runSubgraph`) and by the tests, so both run the same wiring.
 */
export async function startSubgraph<TStore, TContext extends BaseContext, TSeed, C extends Capability>(
  service: SubgraphService<TStore, TContext, TSeed, C>,
  options: StartSubgraphOptions<TSeed>,
): Promise<StartedSubgraph<TStore, C>> {
  const uses = (capability: Capability) => (service.capabilities as readonly Capability[]).includes(capability);
  const node = options.node ? nodeScope(options.node) : EVERY_PROVINCE;
  const audience = nodeAudience(service.name, node.name);
  const store = await service.openStore(options.db);
  const audit = uses('audit')
    ? await AuditLog.open(options.db, {
        subgraph: audience,
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
      : await seedOnce(options.db, version, async () => service.seed(store, await (typeof seed === 'function' ? (seed as () => TSeed | Promise<TSeed>)() : seed), node));
  const { server } = service.createServer();
  const expertsNodes = options.expertsNodes ?? (options.expertsUrl ? singleNode(options.expertsUrl) : null);
  const deps = {
    store,
    node,
    linkage: options.linkage ?? DEVELOPMENT_LINKAGE,
    ...(audit ? { audit } : {}),
    ...(uses('stats') ? { statsMinGroup: options.statsMinGroup ?? DEFAULT_STATS_MIN_GROUP, statsRounding: options.statsRounding ?? DEFAULT_STATS_ROUNDING } : {}),
    ...(uses('owners')
      ? {
          owners: expertsNodes ? createOwnerLookup({ nodes: expertsNodes }) : NO_OWNER_LOOKUP,
          linkageTokens: expertsNodes ? createLinkageFetch({ nodes: expertsNodes }) : NO_LINKAGE_FETCH,
        }
      : {}),
    // The spreads above add exactly the deps of the capabilities in `service.capabilities`.
  } as ContextDeps<TStore, C>;
  const verify = createCallerVerifier(options.keys, audience);
  const checkpoints = audit?.startCheckpoints(options.audit?.checkpointIntervalMs ?? 60_000, options.audit?.onCheckpointError ?? (() => {}));
  const running = await listen({
    server,
    port: options.port,
    host: options.host,
    context: async (req) => service.createContext(deps, await readRequest(req, verify)),
    ready: () => options.db.ping(),
    metrics: { service: audience },
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

/**
 * What a subgraph process is called in its store, files and logs: the single node of a core
 * subgraph by its name (`experts.sqlite`, `<prefix>_experts`, `experts-audit-checkpoints.jsonl`),
 * a node of experts by the node's too (`experts-sichuan.sqlite`, `<prefix>_experts_sichuan`,
 * `experts-sichuan-audit-checkpoints.jsonl`, logs as `experts@sichuan`), a partner as
 * `partner-<name>.sqlite` and `<prefix>_partner_<name>`.
 */
export function processIdentity(
  service: { kind: 'core' | 'partner'; name: string },
  node: string = SINGLE_NODE,
): { file: string; database: string; checkpointFile: string; logName: string } {
  if (service.kind === 'partner') {
    return { file: `partner-${service.name}`, database: `partner_${service.name}`, checkpointFile: `${service.name}-audit-checkpoints.jsonl`, logName: service.name };
  }
  const single = node === SINGLE_NODE;
  return {
    file: single ? service.name : `${service.name}-${node}`,
    database: single ? service.name : `${service.name}_${node}`,
    checkpointFile: single ? `${service.name}-audit-checkpoints.jsonl` : `${service.name}-${node}-audit-checkpoints.jsonl`,
    logName: nodeAudience(service.name, node),
  };
}

/**
 * The process entry of a subgraph, core or partner: settings from the environment, open the
 * store, then `startSubgraph`. An experts process is the node HUB_EXPERTS_NODE of HUB_EXPERTS_NODES;
 * projects and coordination ask those nodes who owns a talent.
 */
export function runSubgraph<TStore, TContext extends BaseContext, TSeed, C extends Capability>(
  service: SubgraphService<TStore, TContext, TSeed, C>,
  options: RunSubgraphOptions<TSeed> = {},
): void {
  // What the process calls itself in its last words: the node's name once the settings say which node it is.
  let label = service.name;
  runMain(
    () => label,
    async () => {
      const config = loadConfig(process.env, service.capabilities, service.name);
      const core = service.kind === 'core';
      // Only experts is split into nodes; every other process is the one node of its subgraph.
      const node = core && service.name === 'experts' ? { name: config.node, nodes: config.expertsNodes } : undefined;
      const identity = processIdentity(service, node?.name);
      label = identity.logName;
      const logger = createLogger(identity.logName, config.logLevel, { format: config.logFormat });
      const tracingDeprecation = nameService(identity.logName);
      if (tracingDeprecation) logger.warn(tracingDeprecation);
      const db = await openDatabase({
        mongodbUri: config.mongodbUri,
        dbName: `${config.mongodbDb}_${identity.database}`,
        mongodb: config.mongodb,
        dataDir: config.dataDir,
        file: identity.file,
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
        node,
        expertsNodes: config.expertsNodes,
        linkage: config.linkage,
        audit: {
          keyring: createAuditKeyring(config.audit.key, config.audit.retiredKeys),
          checkpointFile: join(config.dataDir, identity.checkpointFile),
          checkpointIntervalMs: config.audit.checkpointIntervalMs,
          onCheckpointError: (error) => logger.error({ err: error }, 'audit checkpoint not made'),
        },
      });
      if (running.audit && config.audit.usingDevelopmentKey)
        logger.warn('the audit trail is keyed with the public development key: set HUB_AUDIT_KEY (required with NODE_ENV=production)');
      if (node && config.linkage.usingDevelopmentKey)
        logger.warn('linkage tokens are keyed with the public development key: set HUB_LINKAGE_KEY, the same on every experts node (required with NODE_ENV=production)');
      if (core) {
        const self = config.expertsNodes.find((n) => n.name === node?.name);
        logger.info(
          {
            url: running.url,
            store: db.kind,
            ...(db.kind === 'embedded' ? { dataDir: config.dataDir } : {}),
            ...(self ? { node: self.name, provinces: describeProvinces(config.expertsNodes, self) } : {}),
            seeded: running.seeded,
          },
          'subgraph ready',
        );
      } else {
        console.log(
          `[${service.name}] partner subgraph ready at ${running.url} (${db.kind} store); publish it with: npm run -s hub -- subgraph publish --name ${service.name} --url ${running.url}`,
        );
      }
      // The last spans (this shutdown's included) are exported before the process exits.
      const close = running.close;
      return Object.assign(running, { close: () => close().finally(stopTracing) });
    },
  );
}
