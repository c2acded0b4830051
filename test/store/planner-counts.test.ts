import type { Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { CountCache } from '../../store/count-cache.ts';
import { candidateIds, countCacheKey, countFromEntrySizes, countFromIndexes, type IndexedCollection } from '../../store/planner.ts';
import { byId, c, mingoIds, sorted, withRegion, withTag } from './planner-fixture.ts';

/**
 * The embedded store's planner counting from the indexes (`planner-fixture.ts`'s documents): which
 * filters it counts without evaluating a document, which it counts from entry sizes alone, and the
 * kept counts' keys and guards. Each count must be what mingo counts over every document.
 */

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
