import { Aggregator, Query, update as applyUpdate } from 'mingo';
import type {
  AnyBulkWriteOperation,
  CreateIndexesOptions,
  Document,
  Filter,
  FindOptions,
  IndexSpecification,
  OptionalUnlessRequiredId,
  UpdateFilter,
  UpdateOptions,
  WithId,
} from 'mongodb';
import { openDurableFile } from './durable.ts';
import type { CollectionPort, DatabasePort } from './port.ts';

/**
 * The embedded store: an in-memory implementation of `CollectionPort` that evaluates the same
 * filter, update and pipeline documents as MongoDB (with mingo), so `npm start` needs no server.
 *
 * mingo alone scans every document, which is far too slow at 100,000 talents, so the collection
 * honours the indexes the stores declare: equality and `$in` on an indexed field (and on `_id`)
 * are answered from Maps (multikey for array fields, as in MongoDB), an `$or` whose every branch
 * has such a condition is answered by the union of the branches, mingo then evaluates the
 * rest of the filter on those candidates only, and a filter made only of indexed equalities is
 * counted without evaluating anything. Reads sorted by `_id` walk a sorted id list and stop at
 * the limit, which makes keyset pagination cheap.
 *
 * Every write is all or nothing: the documents it touches are remembered before it changes them,
 * and when any step fails (a duplicate key half-way through a bulkWrite, or the journal refusing
 * it) they are put back, so a failed write leaves no trace. With a journal (the durable store,
 * `durable.ts`), a write is handed to it, synchronously and before the promise resolves, as the
 * set of documents it changed; the write counts only once the journal has made that durable.
 */

/**
 * Where a collection makes its writes durable. `commit` receives every document one write
 * changed (null: deleted) and returns once they are on disk, or throws, in which case the write
 * is undone in memory too.
 */
export interface Journal {
  commit(collection: string, changes: ReadonlyMap<string, Document | null>): void;
}

/** Same code as MongoDB's duplicate key error, so stores handle both alike. */
export class DuplicateKeyError extends Error {
  readonly code = 11000;
  constructor(collection: string, field: string, value: unknown) {
    super(`E11000 duplicate key error collection: ${collection} index: ${field} dup key: ${JSON.stringify(value)}`);
  }
}

type Key = string | number | boolean | null;

function keyOf(value: unknown): Key | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return `\u0000date:${value.getTime()}`;
  return undefined; // objects are not indexable here; mingo evaluates them
}

