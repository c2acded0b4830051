import { z } from 'zod';
import { badUserInput, parseArgs } from './errors.ts';

/** Pagination arguments: `first` 0-100 (default 20), `after` an opaque cursor. */
export const ConnectionArgs = z.object({
  first: z
    .number()
    .int()
    .min(0, 'must be 0 or more')
    .max(100, 'must be at most 100')
    .nullish()
    .transform((v) => v ?? 20),
  after: z.string().max(200, 'is not a cursor issued by this API').nullish(),
});

const CursorBody = z.object({ v: z.literal(1), k: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** Opaque cursor for a key (base64url of a versioned JSON body). */
export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ v: 1, k: key })).toString('base64url');
}

/** Decodes a cursor from `argName`; a forged or garbled cursor is BAD_USER_INPUT, never a crash. */
export function decodeCursor(cursor: string | null | undefined, argName = 'after'): string | null {
  if (cursor === null || cursor === undefined) return null;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    body = undefined;
  }
  const parsed = CursorBody.safeParse(body);
  if (!parsed.success) {
    throw badUserInput([{ field: argName, message: 'is not a cursor issued by this API; pass the endCursor of a previous page' }]);
  }
  return parsed.data.k;
}

/** Validated page request: how many and after which key. */
export interface PageRequest {
  first: number;
  afterKey: string | null;
}

/** Parses and validates `{ first, after }`. */
export function parsePage(args: { first?: number | null; after?: string | null }): PageRequest {
  const { first, after } = parseArgs(ConnectionArgs, { first: args.first, after: args.after });
  return { first, afterKey: decodeCursor(after) };
}

/**
 * A connection as resolvers return it: the page (fetched with `first + 1` rows to learn
 * `hasNextPage`) and a lazy `totalCount`, so the count is only computed when asked for.
 */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  count: () => Promise<number>;
}

/** Builds a connection from up to `first + 1` rows in key order. */
export function toConnection<T extends { _id: string }>(rows: T[], first: number, count: () => Promise<number>): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(node._id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    count,
  };
}
