import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Filter } from 'mongodb';
import type { CollectionPort, DatabasePort } from '../../store/port.ts';
import { EMPTY_OPERATIONS, OperationsState } from './model.ts';

/**
 * Where the trusted documents are kept. As the partner registry's store (gateway/registry/store.ts),
 * every write is a compare-and-swap on `revision`: two publishes, from one gateway or several,
 * never overwrite each other; the loser starts over from the newer state.
 */
export interface OperationsStore {
  /** For logs (never a connection string). */
  readonly description: string;
  load(): Promise<OperationsState>;
  revision(): Promise<number>;
  /** Writes `next` if the stored revision is still `expectedRevision`; false when another writer won. */
  save(next: OperationsState, expectedRevision: number): Promise<boolean>;
  close(): Promise<void>;
}

const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 5000;

/**
 * The documents in `<dataDir>/operations.json`: written to a temporary file, fsynced and renamed
 * over the old one (a crash leaves the old or the new file, never half of one), under an exclusive
 * lock file so two writers never both win.
 */
export class FileOperationsStore implements OperationsStore {
  readonly description: string;
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'operations.json');
    this.description = `file ${this.path}`;
  }

  async load(): Promise<OperationsState> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY_OPERATIONS);
      throw error;
    }
    const parsed = OperationsState.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.path} is not a trusted documents file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }

  async revision(): Promise<number> {
    return (await this.load()).revision;
  }

  async save(next: OperationsState, expectedRevision: number): Promise<boolean> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    const lock = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await (await open(lock, 'wx')).close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = await stat(lock).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        // A lock this old was left by a writer that crashed.
        if (age > STALE_LOCK_MS) await rm(lock, { force: true });
        else if (Date.now() > deadline) throw new Error(`${lock} is held by another writer; retry later (or remove it if no gateway is running)`);
        else await new Promise((r) => setTimeout(r, 10));
      }
    }
    try {
      if ((await this.revision()) !== expectedRevision) return false;
      await this.#replace(dir, next);
      return true;
    } finally {
      await rm(lock, { force: true });
    }
  }

  async #replace(dir: string, next: OperationsState): Promise<void> {
    const temp = join(dir, `.operations.json.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const file = await open(temp, 'w', 0o600);
      try {
        await file.writeFile(`${JSON.stringify(OperationsState.parse(next), null, 2)}\n`, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    try {
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Some platforms cannot fsync a directory; the rename is still atomic.
    }
  }

  async close(): Promise<void> {}
}

/** The state as stored in a collection: one document, `_id: "documents"`. */
export interface OperationsDoc extends OperationsState {
  _id: string;
}

const DOC_ID = 'documents';

/**
 * The documents in the `operations` collection of the hub database (`<HUB_MONGODB_DB>_hub`),
 * shared by every gateway instance, through the store port (the driver's Collection, or the
 * embedded store in tests): the compare-and-swap is an `updateOne` filtered on the revision.
 */
export class CollectionOperationsStore implements OperationsStore {
  readonly description: string;

  constructor(
    private readonly collection: CollectionPort<OperationsDoc>,
    private readonly onClose: () => Promise<void> = async () => {},
    kind = 'collection',
  ) {
    this.description = `${kind} collection ${collection.collectionName}`;
  }

  /** The operations collection of a hub database. */
  static on(db: DatabasePort, options: { closeDatabase?: boolean } = {}): CollectionOperationsStore {
    return new CollectionOperationsStore(db.collection<OperationsDoc>('operations'), options.closeDatabase ? () => db.close() : undefined, db.kind);
  }

  async load(): Promise<OperationsState> {
    const [doc] = await this.collection.find({ _id: DOC_ID } as Filter<OperationsDoc>, { limit: 1 }).toArray();
    if (!doc) return structuredClone(EMPTY_OPERATIONS);
    const { _id, ...state } = doc;
    return OperationsState.parse(state);
  }

  async revision(): Promise<number> {
    const [doc] = await this.collection.find({ _id: DOC_ID } as Filter<OperationsDoc>, { limit: 1, projection: { revision: 1 } }).toArray();
    return doc?.revision ?? 0;
  }

  async save(next: OperationsState, expectedRevision: number): Promise<boolean> {
    const state = OperationsState.parse(next);
    if (expectedRevision === 0) {
      try {
        await this.collection.insertOne({ _id: DOC_ID, ...state });
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
    }
    const result = await this.collection.updateOne({ _id: DOC_ID, revision: expectedRevision } as Filter<OperationsDoc>, {
      $set: { revision: state.revision, documents: state.documents },
    });
    return result.matchedCount === 1;
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
