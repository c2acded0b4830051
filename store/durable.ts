import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Document } from 'mongodb';
import type { Journal } from './embedded.ts';

/**
 * The durable half of the embedded store: one SQLite file per subgraph (better-sqlite3), holding
 * every document of every collection as a row `(collection, id, body)`, the body JSON with every
 * `Date` tagged as `{ "$date": <epoch ms> }` so that it comes back as a Date (measured on 100,000
 * talents: a quarter less CPU to read back than `v8.serialize` blobs, and readable with the
 * sqlite3 shell). The file is only ever read whole, at open; queries are answered from memory by the
 * embedded collections. Each write is one SQLite transaction in WAL mode with
 * `synchronous=FULL`, so once `commit` returns the write survives a crash of the process or of
 * the machine; a write SQLite refuses throws and is undone in memory by the caller.
 */

/** Identifies our files among SQLite databases (`PRAGMA application_id`, "THUB"). */
const APPLICATION_ID = 0x54485542;
/** The on-disk format this code writes and the newest it reads (`PRAGMA user_version`). */
export const DURABLE_FORMAT_VERSION = 1;
const SQLITE_HEADER = 'SQLite format 3\u0000';

/** A data directory or file the service must not start on; the message says which and what to do (printed without a stack, as configuration problems are). */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** What an opened data file holds and how to write to it. */
export interface DurableFile {
  readonly file: string;
  /** Every stored document, by collection, in `_id` order. */
  readonly collections: Map<string, Document[]>;
  readonly journal: Journal;
  /** The SQLite handle, for diagnostics and the failure tests; stores never use it. */
  readonly sqlite: Database.Database;
  close(): void;
}

/**
 * `value` with every Date in it (in plain objects and arrays, at any depth) as `{ $date: ms }`:
 * the same value when it holds none, else a copy of only the objects and arrays on the way to one
 * (the document itself is never changed).
 */
// biome-ignore lint/suspicious/noExplicitAny: walks a document of any shape
function tagDates(value: any): any {
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || typeof item !== 'object') continue;
      const tagged = tagDates(item);
      if (tagged !== item) (copy ??= value.slice())[i] = tagged;
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const item = value[key];
    if (item === null || typeof item !== 'object') continue;
    const tagged = tagDates(item);
    if (tagged !== item) (copy ??= { ...value })[key] = tagged;
  }
  return copy ?? value;
}

/**
 * A document as stored: JSON, Dates tagged. The Dates are tagged first and the JSON written
 * without a replacer: the same text as `JSON.stringify(doc, replacer)` tagging them, in a third of
 * the time (a replacer is called for every value; 30,000 seed talents: 842 → 318 ms).
 */
export function encodeDocument(doc: Document): string {
  return JSON.stringify(tagDates(doc));
}

/** Turns `{ "$date": ms }` back into Dates, in place (documents never hold such objects otherwise: `$` field names are MongoDB's). */
// biome-ignore lint/suspicious/noExplicitAny: walks parsed JSON of any shape, in place
function revive(value: any): any {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item !== null && typeof item === 'object') value[i] = revive(item);
    }
    return value;
  }
  const ms = value.$date;
  if (typeof ms === 'number' && Object.keys(value).length === 1) return new Date(ms);
  for (const key in value) {
    const item = value[key];
    if (item !== null && typeof item === 'object') value[key] = revive(item);
  }
  return value;
}

/** A stored document back, or undefined when the text is not one. */
export function decodeDocument(text: unknown): Document | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const doc: unknown = JSON.parse(text);
    return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (revive(doc) as Document) : undefined;
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): string {
  return (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
}

/** Creates the directory and proves a file can be created and synced in it (root ignores mode bits, so `access` is not enough). */
function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = `${dir}/.write-probe-${process.pid}`;
    const fd = openSync(probe, 'w');
    fsyncSync(fd);
    closeSync(fd);
    unlinkSync(probe);
  } catch (error) {
    throw new DataDirError(
      `The data directory ${dir} is not writable (${errorCode(error)}). Set HUB_DATA_DIR to a directory this user can write to, or fix its permissions; nothing was changed.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Takes `<file>.lock` for this process: two processes writing one file would each keep their own
 * copy in memory and overwrite the other's writes. A lock left by a process that died (kill -9)
 * is taken over.
 */
function acquireLock(file: string): () => void {
  const lock = `${file}.lock`;
  // The pid says who holds it; the token tells this open from another one in the same process.
  const mine = `${process.pid} ${randomUUID()}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lock, mine, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(lock, 'utf8') === mine) unlinkSync(lock);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      if (Number.isInteger(holder) && isAlive(holder)) {
        throw new DataDirError(`${file} is in use by process ${holder} (see ${lock}). Stop that process first (a data file has one writer at a time); nothing was changed.`);
      }
      try {
        unlinkSync(lock);
      } catch {
        // another process took it over first; the next attempt decides
      }
    }
  }
  throw new DataDirError(`Could not take the lock ${lock}; another process is starting on the same data file.`);
}

