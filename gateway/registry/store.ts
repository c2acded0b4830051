import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Filter } from 'mongodb';
import type { CollectionPort, DatabasePort } from '../../store/port.ts';
import { EMPTY_STATE, RegistryState } from './model.ts';

/**
 * Where the registry keeps its state. Every write is a compare-and-swap on `revision`, so two
 * writers (two publishes, or two gateway instances) never silently overwrite each other: the
 * loser is told and starts over from the newer state.
 */
export interface RegistryStore {
  /** Human description for logs and /health (never a connection string). */
  readonly description: string;
  load(): Promise<RegistryState>;
  /** The stored revision only (cheap: polled every few seconds by every gateway instance). */
  revision(): Promise<number>;
  /**
   * Writes `next` (whose revision must be `expectedRevision + 1`) if the stored revision is still
   * `expectedRevision`; false when someone else wrote first.
   */
  save(next: RegistryState, expectedRevision: number): Promise<boolean>;
  close(): Promise<void>;
}

function assertNext(next: RegistryState, expectedRevision: number): void {
  if (next.revision !== expectedRevision + 1) throw new Error(`registry write out of sequence: ${next.revision} after ${expectedRevision}`);
}

/** A lock file older than this was left by a writer that crashed; it is broken. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 5000;

/**
 * The registry in a JSON file (`<dataDir>/registry.json`), for gateway instances on one host
 * (use MongoDB for several hosts). Writes go to a temporary file that is fsynced and then renamed
 * over the old one, so a crash leaves either the old or the new registry, never half of one; the
 * compare-and-swap runs under a lock file (`registry.json.lock`, created exclusively), so two
 * writers never both win.
 */
export class FileRegistryStore implements RegistryStore {
  readonly description: string;
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'registry.json');
    this.description = `file ${this.path}`;
  }

  async load(): Promise<RegistryState> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY_STATE);
      throw error;
    }
    const parsed = RegistryState.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.path} is not a registry file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }

  async revision(): Promise<number> {
    return (await this.load()).revision;
  }

  async save(next: RegistryState, expectedRevision: number): Promise<boolean> {
    assertNext(next, expectedRevision);
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    return this.#locked(async () => {
      if ((await this.revision()) !== expectedRevision) return false;
      await this.#replace(dir, next);
      return true;
    });
  }

  /** Runs `work` holding the lock file; waits for another writer, breaks a crashed writer's lock. */
  async #locked<T>(work: () => Promise<T>): Promise<T> {
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
        if (age > STALE_LOCK_MS) await rm(lock, { force: true });
        else if (Date.now() > deadline) throw new Error(`${lock} is held by another writer; retry later (or remove it if no gateway is running)`);
        else await new Promise((r) => setTimeout(r, 10));
      }
    }
    try {
      return await work();
    } finally {
      await rm(lock, { force: true });
    }
  }

  /** Replaces the file: temporary file, fsync, rename, fsync of the directory. */
  async #replace(dir: string, next: RegistryState): Promise<void> {
    const temp = join(dir, `.registry.json.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const file = await open(temp, 'w', 0o600);
      try {
        await file.writeFile(`${JSON.stringify(RegistryState.parse(next), null, 2)}\n`, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    // Make the rename itself durable: fsync the directory entry (not supported everywhere).
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

/** The registry document as stored in a collection: one document, `_id: "graph"`. */
export interface RegistryDoc extends RegistryState {
  _id: string;
}

const DOC_ID = 'graph';

/**
 * The registry in a collection of the hub database (`<HUB_MONGODB_DB>_hub.registry`), shared by
 * every gateway instance. Written with the kit's store port, which the official driver's
 * `Collection` satisfies (and the embedded store too, which is how the tests exercise it): the
 * compare-and-swap is an `updateOne` filtered on the expected revision, the first write an
 * `insertOne` that loses with a duplicate key error when another instance wrote first.
 */
export class CollectionRegistryStore implements RegistryStore {
  readonly description: string;

  constructor(
    private readonly collection: CollectionPort<RegistryDoc>,
    private readonly onClose: () => Promise<void> = async () => {},
    kind = 'collection',
  ) {
    this.description = `${kind} collection ${collection.collectionName}`;
  }

  /** The registry collection of a hub database (MongoDB, or the embedded store in tests). */
  static on(db: DatabasePort, options: { closeDatabase?: boolean } = {}): CollectionRegistryStore {
    return new CollectionRegistryStore(db.collection<RegistryDoc>('registry'), options.closeDatabase ? () => db.close() : undefined, db.kind);
  }

  async load(): Promise<RegistryState> {
    const [doc] = await this.collection.find({ _id: DOC_ID } as Filter<RegistryDoc>, { limit: 1 }).toArray();
    if (!doc) return structuredClone(EMPTY_STATE);
    const { _id, ...state } = doc;
    return RegistryState.parse(state);
  }

  async revision(): Promise<number> {
    const [doc] = await this.collection.find({ _id: DOC_ID } as Filter<RegistryDoc>, { limit: 1, projection: { revision: 1 } }).toArray();
    return doc?.revision ?? 0;
  }

  async save(next: RegistryState, expectedRevision: number): Promise<boolean> {
    assertNext(next, expectedRevision);
    const state = RegistryState.parse(next);
    if (expectedRevision === 0) {
      try {
        await this.collection.insertOne({ _id: DOC_ID, ...state });
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
    }
    const result = await this.collection.updateOne({ _id: DOC_ID, revision: expectedRevision } as Filter<RegistryDoc>, {
      $set: { revision: state.revision, partners: state.partners, supergraph: state.supergraph },
    });
    return result.matchedCount === 1;
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
