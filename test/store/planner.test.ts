import { Query } from 'mingo';
import type { Document, FindOptions } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { type Index, indexDocument, newIndex, SortedIds } from '../../store/indexes.ts';
import { CountCache } from '../../store/count-cache.ts';
import {
  candidateIds,
  countCacheKey,
  countFromEntrySizes,
  countFromIndexes,
  type FilterPlan,
  type IndexedCollection,
  planFilter,
  planScan,
  sortDocuments,
} from '../../store/planner.ts';

/**
 * The embedded store's query planner, on index structures built over a fixed set of documents:
 * for each kind of filter, which index the plan uses and exactly which ids it proposes (so a test
 * fails when the planner starts scanning), and that running the plan gives what mingo gives
 * over every document.
 */
type Doc = {
  _id: string;
  region: string;
  tags: string[];
  n: number;
};

const REGIONS = ['510000', '500000', '530000', '540000', '520000', '610000', '620000', '630000', '640000', '650000'];
// Ids inserted out of order, so the sorted id list is really sorted by the structure, not by the input.
const DOCS: Doc[] = Array.from({ length: 200 }, (_, i) => {
  const k = (i * 37) % 200;
  return {
    _id: `T${String(k).padStart(4, '0')}`,
    region: REGIONS[k % REGIONS.length]!,
    tags: k % 4 === 0 ? ['agri', 'water'] : k % 4 === 1 ? ['industry'] : [],
    n: k,
  };
});

function collectionOf(docs: readonly Doc[], fields: readonly string[]): IndexedCollection {
  const ids = new Set(docs.map((d) => d._id));
  const indexes = new Map<string, Index>();
  for (const field of fields) {
    const index = newIndex(field, false);
    for (const doc of docs) indexDocument(index, doc._id, doc);
    indexes.set(field, index);
  }
  const order = new SortedIds();
  for (const doc of docs) order.add(doc._id);
  return {
    get size() {
      return ids.size;
    },
    has: (id) => ids.has(id),
    index: (field) => indexes.get(field),
    sortedIds: () => order.get(() => ids),
  };
}

const c = collectionOf(DOCS, ['region', 'tags']);
const byId = new Map(DOCS.map((d) => [d._id, d]));

/** The ids mingo matches over every document. */
function mingoIds(filter: Document, docs: readonly Doc[] = DOCS): string[] {
  return new Query(filter)
    .find<Doc>([...docs])
    .all()
    .map((d) => d._id)
    .sort();
}

/** Runs a filter plan as the collection does: the membership test when covered, mingo on the candidates otherwise. */
function run(filter: Document, plan: FilterPlan): { ids: string[]; evaluated: number } {
  const candidates = plan.candidates ? [...plan.candidates].map((id) => byId.get(id)!) : DOCS;
  if (plan.matches)
    return {
      ids: candidates
        .filter((d) => plan.matches!(d._id))
        .map((d) => d._id)
        .sort(),
      evaluated: 0,
    };
  return { ids: mingoIds(filter, candidates), evaluated: candidates.length };
}

/** Runs a read with options the way the collection does, counting the ids the walk visits. */
function read(filter: Document, options: FindOptions): { ids: string[]; visited: number } {
  const plan = planFilter(c, filter);
  const query = new Query(filter);
  const accepts = (id: string) => (plan.matches ? plan.matches(id) : query.test(byId.get(id)!));
  const scan = planScan(c, filter, plan, options);
  let visited = 0;
  if (!scan.ordered) {
    const matched = [...(scan.ids ?? byId.keys())]
      .filter((id) => {
        visited++;
        return accepts(id);
      })
      .map((id) => byId.get(id)!);
    const sorted = sortDocuments(matched, scan.sort).map((d) => d._id as string);
    return { ids: sorted.slice(scan.skip, scan.limit === Infinity ? undefined : scan.skip + scan.limit), visited };
  }
  const ids: string[] = [];
  let skipped = 0;
  for (const id of scan.ids) {
    visited++;
    if (!accepts(id)) continue;
    if (skipped++ < scan.skip) continue;
    ids.push(id);
    if (ids.length >= scan.limit) break;
  }
  return { ids, visited };
}

const withRegion = (region: string) =>
  DOCS.filter((d) => d.region === region)
    .map((d) => d._id)
    .sort();
const withTag = (tag: string) =>
  DOCS.filter((d) => d.tags.includes(tag))
    .map((d) => d._id)
    .sort();
const sorted = (ids: Iterable<string> | null) => (ids ? [...ids].sort() : null);

