import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { splitOperations } from './documents.ts';
import { CollectionOperationsStore, FileOperationsStore, type OperationsStore } from './store.ts';
import type { HubDocumentsSync, TrustedDocuments } from './trusted.ts';

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

/**
 * The hub applications' operations, registered under HUB_CLIENT at start: the dashboard's
 * (dashboard/src sends them by id) and the explorer's examples (the README's ```graphql blocks,
 * written to explorer.graphql by `npm run codegen`; the explorer sends them by id).
 */
export const HUB_DOCUMENT_FILES = ['dashboard.graphql', 'explorer.graphql'].map((name) => fileURLToPath(new URL(`../../schema/operations/${name}`, import.meta.url)));

/** How long a hub document no longer in the files stays runnable (HUB_OPERATIONS_HUB_RETIRE_AFTER_MS). */
export const DEFAULT_HUB_RETIRE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface HubDocumentsSettings {
  /** The files of operations to register (default HUB_DOCUMENT_FILES). */
  files?: readonly string[];
  /** How long a retired document stays runnable before it is removed (default 24 h). */
  retireAfterMs?: number;
}

/**
 * Registers the hub applications' operations (HUB_CLIENT) from the committed files, once the
 * gateway has its schema, and keeps them in step with those files while the gateway runs: a
 * document no longer in them is retired, then removed after the grace period (see
 * TrustedDocuments.syncHubDocuments); each change is logged. Safe for every instance at every start.
 */
export async function registerHubDocuments(
  trusted: TrustedDocuments,
  settings: HubDocumentsSettings = {},
  log: (level: 'debug' | 'info' | 'warn', message: string) => void = (_, message) => console.log(message),
): Promise<HubDocumentsSync> {
  const documents: { id: string; text: string }[] = [];
  for (const file of settings.files ?? HUB_DOCUMENT_FILES) {
    for (const { id, text } of splitOperations(await readFile(file, 'utf8'))) documents.push({ id, text });
  }
  const report = (result: HubDocumentsSync) => {
    const hours = (ms: number) => (ms < 60_000 ? `${ms} ms` : `${Math.round((ms / 3_600_000) * 100) / 100} h`);
    const names = (docs: readonly { name: string; id: string }[]) => docs.map((d) => `${d.name} (${d.id.slice(0, 19)}…)`).join(', ');
    const retireAfterMs = settings.retireAfterMs ?? DEFAULT_HUB_RETIRE_AFTER_MS;
    if (result.added.length) log('debug', `hub documents registered: ${names(result.added)}`);
    if (result.retired.length) log('info', `hub documents retired (no longer in this gateway's files; removed in ${hours(retireAfterMs)}): ${names(result.retired)}`);
    if (result.restored.length) log('info', `hub documents restored (in this gateway's files again): ${names(result.restored)}`);
    if (result.removed.length) log('info', `hub documents removed (retired for ${hours(retireAfterMs)}): ${names(result.removed)}`);
  };
  const result = await trusted.keepHubDocuments(documents, {
    retireAfterMs: settings.retireAfterMs ?? DEFAULT_HUB_RETIRE_AFTER_MS,
    onSync: report,
    onError: (error) => log('warn', `hub documents could not be kept in step with the files: ${(error as Error).message}`),
  });
  report(result);
  return result;
}
