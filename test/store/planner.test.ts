import { Query } from 'mingo';
import type { Document, FindOptions } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { type FilterPlan, planFilter } from '../../store/planner.ts';
import { planScan, sortDocuments } from '../../store/scan.ts';
import { byId, c, DOCS, type Doc, mingoIds, sorted, withRegion, withTag } from './planner-fixture.ts';

/**
 * The embedded store's query planner, on index structures built over a fixed set of documents:
 * for each kind of filter, which index the plan uses and exactly which ids it proposes (so a test
 * fails when the planner starts scanning), and that running the plan gives what mingo gives
 * over every document.
 */

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
