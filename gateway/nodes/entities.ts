import type { FieldNode } from 'graphql';
import type { ExpertsNode } from '../../platform/nodes.ts';
import { mergeVerifications } from './audit-report.ts';
import type { SelectionContext } from './merge.ts';
import { routeRepresentation } from './route.ts';
import { subSelections } from './selection.ts';

type Json = Record<string, unknown>;

/** Node index -> the indexes (in the fetch's list) of what that node is asked. */
export type Split = Map<number, number[]>;

/**
 * Splits entity representations (or ids, as Talent representations) by the node that holds each:
 * audit verification goes to every node, reference data to `anyNode()`, and a record no node can
 * hold to none (its answer is null, as for a missing record).
 */
export function entityParts(nodes: readonly ExpertsNode[], representations: readonly Json[], anyNode: () => number): Split {
  const split: Split = new Map();
  const add = (n: number, i: number) => {
    const list = split.get(n);
    if (list) list.push(i);
    else split.set(n, [i]);
  };
  representations.forEach((rep, i) => {
    const route = routeRepresentation(nodes, rep);
    if (route === 'all') for (let n = 0; n < nodes.length; n++) add(n, i);
    else if (route === 'any') add(anyNode(), i);
    else for (const node of route) add(nodes.indexOf(node), i);
  });
  return split;
}

/** The answer each node gave to its part, by node index. */
type Answers = ReadonlyMap<number, { data: Json | null }>;

/**
 * Reassembles `_entities` in the order of the fetch's representations: each from the node that
 * holds it (null when that node failed or holds none); one asked of every node (audit
 * verification) merges their answers.
 */
export function mergeEntities(split: Split, count: number, answers: Answers, key: string, fields: readonly FieldNode[], ctx: SelectionContext): unknown[] {
  const parts: { node: number; value: Json }[][] = Array.from({ length: count }, () => []);
  for (const [n, indexes] of split) {
    const list = answers.get(n)?.data?.[key];
    if (!Array.isArray(list)) continue;
    for (const [j, k] of indexes.entries()) {
      const value = list[j];
      if (value && typeof value === 'object') parts[k]?.push({ node: n, value: value as Json });
    }
  }
  const asked = new Map<number, number>();
  for (const indexes of split.values()) for (const k of indexes) asked.set(k, (asked.get(k) ?? 0) + 1);
  return parts.map((found, k) => {
    if (found.length === 0) return null;
    if ((asked.get(k) ?? 0) <= 1) return (found[0] as { value: Json }).value;
    return mergeVerifications(found, subSelections(fields), ctx);
  });
}