describe('planFilter', () => {
  it('answers an equality on an indexed field from that index alone', () => {
    const filter = { region: '510000' };
    const plan = planFilter(c, filter);
    expect(plan).toMatchObject({ covered: true, indexes: ['region'] });
    expect(sorted(plan.candidates)).toEqual(withRegion('510000'));
    expect(plan.candidates!.size).toBe(20);
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: 0 });
  });

  it('answers an equality on an array field from the multikey index', () => {
    const filter = { tags: 'water' };
    const plan = planFilter(c, filter);
    expect(plan).toMatchObject({ covered: true, indexes: ['tags'] });
    expect(sorted(plan.candidates)).toEqual(withTag('water'));
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: 0 });
  });

  it('answers $in with the union of the values', () => {
    const filter = { region: { $in: ['510000', '530000', 'nowhere'] } };
    const plan = planFilter(c, filter);
    expect(plan).toMatchObject({ covered: true, indexes: ['region'] });
    expect(sorted(plan.candidates)).toEqual([...withRegion('510000'), ...withRegion('530000')].sort());
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: 0 });
  });

  it('answers _id equality and $in from the ids the collection holds', () => {
    const filter = { _id: { $in: ['T0003', 'T0150', 'T9999'] } };
    const plan = planFilter(c, filter);
    expect(plan).toMatchObject({ covered: true, indexes: ['_id'] });
    expect(sorted(plan.candidates)).toEqual(['T0003', 'T0150']);
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: 0 });
    expect(sorted(planFilter(c, { _id: 'T0007' }).candidates)).toEqual(['T0007']);
  });

  it('drives a compound equality from its smallest indexed set and tests the rest by membership', () => {
    const filter = { region: '510000', tags: 'water' };
    const plan = planFilter(c, filter);
    // region 510000: 20 ids, tag water: 50 ids; the smaller one drives.
    expect(plan).toMatchObject({ covered: true, indexes: ['region'] });
    expect(plan.candidates!.size).toBe(20);
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: 0 });
    expect(mingoIds(filter).length).toBeGreaterThan(0);
  });

  it('intersects the indexed conditions of an $and and evaluates only those candidates', () => {
    const filter = { $and: [{ region: '510000' }, { tags: 'water' }, { n: { $gte: 100 } }] };
    const plan = planFilter(c, filter);
    expect(plan).toMatchObject({ covered: false, indexes: ['region', 'tags'], matches: null });
    const both = withRegion('510000').filter((id) => withTag('water').includes(id));
    expect(sorted(plan.candidates)).toEqual(both);
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: both.length });
  });

  it('scans every document for a filter on an unindexed field, and only then', () => {
    const filter = { n: { $lt: 10 } };
    const plan = planFilter(c, filter);
    expect(plan).toEqual({ covered: false, candidates: null, indexes: [], matches: null });
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: DOCS.length });
  });

  it('narrows an unindexed condition by an indexed one beside it', () => {
    const filter = { region: '540000', n: { $lt: 100 } };
    const plan = planFilter(c, filter);
    expect(plan).toMatchObject({ covered: false, indexes: ['region'] });
    expect(sorted(plan.candidates)).toEqual(withRegion('540000'));
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: 20 });
  });

  it('answers an $or whose every branch is indexed with the union of the branches', () => {
    const filter = { $or: [{ region: '510000' }, { tags: 'industry' }], n: { $gt: 20 } };
    const plan = planFilter(c, filter);
    expect(plan).toMatchObject({ covered: false, indexes: ['region', 'tags'] });
    const union = [...new Set([...withRegion('510000'), ...withTag('industry')])].sort();
    expect(sorted(plan.candidates)).toEqual(union);
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: union.length });
  });

  it('decides a covered $or by membership, evaluating no document', () => {
    const filter = { $or: [{ region: '510000' }, { tags: 'industry' }] };
    const plan = planFilter(c, filter);
    expect(plan.covered).toBe(true);
    expect(run(filter, plan)).toEqual({ ids: mingoIds(filter), evaluated: 0 });
  });

  it('scans when one branch of an $or is not indexed', () => {
    const filter = { $or: [{ region: '510000' }, { n: 3 }] };
    const plan = planFilter(c, filter);
    expect(plan).toEqual({ covered: false, candidates: null, indexes: [], matches: null });
    expect(run(filter, plan).ids).toEqual(mingoIds(filter));
  });
});

