import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { z } from 'zod';

/** One rejection reason, as the admin API answers it. */
export interface CheckError {
  code: 'UNREACHABLE' | 'COMPOSITION_FAILED' | 'BREAKING_CHANGE' | 'POLICY_VIOLATION';
  message: string;
  /** The @apollo/composition error code, for COMPOSITION_FAILED. */
  compositionCode?: string;
  /** The schema coordinate concerned, for BREAKING_CHANGE (e.g. `Talent.hainanServiceRecords`). */
  path?: string;
}

/** One difference between the current API schema and the one a change would give. */
export interface SchemaChange {
  criticality: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  type: string;
  message: string;
  path: string | null;
}

/** Partner SDL larger than this is refused: a subgraph is not a place for a 1 MB schema. */
const MAX_SDL_BYTES = 512 * 1024;

const ServiceAnswer = z.object({ data: z.object({ _service: z.object({ sdl: z.string().min(1) }) }) });

/**
 * Asks a subgraph for its SDL with `{ _service { sdl } }` (open on every federation subgraph, the
 * hub's included), within `timeoutMs`. Failures come back as sentences safe to show the admin.
 */
export async function fetchSubgraphSdl(url: string, timeoutMs: number): Promise<{ ok: true; sdl: string } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: 'query SubgraphSdl { _service { sdl } }' }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ok: false, message: timedOut ? `${url} did not answer within ${timeoutMs} ms.` : `${url} cannot be reached (connection failed).` };
  }
  const text = await res.text().catch(() => '');
  if (Buffer.byteLength(text) > MAX_SDL_BYTES + 1024) return { ok: false, message: `${url} answered more than ${MAX_SDL_BYTES / 1024} KB of SDL.` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, message: `${url} answered HTTP ${res.status} without a GraphQL JSON response: is it the subgraph's /graphql endpoint?` };
  }
  const parsed = ServiceAnswer.safeParse(body);
  if (!parsed.success) {
    return { ok: false, message: `${url} answered HTTP ${res.status} but not \`_service { sdl }\`: is it a federation subgraph (built with @apollo/subgraph or similar)?` };
  }
  return { ok: true, sdl: parsed.data.data._service.sdl };
}

const LEVELS: Record<CriticalityLevel, SchemaChange['criticality']> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'NON_BREAKING',
};

/**
 * The changes between two API schemas, by @graphql-inspector/core. Every field of the current
 * API schema counts as used: the hub keeps no operation statistics, so removing or changing
 * anything clients can ask for is breaking.
 */
export async function schemaChanges(currentApiSdl: string, nextApiSdl: string): Promise<SchemaChange[]> {
  const changes = await diff(buildSchema(currentApiSdl), buildSchema(nextApiSdl));
  return changes.map((change) => ({
    criticality: LEVELS[change.criticality.level],
    type: String(change.type),
    message: change.message,
    path: change.path ?? null,
  }));
}
