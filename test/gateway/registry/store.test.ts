import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_STATE, type RegistryState } from '../../../gateway/registry/model.ts';
import { CollectionRegistryStore, FileRegistryStore, type RegistryStore } from '../../../gateway/registry/store.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { openMongoDatabase } from '../../../store/mongo.ts';
import { removeDir, tempDataDir } from '../../helpers/registry.ts';

/**
 * The registry store contract: empty at first, compare-and-swap writes, what is written reads
 * back (dates included) from a fresh instance. Runs on the file store and on a collection of the
 * embedded store; with MONGODB_URI set, on MongoDB too (database hub_registry_<random>, dropped).
 */

const dirs: string[] = [];
const mongoUri = process.env.MONGODB_URI;
const mongoDbName = `hub_registry_${randomUUID().slice(0, 8)}`;

interface Target {
  name: string;
  /** Two handles on the same stored registry (as two gateway instances would have). */
  open(): Promise<[RegistryStore, RegistryStore]>;
}

const targets: Target[] = [
  {
    name: 'file',
    open: async () => {
      const dir = await tempDataDir();
      dirs.push(dir);
      return [new FileRegistryStore(dir), new FileRegistryStore(dir)];
    },
  },
  {
    name: 'embedded collection',
    open: async () => {
      const db = createEmbeddedDatabase();
      return [CollectionRegistryStore.on(db), CollectionRegistryStore.on(db)];
    },
  },
];
if (mongoUri) {
  targets.push({
    name: 'mongodb',
    open: async () => {
      const collection = `registry_${randomUUID().slice(0, 8)}`;
      const [a, b] = await Promise.all([openMongoDatabase({ uri: mongoUri, dbName: mongoDbName }), openMongoDatabase({ uri: mongoUri, dbName: mongoDbName })]);
      return [new CollectionRegistryStore(a.collection(collection), () => a.close(), 'mongodb'), new CollectionRegistryStore(b.collection(collection), () => b.close(), 'mongodb')];
    },
  });
}

afterAll(async () => {
  await Promise.all(dirs.map((d) => removeDir(d)));
  if (mongoUri) {
    const { MongoClient } = await import('mongodb');
    const client = await MongoClient.connect(mongoUri);
    await client.db(mongoDbName).dropDatabase();
    await client.close();
  }
});

const partner = (name: string, at: Date) => ({
  name,
  url: `http://127.0.0.1:4100/graphql`,
  ownerRegion: '460000',
  addedBy: 'hainan-admin',
  addedAt: at,
  updatedBy: 'hainan-admin',
  updatedAt: at,
  sdl: 'type Query { hainanX: Int }',
});

describe.each(targets)('registry store contract on $name', ({ open }) => {
  it('starts empty, writes by compare-and-swap, and reads back from another handle', async () => {
    const [a, b] = await open();
    expect(await a.load()).toEqual(EMPTY_STATE);
    expect(await a.revision()).toBe(0);
    const at = new Date('2026-03-01T08:00:00.000Z');
    const first: RegistryState = {
      revision: 1,
      partners: [partner('hainan', at)],
      supergraph: { hash: 'a'.repeat(64), supergraphSdl: 'schema { query: Query }', apiSdl: 'type Query { x: Int }', composedAt: at },
    };
    expect(await a.save(first, 0)).toBe(true);
    expect(await b.revision()).toBe(1);
    expect(await b.load()).toEqual(first);

    // b writes revision 2; a, still believing revision 1 is current, loses and is told so.
    const second: RegistryState = { ...first, revision: 2, partners: [] };
    expect(await b.save(second, 1)).toBe(true);
    expect(await a.save({ ...first, revision: 2, partners: [partner('sanya', at)] }, 1)).toBe(false);
    expect(await a.load()).toEqual(second);
    // Two first writers: only one wins.
    const [c, d] = await open();
    const results = await Promise.all([c.save({ ...first }, 0), d.save({ ...first, partners: [] }, 0)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await Promise.all([a.close(), b.close(), c.close(), d.close()]);
  });

  it('refuses a write that skips a revision', async () => {
    const [a] = await open();
    await expect(a.save({ ...EMPTY_STATE, revision: 3 }, 0)).rejects.toThrow(/out of sequence/);
    await a.close();
  });
});

describe('the file registry', () => {
  it('is written atomically: a complete JSON file, no temporary files left, readable only by its owner', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const store = new FileRegistryStore(dir);
    const at = new Date();
    for (let revision = 1; revision <= 5; revision++) {
      expect(await store.save({ revision, partners: [partner(`p${revision}x`, at)], supergraph: null }, revision - 1)).toBe(true);
    }
    expect(await readdir(dir)).toEqual(['registry.json']);
    const parsed = JSON.parse(await readFile(join(dir, 'registry.json'), 'utf8')) as RegistryState;
    expect(parsed.revision).toBe(5);
    expect((await stat(join(dir, 'registry.json'))).mode & 0o077).toBe(0);
  });

  it('names the file when it is not a registry', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    await writeFile(join(dir, 'registry.json'), '{"revision": "x"}');
    await expect(new FileRegistryStore(dir).load()).rejects.toThrow(/registry\.json is not a registry file/);
  });
});
