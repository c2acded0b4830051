import type { Document } from 'mongodb';
import { type Index, type Key, keyOf } from './indexes.ts';

/**
 * The query planner of the embedded store: pure functions that choose, from a collection's
 * indexes, which documents a filter can match and in which order to visit them. One plan serves
 * every read and write that takes a filter (find, countDocuments, aggregate's leading `$match`,
 * updateOne, deleteOne, deleteMany and bulkWrite's filters).
 *
 * Equality and `$in` on an indexed field (or on `_id`) are answered from the index Maps, `$and`
 * intersects, an `$or` whose every branch has such a condition is the union of the branches.
 * A filter made only of such conditions (and `_id` ranges) is *covered*: index membership alone
 * decides it and no document is evaluated; otherwise mingo evaluates the filter on the candidates
 * only. Reads in `_id` order walk the sorted id list from the keyset bound and stop at the limit
 * (`scan.ts`).
 */

/** What the planner reads of a collection. */
export interface IndexedCollection {
  /** How many documents the collection holds. */
  readonly size: number;
  /** Whether a document has this id. */
  has(id: string): boolean;
  /** The secondary index on a field, if one was created. */
  index(field: string): Index | undefined;
  /** Every id, ascending. */
  sortedIds(): readonly string[];
}

/** Which documents a filter can match. */
export interface FilterPlan {
  /** True when index membership decides the filter: `matches` is exact and no document is evaluated. */
  covered: boolean;
  /** Ids that may match, or null for every document (a scan). */
  candidates: Set<string> | null;
  /** The indexes the candidates came from (`_id` for ids), in the order they narrowed them. */
  indexes: string[];
  /** For a covered filter, the exact test of an id; null otherwise (evaluate the filter). */
  matches: ((id: string) => boolean) | null;
}

/** The values an equality-or-$in condition asks for, or undefined when the condition is anything else. */
export function equalityValues(condition: unknown): { values: unknown[]; pure: boolean } | undefined {
  if (keyOf(condition) !== undefined) return { values: [condition], pure: true };
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return undefined;
  const ops = condition as Record<string, unknown>;
  const keys = Object.keys(ops);
  if (!keys.every((k) => k.startsWith('$'))) return undefined;
  // Only a lone $eq or $in is exactly its values ({ $eq: 'a', $in: ['b'] } matches nothing).
  const pure = keys.length === 1 && (keys[0] === '$eq' || keys[0] === '$in');
  if ('$eq' in ops && keyOf(ops.$eq) !== undefined) return { values: [ops.$eq], pure };
  if (Array.isArray(ops.$in) && ops.$in.every((v) => keyOf(v) !== undefined)) return { values: ops.$in, pure };
  return undefined;
}

/** `{ $gt: 'T000100' }` and the like on string ids: the keyset pagination bound. */
export function isIdRange(condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return false;
  const entries = Object.entries(condition as Record<string, unknown>);
  return entries.length > 0 && entries.every(([op, v]) => ['$gt', '$gte', '$lt', '$lte'].includes(op) && typeof v === 'string');
}

/**
 * The plan of a filter. A covered filter is driven by its smallest top-level indexed set (an
 * index's own set: nothing copied) and decided by membership; any other filter gets the
 * intersection of every indexed condition as candidates, which mingo then evaluates.
 */
export function planFilter(c: IndexedCollection, filter: Document): FilterPlan {
  if (isCovered(c, filter)) {
    const driver = smallestEquality(c, filter);
    return { covered: true, candidates: driver?.ids ?? null, indexes: driver ? [driver.field] : [], matches: compileMembership(c, filter) };
  }
  const found = candidateIds(c, filter);
  return { covered: false, candidates: found.ids, indexes: found.indexes, matches: null };
}

/**
 * Counts a filter from the indexes alone, or returns null when documents must be evaluated
 * (with the candidates of `candidateIds`). Only covered filters are counted here: by walking the
 * smallest top-level set, by walking the branches of an `$or` (each id counted at the first
 * branch it matches), or as the size of the candidate set when no `_id` range narrows it.
 */
