import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { jsonBody, listen, type RunningServer } from '../platform/server.ts';
import { coordinationAgreementFetcher, createAgreementDirectory } from './agreements.ts';
import { type ClientAuthSettings, createClientVerifier, parsePurpose, RequestRejected } from './auth.ts';
import type { Grant } from '../platform/caller.ts';
import type { GatewayContext } from './context.ts';
import { probeSubgraph } from './health.ts';
import type { GatewayRegistry } from './registry/index.ts';
import { createMetrics, serveMetrics } from './metrics.ts';
import { isLoopbackHost } from '../platform/env.ts';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimitSettings, type RateLimitStore } from './ratelimit.ts';
import { createGatewayServer, type GatewayOptions } from './server.ts';
import { fastPath } from './fast/path.ts';
import type { Logger } from '../platform/log.ts';
import type { GatewayConfig } from './config.ts';
import { type CallerSigner, createCallerSigner, requestTokens } from './signer.ts';
import { mountStaticApps } from './static.ts';
import { createOperationsRouter, type HubDocumentsSettings, type OperationsPolicySettings, registerHubDocuments, trustedDocumentsMiddleware } from './operations/index.ts';
import { nodeAudience } from '../platform/nodes.ts';

export interface ServeGatewayOptions extends GatewayOptions {
  port: number;
  host: string;
  healthProbeTimeoutMs?: number;
  auth: ClientAuthSettings;
  signer: CallerSigner;
  /** How long agreements in force are cached (new or expired agreements take effect within it). */
  agreementCacheMs: number;
  /**
   * How long cross-region grants outlive the last answer from coordination when it cannot be
   * reached (HUB_GRANTS_MAX_STALE_MS, default 30 s); then they lapse (fail closed).
   */
  grantsMaxStaleMs?: number;
  rateLimit?: RateLimitSettings;
  /** Where the rate limit counts (default: this process; see RateLimitStore for clusters and several instances). */
  rateLimitStore?: RateLimitStore;
  /** Largest accepted request body in bytes (default 1 MB); larger ones get 413. */
  bodyLimitBytes?: number;
  /**
   * The subgraph registry (gateway/registry): serves /admin, answers /health from its background
   * probes, and is closed with the gateway. Pass its `supergraph` manager as `supergraphSdl`.
   */
  registry?: GatewayRegistry;
  /** Serve `/dev/token` (development made explicit); honoured only when `host` is loopback. */
  devToken?: boolean;
  /** Where to serve /metrics (its own listener); absent: metrics are collected but not served. */
  metricsListen?: { host: string; port: number };
  /**
   * What each client may run (HUB_OPERATIONS_POLICY), with `operations` (the trusted documents,
   * served at /admin/operations and by `documentId` on /graphql, closed with the gateway).
   * Default: `registered-or-open` for every client.
   */
  operationsPolicy?: OperationsPolicySettings;
  /** The hub applications' documents (with `operations`): their files and how long a retired one still runs (HUB_OPERATIONS_HUB_RETIRE_AFTER_MS). */
  hubDocuments?: HubDocumentsSettings;
}

/** The running gateway, and where its metrics are served (undefined when they are not). */
export interface RunningGateway extends RunningServer {
  metricsUrl: string | undefined;
}

/**
 * Everything `serveGateway` takes from the settings (all but the supergraph, the subgraph URLs
 * and where to listen), so the entry point and the benchmark start the very same gateway.
 */
export async function gatewaySettings(config: GatewayConfig, logger: Logger) {
  return {
    healthProbeTimeoutMs: config.healthProbeTimeoutMs,
    auth: config.auth,
    signer: await createCallerSigner({ privateJwk: config.signingKey }),
    agreementCacheMs: config.agreementCacheMs,
    grantsMaxStaleMs: config.grantsMaxStaleMs,
    production: config.env === 'production',
    devToken: config.devToken,
    operationsPolicy: config.operationsPolicy,
    hubDocuments: { retireAfterMs: config.operationsHubRetireAfterMs },
    metricsListen: config.metrics,
    limits: config.limits,
    cost: config.cost,
    bodyLimitBytes: config.bodyLimitBytes,
    rateLimit: config.rateLimit,
    subgraphPolicy: config.subgraphPolicy,
    combineFetches: config.subgraphCombine,
    fastPath: config.fastPath,
    expertsNodes: config.expertsNodes,
    stats: config.stats,
    logger,
  } satisfies Partial<ServeGatewayOptions>;
}

