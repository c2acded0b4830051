import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { JWK } from 'jose';
import { DEFAULT_PORTS, DEFAULT_STATS_MIN_GROUP, loopbackGraphqlUrl } from '../platform/config.ts';
import { DEFAULT_STATS_ROUNDING_BASE, DEVELOPMENT_STATS_KEY, type DisclosureSettings } from '../platform/disclosure.ts';
import { type ExpertsNode, ExpertsNodesSetting, singleNode } from '../platform/nodes.ts';
import { TRACING_ENV } from '../platform/tracing.ts';
import { LogFormat } from '../platform/log.ts';
import { ConfigError, Flag, HttpUrl, httpsProblem, isLoopbackHost, MongoDbPrefix, MongoUri, parseEnv, Port, StatsKey, StatsMinGroup, StatsRoundingBase } from '../platform/env.ts';
import { DEFAULT_SUBGRAPH_POLICY, type SubgraphPolicy } from './datasource.ts';
import { DEFAULT_LIMITS, type OperationLimits } from './limits.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from './ratelimit.ts';
import { CostLimitsSetting, type CostSettings, DEFAULT_COST_SETTINGS } from './cost/settings.ts';
import { OperationsPolicy } from './operations/model.ts';
import type { OperationsPolicySettings } from './operations/policy.ts';
import { ClientTokenEnv, DEVELOPMENT_JWT_SECRET } from './token-settings.ts';

const SUPERGRAPH_DEFAULT = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));
const DATA_DIR_DEFAULT = fileURLToPath(new URL('../.data', import.meta.url));

const Limit = z.coerce.number().int().min(1, 'must be 1 or more');

