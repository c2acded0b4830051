import type { Document } from 'mongodb';

/**
 * The index structures of the embedded store: a secondary index maps each value of one field to
 * the ids of the documents holding it (multikey for array fields, as in MongoDB), and the sorted
 * id list serves `_id` order and keyset pages. Pure data structures: the collection
 * (`embedded.ts`) keeps them up to date, the planner (`planner.ts`) reads them.
 */

/** A value as an index stores it: scalars as they are, dates as a tagged string. */
export type Key = string | number | boolean | null;

/** The index key of a value, or undefined when the value is not indexable here (objects: mingo evaluates them). */
export function keyOf(value: unknown): Key | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return `\u0000date:${value.getTime()}`;
  return undefined;
}

/** The value at a dotted path of a document (undefined when a step is missing). */
export function getPath(doc: Document, path: string): unknown {
  return valueAt(doc, path.split('.'));
}

/** `getPath` with the path already split. */
function valueAt(doc: Document, parts: readonly string[]): unknown {
  if (parts.length === 1) return doc[parts[0]!];
  let value: unknown = doc;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A secondary index on one field. */
export interface Index {
  field: string;
  /** `field` split at its dots, once: indexes are rebuilt over every document at open. */
  parts: string[];
  unique: boolean;
  entries: Map<Key, Set<string>>;
  /**
   * How many documents hold more than one key here (an array with distinct values). While none
   * does, the entries of different keys are disjoint and a `$in` count is the sum of their sizes.
   */
  multikeyDocs: number;
}

/** An empty index on `field`. */
export function newIndex(field: string, unique: boolean): Index {
  return { field, parts: field.split('.'), unique, entries: new Map(), multikeyDocs: 0 };
}

/**
 * The ids of an index entry in ascending order, kept once asked for: a page in `_id` order of the
 * talents of one province walks them from the keyset bound and stops at the limit, instead of
 * sorting the entry's ids (60,000 at 1,000,000 talents) on every request. Kept up to date by
 * `addKey` and `unindexDocument` (a binary search and a splice), forgotten with the entry.
 */
const sortedEntries = new WeakMap<Set<string>, string[]>();
/** The sets that are index entries (only those stay in `sortedEntries` across writes). */
const entrySets = new WeakSet<Set<string>>();

/** The ids of `set` ascending: kept for an index entry, sorted afresh for any other set. */
export function sortedIdsOf(set: Set<string>): readonly string[] {
  let sorted = sortedEntries.get(set);
  if (!sorted) {
    sorted = [...set].sort();
    if (entrySets.has(set)) sortedEntries.set(set, sorted);
  }
  return sorted;
}

/** Whether `set` is an index entry (its sorted ids are kept). */
export function isIndexEntry(set: Set<string>): boolean {
  return entrySets.has(set);
}

/** Adds `id` under `key`; true when it was not there yet. */
function addKey(index: Index, key: Key | undefined, id: string): boolean {
  if (key === undefined) return false;
  let set = index.entries.get(key);
  if (!set) {
    index.entries.set(key, (set = new Set()));
    entrySets.add(set);
  }
  if (set.has(id)) return false;
  set.add(id);
  const sorted = sortedEntries.get(set);
  if (sorted) {
    if (sorted.length === 0 || sorted[sorted.length - 1]! < id) sorted.push(id);
    else sorted.splice(lowerBound(sorted, id, true), 0, id);
  }
  return true;
}

/** Removes `id` from under `key`; true when it was there. */
function removeKey(index: Index, key: Key | undefined, id: string): boolean {
  if (key === undefined) return false;
  const set = index.entries.get(key);
  if (!set?.delete(id)) return false;
  const sorted = sortedEntries.get(set);
  if (sorted) {
    const at = lowerBound(sorted, id, true);
    if (sorted[at] === id) sorted.splice(at, 1);
  }
  return true;
}

/**
 * Adds a document's keys to an index: its value, or each element of an array (multikey). An
 * empty array adds no key: as in MongoDB, `{ field: null }` matches a missing field, null and an
 * array holding null, never `[]`. Adding and removing need no de-duplicated key list (Set.add
 * and delete are idempotent), so they walk the value directly: this is most of the work of
 * opening a large store.
 */
export function indexDocument(index: Index, id: string, doc: Document): void {
  const value = valueAt(doc, index.parts);
  if (!Array.isArray(value)) addKey(index, keyOf(value), id);
  else if (value.length === 1) addKey(index, keyOf(value[0]), id);
  else if (value.length > 1) {
    let added = 0;
    for (const v of value) if (addKey(index, keyOf(v), id)) added++;
    if (added > 1) index.multikeyDocs++;
  }
}

/** Removes a document's keys from an index (the same document that was added: stored documents are never changed in place). */
export function unindexDocument(index: Index, id: string, doc: Document): void {
  const value = valueAt(doc, index.parts);
  if (!Array.isArray(value)) removeKey(index, keyOf(value), id);
  else if (value.length === 1) removeKey(index, keyOf(value[0]), id);
  else if (value.length > 1) {
    let removed = 0;
    for (const v of value) if (removeKey(index, keyOf(v), id)) removed++;
    if (removed > 1) index.multikeyDocs--;
  }
}

/** The keys `indexDocument` files a document under (an element repeated in an array may repeat). */
export function indexKeysOf(index: Index, doc: Document): Key[] {
  const value = valueAt(doc, index.parts);
  const keys: Key[] = [];
  for (const v of Array.isArray(value) ? value : [value]) {
    const key = keyOf(v);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/** The distinct keys a document has in an index (an empty array counts as null, as in MongoDB). */
export function keysOf(index: Index, doc: Document): Key[] {
  const value = getPath(doc, index.field);
  const values = Array.isArray(value) ? (value.length === 0 ? [undefined] : value) : [value];
  const keys: Key[] = [];
  for (const v of values) {
    const k = keyOf(v);
    if (k !== undefined && !keys.includes(k)) keys.push(k);
  }
  return keys;
}

/** The first position in a sorted list whose item is not below `value` (above it when not `inclusive`). */
export function lowerBound(sorted: readonly string[], value: string, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = sorted[mid]!;
    if (item < value || (!inclusive && item === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The end of the items below `value` (up to and including it when `inclusive`). */
export function upperBound(sorted: readonly string[], value: string, inclusive: boolean): number {
  return lowerBound(sorted, value, !inclusive);
}

/**
 * Every id of a collection in ascending order. Appending a larger id (the seed and most inserts)
 * keeps the list; anything else marks it stale and it is sorted again on the next read.
 */
export class SortedIds {
  #order: string[] = [];
  #dirty = false;

  /** Records a new id. */
  add(id: string): void {
    const order = this.#order;
    if (!this.#dirty && (order.length === 0 || order[order.length - 1]! < id)) order.push(id);
    else this.#dirty = true;
  }

  /** Forgets a removed id. */
  remove(id: string): void {
    if (this.#dirty) return;
    const at = lowerBound(this.#order, id, true);
    if (this.#order[at] === id) this.#order.splice(at, 1);
  }

  /** Marks the list stale (ids changed in ways it did not follow, e.g. a rollback). */
  invalidate(): void {
    this.#dirty = true;
  }

  /** The ids in order, sorting `all` again when the list is stale. */
  get(all: () => Iterable<string>): readonly string[] {
    if (this.#dirty) {
      this.#order = [...all()].sort();
      this.#dirty = false;
    }
    return this.#order;
  }
}
