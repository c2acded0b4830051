import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BSON, type Document } from 'mongodb';
import { z } from 'zod';
import { resetDatabase } from './seed-once.ts';
import type { DatabasePort } from './port.ts';

/**
 * Backup and restore through the store port, so the same export moves between the embedded store
 * and MongoDB. An export is a directory: `<database>/<collection>.jsonl` (one document a line, in
 * `_id` order, MongoDB Extended JSON in relaxed mode, as mongoexport writes it, so `Date`s stay
 * Dates) and `manifest.json` (format, version, and for every file its document count and
 * sha256), written last, so an interrupted export has no manifest and cannot be imported.
 * Documents are copied verbatim: the audit trail's hashes, MACs and links verify after a round
 * trip because nothing in an event is reinterpreted.
 */

export const EXPORT_FORMAT = 'talent-hub-export';
/** The export format this code writes and the newest it reads. */
export const EXPORT_VERSION = 1;

const CollectionEntry = z.object({
  file: z.string().regex(/^[A-Za-z0-9_-]+\/[A-Za-z0-9_.-]+\.jsonl$/),
  documents: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const Manifest = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.string(),
  source: z.enum(['embedded', 'mongodb']),
  databases: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), z.object({ collections: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), CollectionEntry) })),
});
export type ExportManifest = z.infer<typeof Manifest>;

/** An export that cannot be written or read as asked; the message says why and what to do. Nothing was changed. */
export class TransferError extends Error {
  override name = 'TransferError';
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Writes every collection of every database to `dir` (which must not exist or be empty) and returns the manifest. */
export async function exportDatabases(databases: ReadonlyMap<string, DatabasePort>, dir: string, source: 'embedded' | 'mongodb'): Promise<ExportManifest> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new TransferError(`${dir} is not empty: export into a new directory, so no earlier backup is overwritten.`);
  mkdirSync(dir, { recursive: true });
  const manifest: ExportManifest = { format: EXPORT_FORMAT, version: EXPORT_VERSION, createdAt: new Date().toISOString(), source, databases: {} };
  for (const [name, db] of databases) {
    const collections: ExportManifest['databases'][string]['collections'] = {};
    mkdirSync(join(dir, name), { recursive: true });
    for (const collection of await db.listCollections()) {
      const docs = await db
        .collection<Document>(collection)
        .find({}, { sort: { _id: 1 } })
        .toArray();
      const text = docs.map((doc) => `${BSON.EJSON.stringify(doc, { relaxed: true })}\n`).join('');
      const file = `${name}/${collection}.jsonl`;
      writeFileSync(join(dir, file), text);
      collections[collection] = { file, documents: docs.length, sha256: sha256(text) };
    }
    manifest.databases[name] = { collections };
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads and checks an export: the manifest, its version, and every file against its checksum and count. Writes nothing. */
export function readExport(dir: string): { manifest: ExportManifest; documents(database: string, collection: string): Document[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch (error) {
    throw new TransferError(
      `${dir} has no readable manifest.json (${(error as { code?: string }).code ?? (error as Error).message}): it is not a complete export (an interrupted export writes none). Nothing was imported.`,
    );
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    throw new TransferError(
      `${dir} was exported by a newer version of the hub (export format ${version}; this version reads up to ${EXPORT_VERSION}). Import it with that version. Nothing was imported.`,
    );
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success)
    throw new TransferError(
      `${dir}/manifest.json is not a hub export manifest (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}). Nothing was imported.`,
    );
  const manifest = parsed.data;
  const texts = new Map<string, string>();
  for (const [database, { collections }] of Object.entries(manifest.databases)) {
    for (const [collection, entry] of Object.entries(collections)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(dir, entry.file));
      } catch {
        throw new TransferError(`${entry.file}, listed in the manifest, is missing from ${dir}. Nothing was imported.`);
      }
      if (sha256(bytes) !== entry.sha256) {
        throw new TransferError(
          `${entry.file} does not match its sha256 in manifest.json: the export was altered or damaged after it was written. Use an intact copy; nothing was imported.`,
        );
      }
      const text = bytes.toString('utf8');
      const lines = text === '' ? 0 : text.split('\n').length - 1;
      if (lines !== entry.documents) throw new TransferError(`${entry.file} holds ${lines} documents, the manifest says ${entry.documents}. Nothing was imported.`);
      texts.set(`${database}/${collection}`, text);
    }
  }
  return {
    manifest,
    documents(database, collection) {
      const text = texts.get(`${database}/${collection}`) ?? '';
      return text === ''
        ? []
        : text
            .slice(0, -1)
            .split('\n')
            .map((line) => BSON.EJSON.parse(line, { relaxed: true }) as Document);
    },
  };
}

/** What an import did, per database and collection. */
export type ImportReport = Record<string, Record<string, number>>;

/**
 * Imports an export into the databases `open` gives (by the export's database names). Every file
 * is checked before anything is written. A database that already holds documents is refused
 * unless `replace`, which deletes what it holds first. Documents are written in transactions of
 * 1,000 (on the embedded store each is atomic).
 */
export async function importDatabases(dir: string, open: (database: string) => Promise<DatabasePort>, options: { replace?: boolean } = {}): Promise<ImportReport> {
  const data = readExport(dir);
  const opened = new Map<string, DatabasePort>();
  try {
    for (const database of Object.keys(data.manifest.databases)) {
      const db = await open(database);
      opened.set(database, db);
      if (options.replace) continue;
      for (const collection of await db.listCollections()) {
        if ((await db.collection(collection).countDocuments({})) > 0) {
          throw new TransferError(
            `The ${database} store already holds data (${collection}). Import into an empty store, or pass --replace to delete what it holds first. Nothing was imported.`,
          );
        }
      }
    }
    const report: ImportReport = {};
    for (const [database, { collections }] of Object.entries(data.manifest.databases)) {
      const db = opened.get(database)!;
      if (options.replace) await resetDatabase(db);
      report[database] = {};
      for (const collection of Object.keys(collections)) {
        const docs = data.documents(database, collection);
        const target = db.collection<Document>(collection);
        for (let i = 0; i < docs.length; i += 1000) await target.bulkWrite(docs.slice(i, i + 1000).map((document) => ({ insertOne: { document } })));
        report[database][collection] = docs.length;
      }
    }
    return report;
  } finally {
    for (const db of opened.values()) await db.close();
  }
}
