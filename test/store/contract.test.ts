import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Query } from 'mingo';
import { type Document, MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { openMongoDatabase } from '../../store/mongo.ts';
import type { CollectionPort, DatabasePort } from '../../store/port.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * The store contract: the same filter, update and pipeline documents give the same answers on
 * the embedded store and on MongoDB. It always runs on the embedded store, in memory and durable
 * (test/store/durable.test.ts has the durability cases); set MONGODB_URI to
 * run it on a MongoDB server as well (a database named hub_contract_<random> is created and
 * dropped).
 */
interface Doc {
  _id: string;
  name: string;
  region: string;
  tags: string[];
  n: number;
  at?: Date;
}

const mongoUri = process.env.MONGODB_URI;
const mongoDbName = `hub_contract_${randomUUID().slice(0, 8)}`;
const temp = tempDirs();
const durable: DatabasePort[] = [];
function openDurable(): DatabasePort {
  const db = createEmbeddedDatabase({ file: join(temp.make('hub-contract-'), 'contract.sqlite') });
  durable.push(db);
  return db;
}
const targets: { name: string; open: () => Promise<DatabasePort> }[] = [
  { name: 'embedded (in memory)', open: async () => createEmbeddedDatabase() },
  // What `npm start` runs: every write goes to a SQLite file before it is acknowledged.
  { name: 'embedded (durable)', open: async () => openDurable() },
];
if (mongoUri) targets.push({ name: 'mongodb', open: () => openMongoDatabase({ uri: mongoUri, dbName: mongoDbName }) });

afterAll(async () => {
  await Promise.all(durable.splice(0).map((db) => db.close()));
  temp.remove();
});

afterAll(async () => {
  if (!mongoUri) return;
  const client = await MongoClient.connect(mongoUri);
  await client.db(mongoDbName).dropDatabase();
  await client.close();
});

const docs: Doc[] = Array.from({ length: 40 }, (_, i) => ({
  _id: `D${String(i).padStart(3, '0')}`,
  name: i % 5 === 0 ? `水稻专家${i}` : `Engineer ${i}`,
  region: i % 2 === 0 ? '510000' : '500000',
  tags: i % 3 === 0 ? ['agri', 'water'] : ['industry'],
  n: i,
  at: new Date(Date.UTC(2026, 0, 1 + i)),
}));

describe.each(targets)('store contract on $name', ({ open }) => {
  let counter = 0;
  async function fresh(): Promise<CollectionPort<Doc>> {
    const db = await open();
    const c = db.collection<Doc>(`contract_${counter++}_${randomUUID().slice(0, 6)}`);
    await c.createIndex({ region: 1 });
    await c.createIndex({ tags: 1 });
    await c.bulkWrite(docs.map((d) => ({ insertOne: { document: d } })));
    return c;
  }

  it('finds by _id with $in, returning only existing documents', async () => {
    const c = await fresh();
    const found = await c.find({ _id: { $in: ['D001', 'D039', 'NOPE'] } }).toArray();
    expect(found.map((d) => d._id).sort()).toEqual(['D001', 'D039']);
    expect(found.find((d) => d._id === 'D001')?.at).toEqual(new Date(Date.UTC(2026, 0, 2)));
  });

  it('matches array fields element-wise (multikey) and combines indexed and unindexed conditions', async () => {
    const c = await fresh();
    expect(await c.countDocuments({ tags: 'agri' })).toBe(14);
    expect(await c.countDocuments({ tags: { $in: ['agri', 'industry'] } })).toBe(40);
    expect(await c.countDocuments({ tags: 'agri', region: '510000' })).toBe(7);
    expect(await c.countDocuments({ tags: 'agri', n: { $gte: 30 } })).toBe(4);
    expect(await c.countDocuments({})).toBe(40);
  });

  it('pages in _id order with a keyset bound, ascending and descending', async () => {
    const c = await fresh();
    const page = await c.find({ region: '510000', _id: { $gt: 'D010' } }, { sort: { _id: 1 }, limit: 3 }).toArray();
    expect(page.map((d) => d._id)).toEqual(['D012', 'D014', 'D016']);
    const back = await c.find({ _id: { $lt: 'D005' } }, { sort: { _id: -1 }, limit: 2 }).toArray();
    expect(back.map((d) => d._id)).toEqual(['D004', 'D003']);
    const skipped = await c.find({}, { sort: { n: -1 }, skip: 1, limit: 2 }).toArray();
    expect(skipped.map((d) => d.n)).toEqual([38, 37]);
  });

  it('answers $or of indexed and unindexed branches, alone and combined with other conditions', async () => {
    const c = await fresh();
    const visible = { $or: [{ region: '500000' }, { tags: 'agri', $or: [{ n: { $lt: 10 } }, { n: { $gte: 30 } }] }] };
    const expected = docs.filter((d) => d.region === '500000' || (d.tags.includes('agri') && (d.n < 10 || d.n >= 30))).map((d) => d._id);
    expect(await c.countDocuments(visible)).toBe(expected.length);
    expect((await c.find(visible, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual(expected);
    const unindexed = { $or: [{ region: '500000' }, { n: 0 }] };
    expect(await c.countDocuments(unindexed)).toBe(21);
    const combined = { tags: 'industry', $and: [visible] };
    expect(await c.countDocuments(combined)).toBe(docs.filter((d) => d.tags.includes('industry') && expected.includes(d._id)).length);
    expect(await c.countDocuments({ _id: { $in: [] } })).toBe(0);
    // Nested $and/$or of indexed equalities only (answered from the indexes alone on the embedded store).
    const nested = { $and: [{ region: '510000' }, { $or: [{ tags: 'agri' }, { tags: { $in: ['water', 'none'] } }] }] };
    const nestedExpected = docs.filter((d) => d.region === '510000' && (d.tags.includes('agri') || d.tags.includes('water')));
    expect(await c.countDocuments(nested)).toBe(nestedExpected.length);
    expect((await c.find(nested, { sort: { _id: 1 }, limit: 3 }).toArray()).map((d) => d._id)).toEqual(nestedExpected.slice(0, 3).map((d) => d._id));
    const branches = {
      $or: [
        { region: '500000', tags: 'agri' },
        { tags: 'industry', region: '510000' },
      ],
    };
    expect(await c.countDocuments(branches)).toBe(
      docs.filter((d) => (d.region === '500000' && d.tags.includes('agri')) || (d.tags.includes('industry') && d.region === '510000')).length,
    );
    // Overlapping branches: an id matching both is counted once.
    const overlapping = { $or: [{ region: '510000' }, { tags: 'agri' }, { tags: 'water', region: '510000' }] };
    expect(await c.countDocuments(overlapping)).toBe(docs.filter((d) => d.region === '510000' || d.tags.includes('agri')).length);
  });

  it('evaluates case-insensitive regular expressions and $or', async () => {
    const c = await fresh();
    const found = await c.find({ $or: [{ name: { $regex: '水稻', $options: 'i' } }, { name: { $regex: 'ENGINEER 1$', $options: 'i' } }] }, { sort: { _id: 1 } }).toArray();
    expect(found.map((d) => d._id)).toEqual(['D000', 'D001', 'D005', 'D010', 'D015', 'D020', 'D025', 'D030', 'D035']);
  });

  it('runs the same aggregation pipelines ($match, $unwind, $group, $sort, $facet)', async () => {
    const c = await fresh();
    const grouped = await c
      .aggregate<{ _id: string; count: number; total: number }>([
        { $match: { region: { $in: ['510000', '500000'] } } },
        { $unwind: '$tags' },
        { $group: { _id: '$tags', count: { $sum: 1 }, total: { $sum: '$n' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(grouped).toEqual([
      { _id: 'agri', count: 14, total: 273 },
      { _id: 'industry', count: 26, total: 507 },
      { _id: 'water', count: 14, total: 273 },
    ]);
    const [facets] = await c
      .aggregate<{ a: Doc[]; b: Doc[] }>([
        { $match: { tags: 'agri' } },
        { $facet: { a: [{ $match: { region: '510000' } }, { $sort: { _id: 1 } }, { $limit: 2 }], b: [{ $sort: { _id: -1 } }, { $limit: 1 }] } },
      ])
      .toArray();
    expect(facets?.a.map((d) => d._id)).toEqual(['D000', 'D006']);
    expect(facets?.b.map((d) => d._id)).toEqual(['D039']);
  });

  it('updates with $set and $addToSet, re-indexing the changed fields', async () => {
    const c = await fresh();
    const r = await c.updateOne({ _id: 'D001' }, { $set: { region: '110000' }, $addToSet: { tags: 'agri' } });
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.countDocuments({ region: '110000' })).toBe(1);
    expect(await c.countDocuments({ tags: 'agri' })).toBe(15);
    const again = await c.updateOne({ _id: 'D001' }, { $addToSet: { tags: 'agri' } });
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    const missing = await c.updateOne({ _id: 'NOPE' }, { $set: { n: 1 } });
    expect(missing).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
  });

  it('upserts from the filter with $setOnInsert, and replaceOne upserts are idempotent', async () => {
    const c = await fresh();
    await c.updateOne({ _id: 'NEW' }, { $set: { name: 'x' }, $setOnInsert: { region: '120000', tags: [], n: -1 } }, { upsert: true });
    const [created] = await c.find({ _id: 'NEW' }).toArray();
    expect(created).toEqual({ _id: 'NEW', name: 'x', region: '120000', tags: [], n: -1 });
    const replacement: Doc = { _id: 'D002', name: 'replaced', region: '510000', tags: ['x'], n: 2 };
    const first = await c.bulkWrite([{ replaceOne: { filter: { _id: 'D002' }, replacement, upsert: true } }]);
    const second = await c.bulkWrite([{ replaceOne: { filter: { _id: 'D002' }, replacement, upsert: true } }]);
    expect(first).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
    expect(await c.countDocuments({})).toBe(41);
    expect(await c.countDocuments({ tags: 'x' })).toBe(1);
  });

  it('rejects a duplicate _id with the duplicate key code and changes nothing', async () => {
    const c = await fresh();
    await expect(c.insertOne({ _id: 'D003', name: 'dup', region: '110000', tags: [], n: 0 })).rejects.toMatchObject({ code: 11000 });
    const [kept] = await c.find({ _id: 'D003' }).toArray();
    expect(kept?.name).toBe('Engineer 3');
  });

  it('deletes one or many documents by filter and unindexes them', async () => {
    const c = await fresh();
    expect(await c.deleteOne({ region: '510000', tags: 'agri' })).toMatchObject({ deletedCount: 1 });
    expect(await c.find({ _id: 'D000' }).toArray()).toEqual([]);
    expect(await c.countDocuments({ tags: 'agri' })).toBe(13);
    expect(await c.deleteMany({ region: '500000', n: { $lt: 20 } })).toMatchObject({ deletedCount: 10 });
    expect(await c.countDocuments({ region: '500000' })).toBe(10);
    expect(await c.deleteMany({ _id: 'NOPE' })).toMatchObject({ deletedCount: 0 });
    expect(await c.deleteOne({ _id: 'NOPE' })).toMatchObject({ deletedCount: 0 });
    const page = await c.find({}, { sort: { _id: 1 }, limit: 3 }).toArray();
    expect(page.map((d) => d._id)).toEqual(['D002', 'D004', 'D006']);
    await c.insertOne({ _id: 'D000', name: 'back', region: '510000', tags: ['agri'], n: 0 });
    expect((await c.find({ tags: 'agri' }, { sort: { _id: 1 }, limit: 1 }).toArray())[0]?.name).toBe('back');
    expect(await c.deleteMany({})).toMatchObject({ deletedCount: 30 });
    expect(await c.countDocuments({})).toBe(0);
  });

  it('returns copies: changing a returned document does not change the store', async () => {
    const c = await fresh();
    const [doc] = await c.find({ _id: 'D004' }).toArray();
    doc!.tags.push('mutated');
    const [again] = await c.find({ _id: 'D004' }).toArray();
    expect(again?.tags).toEqual(['industry']);
  });

  /** Documents for the null, missing, empty-array and multikey cases of indexed equality and $in. */
  const EDGE: Document[] = [
    { _id: 'E1', region: '510000', tags: [] },
    { _id: 'E2', region: null, tags: [null] },
    { _id: 'E3', tags: ['agri', 'agri'] },
    { _id: 'E4', region: '500000', tags: null },
    { _id: 'E5', region: '510000', tags: ['agri', 'industry'] },
    { _id: 'E6', region: '500000' },
    { _id: 'E7', region: '510000', tags: 'agri' },
  ];
  async function edges(): Promise<CollectionPort<Document>> {
    const db = await open();
    const c = db.collection<Document>(`edges_${counter++}_${randomUUID().slice(0, 6)}`);
    await c.createIndex({ region: 1 });
    await c.createIndex({ tags: 1 });
    await c.bulkWrite(EDGE.map((d) => ({ insertOne: { document: d } })));
    return c;
  }

  it.each<[string, Document, string[]]>([
    ['null: missing, null and arrays holding null, never []', { tags: null }, ['E2', 'E4', 'E6']],
    ['$eq null on a scalar field', { region: { $eq: null } }, ['E2', 'E3']],
    ['$in with null', { region: { $in: [null, '500000'] } }, ['E2', 'E3', 'E4', 'E6']],
    ['$in with duplicates', { region: { $in: ['510000', '510000'] } }, ['E1', 'E5', 'E7']],
    ['$in over a multikey field: a document holding two of the values counts once', { tags: { $in: ['agri', 'industry'] } }, ['E3', 'E5', 'E7']],
    ['an array with a repeated value', { tags: 'agri' }, ['E3', 'E5', 'E7']],
    ['$eq together with $in: both must hold', { region: { $eq: '510000', $in: ['500000'] } }, []],
    ['a compound equality with null', { region: '500000', tags: null }, ['E4', 'E6']],
    ['$in beside $in with $nin (evaluated on the candidates)', { region: { $in: ['510000', '500000'] }, tags: { $in: ['agri', 'industry'], $nin: ['water'] } }, ['E5', 'E7']],
    ['an equality beside a multikey $in and an unindexed condition', { region: '510000', tags: { $in: ['agri', 'industry'] }, _id: { $ne: 'E5' } }, ['E7']],
    ['a compound $in', { region: { $in: ['510000', '500000'] }, tags: { $in: ['agri', null] } }, ['E4', 'E5', 'E6', 'E7']],
    [
      'an $or of compound equalities',
      {
        $or: [
          { region: '510000', tags: 'industry' },
          { region: null, tags: null },
        ],
      },
      ['E2', 'E5'],
    ],
  ])('finds and counts %s', async (_, filter, want) => {
    const c = await edges();
    for (let i = 0; i < 2; i++) expect(await c.countDocuments(filter)).toBe(want.length);
    expect((await c.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual(want);
    expect((await c.find(filter, { sort: { _id: -1 }, limit: 2 }).toArray()).map((d) => d._id)).toEqual([...want].reverse().slice(0, 2));
  });

  it('finds by _id $in with duplicates, missing ids and a sort by another field (ties in _id order)', async () => {
    const c = await fresh();
    const ids = ['D007', 'D002', 'D007', 'NOPE', 'D004', 'D011'];
    expect((await c.find({ _id: { $in: ids } }, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual(['D002', 'D004', 'D007', 'D011']);
    expect(await c.countDocuments({ _id: { $in: ids } })).toBe(4);
    expect((await c.find({ _id: { $in: ids } }, { sort: { region: 1, _id: 1 } }).toArray()).map((d) => d._id)).toEqual(['D007', 'D011', 'D002', 'D004']);
    expect((await c.find({ _id: { $in: ids }, region: '510000' }).toArray()).map((d) => d._id).sort()).toEqual(['D002', 'D004']);
  });

  it('counts a compound filter again after every kind of write, as the documents then are', async () => {
    const c = await fresh();
    const model = new Map(docs.map((d) => [d._id, { ...d, tags: [...d.tags] }]));
    const filters: Document[] = [
      { region: '510000', tags: 'agri' },
      { tags: { $in: ['agri', 'industry'] }, region: '500000' },
      { $or: [{ region: '510000', tags: 'water' }, { tags: 'new' }] },
      { $and: [{ region: '500000' }, { $or: [{ tags: 'industry' }, { tags: 'new' }] }] },
    ];
    const expectCounts = async (step: string) => {
      for (const filter of filters) {
        const want = [...model.values()].filter((d) => new Query(filter).test(d)).length;
        expect(await c.countDocuments(filter), `${step}: ${JSON.stringify(filter)}`).toBe(want);
      }
    };
    await expectCounts('fresh');
    await c.insertOne({ _id: 'X001', name: 'x', region: '510000', tags: ['agri', 'new'], n: 0 });
    model.set('X001', { _id: 'X001', name: 'x', region: '510000', tags: ['agri', 'new'], n: 0 });
    // Two values of the same kept $in: counted once.
    await c.insertOne({ _id: 'X003', name: 'x', region: '500000', tags: ['industry', 'agri'], n: 0 });
    model.set('X003', { _id: 'X003', name: 'x', region: '500000', tags: ['industry', 'agri'], n: 0 });
    await expectCounts('insert');
    await c.updateOne({ _id: 'D000' }, { $set: { region: '500000' } });
    model.get('D000')!.region = '500000';
    await c.updateOne({ _id: 'D001' }, { $addToSet: { tags: 'new' } });
    model.get('D001')!.tags.push('new');
    await expectCounts('update');
    await c.bulkWrite([{ replaceOne: { filter: { _id: 'D003' }, replacement: { name: 'r', region: '500000', tags: [], n: 3 } } }]);
    model.set('D003', { _id: 'D003', name: 'r', region: '500000', tags: [], n: 3 });
    await c.updateOne({ _id: 'X002' }, { $set: { region: '510000', tags: ['water'] } }, { upsert: true });
    model.set('X002', { _id: 'X002', region: '510000', tags: ['water'] } as Doc);
    await expectCounts('replace and upsert');
    await c.deleteOne({ _id: 'D006' });
    model.delete('D006');
    await c.deleteMany({ region: '500000', tags: 'industry' });
    for (const [id, d] of model) if (d.region === '500000' && d.tags.includes('industry')) model.delete(id);
    await expectCounts('delete');
    // A bulkWrite that fails half-way (a duplicate _id) changes nothing, counts included.
    await expect(
      c.bulkWrite([{ updateOne: { filter: { _id: 'D009' }, update: { $set: { tags: ['new'] } } } }, { insertOne: { document: { ...docs[12]!, _id: 'D012' } } }]),
    ).rejects.toMatchObject({ code: 11000 });
    // MongoDB keeps the writes before the failing one (the embedded store keeps none): follow either.
    const [d009] = await c.find({ _id: 'D009' }).toArray();
    if (d009?.tags.includes('new')) model.get('D009')!.tags = ['new'];
    await expectCounts('failed bulkWrite');
  });

  it('takes and gives copies of nested documents, arrays and dates, on every path', async () => {
    const c = await fresh();
    const nested = { _id: 'N001', name: 'nested', region: '510000', tags: ['a'], n: 1, at: new Date(Date.UTC(2026, 5, 1)), meta: { list: [{ k: 1 }], none: null } };
    await c.insertOne(nested);
    nested.meta.list[0]!.k = 99;
    nested.tags.push('changed after insert');
    nested.at.setUTCFullYear(2000);
    const want = { _id: 'N001', name: 'nested', region: '510000', tags: ['a'], n: 1, at: new Date(Date.UTC(2026, 5, 1)), meta: { list: [{ k: 1 }], none: null } };
    const [found] = await c.find({ _id: 'N001' }).toArray();
    expect(found).toEqual(want);
    expect(found?.at).toBeInstanceOf(Date);
    (found as unknown as typeof nested).meta.list[0]!.k = 7;
    found!.at!.setUTCFullYear(1999);
    const [aggregated] = await c.aggregate<typeof nested>([{ $match: { _id: 'N001' } }]).toArray();
    expect(aggregated).toEqual(want);
    aggregated!.meta.list.push({ k: 2 });
    await c.bulkWrite([{ replaceOne: { filter: { _id: 'N002' }, replacement: { ...want, _id: 'N002' } as Doc, upsert: true } }]);
    expect(await c.find({ _id: { $in: ['N001', 'N002'] } }, { sort: { _id: 1 } }).toArray()).toEqual([want, { ...want, _id: 'N002' }]);
  });
});