/** The gateway's own identity when it asks the coordination subgraph for agreements. */
const GATEWAY_SYSTEM_CALLER = { audience: 'coordination', sub: 'hub-gateway', region: '000000', scopes: [], purpose: null, grants: [] };

/**
 * Builds the gateway and serves it: /graphql behind client authentication, the public keys of
 * its caller tokens at /.well-known/jwks.json, and /health answering 200 with each subgraph's
 * state (`ok` when all are up, `degraded` otherwise). Only /health and the JWKS are open.
 */
export async function serveGateway(options: ServeGatewayOptions): Promise<RunningGateway> {
  const metrics = options.metrics ?? createMetrics();
  const { server, fast } = createGatewayServer({ ...options, metrics });
  const limit = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.rateLimitStore);
  const verifyClient = createClientVerifier(options.auth);
  const coordinationUrl = options.subgraphUrls.coordination;
  let directoryFailing = false;
  const directory = createAgreementDirectory({
    ttlMs: options.agreementCacheMs,
    ...(options.grantsMaxStaleMs !== undefined ? { maxStaleMs: options.grantsMaxStaleMs } : {}),
    onLapse: () => console.error('[gateway] coordination unreachable for longer than HUB_GRANTS_MAX_STALE_MS; cross-region grants lapsed until it answers'),
    fetchAgreements: coordinationUrl
      ? coordinationAgreementFetcher(
          () => coordinationUrl,
          () => options.signer.sign(GATEWAY_SYSTEM_CALLER),
          2000,
        )
      : async () => [],
    onError: (error) => {
      if (!directoryFailing) console.error('[gateway] cannot read agreements from coordination; keeping the last known ones until they are HUB_GRANTS_MAX_STALE_MS old', error);
      directoryFailing = true;
    },
  });
  const contexts = new WeakMap<IncomingMessage, GatewayContext>();
  const expertsNodes = options.expertsNodes ?? [];
  // Owner-lookup tokens are accepted by every experts node (projects and coordination ask the one holding the talent).
  const expertsAudiences = expertsNodes.length ? expertsNodes.map((n) => nodeAudience('experts', n.name)) : ['experts'];

  const authenticate: RequestHandler = (req, res, next) => {
    const requestId = typeof req.headers['x-request-id'] === 'string' && /^[\w.:-]{8,128}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID();
    res.setHeader('x-request-id', requestId);
    (async () => {
      const identity = await verifyClient(req.headers.authorization);
      const retryAfter = await limit(identity.sub);
      if (retryAfter !== null) {
        metrics.rateLimited.inc();
        res.setHeader('retry-after', String(retryAfter));
        throw new RequestRejected(429, 'RATE_LIMITED', `Too many requests from ${identity.sub}; retry after ${retryAfter} s.`);
      }
      const purpose = parsePurpose(req.headers['x-hub-purpose']);
      const caller = { ...identity, purpose };
      let granted: Promise<Grant[]> | undefined;
      const grants = () =>
        (granted ??= directory.grantsFor(identity.region).then((list) => {
          directoryFailing = false;
          return list;
        }));
      const tokens = requestTokens(options.signer, caller, grants, expertsAudiences);
      contexts.set(req, { caller, callerToken: tokens.forSubgraph, ownerLookupToken: tokens.ownerLookup, grants, requestId });
    })().then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof RequestRejected)) return next(error);
        if (error.status === 401) res.setHeader('www-authenticate', 'Bearer');
        res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      },
    );
  };

  const operations = options.operations;
  const documents: RequestHandler[] = operations
    ? [
        // Parsed here (listen's own parser then leaves it) so documentId is resolved before Apollo reads the body.
        jsonBody(options.bodyLimitBytes ?? 1024 * 1024),
        trustedDocumentsMiddleware({
          trusted: operations,
          settings: options.operationsPolicy ?? { clients: {}, default: 'registered-or-open' },
          clientOf: (req) => contexts.get(req)?.caller.sub,
          warn: (message) => (options.logger ? options.logger.warn(message) : console.warn(`[gateway] ${message}`)),
        }),
      ]
    : [];

  let metricsServer: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  if (options.metricsListen) {
    try {
      metricsServer = await serveMetrics(metrics, options.metricsListen);
    } catch (error) {
      // Losing metrics must not take the graph down; the operator sees why in the log.
      const message = `cannot serve /metrics on ${options.metricsListen.host}:${options.metricsListen.port} (${(error as Error).message}); set HUB_METRICS_PORT to a free port`;
      if (options.logger) options.logger.error(message);
      else console.error(`[gateway] ${message}`);
    }
  }
  const running = await listen({
    server,
    port: options.port,
    host: options.host,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    ...(options.logError ? { logError: options.logError } : {}),
    // The fast path after the trusted-documents step (which resolves documentId), on a parsed body (jsonBody leaves one already read).
    beforeGraphQL: [authenticate, ...documents, ...(fast ? [jsonBody(options.bodyLimitBytes ?? 1024 * 1024), fastPath({ ...fast, contextOf: (req) => contexts.get(req) })] : [])],
    context: async (req) => {
      const context = contexts.get(req);
      if (!context) throw new Error('request reached Apollo without authentication');
      return context;
    },
    routes: (app) => {
      app.get('/.well-known/jwks.json', (_req, res) => {
        res.json(options.signer.jwks());
      });
      mountStaticApps(app, { production: options.production ?? false, auth: options.auth, devToken: options.devToken === true && isLoopbackHost(options.host) });
      // Before the registry's /admin, which answers every other /admin route itself.
      if (operations) app.use('/admin/operations', createOperationsRouter({ trusted: operations, verifyClient }));
      options.registry?.routes(app, verifyClient);
    },
    onClose: async () => {
      await metricsServer?.close();
      await options.registry?.close();
      await operations?.close();
    },
    health: async () => {
      const timeout = options.healthProbeTimeoutMs ?? 1000;
      // Each experts node on its own (by node name and the provinces it holds, never its URL).
      const nodes =
        expertsNodes.length > 1
          ? await Promise.all(expertsNodes.map(async (n) => ({ node: n.name, provinces: n.provinces, ...(await probeSubgraph(n.url, timeout)) })))
          : undefined;
      const nodesUp = nodes?.every((n) => n.status === 'up') ?? true;
      // The trusted documents: how many, and how many the schema served now no longer runs (the log and GET /admin/operations say which).
      const documents = operations ? { documents: { registered: operations.list().length, notRunnable: operations.notRunnable().length } } : {};
      if (options.registry) {
        const health = await options.registry.health();
        return nodes ? { ...health, status: nodesUp ? health.status : 'degraded', expertsNodes: nodes, ...documents } : { ...health, ...documents };
      }
      const entries = await Promise.all(Object.entries(options.subgraphUrls).map(async ([name, url]) => [name, await probeSubgraph(url, timeout)] as const));
      return {
        status: entries.every(([, h]) => h.status === 'up') && nodesUp ? 'ok' : 'degraded',
        subgraphs: Object.fromEntries(entries),
        ...(nodes ? { expertsNodes: nodes } : {}),
        ...documents,
      };
    },
  });
  if (operations) {
    // The dashboard and the explorer send their operations by id: register them (idempotently) now the schema is loaded.
    const log = (level: 'debug' | 'info' | 'warn', message: string) => {
      if (options.logger) options.logger[level](message);
      else if (level !== 'debug') console.log(`[gateway] ${message}`);
    };
    await registerHubDocuments(operations, options.hubDocuments, log).catch((error: unknown) => {
      const message = `the dashboard's and the explorer's operations could not be registered (they fall back to sending their text): ${(error as Error).message}`;
      if (options.logger) options.logger.warn(message);
      else console.warn(`[gateway] ${message}`);
    });
  }
  return Object.assign(running, { metricsUrl: metricsServer?.url });
}
