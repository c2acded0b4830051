import { createEmbeddedDatabase } from './embedded.ts';
import { type MongoSettings, openMongoDatabase } from './mongo.ts';
import type { DatabasePort } from './store.ts';

/** Opens MongoDB when a URI is configured (database `<prefix>_<subgraph>`), else the embedded store. */
export async function openDatabase(options: {
  mongodbUri: string | undefined;
  dbName: string;
  mongodb?: Omit<MongoSettings, 'uri' | 'dbName'>;
}): Promise<DatabasePort> {
  if (options.mongodbUri) return openMongoDatabase({ uri: options.mongodbUri, dbName: options.dbName, ...options.mongodb });
  return createEmbeddedDatabase();
}
