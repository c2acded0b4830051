import type { Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { PageRequest } from '../../platform/connection.ts';
import { byKeyLoader, groupLoader, pagedGroupLoader } from '../../platform/loaders.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { recordCalls } from '../../store/port.ts';

/**
 * The generic DataLoaders, over a real embedded collection wrapped to record every store call:
 * however many keys a request asks for in one tick, each loader makes one call per batch (the
 * paged loader one per distinct page), and every key gets its own answer.
 */
type Item = { _id: string; parent: string };

async function fixture() {
  const calls: { method: string; args: unknown[] }[] = [];
  const db = recordCalls(createEmbeddedDatabase(), (call, args) => calls.push({ method: call.method, args }));
  const items = db.collection<Item>('items');
  await items.createIndex({ parent: 1 });
  const docs = ['A', 'B', 'C'].flatMap((parent) => Array.from({ length: 5 }, (_, i) => ({ _id: `${parent}${i}`, parent })));
  await items.bulkWrite(docs.map((document) => ({ insertOne: { document } })));
  calls.length = 0;
  /** One `$facet` per parent, as the stores' member and award pages are made. */
  const pages = async (parentIds: string[], page: PageRequest) => {
    const facets: Record<string, Document[]> = {};
    parentIds.forEach((id, i) => {
      const match: Document = { parent: id };
      if (page.afterKey) match._id = { $gt: page.afterKey };
      facets[`p${i}`] = [{ $match: match }, { $sort: { _id: 1 } }, { $limit: page.first }];
    });
    const [result] = await items.aggregate<Record<string, Item[]>>([{ $match: { parent: { $in: parentIds } } }, { $facet: facets }]).toArray();
    return new Map(parentIds.map((id, i) => [id, result?.[`p${i}`] ?? []]));
  };
  return { calls, items, pages };
}

const ids = (rows: Item[] | null | undefined) => (rows ?? []).map((r) => r._id);

describe('pagedGroupLoader', () => {
  it('makes one store call per distinct page for every parent that asks for it, in one batch', async () => {
    const { calls, pages } = await fixture();
    const loader = pagedGroupLoader('parentId', pages);
    const first2 = { first: 2, afterKey: null };
    const after = { first: 2, afterKey: 'A1' };
    const [a, b, c, missing, aAfter, aAgain] = await Promise.all([
      loader.load({ parentId: 'A', page: first2 }),
      loader.load({ parentId: 'B', page: first2 }),
      loader.load({ parentId: 'C', page: { first: 2, afterKey: null } }),
      loader.load({ parentId: 'Z', page: first2 }),
      loader.load({ parentId: 'A', page: after }),
      loader.load({ parentId: 'A', page: first2 }),
    ]);
    expect([ids(a), ids(b), ids(c), ids(missing), ids(aAfter), ids(aAgain)]).toEqual([['A0', 'A1'], ['B0', 'B1'], ['C0', 'C1'], [], ['A2', 'A3'], ['A0', 'A1']]);
    // Two distinct pages: two aggregations, the first for A, B, C and Z together.
    expect(calls.map((call) => call.method)).toEqual(['aggregate', 'aggregate']);
    expect(calls[0]!.args[0]).toContainEqual({ $match: { parent: { $in: ['A', 'B', 'C', 'Z'] } } });
    expect(calls[1]!.args[0]).toContainEqual({ $match: { parent: { $in: ['A'] } } });
    // Cached per request: asking again costs nothing.
    expect(ids(await loader.load({ parentId: 'B', page: first2 }))).toEqual(['B0', 'B1']);
    expect(calls).toHaveLength(2);
  });
});

describe('byKeyLoader and groupLoader', () => {
  it('answer a batch of keys with one $in query each, null or empty for a missing key', async () => {
    const { calls, items } = await fixture();
    const byId = byKeyLoader(
      (keys) => items.find({ _id: { $in: [...keys] } }).toArray(),
      (item) => item._id,
    );
    const byParent = groupLoader(
      (keys) => items.find({ parent: { $in: [...keys] } }, { sort: { _id: 1 } }).toArray(),
      (item) => item.parent,
    );
    const [one, none, group, empty] = await Promise.all([byId.load('B3'), byId.load('nope'), byParent.load('C'), byParent.load('Z')]);
    expect(one).toEqual({ _id: 'B3', parent: 'B' });
    expect(none).toBeNull();
    expect(ids(group)).toEqual(['C0', 'C1', 'C2', 'C3', 'C4']);
    expect(empty).toEqual([]);
    expect(calls.map((call) => call.method)).toEqual(['find', 'find']);
  });
});
