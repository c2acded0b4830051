import { z } from 'zod';

/** Raised when the environment does not describe a runnable configuration; its message lists every problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
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

/** An http(s) URL. */
export const HttpUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });

/** A boolean setting written as true/false/1/0/yes/no. */
export const Flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