export const GatewayEnv = z.object({
  // No default: development (the public secret, /dev/token) must be asked for, as `npm start` does.
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  HUB_HOST: z.string().default('127.0.0.1'),
  HUB_GATEWAY_PORT: Port.default(DEFAULT_PORTS.gateway),
  HUB_EXPERTS_URL: HttpUrl.default(loopbackGraphqlUrl(DEFAULT_PORTS.experts)),
  // The provincial experts nodes (platform/nodes.ts); unset: one node at HUB_EXPERTS_URL.
  HUB_EXPERTS_NODES: ExpertsNodesSetting.optional(),
  // Aggregates merged across nodes are published here, under the experts subgraph's settings.
  HUB_STATS_MIN_GROUP: StatsMinGroup.default(DEFAULT_STATS_MIN_GROUP),
  HUB_STATS_ROUNDING_BASE: StatsRoundingBase.default(DEFAULT_STATS_ROUNDING_BASE),
  HUB_STATS_KEY: StatsKey.optional(),
  HUB_PROJECTS_URL: HttpUrl.default(loopbackGraphqlUrl(DEFAULT_PORTS.projects)),
  HUB_COORDINATION_URL: HttpUrl.default(loopbackGraphqlUrl(DEFAULT_PORTS.coordination)),
  HUB_SUPERGRAPH_PATH: z.string().default(SUPERGRAPH_DEFAULT),
  HUB_HEALTH_PROBE_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  HUB_JWT_SECRET: ClientTokenEnv.shape.HUB_JWT_SECRET,
  HUB_JWKS_URL: HttpUrl.optional(),
  HUB_JWT_ISSUER: ClientTokenEnv.shape.HUB_JWT_ISSUER,
  HUB_JWT_AUDIENCE: ClientTokenEnv.shape.HUB_JWT_AUDIENCE,
  HUB_JWT_MAX_AGE_S: ClientTokenEnv.shape.HUB_JWT_MAX_AGE_S,
  HUB_GATEWAY_SIGNING_KEY: z
    .string()
    .transform((text, ctx) => {
      try {
        const jwk = JSON.parse(text) as Record<string, unknown>;
        if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.d === 'string') return jwk as JWK;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'must be a private EC P-256 JWK in JSON (kty EC, crv P-256, with d)' });
      return z.NEVER;
    })
    .optional(),
  HUB_AGREEMENT_CACHE_MS: z.coerce.number().int().min(0).max(5000, 'must be at most 5000 (agreements take effect within 5 s)').default(2000),
  // When coordination cannot be reached, cross-region grants lapse once its last answer is this old.
  HUB_GRANTS_MAX_STALE_MS: z.coerce.number().int().min(0).max(600_000, 'must be at most 600000 (grants must lapse within 10 minutes)').default(30_000),
  HUB_MAX_DEPTH: Limit.default(DEFAULT_LIMITS.depth),
  HUB_MAX_ALIASES: Limit.default(DEFAULT_LIMITS.aliases),
  HUB_MAX_ROOT_FIELDS: Limit.default(DEFAULT_LIMITS.rootFields),
  HUB_MAX_DIRECTIVES: Limit.default(DEFAULT_LIMITS.directives),
  HUB_MAX_TOKENS: Limit.default(DEFAULT_LIMITS.tokens),
  // Demand control (gateway/cost): the estimated cost each client may spend per operation, and the size of an unsized list.
  HUB_COST_LIMITS: CostLimitsSetting.optional(),
  HUB_COST_LIST_SIZE: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_COST_SETTINGS.defaultListSize),
  HUB_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024, 'must be at least 1024')
    .default(1024 * 1024),
  HUB_RATE_LIMIT_RATE: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMIT.ratePerSecond),
  HUB_RATE_LIMIT_BURST: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMIT.burst),
  HUB_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(DEFAULT_SUBGRAPH_POLICY.timeoutMs),
  HUB_SUBGRAPH_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_SUBGRAPH_POLICY.retryBackoffMs),
  HUB_BREAKER_ERROR_PERCENT: z.coerce.number().int().min(1).max(100).default(DEFAULT_SUBGRAPH_POLICY.breaker.errorThresholdPercentage),
  HUB_BREAKER_VOLUME: z.coerce.number().int().min(1).default(DEFAULT_SUBGRAPH_POLICY.breaker.volumeThreshold),
  HUB_BREAKER_RESET_MS: z.coerce.number().int().min(100).max(60_000).default(DEFAULT_SUBGRAPH_POLICY.breaker.resetTimeoutMs),
  HUB_SUBGRAPH_DEDUPE: Flag.optional(),
  HUB_SUBGRAPH_COMBINE: Flag.optional(),
  HUB_FAST_PATH: Flag.default(true),
  HUB_GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  HUB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUB_LOG_FORMAT: LogFormat.default('auto'),
  // OTEL_* (platform/tracing.ts): validated here so a bad value is listed with the rest; the SDK reads them.
  ...TRACING_ENV,
  // The subgraph registry (gateway/registry): partner subgraphs published at run time.
  HUB_REGISTRY: Flag.default(true),
  HUB_DATA_DIR: z.string().default(DATA_DIR_DEFAULT),
  MONGODB_URI: MongoUri.optional(),
  HUB_MONGODB_DB: MongoDbPrefix.default('talent_hub'),
  HUB_REGISTRY_POLL_MS: z.coerce.number().int().min(100).max(10_000, 'must be at most 10000 (instances pick up changes within 10 s)').default(5000),
  HUB_HEALTH_PROBE_INTERVAL_MS: z.coerce.number().int().min(500).max(300_000).default(10_000),
  HUB_SDL_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  // Private networks the registry may fetch partner SDL from in production (link-local and metadata never).
  HUB_REGISTRY_ALLOWED_NETWORKS: z
    .string()
    .transform((text, ctx) => {
      const list = text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      for (const item of list) {
        if (!isCidr(item)) ctx.addIssue({ code: 'custom', message: `"${item}" is not a network: write CIDR blocks such as 10.20.0.0/16 or fd12:3456::/48, comma-separated` });
      }
      return list;
    })
    .default([]),
  // Core fields (Type.field) partners may name in @requires/@external/@provides/@fromContext besides key fields.
  HUB_PARTNER_ALLOWED_FIELDS: z
    .string()
    .transform((text, ctx) => {
      const list = text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      for (const item of list) {
        if (!/^[A-Z][A-Za-z0-9_]*\.[a-z_][A-Za-z0-9_]*$/.test(item))
          ctx.addIssue({ code: 'custom', message: `"${item}" is not a field: write Type.field, comma-separated, e.g. Talent.name,Region.name` });
      }
      return list;
    })
    .default([]),
  // Trusted documents (gateway/operations): what each client may run, as JSON {"<client sub>": policy, "default": policy}.
  HUB_OPERATIONS_POLICY: z
    .string()
    .transform((text, ctx) => {
      let map: unknown;
      try {
        map = JSON.parse(text);
      } catch {
        map = undefined;
      }
      if (!map || typeof map !== 'object' || Array.isArray(map)) {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of client (token sub) to policy, e.g. {"default":"registered-only","sichuan-talent-system":"open"}' });
        return z.NEVER;
      }
      const policies: Record<string, OperationsPolicy> = {};
      for (const [client, value] of Object.entries(map)) {
        const parsed = OperationsPolicy.safeParse(value);
        if (parsed.success) policies[client] = parsed.data;
        else ctx.addIssue({ code: 'custom', message: `"${client}": ${JSON.stringify(value)} is not a policy: write open, registered-or-open or registered-only` });
      }
      return policies;
    })
    .optional(),
  // How long a hub application's document (dashboard, explorer) no longer in the gateway's files still runs before it is removed.
  HUB_OPERATIONS_HUB_RETIRE_AFTER_MS: z.coerce
    .number()
    .int()
    .min(60_000, 'must be at least 60000 (old dashboards keep sending the old documents during a rolling deploy)')
    .max(30 * 86_400_000, 'must be at most 2592000000 (30 days)')
    .default(86_400_000),
  // /metrics is served on its own listener, loopback by default, never on the public port.
  HUB_METRICS_HOST: z.string().default('127.0.0.1'),
  HUB_METRICS_PORT: Port.default(DEFAULT_PORTS.metrics),
});

