import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_STATS_ROUNDING_BASE, DEVELOPMENT_STATS_KEY, type StatsRounding } from './disclosure.ts';
import { DEVELOPMENT_AUDIT_KEY, MIN_AUDIT_KEY_LENGTH } from './audit/keys.ts';
import type { JSONWebKeySet } from 'jose';
import { Flag, HttpUrl, httpsProblem, MongoDbPrefix, MongoUri, parseEnv, Port, PublicJwks } from './env.ts';
import { type ExpertsNode, ExpertsNodesSetting, SINGLE_NODE, singleNode } from './nodes.ts';
import { TRACING_ENV } from './tracing.ts';
import { LogFormat } from './log.ts';
import { DEVELOPMENT_LINKAGE_KEY, type LinkageSettings, linkageKeyBytes } from './linkage/fetch.ts';

export const SUBGRAPH_NAMES = ['experts', 'projects', 'coordination'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/**
 * Smallest number of another province's talents an aggregate may report as an exact count; smaller
 * groups are reported as suppressed (see README, "Dashboards").
 */
export const DEFAULT_STATS_MIN_GROUP = 5;

/** Where the embedded store keeps its files unless HUB_DATA_DIR says otherwise: the git-ignored `.data/` at the repository root. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));

/**
 * The hub's default ports, in one place: the gateway, the three core subgraphs, a partner subgraph
 * started on its own, and the gateway's /metrics listener. Each is overridden by its HUB_*_PORT.
 */
export const DEFAULT_PORTS = { gateway: 4000, experts: 4001, projects: 4002, coordination: 4003, partner: 4100, metrics: 9464 } as const;

/** The GraphQL URL of a service listening on loopback on `port` (the default addresses the services find each other at). */
export function loopbackGraphqlUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}

/**
 * What the platform offers a subgraph beyond its store, each asked for in its description:
 * `audit` an audit trail keyed by HUB_AUDIT_KEY, `stats` the disclosure settings of aggregates
 * (HUB_STATS_*), `owners` the experts nodes asked who owns a talent (HUB_EXPERTS_NODES, or HUB_EXPERTS_URL for one node).
 * In production each one asked for makes its setting required (see `loadConfig`).
 */
