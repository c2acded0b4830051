import DataLoader from 'dataloader';

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
