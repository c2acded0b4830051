import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../data/generate.ts';
import { ExpertsStore } from '../../subgraphs/experts/store.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { META_COLLECTION, resetDatabase, SEED_DATASET, seedOnce } from '../../store/seed-once.ts';
import type { DatabasePort } from '../../store/port.ts';
import type { TalentDoc } from '../../subgraphs/experts/model.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * Seeding never overwrites users' data: a store is seeded once, when it is empty; later starts
 * leave users' changes and additions alone; an interrupted seed is finished; a reset starts over.
 */
const dataset = generateDataset({ talents: 40, seed: 7 });
const version = { dataset: SEED_DATASET, talents: 40, seed: 7 };

async function openExperts(file: string): Promise<{ db: DatabasePort; store: ExpertsStore }> {
  const db = createEmbeddedDatabase({ file });
  return { db, store: await ExpertsStore.open(db) };
}

describe('seed once', () => {
  const temp = tempDirs();
  afterAll(() => temp.remove());

  it('seeds an empty store once and never again, keeping what users changed and added', async () => {
    const file = join(temp.make('hub-seed-'), 'experts.sqlite');
    let { db, store } = await openExperts(file);
    expect(await seedOnce(db, version, () => store.seed(dataset.experts))).toBe('seeded');
    const first = dataset.experts.talents[0]!;
    await db.collection<TalentDoc>('talents').updateOne({ _id: first._id }, { $set: { title: '用户改过的职称' } });
    await db.collection<TalentDoc>('talents').insertOne({ ...dataset.experts.talents[1]!, _id: 'T900001', name: '用户新增' });
    await db.close();

    ({ db, store } = await openExperts(file));
    expect(await seedOnce(db, version, () => store.seed(dataset.experts))).toBe('already-seeded');
    const [kept] = await db.collection<TalentDoc>('talents').find({ _id: first._id }).toArray();
    expect(kept?.title).toBe('用户改过的职称');
    expect(await db.collection<TalentDoc>('talents').countDocuments({})).toBe(41);
    const [record] = await db.collection<{ _id: string; state: string; at: Date }>(META_COLLECTION).find({ _id: 'seed' }).toArray();
    expect(record).toMatchObject({ state: 'done', dataset: SEED_DATASET, talents: 40, seed: 7 });
    expect(record?.at).toBeInstanceOf(Date);
    await db.close();
  });

  it('leaves a store that holds data it did not seed (an import) alone', async () => {
    const db = createEmbeddedDatabase();
    const store = await ExpertsStore.open(db);
    await db.collection<TalentDoc>('talents').insertOne({ ...dataset.experts.talents[0]!, title: '导入的' });
    let ran = false;
    expect(await seedOnce(db, version, async () => void (ran = true))).toBe('not-empty');
    expect(ran).toBe(false);
    expect(await store.countTalents({})).toBe(1);
  });

  it('finishes a seed that was interrupted before it was recorded as done', async () => {
    const db = createEmbeddedDatabase();
    const store = await ExpertsStore.open(db);
    await expect(
      seedOnce(db, version, async () => {
        await store.seed({ ...dataset.experts, talents: dataset.experts.talents.slice(0, 5) });
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await seedOnce(db, version, () => store.seed(dataset.experts))).toBe('seeded');
    expect(await store.countTalents({})).toBe(40);
  });

  it('starts over after a reset', async () => {
    const db = createEmbeddedDatabase();
    const store = await ExpertsStore.open(db);
    await seedOnce(db, version, () => store.seed(dataset.experts));
    await db.collection<TalentDoc>('talents').updateOne({ _id: dataset.experts.talents[0]!._id }, { $set: { title: 'changed' } });
    await resetDatabase(db);
    expect(await db.listCollections()).toEqual([]);
    expect(await seedOnce(db, version, () => store.seed(dataset.experts))).toBe('seeded');
    const [again] = await db.collection<TalentDoc>('talents').find({ _id: dataset.experts.talents[0]!._id }).toArray();
    expect(again?.title).toBe(dataset.experts.talents[0]!.title);
  });
});