export const CAPABILITIES = ['audit', 'stats', 'owners'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * The environment of every subgraph process, core or partner: one schema. A core subgraph reads
 * its port from HUB_<NAME>_PORT; a partner subgraph, started on its own, from HUB_PARTNER_PORT.
 */
export const SubgraphEnv = z.object({
  HUB_HOST: z.string().default('127.0.0.1'),
  HUB_EXPERTS_PORT: Port.default(DEFAULT_PORTS.experts),
  HUB_PROJECTS_PORT: Port.default(DEFAULT_PORTS.projects),
  HUB_COORDINATION_PORT: Port.default(DEFAULT_PORTS.coordination),
  // The port of a partner subgraph (partners/<name>/index.ts).
  HUB_PARTNER_PORT: Port.default(DEFAULT_PORTS.partner),
  MONGODB_URI: MongoUri.optional(),
  HUB_MONGODB_DB: MongoDbPrefix.default('talent_hub'),
  HUB_SEED_TALENTS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  HUB_SEED: z.coerce.number().int().default(20260101),
  HUB_SEED_ON_START: Flag.optional(),
  HUB_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  HUB_GATEWAY_JWKS_URL: HttpUrl.default(`http://127.0.0.1:${DEFAULT_PORTS.gateway}/.well-known/jwks.json`),
  // The gateway's public keys pinned here (its /.well-known/jwks.json); used instead of fetching HUB_GATEWAY_JWKS_URL.
  HUB_GATEWAY_PUBLIC_JWKS: PublicJwks.optional(),
  HUB_EXPERTS_URL: HttpUrl.default(loopbackGraphqlUrl(DEFAULT_PORTS.experts)),
  // The experts nodes (platform/nodes.ts); unset: one node, `experts`, at HUB_EXPERTS_URL serving every province.
  HUB_EXPERTS_NODES: ExpertsNodesSetting.optional(),
  // Which of those nodes an experts process is (read by experts only).
  HUB_EXPERTS_NODE: z.string().default(SINGLE_NODE),
  HUB_MONGODB_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  HUB_MONGODB_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  HUB_MONGODB_WRITE_CONCERN: z.union([z.literal('majority'), z.coerce.number().int().min(1).max(50)]).default('majority'),
  HUB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUB_LOG_FORMAT: LogFormat.default('auto'),
  HUB_STATS_MIN_GROUP: z.coerce
    .number()
    .int()
    .min(2, 'must be at least 2 (a group of one singles a person out)')
    .max(1000, 'must be at most 1000')
    .default(DEFAULT_STATS_MIN_GROUP),
  HUB_STATS_ROUNDING_BASE: z.coerce
    .number()
    .int()
    .min(2, 'must be at least 2 (1 would publish exact counts, which can be combined to recover suppressed ones)')
    .max(100, 'must be at most 100')
    .default(DEFAULT_STATS_ROUNDING_BASE),
  HUB_STATS_KEY: z.string().min(32, 'must be at least 32 characters (a random secret: openssl rand -base64 32)').optional(),
  NODE_ENV: z.string().optional(),
  HUB_AUDIT_KEY: z.string().min(MIN_AUDIT_KEY_LENGTH, `must be at least ${MIN_AUDIT_KEY_LENGTH} characters (a random secret: openssl rand -base64 32)`).optional(),
  HUB_AUDIT_RETIRED_KEYS: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .refine(
      (keys) => keys.every((k) => k.length >= MIN_AUDIT_KEY_LENGTH),
      `must be earlier HUB_AUDIT_KEY values separated by commas, each at least ${MIN_AUDIT_KEY_LENGTH} characters`,
    )
    .optional(),
  // Linkage (issue 17): the key experts nodes make linkage tokens with (the same on every node), and
  // the score thresholds of the LINK and REVIEW bands coordination sorts candidates by.
  HUB_LINKAGE_KEY: z.string().min(32, 'must be at least 32 characters (a random secret: openssl rand -base64 32), the same on every experts node').optional(),
  HUB_LINKAGE_LINK_THRESHOLD: z.coerce.number().min(-100).max(100).optional(),
  HUB_LINKAGE_REVIEW_THRESHOLD: z.coerce.number().min(-100).max(100).optional(),
  HUB_AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(100, 'must be at least 100').max(86_400_000, 'must be at most 86400000 (a day)').default(60_000),
  // OTEL_* (platform/tracing.ts): validated here so a bad value is listed with the rest; the SDK reads them.
  ...TRACING_ENV,
});

type SubgraphEnvValues = z.infer<typeof SubgraphEnv>;

/** `SubgraphEnv` with the production rules of the capabilities a process `uses`, and the node rule of an experts process. */
function subgraphEnv(uses: readonly Capability[], subgraph: string | undefined) {
  return SubgraphEnv.superRefine((e, ctx) => {
    productionRules(e, ctx, uses);
    if (subgraph === 'experts') nodeRule(e, ctx);
    linkageRules(e, ctx, subgraph);
  });
}

/**
 * The linkage key must be secret in production (with the public development key anyone can
 * compute the token of a guessed name or identity number), and the review band lies below the link band.
 */
function linkageRules(e: SubgraphEnvValues, ctx: z.RefinementCtx, subgraph: string | undefined): void {
  if (subgraph === 'experts' && e.NODE_ENV === 'production' && !e.HUB_LINKAGE_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['HUB_LINKAGE_KEY'],
      message:
        'is required when NODE_ENV=production: set a random secret of 32+ characters (openssl rand -base64 32), the same on every experts node and nowhere else (it keys the linkage tokens)',
    });
  }
  const { HUB_LINKAGE_LINK_THRESHOLD: link, HUB_LINKAGE_REVIEW_THRESHOLD: review } = e;
  if (link !== undefined && review !== undefined && review > link) {
    ctx.addIssue({ code: 'custom', path: ['HUB_LINKAGE_REVIEW_THRESHOLD'], message: `must not be above HUB_LINKAGE_LINK_THRESHOLD (${link})` });
  }
}

/** The node map the settings describe: HUB_EXPERTS_NODES, or the one node at HUB_EXPERTS_URL. */
function expertsNodesOf(e: SubgraphEnvValues): ExpertsNode[] {
  return e.HUB_EXPERTS_NODES ?? singleNode(e.HUB_EXPERTS_URL);
}

