import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { splitOperations } from './documents.ts';
import { HUB_CLIENT } from './model.ts';
import { CollectionOperationsStore, FileOperationsStore, type OperationsStore } from './store.ts';
import type { TrustedDocuments } from './trusted.ts';

export { createOperationsRouter } from './admin.ts';
export { type OperationsPolicySettings, trustedDocumentsMiddleware } from './policy.ts';
export { TrustedDocuments } from './trusted.ts';

/**
 * Opens where the trusted documents live: the `operations` collection of `<HUB_MONGODB_DB>_hub`
 * when MongoDB is configured (shared by every gateway instance), else `<HUB_DATA_DIR>/operations.json`.
 */
export async function openOperationsStore(settings: { mongodbUri: string | undefined; mongodbDb: string; dataDir: string }): Promise<OperationsStore> {
  if (settings.mongodbUri) {
    // The MongoDB driver (~130 modules, ~18 MB of buffers at load) only for a gateway that uses it, as store/database.ts does.
    const { openMongoDatabase } = await import('../../store/mongo.ts');
    const db = await openMongoDatabase({ uri: settings.mongodbUri, dbName: `${settings.mongodbDb}_hub` });
    return CollectionOperationsStore.on(db, { closeDatabase: true });
  }
  return new FileOperationsStore(settings.dataDir);
}

/** The operations of the hub's own dashboard (dashboard/src sends them by id). */
const DASHBOARD_OPERATIONS = fileURLToPath(new URL('../../schema/operations/dashboard.graphql', import.meta.url));

/**
 * Registers the dashboard's operations for the hub's applications (HUB_CLIENT), from the committed
 * file, once the gateway has its schema. Idempotent: a document already registered is left as it
 * is, so every gateway instance may do it at every start.
 */
export async function registerHubDocuments(trusted: TrustedDocuments, file = DASHBOARD_OPERATIONS): Promise<number> {
  const documents = splitOperations(await readFile(file, 'utf8')).map(({ id, text }) => ({ id, text }));
  const result = await trusted.publish({ client: HUB_CLIENT, documents }, 'hub-gateway');
  return result.documents.filter((d) => d.status === 'added').length;
}
