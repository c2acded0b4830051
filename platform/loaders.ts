import DataLoader from 'dataloader';
import type { PageRequest } from './connection.ts';

/**
 * A loader of entities by key: one store call per batch (the batch function makes one `$in`
 * query), values returned in key order with `null` for a missing key.
 */
export function byKeyLoader<T>(fetch: (keys: readonly string[]) => Promise<T[]>, keyOf: (value: T) => string) {
  return new DataLoader<string, T | null>(async (keys) => {
    const found = new Map((await fetch(keys)).map((value) => [keyOf(value), value]));
    return keys.map((key) => found.get(key) ?? null);
  });
}

/**
 * A loader of one-to-many lists by parent key: one store call per batch, each key gets the
 * values whose `groupsOf(value)` include it (in the order the store returned them).
 */
export function groupLoader<T>(fetch: (keys: readonly string[]) => Promise<T[]>, groupsOf: (value: T) => string | readonly string[]) {
  return new DataLoader<string, T[]>(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const value of await fetch(keys)) {
      const of = groupsOf(value);
      for (const key of typeof of === 'string' ? [of] : of) groups.get(key)?.push(value);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The part of a page request that decides its rows: pages asked with the same one share a store call. */
function pageKey(page: PageRequest): string {
  return `${page.first}|${page.afterKey ?? ''}`;
}

/**
 * A loader of one page of children per parent (a pool's members, a programme's awards), keyed by
 * `{ [parent]: id, page }`: the page (first/after) is part of the key, a batch groups its keys by
 * page, and each distinct page costs one store call (`fetch`, e.g. a `$facet` per parent) for all
 * the parents that ask for it. A parent `fetch` leaves out gets an empty page.
 */
export function pagedGroupLoader<P extends string, T>(parent: P, fetch: (parentIds: string[], page: PageRequest) => Promise<Map<string, T[]>>) {
  type Key = Record<P, string> & { page: PageRequest };
  return new DataLoader<Key, T[], string>(
    async (keys) => {
      const byPage = new Map<string, { page: PageRequest; parentIds: string[] }>();
      for (const key of keys) {
        const k = pageKey(key.page);
        const entry = byPage.get(k) ?? { page: key.page, parentIds: [] };
        entry.parentIds.push(key[parent]);
        byPage.set(k, entry);
      }
      const results = new Map<string, Map<string, T[]>>();
      await Promise.all([...byPage].map(async ([k, { page, parentIds }]) => results.set(k, await fetch(parentIds, page))));
      return keys.map((key) => results.get(pageKey(key.page))?.get(key[parent]) ?? []);
    },
    { cacheKeyFn: (key) => `${key[parent]}|${pageKey(key.page)}` },
  );
}