export function countFromIndexes(c: IndexedCollection, filter: Document): number | null {
  if (Object.keys(filter).length === 0) return c.size;
  const sized = countFromEntrySizes(c, filter);
  if (sized !== null) return sized;
  if (!isCovered(c, filter)) return null;
  const matches = compileMembership(c, filter);
  const driver = smallestEquality(c, filter);
  if (driver) {
    let n = 0;
    for (const id of driver.ids) if (matches(id)) n++;
    return n;
  }
  const branches = orBranches(c, filter);
  if (branches) {
    const branchMatches = branches.map((b) => compileMembership(c, b));
    let n = 0;
    branches.forEach((branch, i) => {
      for (const id of smallestEquality(c, branch)!.ids) {
        if (matches(id) && branchMatches[i]!(id) && !branchMatches.slice(0, i).some((m) => m(id))) n++;
      }
    });
    return n;
  }
  const all = candidateIds(c, filter).ids;
  return all && !isIdRange(filter._id) ? all.size : null;
}

/**
 * Counts a filter that is one equality or `$in` on one indexed field from the sizes of its index
 * entries, touching no id: one value is its entry's size; several are the sum of their entries'
 * sizes while no document holds two keys of the index (else null: the entries overlap).
 */
export function countFromEntrySizes(c: IndexedCollection, filter: Document): number | null {
  const fields = Object.keys(filter);
  if (fields.length !== 1) return null;
  const field = fields[0]!;
  const index = field.startsWith('$') || field === '_id' ? undefined : c.index(field);
  const eq = index && equalityValues(filter[field]);
  if (!index || !eq?.pure) return null;
  const keys = new Set(eq.values.map((v) => keyOf(v)!));
  if (keys.size > 1 && index.multikeyDocs > 0) return null;
  let n = 0;
  for (const key of keys) n += index.entries.get(key)?.size ?? 0;
  return n;
}

/**
 * The key under which a covered count may be kept and maintained (`count-cache.ts`), or null
 * when it is not worth keeping: not covered, answered from entry sizes anyway, or naming `_id`
 * (keyset bounds and id lists differ from one request to the next). Equal keys mean equal
 * filters: dates, undefined and non-finite numbers are tagged, not left to JSON.
 */
export function countCacheKey(c: IndexedCollection, filter: Document): string | null {
  if (!isCovered(c, filter) || mentionsId(filter) || countFromEntrySizes(c, filter) !== null) return null;
  return JSON.stringify(filter, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    if (raw instanceof Date) return { '\u0000date': raw.getTime() };
    if (raw === undefined) return { '\u0000undefined': 1 };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { '\u0000number': String(raw) };
    return value;
  });
}

function mentionsId(filter: Document): boolean {
  return Object.entries(filter).some(([field, condition]) => (field === '$and' || field === '$or' ? (condition as Document[]).some(mentionsId) : field === '_id'));
}

/**
 * A top-level indexed equality of a covered filter: a document without one of its keys cannot
 * match, so a kept count need not test it when that document changes. Null when there is none.
 */
export function countGuard(c: IndexedCollection, filter: Document): { field: string; keys: Key[] } | null {
  for (const [field, condition] of Object.entries(filter)) {
    if (field.startsWith('$') || field === '_id' || !c.index(field)) continue;
    const eq = equalityValues(condition);
    if (eq?.pure) return { field, keys: [...new Set(eq.values.map((v) => keyOf(v)!))] };
  }
  return null;
}

/**
 * The exact test of a covered filter by index membership, reading the index entries at each
 * call (the compiled test of a read holds the entries it found, which a later write may add to):
 * true while the document with this id is in the indexes and matches.
 */
export function membershipTest(c: IndexedCollection, filter: Document): (id: string) => boolean {
  return compileMembership(c, filter, true);
}