/** An experts process must be one of the nodes of the map, or it would not know which provinces it holds. */
function nodeRule(e: SubgraphEnvValues, ctx: z.RefinementCtx): void {
  const names = expertsNodesOf(e).map((n) => n.name);
  if (names.includes(e.HUB_EXPERTS_NODE)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['HUB_EXPERTS_NODE'],
    message: `names no node of HUB_EXPERTS_NODES (${names.join(', ')}): set it to the name of the node this experts process is`,
  });
}

function productionRules(e: SubgraphEnvValues, ctx: z.RefinementCtx, uses: readonly Capability[]): void {
  if (e.NODE_ENV !== 'production') return;
  // The audit MAC and checkpoint keys derive from HUB_AUDIT_KEY; the development key is public.
  if (uses.includes('audit') && !e.HUB_AUDIT_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['HUB_AUDIT_KEY'],
      message:
        'is required when NODE_ENV=production: set a random secret of 32+ characters (openssl rand -base64 32), one per subgraph, kept outside the database (it keys the audit trail and signs its checkpoints)',
    });
  }
  // The rounding draws of the aggregates are keyed by HUB_STATS_KEY; with the public development
  // key anyone could compute which counts were rounded up, and undo the rounding.
  if (uses.includes('stats') && !e.HUB_STATS_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['HUB_STATS_KEY'],
      message:
        'is required when NODE_ENV=production: set a random secret of 32+ characters (openssl rand -base64 32), the same on the experts and coordination subgraphs (it keys the rounding of published counts)',
    });
  }
  // Caller tokens and the key set that verifies them must not cross the network in clear
  // (loopback excepted); a pinned key set needs no URL at all.
  const report = (name: string, problem: string | null, about = '') => {
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: `${about}${problem.slice(problem.indexOf(':') + 2)}` });
  };
  if (!e.HUB_GATEWAY_PUBLIC_JWKS) report('HUB_GATEWAY_JWKS_URL', httpsProblem('HUB_GATEWAY_JWKS_URL', e.HUB_GATEWAY_JWKS_URL));
  if (!uses.includes('owners')) return;
  // Owner lookups carry a caller's token to every experts node, so each node's URL is held to the same rule.
  if (e.HUB_EXPERTS_NODES) {
    for (const node of e.HUB_EXPERTS_NODES) report('HUB_EXPERTS_NODES', httpsProblem('HUB_EXPERTS_NODES', node.url), `node "${node.name}": `);
  } else report('HUB_EXPERTS_URL', httpsProblem('HUB_EXPERTS_URL', e.HUB_EXPERTS_URL));
}

/** Everything a subgraph process (core or partner) needs to know, parsed once from the environment. */
export interface SubgraphConfig {
  host: string;
  /** Each core subgraph's port, and `partner`: the port of a partner subgraph. */
  ports: Record<SubgraphName | 'partner', number>;
  /** Absent: the embedded store. */
  mongodbUri: string | undefined;
  /** Database name prefix; each core subgraph uses `<prefix>_<subgraph>`, partner X `<prefix>_partner_X`. */
  mongodbDb: string;
  seed: { talents: number; seed: number };
  /** Seed the store at start if it is empty and was never seeded: default on for the embedded store, off for MongoDB (`npm run seed`). */
  seedOnStart: boolean;
  /** Where the embedded store keeps its files (`<dataDir>/<subgraph>.sqlite`, `<dataDir>/partner-<name>.sqlite`), absolute. */
  dataDir: string;
  /** Where the gateway publishes the public keys of the caller tokens it signs. */
  gatewayJwksUrl: string;
  /** The gateway's public keys pinned in the settings (HUB_GATEWAY_PUBLIC_JWKS): trusted instead of fetching `gatewayJwksUrl`. */
  gatewayPublicJwks: JSONWebKeySet | undefined;
  /** The experts subgraph's GraphQL URL (HUB_EXPERTS_URL): the URL of the single node when HUB_EXPERTS_NODES is unset. */
  expertsUrl: string;
  /**
   * The experts nodes (HUB_EXPERTS_NODES; default the one node `experts` at `expertsUrl`): projects
   * and coordination ask the node that holds a talent who owns it before they write.
   */
  expertsNodes: ExpertsNode[];
  /** An experts process: which of `expertsNodes` it is (HUB_EXPERTS_NODE, default `experts`). */
  node: string;
  /** MongoDB driver settings for production (see README). */
  mongodb: { serverSelectionTimeoutMS: number; timeoutMS: number; writeConcern: 'majority' | number };
  logLevel: string;
  /** HUB_LOG_FORMAT: json, pretty, or auto (pretty on a terminal). */
  logFormat: LogFormat;
  /** Aggregates report groups of fewer of another province's talents (or engagements) than this as suppressed. */
  statsMinGroup: number;
  /** Consistent random rounding of other provinces' counts: the base and the secret key of the draws (README, "Privacy"). */
  statsRounding: StatsRounding;
  /** The audit key (events are MACed and checkpoints signed with keys derived from it) and earlier keys still verified; see README, "Evidence". */
  audit: { key: string; retiredKeys: string[]; usingDevelopmentKey: boolean; checkpointIntervalMs: number };
  /** Linkage (issue 17): the token key (HUB_LINKAGE_KEY, or the public development key) and the band thresholds. */
  linkage: LinkageSettings & { usingDevelopmentKey: boolean };
}

