import { Query } from 'mingo';
import type { Document, FindOptions } from 'mongodb';
import type { Index, SortedIds } from './indexes.ts';
import { type IndexedCollection, planFilter } from './planner.ts';
import { planScan, sortDocuments } from './scan.ts';

/**
 * How the embedded collection (`embedded.ts`) reads its documents: the view of its indexes the
 * planner is given, and the documents a filter matches, visited in the order the plan says.
 */

/** A collection's indexes and ids as the planner reads them. */
export function plannerView(docs: Map<string, Document>, indexes: Map<string, Index>, order: SortedIds): IndexedCollection {
  return {
    get size() {
      return docs.size;
    },
    has: (id) => docs.has(id),
    index: (field) => indexes.get(field),
    sortedIds: () => order.get(() => docs.keys()),
  };
}

/** The documents with these ids (those still held), or every document when `candidates` is null. */
export function* scanDocuments(docs: Map<string, Document>, candidates: Iterable<string> | null): Iterable<Document> {
  if (candidates) {
    for (const id of candidates) {
      const doc = docs.get(id);
      if (doc) yield doc;
    }
  } else yield* docs.values();
}

/**
 * The documents a filter matches, as the planner orders them: a covered filter is decided by
 * index membership alone, any other is evaluated by mingo on the plan's candidates only.
 */
export function findDocuments(view: IndexedCollection, docs: Map<string, Document>, filter: Document, options: FindOptions): Document[] {
  const plan = planFilter(view, filter);
  const query = plan.matches ? null : new Query(filter);
  const accepts = (id: string, doc: Document) => (plan.matches ? plan.matches(id) : query!.test(doc));
  const scan = planScan(view, filter, plan, options);
  if (!scan.ordered) {
    const matched: Document[] = [];
    for (const doc of scanDocuments(docs, scan.ids)) if (accepts(doc._id as string, doc)) matched.push(doc);
    sortDocuments(matched, scan.sort);
    return matched.slice(scan.skip, scan.limit === Infinity ? undefined : scan.skip + scan.limit);
  }
  const out: Document[] = [];
  let skipped = 0;
  for (const id of scan.ids) {
    const doc = docs.get(id);
    if (!doc || !accepts(id, doc)) continue;
    if (skipped < scan.skip) {
      skipped++;
      continue;
    }
    out.push(doc);
    if (out.length >= scan.limit) break;
  }
  return out;
}
