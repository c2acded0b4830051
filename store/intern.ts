import type { Document } from 'mongodb';

/**
 * Shares what repeats in a collection's stored documents, and copies them for readers knowing
 * where their objects are.
 *
 * Strings: one copy of 'INDUSTRY', '副教授' or a region code for every document that holds it,
 * instead of one each. A talent holds about eighteen strings taken from small vocabularies
 * (gender, career stage, sectors, skills, regions, consent purposes, its source ...): about half
 * a kilobyte of heap per talent (0.5 GB at 1,000,000) when each document has its own.
 *
 * Subtrees: one copy of each repeated array or object made only of such values (`sectors`,
 * `disciplineCodes`, the pool ids, the consent purposes, the many empty `[]`), held by every
 * document that has an equal one. Stored documents are never changed in place (writes store a
 * new document, `embedded.ts`), so sharing changes no value; a reader still gets its own copy.
 *
 * Which strings and subtrees repeat is learnt per field path, not declared: each path
 * (`sectors[]`, `consent.purposes[]`) keeps a table of what it saw there until it has seen more
 * than `LIMIT` distinct ones (names, e-mail addresses, ids), then drops it for good, so the tables
 * stay small whatever the data (an empty array or object is shared at any path, always).
 *
 * Copies (`copy`): each path also records which of its keys have ever held an object (an array, an
 * object, a date). A copy takes an object's own properties in one step and descends only into
 * those keys: it never reads a string of the document (an id, a name, an e-mail address), and
 * the shared subtrees it does copy are in the CPU's cache, since every read touches them. At
 * 1,000,000 talents a document read for a caller is mostly memory not in any cache, so what a
 * copy does not touch is what makes a read by id as fast as at 1,000.
 */
const LIMIT = 4096;
/** A subtree whose text is longer than this is not shared (its table would hold a large key). */
const MAX_TREE_TEXT = 1024;

interface PathNode {
  /** The strings seen at this path (each maps to its shared copy), or null once there were too many. */
  strings: Map<string, string> | null;
  /** The subtrees seen at this path by their text (each maps to its shared copy), or null once too many. */
  trees: Map<string, object> | null;
  /** The shared empty array and empty object of this path. */
  emptyArray: unknown[] | null;
  emptyObject: object | null;
  children: Map<string, PathNode> | null;
  /** The keys under which an object at this path has ever held an object (the only ones a copy descends into). */
  objectKeys: string[];
  /** Whether an element of an array at this path has ever been an object. */
  objectElements: boolean;
  /** Whether the value at this path has ever been an object (its key is then in its parent's `objectKeys`). */
  isObject: boolean;
}

const newNode = (): PathNode => ({
  strings: new Map(),
  trees: new Map(),
  emptyArray: null,
  emptyObject: null,
  children: null,
  objectKeys: [],
  objectElements: false,
  isObject: false,
});

export class Interner {
  readonly #root = newNode();

  /**
   * Replaces, in place, each string and each shareable subtree of `doc` by the copy already held
   * for its path, if any, and learns where `doc` holds objects. Every document a collection stores
   * goes through here before it is stored, so `copy` knows all of them.
   */
  intern(doc: Document): void {
    internObject(doc, this.#root);
  }

  /**
   * A deep copy of a stored document (one that went through `intern`), equal to it and sharing
   * no object with it: what a read returns. Strings are shared (they are immutable).
   */
  copy<D extends Document>(doc: D): D {
    return copyObject(doc, this.#root) as D;
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

/**
 * Whether a value can be shared and told apart by its JSON text: strings, booleans, null, finite
 * numbers other than -0, and arrays (without holes) and plain objects of those. Dates, undefined,
 * NaN and -0 are left out, since their JSON text is that of another value.
 */
function shareable(value: unknown, depth: number): boolean {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || depth > 3) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !shareable(value[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) if (!shareable((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/** The copy of `value` this path already holds, or `value` (now held, while the table has room). */
function sharedTree(node: PathNode, value: object): object {
  if (Array.isArray(value) && value.length === 0) return (node.emptyArray ??= value);
  if (!Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype && isEmpty(value)) return (node.emptyObject ??= value);
  const trees = node.trees;
  if (!trees || !shareable(value, 0)) return value;
  const text = JSON.stringify(value);
  if (text.length > MAX_TREE_TEXT) return value;
  const held = trees.get(text);
  if (held !== undefined) return held;
  if (trees.size >= LIMIT) node.trees = null;
  else trees.set(text, value);
  return value;
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

function internObject(obj: Record<string, unknown>, node: PathNode): void {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (typeof value === 'string') obj[key] = shared(child(node, key), value);
    else if (value !== null && typeof value === 'object') {
      const next = child(node, key);
      if (!next.isObject) {
        next.isObject = true;
        node.objectKeys.push(key);
      }
      internValue(value, next);
      obj[key] = sharedTree(next, value);
    }
  }
}

/** An array's elements share one path node (as a multikey index does). */
function internValue(value: object, node: PathNode): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'string') value[i] = shared(node, v);
      else if (v !== null && typeof v === 'object') {
        node.objectElements = true;
        internValue(v, node);
      }
    }
  } else if (isPlainObject(value)) internObject(value as Record<string, unknown>, node);
}

function copyObject(obj: Record<string, unknown>, node: PathNode): Record<string, unknown> {
  const out = { ...obj };
  const keys = node.objectKeys;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = out[key];
    if (value !== null && typeof value === 'object') out[key] = copyValue(value, node.children!.get(key)!);
  }
  return out;
}

function copyValue(value: object, node: PathNode): unknown {
  if (Array.isArray(value)) {
    if (!node.objectElements) return value.slice();
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out[i] = v !== null && typeof v === 'object' ? copyValue(v, node) : v;
    }
    return out;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (!isPlainObject(value)) return structuredClone(value);
  return copyObject(value as Record<string, unknown>, node);
}
