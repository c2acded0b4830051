import type { SupergraphManager } from '@apollo/gateway';
import type express from 'express';
import { coreSubgraphSources, type SubgraphSource } from '../../schema/compose.ts';
import { mountAdminApi } from './admin.ts';
import type { ClientIdentity } from '../auth.ts';
import { createSupergraphManager } from './supergraph.ts';
import type { AddressPolicy } from './address.ts';
import { createHealthMonitor, type HealthMonitor } from './monitor.ts';
import { type RegistryLogger, SubgraphRegistry } from './registry.ts';
import { CollectionRegistryStore, FileRegistryStore, type RegistryStore } from './store.ts';
import type { TrustedDocument } from '../operations/model.ts';

export { SubgraphRegistry } from './registry.ts';
export type { AddressPolicy } from './address.ts';
export type { RegistryStore } from './store.ts';

/**
 * Opens the registry store: the `registry` collection of the hub database `<HUB_MONGODB_DB>_hub`
 * when MongoDB is configured (shared by every gateway instance), else `<HUB_DATA_DIR>/registry.json`.
 */
export async function openRegistryStore(settings: { mongodbUri: string | undefined; mongodbDb: string; dataDir: string }): Promise<RegistryStore> {
  if (settings.mongodbUri) {
    // The MongoDB driver (~130 modules, ~18 MB of buffers at load) only for a gateway that uses it, as store/database.ts does.
    const { openMongoDatabase } = await import('../../store/mongo.ts');
    const db = await openMongoDatabase({ uri: settings.mongodbUri, dbName: `${settings.mongodbDb}_hub` });
    return CollectionRegistryStore.on(db, { closeDatabase: true });
  }
  return new FileRegistryStore(settings.dataDir);
}

export interface GatewayRegistryOptions {
  store: RegistryStore;
  /** URL of each core subgraph (the gateway's configuration). */
  coreUrls: Record<string, string>;
  /** The core subgraphs' SDL; default: the hub's files, as `npm run compose` reads them. */
  coreSources?: SubgraphSource[];
  /** How often the store is polled for changes made by other gateway instances (at most 10 s). */
  pollIntervalMs: number;
  /** How often every subgraph is probed in the background. */
  probeIntervalMs: number;
  probeTimeoutMs: number;
  /** How long a publish waits for a subgraph's `_service { sdl }`. */
  sdlFetchTimeoutMs: number;
  /** Where partner SDL may be fetched from (default: development rules; see ./address.ts). */
  addressPolicy?: AddressPolicy;
  /** Core fields partners may reference besides key fields (HUB_PARTNER_ALLOWED_FIELDS; see ./policy.ts). */
  partnerAllowedFields?: readonly string[];
  /** The clients' registered documents (gateway/operations): a change that would break one is refused. */
  documents?: () => readonly TrustedDocument[];
  logger?: RegistryLogger;
}

/** The body of the gateway's GET /health when it runs with the registry. */
export interface RegistryHealth {
  status: 'ok' | 'degraded';
  subgraphs: Record<string, { status: 'up' | 'down' | 'unknown'; kind: 'core' | 'partner'; latencyMs?: number; error?: string; checkedAt?: Date; consecutiveFailures?: number }>;
  supergraph: {
    hash: string;
    source: 'composed' | 'stored' | 'core';
    since: Date;
    lastReload: { ok: boolean; at: Date; trigger: string; errorCodes: string[] };
  };
  registry: { store: string; revision: number; reachable: boolean };
}

/** What `serveGateway` needs to run the gateway over the registry. */
export interface GatewayRegistry {
  readonly registry: SubgraphRegistry;
  readonly monitor: HealthMonitor;
  /** Pass as the gateway's `supergraphSdl`. */
  readonly supergraph: SupergraphManager;
  /** Mounts the admin API (`/admin`), authenticating with the gateway's client verifier. */
  routes(app: express.Express, verifyClient: (authorization: string | undefined) => Promise<ClientIdentity>): void;
  health(): Promise<RegistryHealth>;
  /** Stops polling and probing and closes the store (idempotent). */
  close(): Promise<void>;
}

const consoleLogger: RegistryLogger = {
  info: (m) => console.log(`[gateway] registry: ${m}`),
  warn: (m) => console.warn(`[gateway] registry: ${m}`),
  error: (m) => console.error(`[gateway] registry: ${m}`),
};

/**
 * Opens the registry, decides the first supergraph (see `SubgraphRegistry.open`), probes every
 * subgraph once, and returns the pieces the gateway is built from. Polling and background
 * probes start when the gateway loads the supergraph and stop when it stops.
 */
export async function createGatewayRegistry(options: GatewayRegistryOptions): Promise<GatewayRegistry> {
  const logger = options.logger ?? consoleLogger;
  const registry = await SubgraphRegistry.open({
    store: options.store,
    core: options.coreSources ?? coreSubgraphSources(options.coreUrls),
    sdlFetchTimeoutMs: options.sdlFetchTimeoutMs,
    pollIntervalMs: options.pollIntervalMs,
    logger,
    ...(options.addressPolicy ? { addressPolicy: options.addressPolicy } : {}),
    ...(options.partnerAllowedFields ? { partnerAllowedFields: options.partnerAllowedFields } : {}),
    ...(options.documents ? { documents: options.documents } : {}),
  });
  const monitor = createHealthMonitor({
    targets: () => registry.list().map((s) => ({ name: s.name, url: s.url })),
    intervalMs: options.probeIntervalMs,
    timeoutMs: options.probeTimeoutMs,
    onChange: (name, state, previous) => {
      if (state.status === 'down') logger.warn(`subgraph ${name} is down (${state.error ?? 'no answer'})`);
      else if (previous) logger.info(`subgraph ${name} is up again`);
    },
  });
  await monitor.probeAll();

  let closed: Promise<void> | undefined;
  const stopBackground = async () => {
    await registry.stopPolling();
    await monitor.stop();
  };
  return {
    registry,
    monitor,
    supergraph: createSupergraphManager(registry, {
      start: () => {
        registry.startPolling();
        monitor.start();
      },
      stop: stopBackground,
    }),
    routes: (app, verifyClient) => mountAdminApi(app, { registry, monitor, verifyClient }),
    async health() {
      const subgraphs: RegistryHealth['subgraphs'] = {};
      for (const entry of registry.list()) {
        const probe = monitor.get(entry.name);
        subgraphs[entry.name] = probe
          ? {
              status: probe.status,
              kind: entry.kind,
              latencyMs: probe.latencyMs,
              ...(probe.error ? { error: probe.error } : {}),
              checkedAt: probe.checkedAt,
              consecutiveFailures: probe.consecutiveFailures,
            }
          : { status: 'unknown', kind: entry.kind };
      }
      const { served, lastReload } = registry;
      const healthy = Object.values(subgraphs).every((s) => s.status === 'up') && lastReload.ok && registry.storeReachable;
      return {
        status: healthy ? 'ok' : 'degraded',
        subgraphs,
        supergraph: {
          hash: served.hash,
          source: served.source,
          since: served.since,
          // Codes only: /health is open, and the messages (in the logs and the admin list) name URLs.
          lastReload: { ok: lastReload.ok, at: lastReload.at, trigger: lastReload.trigger, errorCodes: [...new Set(lastReload.errors.map((e) => e.compositionCode ?? e.code))] },
        },
        registry: { store: options.store.description.split(' ')[0] ?? 'store', revision: registry.revision, reachable: registry.storeReachable },
      };
    },
    close: () =>
      (closed ??= (async () => {
        await stopBackground();
        await options.store.close();
      })()),
  };
}
