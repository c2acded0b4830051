import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { DataDirError } from '../store/durable.ts';

/** Raised when the environment does not describe a runnable configuration; its message lists every problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A problem the operator fixes in the settings or on disk: printed without a stack. */
export function isConfigProblem(error: unknown): error is Error {
  return error instanceof ConfigError || error instanceof DataDirError;
}

/**
 * Parses `env` with `schema` (keys are variable names). Empty strings count as unset, so
 * `HUB_X=` falls back to the default. Every problem is reported at once, each with the variable
 * name and what to set it to.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') present[key] = value.trim();
  }
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const given = typeof issue.path[0] === 'string' ? present[issue.path[0]] : undefined;
    return `  - ${name}: ${issue.message}${given === undefined ? '' : ` (got "${given}")`}`;
  });
  throw new ConfigError(`Invalid configuration, fix these environment variables:\n${lines.join('\n')}`);
}

/** A TCP port; 0 asks the OS for a free one. */
export const Port = z.coerce.number().int().min(0).max(65535);

/** MONGODB_URI: a MongoDB connection string. */
export const MongoUri = z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a MongoDB connection string (mongodb:// or mongodb+srv://)');

/** HUB_MONGODB_DB: the prefix of every database name the hub uses (`<prefix>_<service>`). */
export const MongoDbPrefix = z.string().regex(/^[A-Za-z0-9_-]{1,38}$/, 'must be a database name prefix of letters, digits, _ or -');

/** An http(s) URL. */
export const HttpUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });

/** A boolean setting written as true/false/1/0/yes/no. */
export const Flag = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** True for a host name or address that only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * The problem with `url` as a production endpoint, or null: outside loopback it must be https,
 * because caller tokens and key sets cross the network (see README, "Security and operations").
 */
export function httpsProblem(name: string, url: string | undefined): string | null {
  if (url === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // the URL's own validation reports it
  }
  if (parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname)) return null;
  return `${name}: NODE_ENV=production needs an https:// URL outside loopback (got ${parsed.protocol}//${parsed.host}); put TLS in front of it`;
}

/**
 * A JSON Web Key Set given inline (`{"keys":[...]}`): the gateway's public keys pinned in a
 * subgraph's settings, so it does not trust whatever key set a URL returns.
 */
export const PublicJwks = z.string().transform((text, ctx) => {
  try {
    const value = JSON.parse(text) as { keys?: unknown };
    const keys = Array.isArray(value.keys) ? (value.keys as Record<string, unknown>[]) : [];
    if (keys.length > 0 && keys.every((k) => typeof k === 'object' && k !== null && typeof k.kty === 'string' && !('d' in k))) {
      return value as JSONWebKeySet;
    }
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a JSON Web Key Set {"keys":[...]} of public keys (copy the gateway\'s /.well-known/jwks.json)' });
  return z.NEVER;
});

/** HUB_STATS_MIN_GROUP: the smallest group of other provinces' records an aggregate publishes. */
export const StatsMinGroup = z.coerce.number().int().min(2, 'must be at least 2 (a group of one singles a person out)').max(1000, 'must be at most 1000');

/** HUB_STATS_ROUNDING_BASE: other provinces' counts are published rounded to a multiple of it. */
export const StatsRoundingBase = z.coerce
  .number()
  .int()
  .min(2, 'must be at least 2 (1 would publish exact counts, which can be combined to recover suppressed ones)')
  .max(100, 'must be at most 100');

/** HUB_STATS_KEY: the secret that keys the rounding draws. */
export const StatsKey = z.string().min(32, 'must be at least 32 characters (a random secret: openssl rand -base64 32)');