/**
 * Parses the settings of a subgraph process (see README, "Settings"); throws a ConfigError listing
 * every problem. `uses`: the capabilities the process's subgraph asked for (default all, as the
 * core subgraphs do); with NODE_ENV=production the settings they need are required. `subgraph`:
 * the process's subgraph; for `experts`, HUB_EXPERTS_NODE must name a node of HUB_EXPERTS_NODES.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, uses: readonly Capability[] = CAPABILITIES, subgraph?: string): SubgraphConfig {
  const e = parseEnv(subgraphEnv(uses, subgraph), env);
  return {
    host: e.HUB_HOST,
    ports: { experts: e.HUB_EXPERTS_PORT, projects: e.HUB_PROJECTS_PORT, coordination: e.HUB_COORDINATION_PORT, partner: e.HUB_PARTNER_PORT },
    mongodbUri: e.MONGODB_URI,
    mongodbDb: e.HUB_MONGODB_DB,
    seed: { talents: e.HUB_SEED_TALENTS, seed: e.HUB_SEED },
    seedOnStart: e.HUB_SEED_ON_START ?? e.MONGODB_URI === undefined,
    dataDir: resolve(e.HUB_DATA_DIR),
    gatewayJwksUrl: e.HUB_GATEWAY_JWKS_URL,
    gatewayPublicJwks: e.HUB_GATEWAY_PUBLIC_JWKS,
    expertsUrl: e.HUB_EXPERTS_URL,
    expertsNodes: expertsNodesOf(e),
    node: e.HUB_EXPERTS_NODE,
    mongodb: {
      serverSelectionTimeoutMS: e.HUB_MONGODB_SERVER_SELECTION_TIMEOUT_MS,
      timeoutMS: e.HUB_MONGODB_TIMEOUT_MS,
      writeConcern: e.HUB_MONGODB_WRITE_CONCERN,
    },
    logLevel: e.HUB_LOG_LEVEL,
    logFormat: e.HUB_LOG_FORMAT,
    statsMinGroup: e.HUB_STATS_MIN_GROUP,
    statsRounding: { roundingBase: e.HUB_STATS_ROUNDING_BASE, key: e.HUB_STATS_KEY ?? DEVELOPMENT_STATS_KEY },
    audit: {
      key: e.HUB_AUDIT_KEY ?? DEVELOPMENT_AUDIT_KEY,
      retiredKeys: e.HUB_AUDIT_RETIRED_KEYS ?? [],
      usingDevelopmentKey: e.HUB_AUDIT_KEY === undefined,
      checkpointIntervalMs: e.HUB_AUDIT_CHECKPOINT_INTERVAL_MS,
    },
    linkage: {
      key: linkageKeyBytes(e.HUB_LINKAGE_KEY ?? DEVELOPMENT_LINKAGE_KEY),
      usingDevelopmentKey: e.HUB_LINKAGE_KEY === undefined,
      thresholds: {
        ...(e.HUB_LINKAGE_LINK_THRESHOLD === undefined ? {} : { link: e.HUB_LINKAGE_LINK_THRESHOLD }),
        ...(e.HUB_LINKAGE_REVIEW_THRESHOLD === undefined ? {} : { review: e.HUB_LINKAGE_REVIEW_THRESHOLD }),
      },
    },
  };
}