function getPath(doc: Document, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function addKey(index: Index, key: Key | undefined, id: string): void {
  if (key === undefined) return;
  let set = index.entries.get(key);
  if (!set) index.entries.set(key, (set = new Set()));
  set.add(id);
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

/** The values an equality-or-$in condition asks for, or undefined when the condition is anything else. */
function equalityValues(condition: unknown): { values: unknown[]; pure: boolean } | undefined {
  if (keyOf(condition) !== undefined) return { values: [condition], pure: true };
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return undefined;
  const ops = condition as Record<string, unknown>;
  const keys = Object.keys(ops);
  if (!keys.every((k) => k.startsWith('$'))) return undefined;
  const pure = keys.every((k) => k === '$eq' || k === '$in');
  if ('$eq' in ops && keyOf(ops.$eq) !== undefined) return { values: [ops.$eq], pure };
  if (Array.isArray(ops.$in) && ops.$in.every((v) => keyOf(v) !== undefined)) return { values: ops.$in, pure };
  return undefined;
}

/** `{ $gt: 'T000100' }` and the like on string ids: the keyset pagination bound. */
function isIdRange(condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return false;
  const entries = Object.entries(condition as Record<string, unknown>);
  return entries.length > 0 && entries.every(([op, v]) => ['$gt', '$gte', '$lt', '$lte'].includes(op) && typeof v === 'string');
}

function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (v === null || v === undefined ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : v instanceof Date ? 4 : typeof v === 'boolean' ? 5 : 3);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) return compareValues(Array.isArray(a) ? a[0] : a, Array.isArray(b) ? b[0] : b);
  if (ra === 3) return 0;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function lowerBound(sorted: readonly string[], value: string, inclusive: boolean): number {
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

function upperBound(sorted: readonly string[], value: string, inclusive: boolean): number {
  return lowerBound(sorted, value, !inclusive);
}

interface Index {
  field: string;
  /** `field` split at its dots, once: indexes are rebuilt over every document at open. */
  parts: string[];
  unique: boolean;
  entries: Map<Key, Set<string>>;
}

const MUTATING_STAGES = new Set(['$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith']);

export class EmbeddedCollection<T extends Document> implements CollectionPort<T> {
  readonly #docs = new Map<string, Document>();
  readonly #indexes = new Map<string, Index>();
  #order: string[] = [];
  #orderDirty = false;
  readonly #journal: Journal | null;
  /** The documents the write in progress touched, as they were before it (undefined: absent). */
  #undo: Map<string, Document | undefined> | null = null;

  /**
   * `initial`: documents already durable (loaded at open), taken as they are and not journaled
   * again; `journal`: where writes go before they are acknowledged (none: memory only).
   */
  constructor(
    readonly collectionName: string,
    options: { journal?: Journal; initial?: Iterable<Document> } = {},
  ) {
    this.#journal = options.journal ?? null;
    for (const doc of options.initial ?? []) this.#insert(doc);
  }

  /** How many documents the collection holds. */
  get size(): number {
    return this.#docs.size;
  }

  find(filter: Filter<T>, options: FindOptions = {}): { toArray(): Promise<WithId<T>[]> } {
    const run = () => {
      const docs = this.#find(filter as Document, options);
      const projected = options.projection ? new Query({}).find(docs, options.projection as Document).all() : docs;
      return projected.map((d) => structuredClone(d)) as WithId<T>[];
    };
    return { toArray: async () => run() };
  }

  async countDocuments(filter: Filter<T> = {}): Promise<number> {
    const f = filter as Document;
    if (Object.keys(f).length === 0) return this.#docs.size;
    if (this.#covered(f)) {
      // Walk the smallest indexed set and test the rest by index membership: no document is read.
      const driver = this.#driver(f);
      const matches = this.#compile(f);
      if (driver) {
        let n = 0;
        for (const id of driver) if (matches(id)) n++;
        return n;
      }
      // No indexed equality at the top, but an `$or` whose branches each have one (the sharing
      // filter): walk each branch's set, counting an id once (at the first branch it matches).
      const branches = this.#orBranches(f);
      if (branches) {
        let n = 0;
        const branchMatches = branches.map((b) => this.#compile(b));
        branches.forEach((branch, i) => {
          for (const id of this.#driver(branch)!) {
            if (matches(id) && branchMatches[i]!(id) && !branchMatches.slice(0, i).some((m) => m(id))) n++;
          }
        });
        return n;
      }
      const all = this.#candidates(f);
      if (all && !this.#hasIdRange(f)) return all.size;
    }
    const candidates = this.#candidates(f);
    const query = new Query(f);
    let n = 0;
    for (const doc of this.#scan(candidates)) if (query.test(doc)) n++;
    return n;
  }

  aggregate<R extends Document = Document>(pipeline: Document[] = []): { toArray(): Promise<R[]> } {
    const run = () => {
      const [first, ...rest] = pipeline;
      let input: Document[];
      let stages = pipeline;
      if (first && '$match' in first) {
        input = this.#find(first.$match as Document, {});
        stages = rest;
      } else {
        input = [...this.#docs.values()];
      }
      if (stages.some((s) => Object.keys(s).some((k) => MUTATING_STAGES.has(k)))) input = input.map((d) => structuredClone(d));
      const out = stages.length === 0 ? input : new Aggregator(stages).run(input);
      return out.map((d) => structuredClone(d)) as R[];
    };
    return { toArray: async () => run() };
  }

  async insertOne(doc: OptionalUnlessRequiredId<T>): Promise<{ acknowledged: boolean; insertedId: unknown }> {
    this.#write(() => this.#insert(structuredClone(doc as Document)));
    return { acknowledged: true, insertedId: (doc as Document)._id };
  }

  async updateOne(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: UpdateOptions = {},
  ): Promise<{ acknowledged: boolean; matchedCount: number; modifiedCount: number; upsertedCount: number }> {
    const r = this.#write(() => this.#updateOne(filter as Document, update as Document, options.upsert === true, false));
    return { acknowledged: true, ...r };
  }

  async deleteOne(filter: Filter<T>): Promise<{ acknowledged: boolean; deletedCount: number }> {
    return this.#write(() => {
      const [doc] = this.#find(filter as Document, { limit: 1 });
      if (doc) this.#remove(doc._id as string);
      return { acknowledged: true, deletedCount: doc ? 1 : 0 };
    });
  }

  async deleteMany(filter: Filter<T>): Promise<{ acknowledged: boolean; deletedCount: number }> {
    return this.#write(() => {
      const docs = this.#find(filter as Document, {});
      for (const doc of docs) this.#remove(doc._id as string);
      return { acknowledged: true, deletedCount: docs.length };
    });
  }

  /** Several writes as one: on any error (a duplicate key, the journal) none of them applies. */
  async bulkWrite(operations: ReadonlyArray<AnyBulkWriteOperation<T>>) {
    return this.#write(() => this.#bulkWrite(operations));
  }

  #bulkWrite(operations: ReadonlyArray<AnyBulkWriteOperation<T>>) {
    const total = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };
    for (const op of operations as ReadonlyArray<Record<string, Document>>) {
      if (op.insertOne) {
        this.#insert(structuredClone(op.insertOne.document as Document));
        total.insertedCount++;
        continue;
      }
      const spec = op.updateOne ?? op.replaceOne;
      if (!spec) throw new Error(`embedded store: bulkWrite supports insertOne, updateOne and replaceOne, not ${Object.keys(op).join()}`);
      const r = op.updateOne
        ? this.#updateOne(spec.filter as Document, spec.update as Document, spec.upsert === true, false)
        : this.#updateOne(spec.filter as Document, spec.replacement as Document, spec.upsert === true, true);
      total.matchedCount += r.matchedCount;
      total.modifiedCount += r.modifiedCount;
      total.upsertedCount += r.upsertedCount;
    }
    return total;
  }

  async createIndex(spec: IndexSpecification, options: CreateIndexesOptions = {}): Promise<string> {
    const keys = typeof spec === 'string' ? { [spec]: 1 } : (spec as Record<string, 1 | -1>);
    const fields = Object.keys(keys);
    const name = options.name ?? fields.map((f) => `${f}_${keys[f]}`).join('_');
    const field = fields[0];
    // Compound indexes serve equality on their leading field here, as a prefix of the index.
    if (!field || field === '_id' || this.#indexes.has(field)) return name;
    const index: Index = { field, parts: field.split('.'), unique: options.unique === true && fields.length === 1, entries: new Map() };
    for (const [id, doc] of this.#docs) this.#addToIndex(index, id, doc);
    this.#indexes.set(field, index);
    return name;
  }

  // -- internals ---------------------------------------------------------------

  /**
   * Runs one write: records what it touches, hands the result to the journal, and on any error
   * puts every touched document back as it was. Synchronous from start to end, so no read can
   * see a write that is later undone.
   */
  #write<R>(body: () => R): R {
    const undo = new Map<string, Document | undefined>();
    this.#undo = undo;
    try {
      const result = body();
      if (this.#journal && undo.size > 0) {
        const changes = new Map<string, Document | null>();
        for (const id of undo.keys()) changes.set(id, this.#docs.get(id) ?? null);
        this.#journal.commit(this.collectionName, changes);
      }
      return result;
    } catch (error) {
      this.#rollback(undo);
      throw error;
    } finally {
      this.#undo = null;
    }
  }

  /** Remembers a document as it is before the write in progress first changes it. */
  #touch(id: string): void {
    if (this.#undo && !this.#undo.has(id)) this.#undo.set(id, this.#docs.get(id));
  }

  #rollback(undo: Map<string, Document | undefined>): void {
    for (const [id, previous] of undo) {
      const current = this.#docs.get(id);
      if (current) {
        for (const index of this.#indexes.values()) this.#removeFromIndex(index, id, current);
        this.#docs.delete(id);
      }
      if (previous) {
        this.#docs.set(id, previous);
        for (const index of this.#indexes.values()) this.#addToIndex(index, id, previous);
      }
    }
    if (undo.size > 0) this.#orderDirty = true;
  }

  #remove(id: string): void {
    const doc = this.#docs.get(id);
    if (!doc) return;
    this.#touch(id);
    for (const index of this.#indexes.values()) this.#removeFromIndex(index, id, doc);
    this.#docs.delete(id);
    if (!this.#orderDirty) {
      const at = lowerBound(this.#order, id, true);
      if (this.#order[at] === id) this.#order.splice(at, 1);
    }
  }

  #sortedIds(): string[] {
    if (this.#orderDirty) {
      this.#order = [...this.#docs.keys()].sort();
      this.#orderDirty = false;
    }
    return this.#order;
  }

  #keysOf(index: Index, doc: Document): Key[] {
    const value = getPath(doc, index.field);
    const values = Array.isArray(value) ? (value.length === 0 ? [undefined] : value) : [value];
    const keys: Key[] = [];
    for (const v of values) {
      const k = keyOf(v);
      if (k !== undefined && !keys.includes(k)) keys.push(k);
    }
    return keys;
  }

  // Adding and removing need no de-duplicated key list (Set.add and delete are idempotent), so
  // they walk the value directly: this is most of the work of opening a large store.
  #addToIndex(index: Index, id: string, doc: Document): void {
    const value = valueAt(doc, index.parts);
    if (!Array.isArray(value)) addKey(index, keyOf(value), id);
    else if (value.length === 0) addKey(index, null, id);
    else for (const v of value) addKey(index, keyOf(v), id);
  }

  #removeFromIndex(index: Index, id: string, doc: Document): void {
    const value = valueAt(doc, index.parts);
    const values: unknown[] = Array.isArray(value) ? (value.length === 0 ? [undefined] : value) : [value];
    for (const v of values) {
      const key = keyOf(v);
      if (key !== undefined) index.entries.get(key)?.delete(id);
    }
  }

  #checkUnique(id: string, doc: Document): void {
    for (const index of this.#indexes.values()) {
      if (!index.unique) continue;
      for (const key of this.#keysOf(index, doc)) {
        const holders = index.entries.get(key);
        if (holders && [...holders].some((h) => h !== id)) throw new DuplicateKeyError(this.collectionName, index.field, key);
      }
    }
  }

  #insert(doc: Document): void {
    const id = doc._id;
    if (typeof id !== 'string') throw new Error(`embedded store: ${this.collectionName} documents need a string _id`);
    if (this.#docs.has(id)) throw new DuplicateKeyError(this.collectionName, '_id', id);
    this.#checkUnique(id, doc);
    this.#touch(id);
    this.#docs.set(id, doc);
    for (const index of this.#indexes.values()) this.#addToIndex(index, id, doc);
    const order = this.#order;
    if (!this.#orderDirty && (order.length === 0 || order[order.length - 1]! < id)) order.push(id);
    else this.#orderDirty = true;
  }

  #updateOne(filter: Document, update: Document, upsert: boolean, replace: boolean) {
    const [current] = this.#find(filter, { limit: 1 });
    if (current) {
      const id = current._id as string;
      let next: Document;
      if (replace) {
        next = { ...structuredClone(update), _id: id };
      } else {
        next = structuredClone(current);
        const { $setOnInsert: _ignored, ...modifier } = update;
        applyUpdate(next, modifier);
      }
      this.#checkUnique(id, next);
      this.#touch(id);
      for (const index of this.#indexes.values()) this.#removeFromIndex(index, id, current);
      this.#docs.set(id, next);
      for (const index of this.#indexes.values()) this.#addToIndex(index, id, next);
      const modified = JSON.stringify(next) !== JSON.stringify(current) ? 1 : 0;
      return { matchedCount: 1, modifiedCount: modified, upsertedCount: 0 };
    }
    if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };
    // Like MongoDB: the new document starts from the filter's equality fields.
    const base: Document = {};
    for (const [field, cond] of Object.entries(filter)) {
      if (field.startsWith('$')) continue;
      const eq = equalityValues(cond);
      if (eq && eq.values.length === 1 && (keyOf(cond) !== undefined || (cond as Document).$eq !== undefined)) base[field] = eq.values[0];
    }
    let doc: Document;
    if (replace) {
      doc = { ...base, ...structuredClone(update) };
    } else {
      doc = base;
      const { $setOnInsert, ...modifier } = update;
      applyUpdate(doc, { ...modifier, $set: { ...(modifier.$set as Document | undefined), ...($setOnInsert as Document | undefined) } });
    }
    this.#insert(doc);
    return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 };
  }

  /**
   * Candidate ids from indexed equality/$in conditions (at any depth of `$and`, and `$or`s whose
   * every branch has some), or null for "all".
   */
  #candidates(filter: Document): Set<string> | null {
    let result: Set<string> | null = null;
    const narrow = (found: Set<string> | null) => {
      if (!found) return;
      if (result === null) result = found;
      else {
        const [small, large]: [Set<string>, Set<string>] = found.size < result.size ? [found, result] : [result, found];
        result = new Set([...small].filter((id) => large.has(id)));
      }
    };
    for (const [field, condition] of Object.entries(filter)) {
      if (field === '$and' && Array.isArray(condition)) for (const clause of condition as Document[]) narrow(this.#candidates(clause));
      else if (field === '$or' && Array.isArray(condition)) narrow(this.#union(condition as Document[]));
      else if (!field.startsWith('$')) narrow(this.#lookup(field, condition));
    }
    return result;
  }

  /** Candidates of an `$or`: the union of its branches' candidates, when every branch has some. */
  #union(branches: Document[]): Set<string> | null {
    const out = new Set<string>();
    for (const branch of branches) {
      const found = this.#candidates(branch);
      if (!found) return null;
      for (const id of found) out.add(id);
    }
    return out;
  }

  #lookup(field: string, condition: unknown): Set<string> | null {
    const eq = equalityValues(condition);
    if (!eq) return null;
    if (field === '_id') return new Set(eq.values.filter((v): v is string => typeof v === 'string' && this.#docs.has(v)));
    const index = this.#indexes.get(field);
    if (!index) return null;
    const out = new Set<string>();
    for (const v of eq.values) {
      const set = index.entries.get(keyOf(v)!);
      if (set) for (const id of set) out.add(id);
    }
    return out;
  }

  /**
   * True when the filter is nothing but equality/$in on indexed fields, combined with `$and` and
   * `$or`, so the candidates are exactly the answer (no document needs evaluating).
   */
  #covered(filter: Document): boolean {
    const entries = Object.entries(filter);
    return (
      entries.length > 0 &&
      entries.every(([field, condition]) => {
        if (field === '$and' || field === '$or') {
          return Array.isArray(condition) && condition.length > 0 && (condition as Document[]).every((c) => this.#covered(c));
        }
        if (field.startsWith('$')) return false;
        if (field === '_id' && isIdRange(condition)) return true;
        if (field !== '_id' && !this.#indexes.has(field)) return false;
        return equalityValues(condition)?.pure === true;
      })
    );
  }

  #hasIdRange(filter: Document): boolean {
    return isIdRange(filter._id);
  }

  /** The smallest set among the top-level indexed equalities of a filter (an index's own set for one value: no copy). */
  #driver(filter: Document): Set<string> | null {
    let best: Set<string> | null = null;
    for (const [field, condition] of Object.entries(filter)) {
      if (field.startsWith('$')) continue;
      const eq = equalityValues(condition);
      if (!eq) continue;
      let set: Set<string> | null;
      if (field !== '_id' && eq.values.length === 1) set = this.#indexes.get(field)?.entries.get(keyOf(eq.values[0])!) ?? (this.#indexes.has(field) ? new Set() : null);
      else set = this.#lookup(field, condition);
      if (set && (!best || set.size < best.size)) best = set;
    }
    return best;
  }

  /** The branches of a top-level `$or` (or one inside a top-level `$and`) when every branch has an indexed equality. */
  #orBranches(filter: Document): Document[] | null {
    const ors: unknown[] = [filter.$or, ...(Array.isArray(filter.$and) ? (filter.$and as Document[]).map((c) => c.$or) : [])];
    for (const or of ors) {
      if (Array.isArray(or) && or.length > 0 && (or as Document[]).every((b) => this.#driver(b) !== null)) return or as Document[];
    }
    return null;
  }

  /**
   * Compiles a covered filter into a test of ids by index membership: each condition's index
   * sets are looked up once, so testing an id costs a few Set lookups and allocates nothing.
   */
  #compile(filter: Document): (id: string) => boolean {
    const tests: ((id: string) => boolean)[] = [];
    for (const [field, condition] of Object.entries(filter)) {
      if (field === '$and') {
        const all = (condition as Document[]).map((c) => this.#compile(c));
        tests.push((id) => all.every((t) => t(id)));
      } else if (field === '$or') {
        const any = (condition as Document[]).map((c) => this.#compile(c));
        tests.push((id) => any.some((t) => t(id)));
      } else if (field === '_id' && isIdRange(condition)) {
        const r = condition as Record<string, string | undefined>;
        tests.push((id) => (r.$gt === undefined || id > r.$gt) && (r.$gte === undefined || id >= r.$gte) && (r.$lt === undefined || id < r.$lt) && (r.$lte === undefined || id <= r.$lte));
      } else if (field === '_id') {
        const ids = new Set(equalityValues(condition)!.values as string[]);
        tests.push((id) => ids.has(id));
      } else {
        const entries = this.#indexes.get(field)!.entries;
        const sets = equalityValues(condition)!.values.map((v) => entries.get(keyOf(v)!)).filter((set): set is Set<string> => set !== undefined);
        tests.push(sets.length === 1 ? (id) => sets[0]!.has(id) : (id) => sets.some((set) => set.has(id)));
      }
    }
    return (id) => tests.every((t) => t(id));
  }


  *#scan(candidates: Set<string> | null): Iterable<Document> {
    if (candidates) {
      for (const id of candidates) {
        const doc = this.#docs.get(id);
        if (doc) yield doc;
      }
    } else yield* this.#docs.values();
  }

  #find(filter: Document, options: FindOptions): Document[] {
    const covered = this.#covered(filter);
    // A covered filter is decided by index membership alone; otherwise mingo evaluates it on the candidates.
    const candidates = covered ? this.#driver(filter) : this.#candidates(filter);
    const query = covered ? null : new Query(filter);
    const matches = covered ? this.#compile(filter) : null;
    const accepts = (id: string, doc: Document) => (matches ? matches(id) : query!.test(doc));
    const skip = options.skip ?? 0;
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const sort = (options.sort ?? undefined) as Record<string, 1 | -1> | undefined;
    const sortKeys = sort ? Object.keys(sort) : [];
    const out: Document[] = [];

    if (sortKeys.length === 0 || (sortKeys.length === 1 && sortKeys[0] === '_id')) {
      const descending = sort?._id === -1;
      let ids: readonly string[];
      let member: ((id: string) => boolean) | null = null;
      if (candidates && candidates.size * 8 < this.#docs.size) ids = [...candidates].sort();
      else {
        ids = this.#sortedIds();
        if (candidates) member = (id) => candidates.has(id);
      }
      // Keyset pagination: start at the `_id` bound instead of walking from the first id.
      let from = 0;
      let to = ids.length;
      const idCond = filter._id as Document | undefined;
      if (idCond && typeof idCond === 'object' && !Array.isArray(idCond)) {
        if (typeof idCond.$gt === 'string') from = lowerBound(ids, idCond.$gt, false);
        if (typeof idCond.$gte === 'string') from = lowerBound(ids, idCond.$gte, true);
        if (typeof idCond.$lt === 'string') to = upperBound(ids, idCond.$lt, false);
        if (typeof idCond.$lte === 'string') to = upperBound(ids, idCond.$lte, true);
      }
      let skipped = 0;
      for (let i = 0; i < to - from && out.length < limit; i++) {
        const id = ids[descending ? to - 1 - i : from + i]!;
        if (member && !member(id)) continue;
        const doc = this.#docs.get(id);
        if (!doc || !accepts(id, doc)) continue;
        if (skipped < skip) {
          skipped++;
          continue;
        }
        out.push(doc);
      }
      return out;
    }

    const matched: Document[] = [];
    for (const doc of this.#scan(candidates)) if (accepts(doc._id as string, doc)) matched.push(doc);
    matched.sort((a, b) => {
      for (const key of sortKeys) {
        const c = compareValues(getPath(a, key), getPath(b, key)) * (sort![key] ?? 1);
        if (c !== 0) return c;
      }
      return 0;
    });
    return matched.slice(skip, limit === Infinity ? undefined : skip + limit);
  }
}

/**
 * The embedded database. Without `file`: in memory only (in-process tests), `close` a no-op.
 * With `file`: durable (see `durable.ts`): every stored document is read into memory at open and
 * the indexes the stores declare are rebuilt over them, and every write is on disk before its
 * promise resolves. Throws a `DataDirError` when the file cannot be used (nothing is changed).
 * `readOnly`: read a file another process may be writing (export), without the writer's lock.
 */
export function createEmbeddedDatabase(options: { file?: string; readOnly?: boolean } = {}): DatabasePort {
  const durable = options.file ? openDurableFile(options.file, { readOnly: options.readOnly === true }) : null;
  const collections = new Map<string, EmbeddedCollection<Document>>();
  const journal = durable?.journal;
  for (const [name, docs] of durable?.collections ?? []) {
    collections.set(name, new EmbeddedCollection<Document>(name, { ...(journal ? { journal } : {}), initial: docs }));
  }
  durable?.collections.clear();
  let closed = false;
  return {
    kind: 'embedded',
    collection<T extends Document>(name: string): CollectionPort<T> {
      let c = collections.get(name);
      if (!c) collections.set(name, (c = new EmbeddedCollection<Document>(name, journal ? { journal } : {})));
      return c as unknown as CollectionPort<T>;
    },
    listCollections: async () => [...collections].filter(([, c]) => c.size > 0).map(([name]) => name).sort(),
    ping: async () => {
      if (closed) throw new Error('the embedded store is closed');
    },
    close: async () => {
      closed = true;
      durable?.close();
    },
  };
}
