import { join } from 'node:path';
import type { Document } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * The embedded store keeps one copy of each repeated string of its documents (store/intern.ts),
 * learning per field path which strings repeat and giving up on a path once it has seen more
 * than 4,096 distinct ones. Sharing a string changes no value: every document reads back exactly
 * as written, after inserts, updates, replacements and a durable reopen, on paths that repeat and
 * on paths that stop being shared half-way (6,000 distinct names).
 */
const SECTORS = ['AGRICULTURE', 'INDUSTRY', 'SERVICES'];

interface Talent extends Document {
  _id: string;
}

function talent(i: number): Talent {
  return {
    _id: `T-${String(i).padStart(6, '0')}`,
    name: `name ${i} 张${i}`,
    sector: SECTORS[i % 3],
    skills: [SECTORS[(i + 1) % 3], `skill ${i % 7}`, `unique ${i}`],
    consent: { purposes: ['A', 'B'].slice(0, 1 + (i % 2)), at: new Date(1_700_000_000_000 + i) },
    history: [{ region: i % 2 ? '510000' : '500000', note: `n${i}` }],
    score: i / 7,
  };
}

const all = async (db: ReturnType<typeof createEmbeddedDatabase>) =>
  db
    .collection<Talent>('talents')
    .find({}, { sort: { _id: 1 } })
    .toArray();

describe('embedded store: shared strings', () => {
  const temp = tempDirs();
  afterAll(() => temp.remove());

  it('reads every document back as written, through inserts, updates and a durable reopen', async () => {
    const file = join(temp.make('hub-intern-'), 'intern.sqlite');
    const db = createEmbeddedDatabase({ file });
    const talents = db.collection<Talent>('talents');
    const expected = Array.from({ length: 6000 }, (_, i) => talent(i));
    for (let i = 0; i < expected.length; i += 1000) await talents.bulkWrite(expected.slice(i, i + 1000).map((document) => ({ insertOne: { document } })));
    expect(await all(db)).toEqual(expected);

    // Updates bring strings seen before and new ones, on shared paths and given-up ones.
    for (let i = 0; i < 6000; i += 97) {
      const set = { sector: SECTORS[(i + 2) % 3], name: `renamed ${i}`, 'consent.purposes': ['B', `new ${i}`] };
      await talents.updateOne({ _id: expected[i]!._id }, { $set: set });
      expected[i] = { ...expected[i]!, sector: set.sector, name: set.name, consent: { ...expected[i]!.consent, purposes: set['consent.purposes'] } };
    }
    await talents.insertOne({ _id: 'T-999999', sector: 'INDUSTRY', skills: ['INDUSTRY', 'INDUSTRY'] });
    expected.push({ _id: 'T-999999', sector: 'INDUSTRY', skills: ['INDUSTRY', 'INDUSTRY'] });
    expect(await all(db)).toEqual(expected);
    expect(await talents.countDocuments({ sector: 'INDUSTRY' })).toBe(expected.filter((t) => t.sector === 'INDUSTRY').length);

    // A caller changing what it read changes nothing stored.
    const [first] = await talents.find({ _id: 'T-000000' }).toArray();
    first!.sector = 'CHANGED';
    (first!.skills as string[])[0] = 'CHANGED';
    expect((await talents.find({ _id: 'T-000000' }).toArray())[0]).toEqual(expected[0]);

    await db.close();
    const reopened = createEmbeddedDatabase({ file });
    expect(await all(reopened)).toEqual(expected);
    await reopened.close();
  });
  it("keeps an update's values as the store's own: a caller changing what it pushed changes nothing stored", async () => {
    const db = createEmbeddedDatabase();
    const c = db.collection<Talent>('talents');
    await c.insertOne({ _id: 'S-0', history: [] } as Talent);
    await c.insertOne({ _id: 'S-1', history: [] } as Talent);
    const pushed = { region: '500000', at: new Date(1_800_000_000_000), tags: ['z'] };
    await c.updateOne({ _id: 'S-0' }, { $push: { history: pushed } } as Document);
    await c.updateOne({ _id: 'S-1' }, { $push: { history: pushed } } as Document);
    pushed.tags.push('CHANGED');
    pushed.region = 'CHANGED';
    pushed.at.setTime(0);
    const again = await c.find({ _id: { $in: ['S-0', 'S-1'] } }, { sort: { _id: 1 } }).toArray();
    expect(again).toHaveLength(2);
    for (const doc of again) expect(doc.history).toEqual([{ region: '500000', at: new Date(1_800_000_000_000), tags: ['z'] }]);
    await db.close();
  });
});
