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

/**
 * The narrow collection interface every subgraph store is written against. The official
 * driver's `Collection<T>` satisfies it as it is (see `mongo.ts`, where that assignment is
 * type-checked), and `EmbeddedCollection` implements it in memory, evaluating the very same
 * filter, update and pipeline documents. Return types are narrowed to what stores read, so
 * both implementations fit.
 */
export interface CollectionPort<T extends Document> {
  readonly collectionName: string;
  find(filter: Filter<T>, options?: FindOptions): { toArray(): Promise<WithId<T>[]> };
  countDocuments(filter?: Filter<T>): Promise<number>;
  aggregate<R extends Document = Document>(pipeline?: Document[]): { toArray(): Promise<R[]> };
  insertOne(doc: OptionalUnlessRequiredId<T>): Promise<{ acknowledged: boolean }>;
  updateOne(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options?: UpdateOptions,
  ): Promise<{ acknowledged: boolean; matchedCount: number; modifiedCount: number; upsertedCount: number }>;
  bulkWrite(operations: ReadonlyArray<AnyBulkWriteOperation<T>>): Promise<{
    insertedCount: number;
    matchedCount: number;
    modifiedCount: number;
    upsertedCount: number;
  }>;
  deleteOne(filter: Filter<T>): Promise<{ acknowledged: boolean; deletedCount: number }>;
  deleteMany(filter: Filter<T>): Promise<{ acknowledged: boolean; deletedCount: number }>;
  createIndex(spec: IndexSpecification, options?: CreateIndexesOptions): Promise<string>;
}

/** A database: named collections plus a way to close the connection. */
export interface DatabasePort {
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends Document>(name: string): CollectionPort<T>;
  /** The names of the collections that hold documents (for export, and to tell an empty store). */
  listCollections(): Promise<string[]>;
  /** Cheap reachability check for readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** An index a store declares beside the queries that need it. */
export interface IndexDeclaration {
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

/** Creates the declared indexes (idempotent in MongoDB and in the embedded store). */
export async function ensureIndexes<T extends Document>(collection: CollectionPort<T>, indexes: readonly IndexDeclaration[]): Promise<void> {
  for (const index of indexes) {
    await collection.createIndex(index.keys, index.unique ? { unique: true } : {});
  }
}

/** One recorded store call: collection, method, and the keys it was asked for when it was an `$in`/equality lookup. */
export interface StoreCall {
  collection: string;
  method: string;
}

/**
 * Wraps a database so that every collection call is reported to `onCall` before it runs. Used by
 * the batching tests (which count calls) and by the benchmark's store-call counter; it changes
 * no behaviour.
 * @internal for tests and benchmarks
 */
export function recordCalls(db: DatabasePort, onCall: (call: StoreCall, args: unknown[]) => void): DatabasePort {
  return {
    kind: db.kind,
    ping: () => db.ping(),
    close: () => db.close(),
    listCollections: () => db.listCollections(),
    collection<T extends Document>(name: string): CollectionPort<T> {
      const inner = db.collection<T>(name);
      return new Proxy(inner, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          // Bind to the real collection: its private fields are not reachable through the proxy.
          if (prop === 'createIndex') return (value as (...a: unknown[]) => unknown).bind(target);
          return (...args: unknown[]) => {
            onCall({ collection: name, method: String(prop) }, args);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
  };
}
