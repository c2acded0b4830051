import type { Document, FindOptions } from 'mongodb';
import { getPath, isIndexEntry, lowerBound, sortedIdsOf, upperBound } from './indexes.ts';
import type { FilterPlan, IndexedCollection } from './planner.ts';

/**
 * The second half of the embedded store's query planner (pure functions): once `planner.ts` has
 * chosen which documents a filter can match, the order a read visits them in and where it stops
 * (keyset walks over the sorted ids, skip and limit), and the sort of any other order.
 */

/** The order to visit candidates in, and where to stop. */
export type ScanPlan =
  /** In `_id` order: `ids` is lazy, so a limit stops the walk early. */
  | { ordered: true; ids: Iterable<string>; skip: number; limit: number }
  /** Any other sort: every candidate is tested, then the matches are sorted by `sort`. */
  | { ordered: false; ids: Iterable<string> | null; skip: number; limit: number; sort: Record<string, 1 | -1> };

/**
 * The order in which a read visits its candidates. Unsorted and `_id`-sorted reads walk ids in
 * order: a few candidates (under an eighth of the collection) are sorted themselves, more are
 * picked out of the sorted id list; an `_id` range starts and ends the walk at its bounds
 * (keyset pages), and the walk is lazy so the limit ends it. Other sorts visit every candidate.
 */
export function planScan(c: IndexedCollection, filter: Document, plan: FilterPlan, options: FindOptions): ScanPlan {
  const skip = options.skip ?? 0;
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const sort = (options.sort ?? undefined) as Record<string, 1 | -1> | undefined;
  const sortKeys = sort ? Object.keys(sort) : [];
  const candidates = plan.candidates;
  if (sort && !(sortKeys.length === 0 || (sortKeys.length === 1 && sortKeys[0] === '_id'))) {
    return { ordered: false, ids: candidates, skip, limit, sort };
  }
  let ids: readonly string[];
  let member: Set<string> | null = null;
  // An index entry's sorted ids are kept (indexes.ts); a few other candidates are sorted here.
  if (candidates && (isIndexEntry(candidates) || candidates.size * 8 < c.size)) ids = sortedIdsOf(candidates);
  else {
    ids = c.sortedIds();
    member = candidates;
  }
  let from = 0;
  let to = ids.length;
  const idCond = filter._id as Document | undefined;
  if (idCond && typeof idCond === 'object' && !Array.isArray(idCond)) {
    if (typeof idCond.$gt === 'string') from = lowerBound(ids, idCond.$gt, false);
    if (typeof idCond.$gte === 'string') from = lowerBound(ids, idCond.$gte, true);
    if (typeof idCond.$lt === 'string') to = upperBound(ids, idCond.$lt, false);
    if (typeof idCond.$lte === 'string') to = upperBound(ids, idCond.$lte, true);
  }
  return { ordered: true, ids: walk(ids, from, to, sort?._id === -1, member), skip, limit };
}

function* walk(ids: readonly string[], from: number, to: number, descending: boolean, member: Set<string> | null): Generator<string> {
  for (let i = 0; i < to - from; i++) {
    const id = ids[descending ? to - 1 - i : from + i]!;
    if (!member || member.has(id)) yield id;
  }
}

/** MongoDB's order of values of different types (null, numbers, strings, objects, dates, booleans); arrays by their first element. */
export function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (v === null || v === undefined ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : v instanceof Date ? 4 : typeof v === 'boolean' ? 5 : 3);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) return compareValues(Array.isArray(a) ? a[0] : a, Array.isArray(b) ? b[0] : b);
  if (ra === 3) return 0;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Sorts documents in place by a sort specification (dotted paths allowed). */
export function sortDocuments(docs: Document[], sort: Record<string, 1 | -1>): Document[] {
  const keys = Object.keys(sort);
  return docs.sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(getPath(a, key), getPath(b, key)) * (sort[key] ?? 1);
      if (order !== 0) return order;
    }
    return 0;
  });
}
