import type { AnyBulkWriteOperation, Document, Filter } from 'mongodb';
import { type CollectionPort, type DatabasePort, ensureIndexes, type IndexDeclaration } from './port.ts';

/**
 * What every subgraph store does with its collections: open each one with the indexes its
 * queries need, and load seed documents into it without ever duplicating one.
 */

/** How many documents one seed `bulkWrite` carries: large seeds (100,000 talents) go in slices. */
export const SEED_BATCH = 5000;

/** Opens a collection and creates the indexes declared for it (idempotent). */
export async function openCollection<T extends Document>(db: DatabasePort, name: string, indexes: readonly IndexDeclaration[] = []): Promise<CollectionPort<T>> {
  const collection = db.collection<T>(name);
  await ensureIndexes(collection, indexes);
  return collection;
}

/**
 * Upserts documents by `_id` (a whole-document replace), `SEED_BATCH` per `bulkWrite`: running
 * it twice changes nothing, and no documents means no store call.
 */
export async function seedDocuments<T extends Document & { _id: string }>(collection: CollectionPort<T>, docs: readonly T[]): Promise<void> {
  for (let i = 0; i < docs.length; i += SEED_BATCH) {
    const operations = docs
      .slice(i, i + SEED_BATCH)
      .map((doc) => ({ replaceOne: { filter: { _id: doc._id } as Filter<T>, replacement: doc, upsert: true } }) as AnyBulkWriteOperation<T>);
    await collection.bulkWrite(operations);
  }
}
