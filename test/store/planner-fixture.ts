import { Query } from 'mingo';
import type { Document } from 'mongodb';
import { type Index, indexDocument, newIndex, SortedIds } from '../../store/indexes.ts';
import type { IndexedCollection } from '../../store/planner.ts';

/**
 * The documents and index structures the planner's tests (`planner.test.ts`, `planner-counts.test.ts`)
 * run on, and what mingo makes of a filter over them.
 */
export type Doc = {
  _id: string;
  region: string;
  tags: string[];
  n: number;
};

const REGIONS = ['510000', '500000', '530000', '540000', '520000', '610000', '620000', '630000', '640000', '650000'];
// Ids inserted out of order, so the sorted id list is really sorted by the structure, not by the input.
export const DOCS: Doc[] = Array.from({ length: 200 }, (_, i) => {
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

export const c = collectionOf(DOCS, ['region', 'tags']);
export const byId = new Map(DOCS.map((d) => [d._id, d]));

/** The ids mingo matches over every document. */
export function mingoIds(filter: Document, docs: readonly Doc[] = DOCS): string[] {
  return new Query(filter)
    .find<Doc>([...docs])
    .all()
    .map((d) => d._id)
    .sort();
}

export const withRegion = (region: string) =>
  DOCS.filter((d) => d.region === region)
    .map((d) => d._id)
    .sort();
export const withTag = (tag: string) =>
  DOCS.filter((d) => d.tags.includes(tag))
    .map((d) => d._id)
    .sort();
export const sorted = (ids: Iterable<string> | null) => (ids ? [...ids].sort() : null);
