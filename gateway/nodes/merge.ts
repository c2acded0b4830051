import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import { decodeCursor } from '../../platform/connection.ts';
import { responseFields, subSelections, type Variables } from './selection.ts';

/**
 * Merging the answers of several experts nodes to one root field, so the client sees what one node
 * holding every province would answer. Each function takes the field's value from every node that
 * answered (in node order) and the selection the client's fetch asked for.
 */

type Json = Record<string, unknown>;

/** Aliases the router adds to a fetch to be able to merge it; removed from every answer. */
export const EXTRA = { edges: 'hub_e', page: 'hub_p', id: 'hub_id' } as const;

/** What a merge needs to read the client's selection. */
export interface SelectionContext {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Variables;
  /** The calling region (its province's talents are its own in aggregates). */
  callerRegion?: string | undefined;
}

/** One node's value for a field, with the node's index in the router's node list. */
export interface NodeValue {
  node: number;
  value: Json;
}

function stripExtras(value: Json): Json {
  const { [EXTRA.edges]: _e, [EXTRA.page]: _p, [EXTRA.id]: _i, ...rest } = value;
  return rest;
}

interface Taken {
  node: number;
  index: number;
  cursor: string;
}

/**
 * Builds a connection (TalentConnection, AuditEventConnection) from the page each node gave:
 * `taken` are the merged page's edges in order, `hasNextPage` whether any node has more, and
 * `cursorOf` the cursor the client sees for the i-th taken edge.
 */
function assembleConnection(
  values: readonly NodeValue[],
  set: SelectionSetNode,
  ctx: SelectionContext,
  taken: readonly Taken[],
  hasNextPage: boolean,
  cursorOf: (i: number) => string,
  typename: string,
): Json {
  const byNode = new Map(values.map((v) => [v.node, v.value]));
  const out: Json = {};
  for (const [key, nodes] of responseFields(set, ctx.fragments, ctx.variables)) {
    const name = (nodes[0] as FieldNode).name.value;
    if (name === 'edges') {
      out[key] = taken.map((t, i) => {
        const edges = (byNode.get(t.node)?.[key] ?? []) as Json[];
        const edge = { ...(edges[t.index] as Json) };
        // A cursor asked for under any alias is the merged one (the same string for id cursors).
        for (const [edgeKey, edgeNodes] of responseFields(subSelections(nodes), ctx.fragments, ctx.variables)) {
          if ((edgeNodes[0] as FieldNode).name.value === 'cursor') edge[edgeKey] = cursorOf(i);
        }
        return edge;
      });
    } else if (name === 'pageInfo') {
      const info: Json = {};
      for (const [infoKey, infoNodes] of responseFields(subSelections(nodes), ctx.fragments, ctx.variables)) {
        const infoName = (infoNodes[0] as FieldNode).name.value;
        info[infoKey] = infoName === 'hasNextPage' ? hasNextPage : infoName === 'endCursor' ? (taken.length ? cursorOf(taken.length - 1) : null) : 'PageInfo';
      }
      out[key] = info;
    } else if (name === 'totalCount') {
      out[key] = values.reduce((sum, v) => sum + Number(v.value[key] ?? 0), 0);
    } else if (name === '__typename') {
      out[key] = typename;
    } else {
      out[key] = values[0]?.value[key] ?? null;
    }
  }
  return out;
}

interface ExtraEdge {
  cursor: string;
  node?: { at: string; seq: number };
}

function extraEdges(value: Json): ExtraEdge[] {
  return (value[EXTRA.edges] as ExtraEdge[] | undefined) ?? [];
}

function nodeHasMore(value: Json): boolean {
  return (value[EXTRA.page] as { hasNextPage?: boolean } | undefined)?.hasNextPage === true;
}

/**
 * `talents` over several nodes: every node was asked for the same page (`first` after the same
 * cursor: cursors are talent ids, which sort the same on every node), so the merged page is the
 * `first` smallest ids of their pages, `hasNextPage` true when more were left on any node, and
 * `totalCount` the sum.
 */
