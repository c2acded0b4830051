import { MongoClient, type Document } from 'mongodb';
import type { CollectionPort, DatabasePort } from './port.ts';

/** Driver settings for production; every one is a setting (see README). */
export interface MongoSettings {
  uri: string;
  dbName: string;
  serverSelectionTimeoutMS?: number;
  /** Client-side operation timeout (driver CSOT). */
  timeoutMS?: number;
  /** Write concern `w`: 'majority' (default) so an acknowledged write survives a primary failover. */
  writeConcern?: 'majority' | number;
}

/**
 * Connects with the official driver and exposes its collections through `CollectionPort`.
 * Writes are acknowledged by a majority and retried once by the driver; reads are retryable.
 */
export async function openMongoDatabase(settings: MongoSettings): Promise<DatabasePort> {
  const client = new MongoClient(settings.uri, {
    serverSelectionTimeoutMS: settings.serverSelectionTimeoutMS ?? 5000,
    timeoutMS: settings.timeoutMS ?? 10_000,
    retryReads: true,
    retryWrites: true,
    writeConcern: { w: settings.writeConcern ?? 'majority' },
    appName: 'talent-federation-hub',
  });
  await client.connect();
  const db = client.db(settings.dbName);
  return {
    kind: 'mongodb',
    collection<T extends Document>(name: string): CollectionPort<T> {
      // This assignment is the compile-time proof that the driver's Collection satisfies the port.
      const collection: CollectionPort<T> = db.collection<T>(name);
      return collection;
    },
    listCollections: async () => {
      const infos = await db.listCollections({}, { nameOnly: true }).toArray();
      return infos
        .map((info) => info.name)
        .filter((name) => !name.startsWith('system.'))
        .sort();
    },
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: () => client.close(),
  };
}
