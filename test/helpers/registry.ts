import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { createGatewayRegistry, type GatewayRegistry } from '../../gateway/registry/index.ts';
import { FileRegistryStore, type RegistryStore } from '../../gateway/registry/store.ts';
import type { RegistryLogger } from '../../gateway/registry/registry.ts';
import { exampleData } from '../../partners/hainan/data.ts';
import { hainanService } from '../../partners/hainan/server.ts';
import type { HainanStore } from '../../partners/hainan/store.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { startSubgraph, type StartedSubgraph } from '../../platform/runner.ts';
import { createSubgraphServer, listen, type RunningServer } from '../../platform/server.ts';
import { ALL_SCOPES, clientToken } from './caller.ts';
import { type Hub, startGatewayOver } from './hub.ts';

/** A line the registry logged (tests assert that a failed reload is logged). */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** A registry logger that keeps its lines (and prints errors only when asked). */
export function collectingLogger(lines: LogLine[] = []): RegistryLogger & { lines: LogLine[] } {
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}

/** A fresh data directory for a file registry (removed with `removeDir`). */
export function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hub-registry-'));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export interface TestRegistryOptions {
  store?: RegistryStore;
  dataDir?: string;
  pollIntervalMs?: number;
  probeIntervalMs?: number;
  sdlFetchTimeoutMs?: number;
  logger?: RegistryLogger;
}

/** A `startHub({ registry })` factory: the gateway over a registry, with test-friendly intervals. */
export function withRegistry(options: TestRegistryOptions = {}): (urls: Record<string, string>) => Promise<GatewayRegistry> {
  return async (coreUrls) => {
    const store = options.store ?? new FileRegistryStore(options.dataDir ?? (await tempDataDir()));
    return createGatewayRegistry({
      store,
      coreUrls,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      probeIntervalMs: options.probeIntervalMs ?? 1000,
      probeTimeoutMs: 500,
      sdlFetchTimeoutMs: options.sdlFetchTimeoutMs ?? 2000,
      logger: options.logger ?? collectingLogger(),
    });
  };
}

/** Another gateway instance over the hub's subgraphs (same signing key), with its own registry. */
export async function startGateway(hub: Hub, registry: GatewayRegistry): Promise<RunningServer> {
  return startGatewayOver(hub, { supergraphSdl: registry.supergraph, registry });
}

export interface AdminAs {
  scopes?: string[];
  region?: string;
  sub?: string;
  /** null: no Authorization header; a string: that header value. */
  authorization?: string | null;
  /** Sent as it is instead of JSON-encoding `body`. */
  rawBody?: string;
  contentType?: string;
}

export interface AdminResponse {
  status: number;
  body: any;
}

/** Calls the gateway's admin API (default: Hainan's administrator, with `registry:admin`). */
export async function admin(gatewayUrl: string, method: string, path: string, body?: unknown, as: AdminAs = {}): Promise<AdminResponse> {
  const headers: Record<string, string> = {};
  if (as.authorization !== null) {
    headers.authorization =
      as.authorization ?? `Bearer ${await clientToken({ region: as.region ?? '460000', scopes: as.scopes ?? ['registry:admin'], sub: as.sub ?? 'hainan-admin' })}`;
  }
  if (body !== undefined || as.rawBody !== undefined) headers['content-type'] = as.contentType ?? 'application/json';
  const res = await fetch(`${gatewayUrl.replace(/\/graphql$/, '')}/admin${path}`, {
    method,
    headers,
    ...(as.rawBody !== undefined ? { body: as.rawBody } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    throw new Error(`admin API answered non-JSON (HTTP ${res.status}): ${text.slice(0, 200)}`);
  }
}

/** Hainan's example data for the hub's own seed talents (ids name their province, so they come from the hub's dataset). */
export function hainanDataFor(hub: Hub): ReturnType<typeof exampleData> {
  return exampleData(hub.dataset.experts.talents.map((t) => t._id));
}

/** Starts the Hainan partner subgraph on port 0, trusting the hub gateway's caller tokens, with records for the hub's seed talents. */
export function startHainan(hub: Hub, service = hainanService): Promise<StartedSubgraph<HainanStore, never>> {
  return startSubgraph(service, { db: createEmbeddedDatabase(), port: 0, host: '127.0.0.1', keys: hub.signer.localKeys(), seed: () => hainanDataFor(hub) });
}

/**
 * A stand-in subgraph that serves only `_service { sdl }` for `sdl`: what the registry's checks
 * see of a partner that deploys a (broken, colliding, ...) schema.
 */
export async function serveSdl(sdl: string): Promise<RunningServer> {
  const { server } = createSubgraphServer<{ caller: null }>({ name: 'stub', typeDefs: parse(sdl), resolvers: {}, logError: () => {} });
  return listen({ server, port: 0, host: '127.0.0.1', context: async () => ({ caller: null }) });
}

/** A client query through a gateway with every scope (Sichuan by default). */
export async function gql(gatewayUrl: string, query: string, variables: Record<string, unknown> = {}, region = '510000', sub?: string) {
  const token = await clientToken({ region, scopes: ALL_SCOPES, ...(sub ? { sub } : {}) });
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}
