import type { Document } from 'mongodb';

/**
 * Shares the repeated strings of a collection's stored documents: one copy of 'INDUSTRY',
 * '副教授' or a region code for every document that holds it, instead of one each.
 *
 * A talent holds about eighteen strings taken from small vocabularies (gender, career stage,
 * sectors, skills, regions, consent purposes, its source ...). Each document's own copies cost
 * about half a kilobyte of heap per talent (0.5 GB at 1,000,000), and reading a document for a
 * caller (`clone.ts`) touches every one of them: with shared copies most of those reads hit the
 * cache instead of memory at any size.
 *
 * Which strings repeat is learnt per field path, not declared: each path (`sectors[]`,
 * `consent.purposes[]`) keeps a table of the strings seen there until it has seen more than
 * `LIMIT` distinct ones (names, e-mail addresses, ids), then drops it for good, so the tables
 * stay small whatever the data. Strings are immutable, so sharing them changes no value: a
 * document reads exactly as before.
 */
const LIMIT = 4096;

interface PathNode {
  /** The strings seen at this path (each maps to its shared copy), or null once there were too many. */
  strings: Map<string, string> | null;
  children: Map<string, PathNode> | null;
}

const newNode = (): PathNode => ({ strings: new Map(), children: null });

export class StringInterner {
  readonly #root = newNode();

  /** Replaces, in place, each string of `doc` by the copy already held for its path, if any. */
  intern(doc: Document): void {
    internObject(doc, this.#root);
  }
}

function child(node: PathNode, key: string): PathNode {
  let children = node.children;
  if (!children) node.children = children = new Map();
  let next = children.get(key);
  if (!next) children.set(key, (next = newNode()));
  return next;
}

function shared(node: PathNode, s: string): string {
  const strings = node.strings;
  if (!strings) return s;
  const held = strings.get(s);
  if (held !== undefined) return held;
  if (strings.size >= LIMIT) node.strings = null;
  else strings.set(s, s);
  return s;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function internObject(obj: Record<string, unknown>, node: PathNode): void {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (typeof value === 'string') obj[key] = shared(child(node, key), value);
    else if (value !== null && typeof value === 'object') internValue(value, child(node, key));
  }
}

/** An array's elements share one path node (as a multikey index does). */
function internValue(value: object, node: PathNode): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'string') value[i] = shared(node, v);
      else if (v !== null && typeof v === 'object') internValue(v, node);
    }
  } else if (isPlainObject(value)) internObject(value as Record<string, unknown>, node);
}
