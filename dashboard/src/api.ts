import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A failed request, with the hub's error code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, ...) when it gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

const printed = new WeakMap<object, string>();
const ids = new WeakMap<object, Promise<string | null>>();

/**
 * The trusted document id of a printed operation (`sha256:<hex>`): the gateway registers the
 * dashboard's operations under the same printed text at start. Null where the browser has no
 * Web Crypto (a page served over plain http from another host): the text is sent then.
 */
async function documentIdOf(query: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(query)));
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Runs one of the dashboard's typed operations (schema/operations/dashboard.graphql, typed by
 * codegen) against the gateway with the user's token. GraphQL errors become an ApiError; so does
 * partial data, because a dashboard tile must not show a half answer as if it were whole.
 */
export async function request<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token: string,
  signal?: AbortSignal,
): Promise<TData> {
  let query = printed.get(document);
  if (!query) printed.set(document, (query = print(document)));
  let id = ids.get(document);
  if (!id) ids.set(document, (id = documentIdOf(query)));
  const documentId = await id;
  // By id (a registered document: smaller request, no parsing at the gateway); the text when the gateway does not know it.
  let { res, body } = await send<TData>(documentId ? { documentId, variables } : { query, variables }, token, signal);
  // PERSISTED_QUERY_NOT_FOUND: not registered there; BAD_REQUEST: a gateway without trusted documents (it wants a query).
  const code = body.errors?.[0]?.extensions?.code;
  if (documentId && (code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'BAD_REQUEST')) ({ res, body } = await send<TData>({ query, variables }, token, signal));
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code ?? null);
  if (!body.data) throw new ApiError(`网关没有返回数据（HTTP ${res.status}）。`, null);
  return body.data;
}

type Body<TData> = { data?: TData | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function send<TData>(payload: Record<string, unknown>, token: string, signal?: AbortSignal): Promise<{ res: Response; body: Body<TData> }> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(payload),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('无法连接到网关，请检查网络或网关是否在运行。', null);
  }
  try {
    return { res, body: (await res.json()) as Body<TData> };
  } catch {
    throw new ApiError(`网关返回了无法解析的响应（HTTP ${res.status}）。`, null);
  }
}

/** The claims of a token as the dashboard shows them; the gateway verifies the token, not this. */
export interface TokenInfo {
  region: string;
  scopes: string[];
  sub: string;
  /** Expiry, epoch seconds. */
  exp: number | null;
}

/** Reads (without verifying) the claims of a JWT, or null when it is not one. */
export function readToken(token: string): TokenInfo | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    if (typeof claims.region !== 'string') return null;
    return {
      region: claims.region,
      scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
      sub: typeof claims.sub === 'string' ? claims.sub : '',
      exp: typeof claims.exp === 'number' ? claims.exp : null,
    };
  } catch {
    return null;
  }
}