describe('planScan', () => {
  it('starts a keyset page at the _id bound and stops at the limit', () => {
    const filter = { region: '510000', _id: { $gt: 'T0100' } };
    const page = read(filter, { sort: { _id: 1 }, limit: 3 });
    expect(page.ids).toEqual(mingoIds(filter).slice(0, 3));
    // A few candidates (20 of 200) are sorted themselves; the walk begins after the bound: no id is visited in vain.
    expect(page.visited).toBe(3);
  });

  it('picks a large candidate set out of the sorted id list, from the bound, up to the limit', () => {
    const filter = { tags: { $in: ['agri', 'industry'] }, _id: { $gte: 'T0050' } };
    const page = read(filter, { sort: { _id: 1 }, limit: 5 });
    expect(page.ids).toEqual(mingoIds(filter).slice(0, 5));
    // 100 of 200 ids are candidates: the walk yields only members from T0050 on (T0052, T0053, T0056, ...) and stops at five.
    expect(page.visited).toBe(5);
  });

  it('walks an unindexed filter in _id order from the bound, stopping at the limit', () => {
    const filter = { n: { $gte: 0 }, _id: { $gt: 'T0190' } };
    const page = read(filter, { limit: 4 });
    expect(page.ids).toEqual(['T0191', 'T0192', 'T0193', 'T0194']);
    expect(page.visited).toBe(4);
  });

  it('walks backwards for a descending _id sort, with skip', () => {
    const filter = { region: '500000', _id: { $lt: 'T0150' } };
    const page = read(filter, { sort: { _id: -1 }, skip: 1, limit: 2 });
    expect(page.ids).toEqual(mingoIds(filter).reverse().slice(1, 3));
    expect(page.visited).toBe(3);
  });

  it('sorts by other fields after testing only the candidates', () => {
    const filter = { tags: 'industry' };
    const page = read(filter, { sort: { region: -1, _id: 1 }, limit: 4 });
    const expected = sortDocuments(
      DOCS.filter((d) => d.tags.includes('industry')),
      { region: -1, _id: 1 },
    ).map((d) => d._id);
    expect(page.ids).toEqual(expected.slice(0, 4));
    expect(page.visited).toBe(withTag('industry').length);
  });
});

describe('countFromIndexes', () => {
  const cases: [string, Document][] = [
    ['an indexed equality', { region: '510000' }],
    ['an indexed $in', { tags: { $in: ['agri', 'industry'] } }],
    ['a compound equality', { region: '520000', tags: 'agri' }],
    ['an $or of indexed equalities', { $or: [{ region: '510000' }, { tags: 'industry' }] }],
    ['an $or inside an $and', { $and: [{ $or: [{ region: '510000' }, { region: '610000' }] }, { $or: [{ tags: 'water' }] }] }],
    ['an $and of equalities', { $and: [{ region: '530000' }, { tags: 'agri' }] }],
    ['an indexed equality with an _id range', { region: '510000', _id: { $gt: 'T0100' } }],
  ];
  it.each(cases)('counts %s from the indexes, as mingo does', (_, filter) => {
    expect(countFromIndexes(c, filter)).toBe(mingoIds(filter).length);
  });

  it('counts the empty filter as the collection size', () => {
    expect(countFromIndexes(c, {})).toBe(200);
  });

  it('leaves to evaluation what the indexes cannot decide', () => {
    expect(countFromIndexes(c, { n: { $gt: 3 } })).toBeNull();
    expect(countFromIndexes(c, { region: '510000', n: { $gt: 3 } })).toBeNull();
    // An $and of equalities narrowed by an _id range: the candidate set's size would over-count.
    expect(countFromIndexes(c, { $and: [{ region: '510000' }], _id: { $gt: 'T0100' } })).toBeNull();
  });
});

