import type { GraphQLFormattedError } from 'graphql';
import type { Unit } from './merge-document.ts';

type Json = Record<string, unknown>;

/** One fetch's share of a combined answer: what the subgraph would have answered it alone. */
export interface FetchAnswer {
  data: Json;
  errors?: GraphQLFormattedError[];
  extensions?: unknown;
}

function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value (answers are parsed JSON): each fetch may change the objects it is given. */
function copy<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Splits the answer to a combined request (`mergeFetches`) back into one answer per fetch of the
 * batch (`count` fetches), in batch order: each fetch's root fields under their own keys, an entity
 * fetch's `_entities` in its own representations' order, and each error given to the fetch (or
 * fetches) its path belongs to, with the path as that fetch alone would have seen it (`_entities`
 * indexes included). Returns undefined when the answer cannot be split faithfully (no data, or an
 * error without a path into one unit): the caller then sends the fetches one by one, so an
 * unusual failure costs requests, never a wrong answer.
 */
export function splitAnswer(units: readonly Unit[], count: number, answer: unknown): FetchAnswer[] | undefined {
  if (!isJsonObject(answer) || !isJsonObject(answer.data)) return undefined;
  const data = answer.data;
  const errors = answer.errors === undefined ? [] : answer.errors;
  if (!Array.isArray(errors)) return undefined;
  const out: FetchAnswer[] = new Array(count);
  // Which unit each prefixed root key belongs to, and its own key.
  const owner = new Map<string, { unit: Unit; key: string }>();
  for (const unit of units) {
    for (const key of unit.keys) owner.set(`${unit.prefix}${key}`, { unit, key });
    unit.fetches.forEach((f, j) => {
      const own: Json = {};
      for (const key of unit.keys) {
        const value = data[`${unit.prefix}${key}`];
        if (unit.entityIndexes && Array.isArray(value)) own[key] = unit.entityIndexes[j]!.map((at) => (j === 0 ? value[at] : copy(value[at])));
        else own[key] = j === 0 ? value : copy(value);
      }
      out[f] = { data: own };
      if (answer.extensions !== undefined) out[f].extensions = answer.extensions;
    });
  }
  for (const error of errors as GraphQLFormattedError[]) {
    const head = error?.path?.[0];
    const hit = typeof head === 'string' ? owner.get(head) : undefined;
    if (!hit) return undefined;
    const { unit, key } = hit;
    // Locations point into the combined document, which no fetch sent; the gateway does not pass them on.
    const { locations: _locations, ...rest } = error;
    unit.fetches.forEach((f, j) => {
      const target = out[f]!;
      const add = (path: (string | number)[]) => {
        target.errors ??= [];
        target.errors.push({ ...rest, path });
      };
      const tail = error.path!.slice(1);
      if (unit.entityIndexes && typeof tail[0] === 'number') {
        // The pooled entity answered every fetch that sent this representation, at its own index.
        unit.entityIndexes[j]!.forEach((at, local) => {
          if (at === tail[0]) add([key, local, ...tail.slice(1)]);
        });
      } else add([key, ...tail]);
    });
  }
  return out;
}
