import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { GatewayEnv } from '../../gateway/config.ts';
import { SubgraphEnv } from '../../platform/config.ts';

/** The repository root, where compose.yaml, Dockerfile and .env.example live. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Reads a file of the repository as text. */
export function readRepoFile(path: string): string {
  return readFileSync(`${ROOT}${path}`, 'utf8');
}

/** Parses a YAML file of the repository (merge keys `<<` resolved, as Compose does); several documents give several values. */
export function readYaml(path: string): unknown {
  return parse(readRepoFile(path), { merge: true });
}

/** Every setting a hub service reads: the keys of the subgraph and gateway settings schemas. */
export const SERVICE_SETTINGS: ReadonlySet<string> = new Set([...Object.keys(SubgraphEnv.shape), ...Object.keys(GatewayEnv.shape)]);

/**
 * Variables a deployment file may set although no settings schema names them: Node's own
 * (NODE_EXTRA_CA_CERTS: the internal CA the services trust), and the OpenTelemetry SDK's standard
 * OTEL_* variables, which the SDK reads itself (OTEL_RESOURCE_ATTRIBUTES, ...).
 */
export function isKnownVariable(name: string): boolean {
  return SERVICE_SETTINGS.has(name) || name === 'NODE_ENV' || name === 'NODE_EXTRA_CA_CERTS' || name.startsWith('OTEL_');
}

/** The zod field of setting `name` (the subgraph schema's, else the gateway's). */
export function settingField(name: string) {
  const shapes = [SubgraphEnv.shape, GatewayEnv.shape] as Record<string, { safeParse(value: unknown): { success: boolean; data?: unknown } }>[];
  for (const shape of shapes) if (name in shape) return shape[name];
  return undefined;
}

/**
 * Compose's variable interpolation (https://docs.docker.com/reference/compose-file/interpolation/):
 * `${X}`, `${X:-default}`, `${X-default}`, `${X:?error}`, `${X?error}` and `$$`. Throws with the
 * error text when a required variable is missing, as `docker compose` refuses to start.
 */
export function interpolate(text: string, vars: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (match === '$$') return '$';
    const value = vars[name!];
    const unset = op?.startsWith(':') ? value === undefined || value === '' : value === undefined;
    if (op?.endsWith('-')) return unset ? (arg ?? '') : value!;
    if (op?.endsWith('?')) {
      if (unset) throw new Error(`required variable ${name} is missing: ${arg}`);
      return value!;
    }
    return value ?? '';
  });
}

/** One `NAME=value` entry of .env.example: commented out (`#NAME=`: shows the default) or set, with the comment above it. */
export interface EnvExampleEntry {
  name: string;
  value: string;
  commented: boolean;
  comment: string;
}

/** The entries of .env.example, each with the comment block right above it. */
export function envExampleEntries(text: string): EnvExampleEntry[] {
  const entries: EnvExampleEntry[] = [];
  let comment: string[] = [];
  for (const line of text.split('\n')) {
    const entry = /^(#?)([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (entry) {
      entries.push({ name: entry[2]!, value: entry[3]!, commented: entry[1] === '#', comment: comment.join(' ') });
      comment = [];
    } else if (line.startsWith('#')) comment.push(line.replace(/^#\s?/, ''));
    else comment = [];
  }
  return entries;
}