describe('counting without walking ids', () => {
  /** The same indexes, with entries that refuse to be walked or probed: only their sizes can be read. */
  class SizeOnly extends Set<string> {
    override has(): boolean {
      throw new Error('probed');
    }
    override [Symbol.iterator](): SetIterator<string> {
      throw new Error('walked');
    }
  }
  const sizesOnly: IndexedCollection = {
    size: c.size,
    has: () => {
      throw new Error('probed an id');
    },
    sortedIds: () => {
      throw new Error('read the ids');
    },
    index: (field) => {
      const index = c.index(field);
      return index && { ...index, entries: new Map([...index.entries].map(([k, set]) => [k, new SizeOnly(set)])) };
    },
  };

  it.each<[string, Document]>([
    ['one value', { region: '510000' }],
    ['$eq', { region: { $eq: '620000' } }],
    ['$in with a duplicate and a value nobody has', { region: { $in: ['510000', '520000', '510000', '999999'] } }],
    ['one value of a multikey field', { tags: 'agri' }],
    ['null on a multikey field', { tags: null }],
  ])('counts %s from the entry sizes, as mingo does', (_, filter) => {
    expect(countFromEntrySizes(sizesOnly, filter)).toBe(mingoIds(filter).length);
    expect(countFromIndexes(c, filter)).toBe(mingoIds(filter).length);
  });

  it('walks the smallest part of a filter and probes the others: a $in over larger entries is never gathered', () => {
    const probeOnly = (field: string) => (f: string) => {
      const index = c.index(f);
      if (f !== field || !index) return index;
      class ProbeOnly extends Set<string> {
        override [Symbol.iterator](): SetIterator<string> {
          throw new Error(`walked ${f}`);
        }
      }
      return { ...index, entries: new Map([...index.entries].map(([k, set]) => [k, new ProbeOnly(set)])) };
    };
    const tagsProbed: IndexedCollection = { ...c, size: c.size, index: probeOnly('tags') };
    const filter = { region: '510000', tags: { $in: ['agri', 'industry'] }, n: { $gt: 3 } };
    const found = candidateIds(tagsProbed, filter);
    expect(sorted(found.ids)).toEqual(withRegion('510000').filter((id) => withTag('agri').includes(id) || withTag('industry').includes(id)));
    expect(found.indexes).toEqual(['region', 'tags']);
    expect(
      mingoIds(
        filter,
        [...found.ids!].map((id) => byId.get(id)!),
      ),
    ).toEqual(mingoIds(filter));
  });

  it('leaves $in over a field where a document holds two of the values to the ids, which count it once', () => {
    const filter = { tags: { $in: ['agri', 'water', 'industry'] } };
    expect(countFromEntrySizes(sizesOnly, filter)).toBeNull();
    expect(countFromIndexes(c, filter)).toBe(mingoIds(filter).length);
  });

  it('keeps compound counts only, under keys that tell dates, strings, undefined and NaN apart', () => {
    expect(countCacheKey(c, { region: '510000' })).toBeNull();
    expect(countCacheKey(c, { region: '510000', _id: { $gt: 'T0100' } })).toBeNull();
    expect(countCacheKey(c, { region: '510000', n: 3 })).toBeNull();
    const keys = [
      { region: '510000', tags: 'agri' },
      { region: new Date(0), tags: 'agri' },
      { region: '1970-01-01T00:00:00.000Z', tags: 'agri' },
      { region: undefined, tags: 'agri' },
      { region: null, tags: 'agri' },
      { region: Number.NaN, tags: 'agri' },
    ].map((f) => countCacheKey(c, f));
    expect(keys.every((k) => k !== null)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('maintains a kept count by testing only the documents that have one of its guard keys', () => {
    const cache = new CountCache(2);
    let tests = 0;
    const matches = new Set(['a', 'b']);
    const test = (id: string) => {
      tests++;
      return matches.has(id);
    };
    cache.set('k', 2, test, { field: 'region', keys: ['510000'] });
    expect(cache.get('k')).toBe(2);
    expect(tests).toBe(0);
    cache.adjust('z', () => ['620000'], 1);
    expect(tests).toBe(0);
    matches.add('c');
    cache.adjust('c', () => ['510000'], 1);
    expect(cache.get('k')).toBe(3);
    expect(tests).toBe(1);
    cache.adjust('c', () => ['510000', '510000'], -1);
    expect(cache.get('k')).toBe(2);
    expect(tests).toBe(2);
    // Full: the least recently asked count is dropped, and with it its guard.
    cache.set('u', 1, () => true, null);
    cache.set('v', 1, () => true, null);
    expect([cache.get('k'), cache.get('u'), cache.get('v'), cache.size]).toEqual([undefined, 1, 1, 2]);
    cache.adjust('a', () => ['510000'], 1);
    expect(tests).toBe(2);
  });
});

describe('the sorted ids of an index entry', () => {
  it('serve keyset pages of one value in _id order and follow inserts, deletes and updates', async () => {
    const { EmbeddedCollection } = await import('../../store/embedded.ts');
    const c = new EmbeddedCollection<Doc>('things');
    await c.createIndex({ region: 1 });
    for (const doc of DOCS) await c.insertOne({ ...doc, tags: [...doc.tags] });
    const all = new Map(DOCS.map((d) => [d._id, { ...d }]));
    const expectPages = async () => {
      for (const region of ['510000', '620000']) {
        for (const after of [undefined, 'T0050', 'T0199']) {
          const filter: Document = after ? { region, _id: { $gt: after } } : { region };
          const got = (await c.find(filter, { sort: { _id: 1 }, limit: 4 }).toArray()).map((d) => d._id);
          const want = new Query(filter)
            .find([...all.values()])
            .all()
            .map((d) => (d as Document)._id as string)
            .sort()
            .slice(0, 4);
          expect(got, JSON.stringify(filter)).toEqual(want);
        }
      }
    };
    await expectPages();
    // Ids before, between and after the kept ones; a move to another value; a delete.
    for (const id of ['T0000a', 'T0101a', 'T9999']) {
      await c.insertOne({ _id: id, region: '510000', tags: [], n: 0 });
      all.set(id, { _id: id, region: '510000', tags: [], n: 0 });
    }
    await c.updateOne({ _id: 'T0010' }, { $set: { region: '620000' } });
    all.set('T0010', { ...all.get('T0010')!, region: '620000' });
    await c.deleteOne({ _id: 'T0000a' });
    all.delete('T0000a');
    await c.deleteOne({ _id: 'T0060' });
    all.delete('T0060');
    await expectPages();
  });
});
