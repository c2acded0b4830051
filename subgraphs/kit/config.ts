import { z } from 'zod';
import { Flag, HttpUrl, parseEnv, Port } from './env.ts';

export const SUBGRAPH_NAMES = ['experts', 'projects', 'coordination'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const DEFAULT_PORTS: Record<SubgraphName, number> = { experts: 4001, projects: 4002, coordination: 4003 };

const SubgraphEnv = z.object({
  HUB_HOST: z.string().default('127.0.0.1'),
  HUB_EXPERTS_PORT: Port.default(DEFAULT_PORTS.experts),
  HUB_PROJECTS_PORT: Port.default(DEFAULT_PORTS.projects),
  HUB_COORDINATION_PORT: Port.default(DEFAULT_PORTS.coordination),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a MongoDB connection string (mongodb:// or mongodb+srv://)')
    .optional(),
  HUB_MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,38}$/, 'must be a database name prefix of letters, digits, _ or -').default('talent_hub'),
  HUB_SEED_TALENTS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  HUB_SEED: z.coerce.number().int().default(20260101),
  HUB_SEED_ON_START: Flag.optional(),
  HUB_GATEWAY_JWKS_URL: HttpUrl.default('http://127.0.0.1:4000/.well-known/jwks.json'),
});

/** Everything a core subgraph process needs to know, parsed once from the environment. */
export interface SubgraphConfig {
  host: string;
  ports: Record<SubgraphName, number>;
  /** Absent: the embedded store. */
  mongodbUri: string | undefined;
  /** Database name prefix; each subgraph uses `<prefix>_<subgraph>`. */
  mongodbDb: string;
  seed: { talents: number; seed: number };
  /** Load the seed data at start: default on for the embedded store (it starts empty), off for MongoDB (`npm run seed`). */
  seedOnStart: boolean;
  /** Where the gateway publishes the public keys of the caller tokens it signs. */
  gatewayJwksUrl: string;
}

/** Parses the subgraph settings (see README, "Settings"); throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): SubgraphConfig {
  const e = parseEnv(SubgraphEnv, env);
  return {
    host: e.HUB_HOST,
    ports: { experts: e.HUB_EXPERTS_PORT, projects: e.HUB_PROJECTS_PORT, coordination: e.HUB_COORDINATION_PORT },
    mongodbUri: e.MONGODB_URI,
    mongodbDb: e.HUB_MONGODB_DB,
    seed: { talents: e.HUB_SEED_TALENTS, seed: e.HUB_SEED },
    seedOnStart: e.HUB_SEED_ON_START ?? e.MONGODB_URI === undefined,
    gatewayJwksUrl: e.HUB_GATEWAY_JWKS_URL,
  };
}