export { DEVELOPMENT_JWT_SECRET };

/** An IPv4 or IPv6 CIDR block (`10.0.0.0/8`, `fd00::/8`). */
function isCidr(text: string): boolean {
  const [address, bits, ...rest] = text.split('/');
  if (rest.length || address === undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  const type = isIP(address);
  return (type === 4 && Number(bits) <= 32) || (type === 6 && Number(bits) <= 128);
}

export interface GatewayConfig {
  /** NODE_ENV; `unset` when it is not set (then neither development nor production rules are relaxed). */
  env: 'development' | 'production' | 'test' | 'unset';
  host: string;
  port: number;
  /** Where each core subgraph listens; overrides the routing URLs in the supergraph file (experts: its first node). */
  subgraphUrls: Record<string, string>;
  /** The provincial experts nodes the gateway routes experts fetches to (README, "Topology"). */
  expertsNodes: ExpertsNode[];
  /** How aggregates merged across nodes are published (the experts subgraph's HUB_STATS_* settings). */
  stats: DisclosureSettings;
  supergraphPath: string;
  healthProbeTimeoutMs: number;
  auth: {
    jwtSecret: string;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    /** Oldest `iat` accepted, and longest `exp - iat`, in seconds (HUB_JWT_MAX_AGE_S). */
    maxAgeSeconds: number;
    usingDevelopmentSecret: boolean;
  };
  /** Serve `/dev/token`: only when NODE_ENV=development, listening on loopback, with an HS256 secret. */
  devToken: boolean;
  /** Where /metrics is served (its own listener, not the public port). */
  metrics: { host: string; port: number };
  signingKey: JWK | undefined;
  agreementCacheMs: number;
  /** How long cross-region grants outlive the last answer from coordination (fail closed after). */
  grantsMaxStaleMs: number;
  limits: OperationLimits;
  /** Demand control: the cost limit per client (HUB_COST_LIMITS) and the assumed size of unsized lists (HUB_COST_LIST_SIZE). */
  cost: CostSettings;
  bodyLimitBytes: number;
  rateLimit: RateLimitSettings;
  subgraphPolicy: SubgraphPolicy;
  /** HUB_SUBGRAPH_COMBINE: a client request's concurrent fetches to one subgraph go as one request (gateway/combine). */
  subgraphCombine: boolean;
  /** HUB_FAST_PATH: known one-fetch operations answered past Apollo Server's pipeline (gateway/fast). */
  fastPath: boolean;
  logLevel: string;
  /** HUB_LOG_FORMAT: json, pretty, or auto (pretty on a terminal). */
  logFormat: LogFormat;
  /** Gateway processes sharing the port (node:cluster); 1 = no cluster. */
  workers: number;
  /** The subgraph registry; `enabled: false` (HUB_REGISTRY=false) serves the supergraph file as it is, without /admin. */
  registry: {
    enabled: boolean;
    /** Where the file registry lives when MongoDB is not configured (absolute). */
    dataDir: string;
    mongodbUri: string | undefined;
    /** Database name prefix; the registry uses `<prefix>_hub`. */
    mongodbDb: string;
    pollIntervalMs: number;
    probeIntervalMs: number;
    sdlFetchTimeoutMs: number;
    /** Partner SDL may be fetched from private and loopback addresses (outside production). */
    allowPrivateAddresses: boolean;
    /** CIDR blocks allowed even in production (HUB_REGISTRY_ALLOWED_NETWORKS). */
    allowedNetworks: string[];
    /** Core fields partners may reference besides key fields (HUB_PARTNER_ALLOWED_FIELDS). */
    partnerAllowedFields: string[];
  };
  /**
   * Trusted documents (gateway/operations): each client's policy (HUB_OPERATIONS_POLICY); unless
   * set, the default is `auto` in production (registered-only once a client registered anything)
   * and `registered-or-open` otherwise.
   */
  operationsPolicy: OperationsPolicySettings;
  /** How long a retired hub document (HUB_CLIENT) still runs before it is removed (HUB_OPERATIONS_HUB_RETIRE_AFTER_MS, default 24 h). */
  operationsHubRetireAfterMs: number;
}

/** Parses the gateway settings (see README, "Settings"); throws a ConfigError listing every problem. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const e = parseEnv(GatewayEnv, env);
  const development = e.NODE_ENV === 'development';
  const loopback = isLoopbackHost(e.HUB_HOST);
  const usingDevelopmentSecret = !e.HUB_JWKS_URL && (e.HUB_JWT_SECRET === undefined || e.HUB_JWT_SECRET === DEVELOPMENT_JWT_SECRET);
  const problems: string[] = [];
  if (usingDevelopmentSecret && !(development && loopback)) {
    const why =
      e.NODE_ENV === 'production'
        ? 'NODE_ENV=production needs a JWKS URL of your identity provider or a real secret of 32+ characters (the development default is refused)'
        : development
          ? `the development secret is accepted only while the gateway listens on loopback, and HUB_HOST=${e.HUB_HOST} is not: set a real secret of 32+ characters or a JWKS URL, or listen on 127.0.0.1`
          : `the development secret is accepted only with NODE_ENV=development (${e.NODE_ENV ? `it is ${e.NODE_ENV}` : 'it is not set'}): set a real secret of 32+ characters or a JWKS URL of your identity provider, or start with \`npm start\` (which sets NODE_ENV=development) to develop`;
    problems.push(`HUB_JWKS_URL or HUB_JWT_SECRET: ${why}`);
  }
  if (!development) {
    // Outside development a token must name who issued it and for whom, so a token made for
    // another system by the same identity provider is not accepted here.
    if (!e.HUB_JWT_ISSUER) problems.push('HUB_JWT_ISSUER: required unless NODE_ENV=development: the issuer (iss) your identity provider puts in client tokens');
    if (!e.HUB_JWT_AUDIENCE) problems.push('HUB_JWT_AUDIENCE: required unless NODE_ENV=development: the audience (aud) client tokens for this hub carry');
  }
  const expertsNodes = e.HUB_EXPERTS_NODES ?? singleNode(e.HUB_EXPERTS_URL);
  if (e.NODE_ENV === 'production') {
    // Counts merged from several nodes are rounded here; with the public key the rounding could be undone.
    if (expertsNodes.length > 1 && !e.HUB_STATS_KEY)
      problems.push('HUB_STATS_KEY: required when NODE_ENV=production and HUB_EXPERTS_NODES lists several nodes: the same secret as the experts nodes');
    for (const [name, url] of [
      ...(e.HUB_EXPERTS_NODES ? expertsNodes.map((n) => [`HUB_EXPERTS_NODES (${n.name})`, n.url] as const) : [['HUB_EXPERTS_URL', e.HUB_EXPERTS_URL] as const]),
      ['HUB_PROJECTS_URL', e.HUB_PROJECTS_URL],
      ['HUB_COORDINATION_URL', e.HUB_COORDINATION_URL],
      ['HUB_JWKS_URL', e.HUB_JWKS_URL],
    ] as const) {
      const problem = httpsProblem(name, url);
      if (problem) problems.push(problem);
    }
  }
  if (problems.length) throw new ConfigError(`Invalid configuration, fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    env: e.NODE_ENV ?? 'unset',
    host: e.HUB_HOST,
    port: e.HUB_GATEWAY_PORT,
    subgraphUrls: { experts: (expertsNodes[0] as ExpertsNode).url, projects: e.HUB_PROJECTS_URL, coordination: e.HUB_COORDINATION_URL },
    expertsNodes,
    stats: { minGroup: e.HUB_STATS_MIN_GROUP, roundingBase: e.HUB_STATS_ROUNDING_BASE, key: e.HUB_STATS_KEY ?? DEVELOPMENT_STATS_KEY },
    supergraphPath: e.HUB_SUPERGRAPH_PATH,
    healthProbeTimeoutMs: e.HUB_HEALTH_PROBE_TIMEOUT_MS,
    auth: {
      jwtSecret: e.HUB_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      jwksUrl: e.HUB_JWKS_URL,
      issuer: e.HUB_JWT_ISSUER,
      audience: e.HUB_JWT_AUDIENCE,
      maxAgeSeconds: e.HUB_JWT_MAX_AGE_S,
      usingDevelopmentSecret,
    },
    devToken: development && loopback && !e.HUB_JWKS_URL,
    metrics: { host: e.HUB_METRICS_HOST, port: e.HUB_METRICS_PORT },
    signingKey: e.HUB_GATEWAY_SIGNING_KEY,
    agreementCacheMs: e.HUB_AGREEMENT_CACHE_MS,
    grantsMaxStaleMs: e.HUB_GRANTS_MAX_STALE_MS,
    limits: {
      depth: e.HUB_MAX_DEPTH,
      aliases: e.HUB_MAX_ALIASES,
      rootFields: e.HUB_MAX_ROOT_FIELDS,
      directives: e.HUB_MAX_DIRECTIVES,
      tokens: e.HUB_MAX_TOKENS,
    },
    cost: { limits: e.HUB_COST_LIMITS ?? DEFAULT_COST_SETTINGS.limits, defaultListSize: e.HUB_COST_LIST_SIZE },
    bodyLimitBytes: e.HUB_MAX_BODY_BYTES,
    rateLimit: { ratePerSecond: e.HUB_RATE_LIMIT_RATE, burst: e.HUB_RATE_LIMIT_BURST },
    subgraphPolicy: {
      timeoutMs: e.HUB_SUBGRAPH_TIMEOUT_MS,
      retryBackoffMs: e.HUB_SUBGRAPH_RETRY_BACKOFF_MS,
      breaker: { errorThresholdPercentage: e.HUB_BREAKER_ERROR_PERCENT, volumeThreshold: e.HUB_BREAKER_VOLUME, resetTimeoutMs: e.HUB_BREAKER_RESET_MS },
      dedupe: e.HUB_SUBGRAPH_DEDUPE ?? DEFAULT_SUBGRAPH_POLICY.dedupe,
    },
    subgraphCombine: e.HUB_SUBGRAPH_COMBINE ?? true,
    fastPath: e.HUB_FAST_PATH,
    logLevel: e.HUB_LOG_LEVEL,
    logFormat: e.HUB_LOG_FORMAT,
    workers: e.HUB_GATEWAY_WORKERS,
    registry: {
      enabled: e.HUB_REGISTRY,
      dataDir: resolve(e.HUB_DATA_DIR),
      mongodbUri: e.MONGODB_URI,
      mongodbDb: e.HUB_MONGODB_DB,
      pollIntervalMs: e.HUB_REGISTRY_POLL_MS,
      probeIntervalMs: e.HUB_HEALTH_PROBE_INTERVAL_MS,
      sdlFetchTimeoutMs: e.HUB_SDL_FETCH_TIMEOUT_MS,
      allowPrivateAddresses: e.NODE_ENV !== 'production',
      allowedNetworks: e.HUB_REGISTRY_ALLOWED_NETWORKS,
      partnerAllowedFields: e.HUB_PARTNER_ALLOWED_FIELDS,
    },
    operationsPolicy: operationsPolicy(e.HUB_OPERATIONS_POLICY, e.NODE_ENV === 'production'),
    operationsHubRetireAfterMs: e.HUB_OPERATIONS_HUB_RETIRE_AFTER_MS,
  };
}

/** HUB_OPERATIONS_POLICY's clients and default; the default's default depends on the environment. */
function operationsPolicy(map: Record<string, OperationsPolicy> | undefined, production: boolean): OperationsPolicySettings {
  const { default: chosen, ...clients } = map ?? {};
  return { clients, default: chosen ?? (production ? 'auto' : 'registered-or-open') };
}
