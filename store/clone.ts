import type { Document } from 'mongodb';

/**
 * Deep copies of stored documents, for what the embedded store's reads return: what a caller
 * gets is its own, as from MongoDB's driver, so changing it does not change the store.
 *
 * `structuredClone` serialises every string and allocates through the serializer: 20-45 µs per
 * talent document on this machine, most of the time of a 50-id lookup. Stored documents are
 * plain JSON-like trees (objects, arrays, strings, numbers, booleans, null, dates), which a plain
 * walk copies several times faster, sharing the immutable strings. Anything else (a Uint8Array,
 * a Map, a class instance) is handed to `structuredClone`, so the copy is what it was before.
 *
 * Writes still take their documents in with `structuredClone`: it leaves the store flat strings
 * of its own, where sharing the caller's (often concatenated: `T-${province}-${serial}`) made
 * every index lookup on those ids two to three times slower (measured at 100,000 talents).
 */
export function cloneDocument<D extends Document>(doc: D): D {
  return cloneValue(doc) as D;
}

function cloneValue(value: unknown): unknown {
  if (typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  if (value === null) return null;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneValue(value[i]);
    return out;
  }
  if (value instanceof Date) return new Date(value.getTime());
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneValue((value as Record<string, unknown>)[key]);
  return out;
}
