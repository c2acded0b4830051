import type { Key } from './indexes.ts';

/**
 * Counts of covered filters (`planner.ts`), kept and maintained as documents change, so a count
 * asked again (a list's `totalCount`, a dashboard's figure) costs a Map lookup however many
 * documents it counts. The first count of a filter walks the smallest index entry it names (the
 * planner's `countFromIndexes`); from then on every document that enters or leaves the indexes
 * is tested against the kept filters it could match, and their counts move by one. Exact, not
 * a cache that can go stale: a write, a failed write's rollback and a delete all pass through
 * `adjust`.
 *
 * Cost per document write: nothing while no count is kept (a seed, an import); otherwise a
 * lookup per guarded field and one membership test per kept filter the document could match.
 * At most `capacity` filters are kept, the least recently asked dropped first.
 */
export interface KeptCount {
  count: number;
  /** Whether the document with this id, as the indexes hold it now, matches the filter. */
  readonly test: (id: string) => boolean;
  /** A top-level equality the filter needs: documents without one of these keys are not tested. */
  readonly guard: { field: string; keys: readonly Key[] } | null;
}

export class CountCache {
  readonly #capacity: number;
  readonly #kept = new Map<string, KeptCount>();
  /** field → key → the kept counts guarded by it. */
  readonly #guarded = new Map<string, Map<Key, Set<KeptCount>>>();
  readonly #unguarded = new Set<KeptCount>();

  constructor(capacity = 256) {
    this.#capacity = capacity;
  }

  /** How many counts are kept. */
  get size(): number {
    return this.#kept.size;
  }

  /** The kept count of the filter with this key, or undefined. */
  get(key: string): number | undefined {
    const kept = this.#kept.get(key);
    if (!kept) return undefined;
    this.#kept.delete(key);
    this.#kept.set(key, kept);
    return kept.count;
  }

  /** Keeps a count just made from the indexes, dropping the least recently asked one if full. */
  set(key: string, count: number, test: (id: string) => boolean, guard: KeptCount['guard']): void {
    if (this.#kept.has(key)) return;
    if (this.#kept.size >= this.#capacity) {
      const [oldest] = this.#kept.keys();
      this.#drop(oldest!);
    }
    const kept: KeptCount = { count, test, guard };
    this.#kept.set(key, kept);
    if (!guard) {
      this.#unguarded.add(kept);
      return;
    }
    let byKey = this.#guarded.get(guard.field);
    if (!byKey) this.#guarded.set(guard.field, (byKey = new Map()));
    for (const k of guard.keys) {
      let set = byKey.get(k);
      if (!set) byKey.set(k, (set = new Set()));
      set.add(kept);
    }
  }

  /**
   * A document enters the indexes (+1, called after it is indexed) or leaves them (-1, called
   * before it is unindexed); `keysOf(field)` gives its keys in the index on `field`.
   */
  adjust(id: string, keysOf: (field: string) => readonly Key[], delta: 1 | -1): void {
    if (this.#kept.size === 0) return;
    for (const kept of this.#unguarded) if (kept.test(id)) kept.count += delta;
    for (const [field, byKey] of this.#guarded) {
      const keys = keysOf(field);
      if (keys.length === 1) {
        const set = byKey.get(keys[0]!);
        if (set) for (const kept of set) if (kept.test(id)) kept.count += delta;
        continue;
      }
      // A multikey document reaches a kept count through each of its keys: count it once.
      const seen = new Set<KeptCount>();
      for (const key of keys) {
        for (const kept of byKey.get(key) ?? []) {
          if (seen.has(kept)) continue;
          seen.add(kept);
          if (kept.test(id)) kept.count += delta;
        }
      }
    }
  }

  #drop(key: string): void {
    const kept = this.#kept.get(key);
    if (!kept) return;
    this.#kept.delete(key);
    this.#unguarded.delete(kept);
    if (!kept.guard) return;
    const byKey = this.#guarded.get(kept.guard.field)!;
    for (const k of kept.guard.keys) {
      const set = byKey.get(k);
      set?.delete(kept);
      if (set?.size === 0) byKey.delete(k);
    }
    if (byKey.size === 0) this.#guarded.delete(kept.guard.field);
  }
}
