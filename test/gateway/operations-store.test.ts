import { buildSchema } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { TrustedDocuments } from '../../gateway/operations/trusted.ts';
import { documentIdOf, type OperationsState } from '../../gateway/operations/model.ts';
import { CollectionOperationsStore, FileOperationsStore, type OperationsStore } from '../../gateway/operations/store.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { removeDir, tempDataDir } from '../helpers/registry.ts';

/**
 * The trusted documents' stores keep to one contract: load what was saved, and a save based on a
 * stale revision loses (another writer won) and changes nothing. The collection store runs on the
 * embedded store here, as the registry's does; on MongoDB it is the same code through the driver.
 */

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => removeDir(d)));
});

const state = (revision: number, names: string[]): OperationsState => ({
  revision,
  documents: names.map((name) => {
    const text = `query ${name} { __typename }`;
    return { id: documentIdOf(text), client: 'c', name, text, registeredAt: new Date('2026-12-01T00:00:00Z'), registeredBy: 'c' };
  }),
});

const stores: [string, () => Promise<OperationsStore>][] = [
  [
    'file',
    async () => {
      const dir = await tempDataDir();
      dirs.push(dir);
      return new FileOperationsStore(dir);
    },
  ],
  ['collection', async () => CollectionOperationsStore.on(createEmbeddedDatabase(), { closeDatabase: true })],
];

describe.each(stores)('%s operations store', (_kind, open) => {
  it('starts empty, loads what it saved, and refuses a save based on a stale revision', async () => {
    const store = await open();
    expect(await store.load()).toEqual({ revision: 0, documents: [] });
    expect(await store.save(state(1, ['A']), 0)).toBe(true);
    expect(await store.save(state(1, ['B']), 0)).toBe(false);
    expect(await store.save(state(2, ['A', 'B']), 1)).toBe(true);
    expect(await store.save(state(2, ['C']), 1)).toBe(false);
    expect(await store.revision()).toBe(2);
    expect(await store.load()).toEqual(state(2, ['A', 'B']));
    await store.close();
  });
});

describe('two gateway instances over one store', () => {
  it('each sees what the other registered once it refreshes, and concurrent publishes both land', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const schema = buildSchema('type Query { a: Int b: Int }');
    const [one, two] = await Promise.all([TrustedDocuments.open(new FileOperationsStore(dir)), TrustedDocuments.open(new FileOperationsStore(dir))]);
    one.schemaChanged(schema);
    two.schemaChanged(schema);
    const a = 'query A { a }';
    const b = 'query B { b }';
    // Both start from revision 0: one of the two writes loses the compare-and-swap and is redone on the newer state.
    await Promise.all([
      one.publish({ client: 'c', documents: [{ id: documentIdOf(a), text: a }] }, 'c'),
      two.publish({ client: 'c', documents: [{ id: documentIdOf(b), text: b }] }, 'c'),
    ]);
    await one.refresh();
    await two.refresh();
    for (const instance of [one, two]) expect(instance.list('c').map((d) => d.name)).toEqual(['A', 'B']);
    expect(two.lookup('c', documentIdOf(a))?.text).toBe(a);
    await Promise.all([one.close(), two.close()]);
  });
});
