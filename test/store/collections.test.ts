import { describe, expect, it } from 'vitest';
import { openCollection, SEED_BATCH, seedDocuments } from '../../store/collections.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { recordCalls } from '../../store/port.ts';

type Doc = { _id: string; code: string; n: number };

const docs = (count: number, n = 0): Doc[] => Array.from({ length: count }, (_, i) => ({ _id: `D${String(i).padStart(5, '0')}`, code: `C${i}`, n }));

describe('openCollection', () => {
  it('creates the declared indexes: a unique one refuses a duplicate', async () => {
    const db = createEmbeddedDatabase();
    const c = await openCollection<Doc>(db, 'things', [{ keys: { code: 1 }, unique: true }]);
    await c.insertOne({ _id: 'a', code: 'X', n: 1 });
    await expect(c.insertOne({ _id: 'b', code: 'X', n: 2 })).rejects.toMatchObject({ code: 11000 });
    expect(await c.countDocuments({})).toBe(1);
  });
});

describe('seedDocuments', () => {
  it('upserts by id in slices of SEED_BATCH: seeding again replaces, never duplicates', async () => {
    const calls: string[] = [];
    const db = recordCalls(createEmbeddedDatabase(), (call) => calls.push(`${call.collection}.${call.method}`));
    const c = await openCollection<Doc>(db, 'things');
    await seedDocuments(c, docs(SEED_BATCH + 1));
    expect(calls).toEqual(['things.bulkWrite', 'things.bulkWrite']);
    await seedDocuments(c, docs(3, 7));
    expect(await c.countDocuments({})).toBe(SEED_BATCH + 1);
    expect(await c.countDocuments({ n: 7 })).toBe(3);
    expect((await c.find({ _id: 'D00001' }).toArray())[0]).toEqual({ _id: 'D00001', code: 'C1', n: 7 });
  });

  it('makes no store call for no documents', async () => {
    const calls: string[] = [];
    const db = recordCalls(createEmbeddedDatabase(), (call) => calls.push(call.method));
    await seedDocuments(await openCollection<Doc>(db, 'things'), []);
    expect(calls).toEqual([]);
  });
});
