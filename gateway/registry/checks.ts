import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { buildSchema } from 'graphql';
import { z } from 'zod';
import { type AddressPolicy, type CheckedAddress, checkUrlAddresses, DEVELOPMENT_ADDRESS_POLICY } from './address.ts';

/** One rejection reason, as the admin API answers it. */
export interface CheckError {
  code: 'UNREACHABLE' | 'ADDRESS_NOT_ALLOWED' | 'COMPOSITION_FAILED' | 'BREAKING_CHANGE' | 'POLICY_VIOLATION';
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

const SDL_QUERY = JSON.stringify({ query: 'query SubgraphSdl { _service { sdl } }' });

/** The one answer for every way a fetch can fail, whatever answered (see `fetchSubgraphSdl`). */
function unreachable(url: string): { ok: false; code: 'UNREACHABLE'; message: string } {
  return {
    ok: false,
    code: 'UNREACHABLE',
    message: `${url} cannot be reached as a federation subgraph: it did not answer \`_service { sdl }\`. The registry does not say why (no connection, timeout, HTTP error or an answer that is not GraphQL look the same, so it cannot be used to scan the hub's network): check the URL is the subgraph's /graphql endpoint and reachable from the hub.`,
  };
}

/**
 * POSTs the SDL query to `url`, connecting only to `address` (checked beforehand) whatever DNS
 * says now; never follows a redirect; stops reading past `maxBytes`. Resolves with the status
 * and body, or null when anything failed.
 */
function fetchPinned(url: URL, address: CheckedAddress, timeoutMs: number, maxBytes: number): Promise<{ status: number; body: string } | null> {
  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: CheckedAddress[]) => void)(null, [address]);
      else callback(null, address.address, address.family);
    };
    let settled = false;
    const done = (value: { status: number; body: string } | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const req = client(
      url,
      {
        method: 'POST',
        // The TLS certificate is still checked against the URL's host name (SNI and verification use it).
        lookup: pinned,
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', 'content-length': Buffer.byteLength(SDL_QUERY) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            done(null);
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => done(null));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done(null);
    }, timeoutMs);
    req.on('error', () => done(null));
    req.end(SDL_QUERY);
  });
}

/**
 * Asks a subgraph for its SDL with `{ _service { sdl } }` (open on every federation subgraph, the
 * hub's included), within `timeoutMs`, from an address `policy` allows (see ./address.ts).
 *
 * - A URL whose host is, or resolves to, a refused address is `ADDRESS_NOT_ALLOWED`, and nothing
 *   is sent to it.
 * - Otherwise the request goes to a checked address (no second DNS lookup), redirects are never
 *   followed, and every failure (no connection, timeout, an HTTP status other than 200, an answer
 *   that is not `_service { sdl }`, too large, a name that does not resolve) is the same
 *   `UNREACHABLE`, answered no sooner than `timeoutMs` after the start, so neither the message
 *   nor the time it takes tells a closed port from an open one.
 */
export async function fetchSubgraphSdl(
  url: string,
  timeoutMs: number,
  policy: AddressPolicy = DEVELOPMENT_ADDRESS_POLICY,
): Promise<{ ok: true; sdl: string } | { ok: false; code: 'UNREACHABLE' | 'ADDRESS_NOT_ALLOWED'; message: string }> {
  const started = Date.now();
  const failed = async () => {
    await new Promise((r) => setTimeout(r, Math.max(0, timeoutMs - (Date.now() - started))));
    return unreachable(url);
  };
  const target = new URL(url);
  const check = await checkUrlAddresses(target, policy);
  if (!check.ok) return check.reason === 'refused' ? { ok: false, code: 'ADDRESS_NOT_ALLOWED', message: check.message } : failed();
  const answer = await fetchPinned(target, check.addresses[0]!, Math.max(1, timeoutMs - (Date.now() - started)), MAX_SDL_BYTES + 1024);
  if (answer?.status !== 200) return failed();
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return failed();
  }
  const parsed = ServiceAnswer.safeParse(body);
  if (!parsed.success) return failed();
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