export function mergeIdConnection(values: readonly NodeValue[], set: SelectionSetNode, ctx: SelectionContext, first: number, typename: string): Json {
  const all = values.flatMap((v) => extraEdges(v.value).map((e, index) => ({ node: v.node, index, cursor: e.cursor, key: decodeCursor(e.cursor) ?? '' })));
  all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.node - b.node));
  const taken = all.slice(0, first);
  const more = all.length > first || values.some((v) => nodeHasMore(v.value));
  return assembleConnection(values, set, ctx, taken, more, (i) => (taken[i] as Taken).cursor, typename);
}

const NODE_CURSORS = 2;

/** A cursor over several nodes' audit trails: where each node's part of the page ended. */
export function encodeNodeCursor(positions: Record<string, string | null>): string {
  return Buffer.from(JSON.stringify({ v: NODE_CURSORS, n: positions })).toString('base64url');
}

/** The per-node positions of a cursor made by `encodeNodeCursor`; null for any other string. */
export function decodeNodeCursor(cursor: unknown): Record<string, string | null> | null {
  if (typeof cursor !== 'string' || cursor.length > 2000) return null;
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; n?: unknown };
    if (body.v !== NODE_CURSORS || typeof body.n !== 'object' || body.n === null) return null;
    const entries = Object.entries(body.n as Record<string, unknown>);
    if (!entries.every(([, c]) => c === null || typeof c === 'string')) return null;
    return Object.fromEntries(entries) as Record<string, string | null>;
  } catch {
    return null;
  }
}

/**
 * `auditEvents` over several nodes, each keeping its own chain: every node gave its next `first`
 * events after its own position; the merged page takes the oldest `first` (by time, then node,
 * then sequence), and each edge's cursor records every node's position after it.
 */
export function mergeAuditConnection(
  values: readonly NodeValue[],
  set: SelectionSetNode,
  ctx: SelectionContext,
  first: number,
  names: readonly string[],
  start: Record<string, string | null>,
): Json {
  const all = values.flatMap((v) => extraEdges(v.value).map((e, index) => ({ node: v.node, index, cursor: e.cursor, at: e.node?.at ?? '', seq: e.node?.seq ?? 0 })));
  all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.node - b.node || a.seq - b.seq));
  const taken = all.slice(0, first);
  const positions: Record<string, string | null>[] = [];
  const position = { ...start };
  for (const t of taken) {
    position[names[t.node] as string] = t.cursor;
    positions.push({ ...position });
  }
  const more = all.length > first || values.some((v) => nodeHasMore(v.value));
  return assembleConnection(values, set, ctx, taken, more, (i) => encodeNodeCursor(positions[i] as Record<string, string | null>), 'AuditEventConnection');
}

/** `expertPools` over several nodes: every node's pools, in id order as one node lists them. */
export function mergeIdList(lists: readonly Json[][]): Json[] {
  const all = lists.flatMap((list) => list.filter(Boolean));
  return all.sort((a, b) => (String(a[EXTRA.id]) < String(b[EXTRA.id]) ? -1 : 1)).map(stripExtras);
}

/** Removes the router's aliases from one value (what a single node answered for a field it was rewritten for). */
export function withoutExtras(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' ? stripExtras(v as Json) : v));
  return stripExtras(value as Json);
}

/** Copies what `set` asks for from a plain object whose keys are field names (`__typename` included). */
export function project(value: unknown, set: SelectionSetNode, ctx: SelectionContext): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => project(v, set, ctx));
  if (typeof value !== 'object') return value;
  const source = value as Json;
  const out: Json = {};
  for (const [key, nodes] of responseFields(set, ctx.fragments, ctx.variables)) {
    const field = nodes[0] as FieldNode;
    const v = source[field.name.value];
    out[key] = field.selectionSet ? project(v, subSelections(nodes), ctx) : (v ?? null);
  }
  return out;
}