/**
 * Candidate ids from indexed equality/$in conditions (at any depth of `$and`, and `$or`s whose
 * every branch has some), or null for "all", with the indexes that narrowed them. The smallest
 * part (by its index entries' sizes) is walked and each id kept when every other part holds it:
 * a `$in` over large entries beside a small one is probed, never gathered into a set, so the
 * work follows the smallest part, not the sum of them all.
 */
export function candidateIds(c: IndexedCollection, filter: Document): { ids: Set<string> | null; indexes: string[] } {
  const parts: Part[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition as Document[]) {
        const found = candidateIds(c, clause);
        if (found.ids) parts.push(setPart(found.ids, found.indexes));
      }
    } else if (field === '$or' && Array.isArray(condition)) {
      const found = union(c, condition as Document[]);
      if (found.ids) parts.push(setPart(found.ids, found.indexes));
    } else if (!field.startsWith('$')) {
      const part = termPart(c, field, condition);
      if (part) parts.push(part);
    }
  }
  if (parts.length === 0) return { ids: null, indexes: [] };
  const indexes = parts.flatMap((p) => p.indexes);
  const driver = parts.reduce((a, b) => (b.size < a.size ? b : a));
  const others = parts.filter((p) => p !== driver);
  if (others.length === 0) return { ids: driver.ids(), indexes };
  const ids = new Set<string>();
  for (const id of driver.ids()) if (others.every((p) => p.has(id))) ids.add(id);
  return { ids, indexes };
}

/** One narrowing condition of a filter: how many ids it selects at most, its ids, and a membership test. */
interface Part {
  size: number;
  ids: () => Set<string>;
  has: (id: string) => boolean;
  indexes: string[];
}

function setPart(set: Set<string>, indexes: string[]): Part {
  return { size: set.size, ids: () => set, has: (id) => set.has(id), indexes };
}

/** An equality/$in on `_id` or an indexed field as a part, or null when no index answers it. */
function termPart(c: IndexedCollection, field: string, condition: unknown): Part | null {
  if (field === '_id') {
    const ids = lookup(c, field, condition);
    return ids && setPart(ids, [field]);
  }
  const eq = equalityValues(condition);
  const index = eq && c.index(field);
  if (!eq || !index) return null;
  const sets = [...new Set(eq.values.map((v) => keyOf(v)!))].map((k) => index.entries.get(k)).filter((set): set is Set<string> => set !== undefined);
  if (sets.length === 1) return setPart(sets[0]!, [field]);
  return {
    size: sets.reduce((n, set) => n + set.size, 0),
    ids: () => lookup(c, field, condition)!,
    has: (id) => sets.some((set) => set.has(id)),
    indexes: [field],
  };
}

/** Candidates of an `$or`: the union of its branches' candidates, when every branch has some. */
function union(c: IndexedCollection, branches: Document[]): { ids: Set<string> | null; indexes: string[] } {
  const ids = new Set<string>();
  const indexes: string[] = [];
  for (const branch of branches) {
    const found = candidateIds(c, branch);
    if (!found.ids) return { ids: null, indexes: [] };
    for (const id of found.ids) ids.add(id);
    indexes.push(...found.indexes);
  }
  return { ids, indexes };
}

/**
 * The ids an equality/$in on one field selects, or null when no index answers it. One value gives
 * the index entry itself (read only: candidates are never changed), so intersecting a small
 * entry with a large one copies neither.
 */
function lookup(c: IndexedCollection, field: string, condition: unknown): Set<string> | null {
  const eq = equalityValues(condition);
  if (!eq) return null;
  if (field === '_id') return new Set(eq.values.filter((v): v is string => typeof v === 'string' && c.has(v)));
  const index = c.index(field);
  if (!index) return null;
  if (eq.values.length === 1) return index.entries.get(keyOf(eq.values[0])!) ?? new Set();
  const out = new Set<string>();
  for (const v of eq.values) {
    const set = index.entries.get(keyOf(v)!);
    if (set) for (const id of set) out.add(id);
  }
  return out;
}