/** Refuses a file that exists but is not a SQLite database, before SQLite would touch it. */
function checkHeader(file: string): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new DataDirError(`${file} is not a regular file. Move it away or set HUB_DATA_DIR to another directory; nothing was changed.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof DataDirError) throw error;
    if ((error as { code?: string }).code === 'ENOENT') return;
    throw new DataDirError(`Cannot read ${file} (${errorCode(error)}); fix its permissions.`);
  }
  if (size === 0) return;
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_HEADER) throw corrupt(file, 'it is not a SQLite database');
}

function corrupt(file: string, why: string): DataDirError {
  return new DataDirError(
    `The data file ${file} is corrupt or not a hub data file (${why}). It was left as it is: restore it from a backup (npm run -s hub -- data import <dir>), or move it away to start empty.`,
  );
}

/**
 * Opens (creating when absent) the data file of one database and reads every document. Throws a
 * `DataDirError` for an unwritable directory, a file that is corrupt or not ours, one written by
 * a newer format, or one in use by another process; in each case nothing on disk is changed.
 * `readOnly`: for export while the service runs (no lock, no writes).
 */
export function openDurableFile(file: string, options: { readOnly?: boolean } = {}): DurableFile {
  const readOnly = options.readOnly === true;
  if (!readOnly) ensureWritableDir(dirname(file));
  checkHeader(file);
  const release = readOnly ? () => {} : acquireLock(file);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: readOnly, fileMustExist: readOnly });
    const appId = sqlite.pragma('application_id', { simple: true }) as number;
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (appId === 0 && version === 0 && tables.length === 0) {
      if (readOnly) throw new DataDirError(`${file} is empty: there is nothing to read.`);
      sqlite.exec('CREATE TABLE docs (coll TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (coll, id)) WITHOUT ROWID');
      sqlite.pragma(`application_id = ${APPLICATION_ID}`);
      sqlite.pragma(`user_version = ${DURABLE_FORMAT_VERSION}`);
    } else if (appId !== APPLICATION_ID || !tables.includes('docs')) {
      throw corrupt(file, 'it is a SQLite database of something else');
    } else if (version > DURABLE_FORMAT_VERSION) {
      throw new DataDirError(
        `The data file ${file} was written by a newer version of the hub (format ${version}; this version reads up to ${DURABLE_FORMAT_VERSION}). Upgrade the hub, or export with the newer version and import here; nothing was changed.`,
      );
    }
    if (!readOnly) {
      sqlite.pragma('journal_mode = WAL');
      // FULL: the WAL is synced at every commit, so a commit that returned survives a power cut.
      sqlite.pragma('synchronous = FULL');
    }
    const collections = new Map<string, Document[]>();
    // In primary-key order, so each collection's documents come in `_id` order.
    const rows = sqlite.prepare('SELECT coll, body FROM docs ORDER BY coll, id').raw().iterate() as IterableIterator<[string, unknown]>;
    for (const [coll, body] of rows) {
      const doc = decodeDocument(body);
      if (!doc || typeof doc._id !== 'string') throw corrupt(file, `a stored document of ${coll} cannot be read`);
      let list = collections.get(coll);
      if (!list) collections.set(coll, (list = []));
      list.push(doc);
    }
    const handle = sqlite;
    const upsert = handle.prepare('INSERT INTO docs (coll, id, body) VALUES (?, ?, ?) ON CONFLICT (coll, id) DO UPDATE SET body = excluded.body');
    const remove = handle.prepare('DELETE FROM docs WHERE coll = ? AND id = ?');
    const commit = handle.transaction((coll: string, changes: ReadonlyMap<string, Document | null>) => {
      for (const [id, doc] of changes) {
        if (doc) upsert.run(coll, id, encodeDocument(doc));
        else remove.run(coll, id);
      }
    });
    return {
      file,
      collections,
      sqlite: handle,
      journal: {
        commit(coll, changes) {
          if (readOnly) throw new Error(`${file} was opened read-only`);
          commit(coll, changes);
        },
      },
      close() {
        if (handle.open) handle.close();
        release();
      },
    };
  } catch (error) {
    sqlite?.close();
    release();
    if (error instanceof DataDirError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) throw corrupt(file, code);
    if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
      throw new DataDirError(`Cannot open ${file} for writing (${code}). Set HUB_DATA_DIR to a directory this user can write to, or fix its permissions; nothing was changed.`);
    }
    throw error;
  }
}
