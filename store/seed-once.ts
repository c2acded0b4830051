import type { DatabasePort } from './port.ts';

/**
 * Seeding that never overwrites users' data. A database records in its `hub_meta` collection
 * that it was seeded (and with what); a start seeds only a database that has no such record and
 * holds nothing else, so records users changed or added are never reverted or duplicated. The
 * record is written as `started` before the seed and `done` after it: a start that finds
 * `started` (the previous one died while seeding, before it served anything) seeds again, which
 * is safe because seeding upserts by id. `npm run seed -- --reset` empties the database first.
 */

/** The collection that holds the seed record (exported and imported with the data). */
export const META_COLLECTION = 'hub_meta';

/** The version of the generated seed data (`data/generate.ts`); bump it when the generator changes what it makes (2: talent ids name their province). */
export const SEED_DATASET = 'hub-seed/2';

/** What a seed was made of; `dataset` names the generator's version so a later one can tell. */
export interface SeedVersion {
  dataset: string;
  talents?: number;
  seed?: number;
}

interface SeedRecord extends SeedVersion {
  _id: 'seed';
  state: 'started' | 'done';
  at: Date;
}

/** What `seedOnce` did. */
export type SeedOutcome = 'seeded' | 'already-seeded' | 'not-empty';

/**
 * Runs `seed` when `db` has never been seeded and is empty (or a previous seed was interrupted);
 * otherwise leaves it alone. Resolves to what it did.
 */
export async function seedOnce(db: DatabasePort, version: SeedVersion, seed: () => Promise<void>): Promise<SeedOutcome> {
  const meta = db.collection<SeedRecord>(META_COLLECTION);
  const [record] = await meta.find({ _id: 'seed' }).toArray();
  if (record?.state === 'done') return 'already-seeded';
  if (!record) {
    const holding = (await db.listCollections()).filter((name) => name !== META_COLLECTION);
    for (const name of holding) {
      // Data without a seed record (imported, or written before seeding was recorded) is users' data.
      if ((await db.collection(name).countDocuments({})) > 0) return 'not-empty';
    }
  }
  await meta.updateOne({ _id: 'seed' }, { $set: { ...version, state: 'started', at: new Date() } }, { upsert: true });
  await seed();
  await meta.updateOne({ _id: 'seed' }, { $set: { state: 'done', at: new Date() } });
  return 'seeded';
}

/** Empties every collection of `db` (the seed record included), for `npm run seed -- --reset`. */
export async function resetDatabase(db: DatabasePort): Promise<void> {
  for (const name of await db.listCollections()) await db.collection(name).deleteMany({});
}