/**
 * True when the filter is nothing but equality/$in on indexed fields (and `_id` ranges),
 * combined with `$and` and `$or`, so index membership is exactly the answer.
 */
export function isCovered(c: IndexedCollection, filter: Document): boolean {
  const entries = Object.entries(filter);
  return (
    entries.length > 0 &&
    entries.every(([field, condition]) => {
      if (field === '$and' || field === '$or') {
        return Array.isArray(condition) && condition.length > 0 && (condition as Document[]).every((clause) => isCovered(c, clause));
      }
      if (field.startsWith('$')) return false;
      if (field === '_id' && isIdRange(condition)) return true;
      if (field !== '_id' && !c.index(field)) return false;
      return equalityValues(condition)?.pure === true;
    })
  );
}

/** The smallest set among the top-level indexed equalities of a filter (an index's own set for one value: no copy). */
function smallestEquality(c: IndexedCollection, filter: Document): { field: string; ids: Set<string> } | null {
  let best: { field: string; ids: Set<string> } | null = null;
  for (const [field, condition] of Object.entries(filter)) {
    if (field.startsWith('$')) continue;
    const eq = equalityValues(condition);
    if (!eq) continue;
    let ids: Set<string> | null;
    const index = field === '_id' ? undefined : c.index(field);
    if (field !== '_id' && eq.values.length === 1) ids = index ? (index.entries.get(keyOf(eq.values[0])!) ?? new Set()) : null;
    else ids = lookup(c, field, condition);
    if (ids && (!best || ids.size < best.ids.size)) best = { field, ids };
  }
  return best;
}

/** The branches of a top-level `$or` (or one inside a top-level `$and`) when every branch has an indexed equality. */
function orBranches(c: IndexedCollection, filter: Document): Document[] | null {
  const ors: unknown[] = [filter.$or, ...(Array.isArray(filter.$and) ? (filter.$and as Document[]).map((clause) => clause.$or) : [])];
  for (const or of ors) {
    if (Array.isArray(or) && or.length > 0 && (or as Document[]).every((b) => smallestEquality(c, b) !== null)) return or as Document[];
  }
  return null;
}

/**
 * Compiles a covered filter into a test of ids by index membership: each condition's index
 * sets are looked up once, so testing an id costs a few Set lookups and allocates nothing.
 */
function compileMembership(c: IndexedCollection, filter: Document, live = false): (id: string) => boolean {
  const tests: ((id: string) => boolean)[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and') {
      const all = (condition as Document[]).map((clause) => compileMembership(c, clause, live));
      tests.push((id) => all.every((t) => t(id)));
    } else if (field === '$or') {
      const any = (condition as Document[]).map((clause) => compileMembership(c, clause, live));
      tests.push((id) => any.some((t) => t(id)));
    } else if (field === '_id' && isIdRange(condition)) {
      const r = condition as Record<string, string | undefined>;
      tests.push(
        (id) => (r.$gt === undefined || id > r.$gt) && (r.$gte === undefined || id >= r.$gte) && (r.$lt === undefined || id < r.$lt) && (r.$lte === undefined || id <= r.$lte),
      );
    } else if (field === '_id') {
      const ids = new Set(equalityValues(condition)!.values as string[]);
      tests.push((id) => ids.has(id));
    } else if (live) {
      const entries = c.index(field)!.entries;
      const keys = [...new Set(equalityValues(condition)!.values.map((v) => keyOf(v)!))];
      const only = keys[0]!;
      tests.push(keys.length === 1 ? (id) => entries.get(only)?.has(id) === true : (id) => keys.some((k) => entries.get(k)?.has(id) === true));
    } else {
      const entries = c.index(field)!.entries;
      const sets = equalityValues(condition)!
        .values.map((v) => entries.get(keyOf(v)!))
        .filter((set): set is Set<string> => set !== undefined);
      tests.push(sets.length === 1 ? (id) => sets[0]!.has(id) : (id) => sets.some((set) => set.has(id)));
    }
  }
  return (id) => tests.every((t) => t(id));
}
