import { join } from 'node:path';
import { createEmbeddedDatabase } from './embedded.ts';
import type { MongoSettings } from './mongo.ts';
import type { DatabasePort } from './port.ts';
import { tracedDatabase } from './traced.ts';

/**
 * Opens MongoDB when a URI is configured (database `<prefix>_<name>`), else the durable embedded
 * store in `<dataDir>/<file>.sqlite`. Throws a `DataDirError` when the data file cannot be used.
 */
export async function openDatabase(options: {
  mongodbUri: string | undefined;
  dbName: string;
  mongodb?: Omit<MongoSettings, 'uri' | 'dbName'>;
  /** The embedded store's directory and file name (without `.sqlite`). */
  dataDir: string;
  file: string;
}): Promise<DatabasePort> {
  if (options.mongodbUri) {
    // The driver (~130 modules) is loaded only when MongoDB is configured: an embedded-store
    // process starts, and a supervised one restarts, without it.
    const { openMongoDatabase } = await import('./mongo.ts');
    return openMongoDatabase({ uri: options.mongodbUri, dbName: options.dbName, ...options.mongodb });
  }
  // Spans around its calls (no-ops unless tracing is on); the MongoDB driver is instrumented on its own.
  return tracedDatabase(createEmbeddedDatabase({ file: dataFile(options.dataDir, options.file) }), options.dbName);
}

/** The embedded store's file of one database: `<dataDir>/<name>.sqlite`. */
export function dataFile(dataDir: string, name: string): string {
  return join(dataDir, `${name}.sqlite`);
}
