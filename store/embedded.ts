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
import { cloneDocument } from './clone.ts';
import { CountCache } from './count-cache.ts';
import { openDurableFile } from './durable.ts';
import { type Index, indexDocument, indexKeysOf, keyOf, keysOf, newIndex, SortedIds, unindexDocument } from './indexes.ts';
import { findDocuments, plannerView, scanDocuments } from './embedded-reads.ts';
import { StringInterner } from './intern.ts';
import { candidateIds, countCacheKey, countFromIndexes, countGuard, equalityValues, membershipTest } from './planner.ts';
import type { CollectionPort, DatabasePort } from './port.ts';

/**
 * The embedded store: an in-memory implementation of `CollectionPort` that evaluates the same
 * filter, update and pipeline documents as MongoDB (with mingo), so `npm start` needs no server.
 *
 * mingo alone scans every document, which is far too slow at 100,000 talents, so the collection
 * keeps the indexes the stores declare (`indexes.ts`) and asks the planner (`planner.ts`) which
 * documents a filter can match and in which order to visit them; mingo evaluates the filter on
 * those candidates only, and a filter made only of indexed equalities is decided (and counted)
 * from the indexes without evaluating any document.
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

const MUTATING_STAGES = new Set(['$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith']);

export class EmbeddedCollection<T extends Document> implements CollectionPort<T> {
  readonly #docs = new Map<string, Document>();
  readonly #indexes = new Map<string, Index>();
  readonly #order = new SortedIds();
  /** Covered counts kept up to date by every write (`count-cache.ts`). */
  readonly #counts = new CountCache();
  /** One copy of each repeated string of the stored documents (`intern.ts`). */
  readonly #strings = new StringInterner();
  /** What the planner reads: the indexes and the ids, never the documents. */
  readonly #view = plannerView(this.#docs, this.#indexes, this.#order);
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
      return projected.map((d) => cloneDocument(d as Document)) as WithId<T>[];
    };
    return { toArray: async () => run() };
  }

  async countDocuments(filter: Filter<T> = {}): Promise<number> {
    const f = filter as Document;
    const key = countCacheKey(this.#view, f);
    const kept = key === null ? undefined : this.#counts.get(key);
    if (kept !== undefined) return kept;
    const counted = countFromIndexes(this.#view, f);
    if (counted !== null) {
      if (key !== null) this.#counts.set(key, counted, membershipTest(this.#view, f), countGuard(this.#view, f));
      return counted;
    }
    const query = new Query(f);
    let n = 0;
    for (const doc of scanDocuments(this.#docs, candidateIds(this.#view, f).ids)) if (query.test(doc)) n++;
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
      if (stages.some((s) => Object.keys(s).some((k) => MUTATING_STAGES.has(k)))) input = input.map((d) => cloneDocument(d));
      const out = stages.length === 0 ? input : new Aggregator(stages).run(input);
      return out.map((d) => cloneDocument(d)) as R[];
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
    const index: Index = newIndex(field, options.unique === true && fields.length === 1);
    for (const [id, doc] of this.#docs) indexDocument(index, id, doc);
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
      if (current) this.#unindex(id, current);
      this.#docs.delete(id);
      if (previous) {
        this.#docs.set(id, previous);
        this.#index(id, previous);
      }
    }
    if (undo.size > 0) this.#order.invalidate();
  }

  /** Files a document in every index, then counts it in the kept counts it matches. */
  #index(id: string, doc: Document): void {
    for (const index of this.#indexes.values()) indexDocument(index, id, doc);
    if (this.#counts.size > 0) this.#counts.adjust(id, (field) => indexKeysOf(this.#indexes.get(field)!, doc), 1);
  }

  /** Uncounts a document from the kept counts it matches (while the indexes still hold it), then takes it out of every index. */
  #unindex(id: string, doc: Document): void {
    if (this.#counts.size > 0) this.#counts.adjust(id, (field) => indexKeysOf(this.#indexes.get(field)!, doc), -1);
    for (const index of this.#indexes.values()) unindexDocument(index, id, doc);
  }

  #remove(id: string): void {
    const doc = this.#docs.get(id);
    if (!doc) return;
    this.#touch(id);
    this.#unindex(id, doc);
    this.#docs.delete(id);
    this.#order.remove(id);
  }

  #checkUnique(id: string, doc: Document): void {
    for (const index of this.#indexes.values()) {
      if (!index.unique) continue;
      for (const key of keysOf(index, doc)) {
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
    this.#strings.intern(doc);
    this.#touch(id);
    this.#docs.set(id, doc);
    this.#index(id, doc);
    this.#order.add(id);
  }

  #updateOne(filter: Document, update: Document, upsert: boolean, replace: boolean) {
    // By id alone (every seed upsert, most writes): the document itself, without planning a query.
    const byId = typeof filter._id === 'string' && Object.keys(filter).length === 1;
    const current = byId ? this.#docs.get(filter._id as string) : this.#find(filter, { limit: 1 })[0];
    if (current) {
      const id = current._id as string;
      let next: Document;
      if (replace) {
        next = { ...structuredClone(update), _id: id };
      } else {
        next = cloneDocument(current);
        const { $setOnInsert: _ignored, ...modifier } = update;
        // A copy: mingo's $push keeps the caller's objects, which must not end up stored.
        applyUpdate(next, structuredClone(modifier));
      }
      this.#checkUnique(id, next);
      this.#strings.intern(next);
      this.#touch(id);
      this.#unindex(id, current);
      this.#docs.set(id, next);
      this.#index(id, next);
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

  /** The documents a filter matches, in the planner's order (`embedded-reads.ts`). */
  #find(filter: Document, options: FindOptions): Document[] {
    return findDocuments(this.#view, this.#docs, filter, options);
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
    listCollections: async () =>
      [...collections]
        .filter(([, c]) => c.size > 0)
        .map(([name]) => name)
        .sort(),
    ping: async () => {
      if (closed) throw new Error('the embedded store is closed');
    },
    close: async () => {
      closed = true;
      durable?.close();
    },
  };
}
