import {
  type DocumentNode,
  type FieldNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { collectFields, type FetchShape, fieldType, getNamedTypeName, rootTypeName, representationType, runtimeType } from './trim.ts';

/**
 * Hidden talents stay hidden on partner paths. A partner subgraph can answer any talent id it
 * likes where its schema returns `Talent` (a root field, a field of its own types): the gateway
 * would then fetch that talent's profile from experts (which refuses: null), its awards from
 * projects and its engagements from coordination, and put the id and all of that in the answer.
 * So before a partner's answer enters the plan, the gateway asks the owner, experts, which of the
 * talents in it the caller may see (`_entities` with the caller's own experts token: experts
 * answers null for a talent the caller may not see), and withholds the others: left out of
 * lists, null in a single field (and so on up through non-null fields). Later fetches never hear
 * of them, and no answer contains their ids.
 *
 * Why here and not after execution: @apollo/gateway merges a null `_entities` result as nothing
 * (the object keeps the partner's id), then skips it in later fetches only where they @require a
 * field experts did not give, and finally turns missing non-null fields into null list entries,
 * a null parent or a null answer, so after execution a hidden talent can no longer be told from
 * a missing one, and one hidden talent under a non-null field could void the whole answer.
 */

export const TALENT_TYPE = 'Talent';
const KEY_FIELD = 'id';

/** The owner's question: `_entities` of experts, null for a talent the caller may not see. */
export const OWNER_CHECK_QUERY = 'query HubOwnerCheck($representations: [_Any!]!) { _entities(representations: $representations) { ... on Talent { id } } }';
export const OWNER_CHECK_DOCUMENT: DocumentNode = parse(OWNER_CHECK_QUERY, { noLocation: true });

/** Reads the owner's answer to OWNER_CHECK_QUERY: the ids it returned. */
export function visibleIdsIn(data: unknown): Set<string> {
  const entities = (data as { _entities?: unknown } | null | undefined)?._entities;
  const ids = new Set<string>();
  if (Array.isArray(entities)) {
    for (const e of entities) {
      const id = (e as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.add(id);
    }
  }
  return ids;
}

const ID_FIELD: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: KEY_FIELD } };

function hasPlainId(set: SelectionSetNode): boolean {
  return set.selections.some((s) => s.kind === Kind.FIELD && s.name.value === KEY_FIELD && (!s.alias || s.alias.value === KEY_FIELD));
}

/**
 * `set` with `id` added wherever its type is Talent and it lacks one. At `entities` level (the
 * selection of `_entities`) the talents are the gateway's own question, so none is added there.
 */
function withIds(shape: FetchShape, set: SelectionSetNode, type: string | undefined, changed: { value: boolean }, entities = false): SelectionSetNode {
  const selections: SelectionNode[] = set.selections.map((s) => {
    if (s.kind === Kind.FIELD) {
      if (!s.selectionSet) return s;
      if (s.name.value === '_entities') return { ...s, selectionSet: withIds(shape, s.selectionSet, undefined, changed, true) };
      const child = getNamedTypeName(fieldType(shape, type, s.name.value));
      return { ...s, selectionSet: withIds(shape, s.selectionSet, child, changed) };
    }
    if (s.kind === Kind.INLINE_FRAGMENT) return { ...s, selectionSet: withIds(shape, s.selectionSet, s.typeCondition?.name.value ?? type, changed, entities) };
    return s;
  });
  if (type === TALENT_TYPE && !entities && !hasPlainId(set)) {
    selections.push(ID_FIELD);
    changed.value = true;
  }
  return { ...set, selections };
}

const augmented = new WeakMap<GraphQLSchema, Map<string, string>>();

/**
 * The fetch to send a partner: the planner's, with `id` added to every selection of a `Talent`
 * that lacks it, so every talent in the answer can be checked with its owner (the added keys are
 * removed again before the answer is used). Cached per schema and query text.
 */
export function withTalentKeys(query: string, doc: DocumentNode, shape: FetchShape): string {
  if (!shape.schema) return query;
  let cache = augmented.get(shape.schema);
  if (!cache) {
    cache = new Map();
    augmented.set(shape.schema, cache);
  }
  let text = cache.get(query);
  if (text === undefined) {
    const changed = { value: false };
    const definitions = doc.definitions.map((d) => {
      if (d.kind === Kind.OPERATION_DEFINITION) return { ...d, selectionSet: withIds(shape, d.selectionSet, rootTypeName(shape), changed) };
      if (d.kind === Kind.FRAGMENT_DEFINITION) return { ...d, selectionSet: withIds(shape, d.selectionSet, d.typeCondition.name.value, changed) };
      return d;
    });
    text = changed.value ? print({ ...doc, definitions }) : query;
    if (cache.size >= 2000) cache.clear();
    cache.set(query, text);
  }
  return text;
}

const talentReach = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, boolean>>();

/**
 * Whether an answer to this fetch can hold a talent object outside the `_entities` the gateway
 * itself asked about: some field of the selection is of type Talent, of an abstract type Talent
 * belongs to, or of a type the schema does not know (so it cannot be ruled out). When it cannot,
 * the answer has no talents to check or withhold, and neither walk over it is needed. Decided once
 * per schema and fetch document (the planner sends the same few documents again and again).
 */
export function mayHoldTalents(shape: FetchShape): boolean {
  const schema = shape.schema;
  if (!schema) return true;
  let bySchema = talentReach.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    talentReach.set(schema, bySchema);
  }
  let reach = bySchema.get(shape.operation);
  if (reach === undefined) {
    reach = reaches(shape, shape.operation.selectionSet, rootTypeName(shape), true, new Set());
    bySchema.set(shape.operation, reach);
  }
  return reach;
}

function isOrMayBeTalent(schema: GraphQLSchema, name: string | undefined): boolean {
  if (name === undefined || name === TALENT_TYPE) return true;
  const type = schema.getType(name);
  const talent = schema.getType(TALENT_TYPE);
  if (!type) return true;
  return isAbstractType(type) && talent !== undefined && isObjectType(talent) && schema.isSubType(type, talent);
}

function reaches(shape: FetchShape, set: SelectionSetNode, type: string | undefined, root: boolean, spread: Set<string>): boolean {
  const schema = shape.schema!;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (!s.selectionSet) continue;
      // The representations' own types are the gateway's question; what lies under them is not.
      if (root && s.name.value === '_entities') {
        if (reaches(shape, s.selectionSet, undefined, false, spread)) return true;
        continue;
      }
      const child = getNamedTypeName(fieldType(shape, type, s.name.value));
      if (isOrMayBeTalent(schema, child) || reaches(shape, s.selectionSet, child, false, spread)) return true;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      if (reaches(shape, s.selectionSet, s.typeCondition?.name.value ?? type, root, spread)) return true;
    } else if (!spread.has(s.name.value)) {
      spread.add(s.name.value);
      const fragment = shape.fragments.get(s.name.value);
      if (!fragment || reaches(shape, fragment.selectionSet, fragment.typeCondition.name.value, root, spread)) return true;
    }
  }
  return false;
}

type Json = Record<string, unknown>;
const isJsonObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Visits every talent object of an answer (not the `_entities` the gateway itself asked about). */
function eachTalent(shape: FetchShape, data: Json, visit: (talent: Json, keys: string[]) => void): void {
  const walkValue = (value: unknown, sets: SelectionSetNode[], declared: string | undefined): void => {
    if (Array.isArray(value)) for (const item of value) walkValue(item, sets, declared);
    else if (isJsonObject(value)) walkObject(value, sets, runtimeType(shape, declared, value), false);
  };
  const walkObject = (value: Json, sets: SelectionSetNode[], type: string | undefined, entity: boolean): void => {
    const fields = new Map<string, { field: string; sets: SelectionSetNode[] }>();
    for (const set of sets) collectFields(shape, set, type, fields);
    if (type === TALENT_TYPE && !entity)
      visit(
        value,
        [...fields].filter(([, f]) => f.field === KEY_FIELD).map(([key]) => key),
      );
    for (const [key, entry] of fields) {
      if (entry.sets.length === 0 || !(key in value)) continue;
      walkValue(value[key], entry.sets, getNamedTypeName(fieldType(shape, type, entry.field)));
    }
  };
  const rootType = rootTypeName(shape);
  const rootFields = collectFields(shape, shape.operation.selectionSet, rootType);
  for (const [key, entry] of rootFields) {
    if (entry.sets.length === 0 || !(key in data)) continue;
    if (entry.field === '_entities' && Array.isArray(data[key])) {
      (data[key] as unknown[]).forEach((item, i) => {
        if (isJsonObject(item)) walkObject(item, entry.sets, representationType(shape, i) ?? runtimeType(shape, undefined, item), true);
      });
    } else {
      walkValue(data[key], entry.sets, getNamedTypeName(fieldType(shape, rootType, entry.field)));
    }
  }
}

/** The ids of the talent objects in an answer (each object's every key field). */
export function talentIdsIn(shape: FetchShape, data: Json): string[] {
  const ids = new Set<string>();
  eachTalent(shape, data, (talent, keys) => {
    for (const key of keys) if (typeof talent[key] === 'string' || typeof talent[key] === 'number') ids.add(String(talent[key]));
  });
  return [...ids];
}

const REMOVE = Symbol('withheld');

interface Withheld {
  /** Paths (joined with '.') set to null. */
  nulled: Set<string>;
  /** Lists (by path) and the indexes removed from them. */
  removed: Map<string, number[]>;
  count: number;
}

/**
 * Withholds from an answer (changed in place) every talent object whose ids are not all in
 * `visible`, and one without an id: removed from lists, null in a single field, and when that
 * field is non-null its parent is withheld in turn. Errors under a withheld object are dropped
 * and list indexes in the others' paths follow the removals. Returns how many were withheld.
 */
export function withholdTalents(shape: FetchShape, response: { data?: Json | null; errors?: readonly { path?: readonly (string | number)[] }[] }, visible: Set<string>): number {
  const data = response.data;
  if (!data) return 0;
  const state: Withheld = { nulled: new Set(), removed: new Map(), count: 0 };

  const pruneValue = (value: unknown, sets: SelectionSetNode[], type: GraphQLOutputType | undefined, declared: string | undefined, path: (string | number)[]): unknown => {
    if (value === null || value === undefined) return value;
    const inner = type && isNonNullType(type) ? type.ofType : type;
    if (Array.isArray(value)) {
      const itemType = inner && isListType(inner) ? inner.ofType : undefined;
      const kept: unknown[] = [];
      const gone: number[] = [];
      value.forEach((item, i) => {
        const result = pruneValue(item, sets, itemType, declared, [...path, i]);
        if (result === REMOVE) gone.push(i);
        else kept.push(result);
      });
      if (gone.length) state.removed.set(path.join('.'), gone);
      return kept;
    }
    if (!isJsonObject(value)) return value;
    return pruneObject(value, sets, runtimeType(shape, declared, value), false, path);
  };

  const pruneObject = (value: Json, sets: SelectionSetNode[], typeName: string | undefined, entity: boolean, path: (string | number)[]): Json | typeof REMOVE => {
    const fields = new Map<string, { field: string; sets: SelectionSetNode[] }>();
    for (const set of sets) collectFields(shape, set, typeName, fields);
    if (typeName === TALENT_TYPE && !entity) {
      const ids = [...fields].filter(([, f]) => f.field === KEY_FIELD).map(([key]) => value[key]);
      if (ids.length === 0 || !ids.every((id) => (typeof id === 'string' || typeof id === 'number') && visible.has(String(id)))) {
        state.count++;
        return REMOVE;
      }
    }
    for (const [key, entry] of fields) {
      if (entry.sets.length === 0 || !(key in value)) continue;
      const type = fieldType(shape, typeName, entry.field);
      const result = pruneValue(value[key], entry.sets, type, getNamedTypeName(type), [...path, key]);
      if (result === REMOVE) {
        if (type && isNonNullType(type)) return REMOVE;
        value[key] = null;
        state.nulled.add([...path, key].join('.'));
      } else {
        value[key] = result;
      }
    }
    return value;
  };

  const rootType = rootTypeName(shape);
  for (const [key, entry] of collectFields(shape, shape.operation.selectionSet, rootType)) {
    if (entry.sets.length === 0 || !(key in data)) continue;
    if (entry.field === '_entities' && Array.isArray(data[key])) {
      // The entities answered must stay in step with the representations sent: withheld is null.
      (data[key] as unknown[]).forEach((item, i, list) => {
        if (!isJsonObject(item)) return;
        if (pruneObject(item, entry.sets, representationType(shape, i) ?? runtimeType(shape, undefined, item), true, [key, i]) === REMOVE) {
          list[i] = null;
          state.nulled.add(`${key}.${i}`);
        }
      });
      continue;
    }
    const type = fieldType(shape, rootType, entry.field);
    const result = pruneValue(data[key], entry.sets, type, getNamedTypeName(type), [key]);
    if (result === REMOVE) {
      data[key] = null;
      state.nulled.add(key);
    } else {
      data[key] = result;
    }
  }
  if (state.count > 0 && response.errors) response.errors = remapErrors(response.errors, state);
  return state.count;
}

function remapErrors<E extends { path?: readonly (string | number)[] }>(errors: readonly E[], state: Withheld): E[] {
  const kept: E[] = [];
  next: for (const error of errors) {
    if (!error.path) {
      kept.push(error);
      continue;
    }
    // Withheld objects were recorded at their paths in the answer as the partner sent it.
    const original: (string | number)[] = [];
    const path: (string | number)[] = [];
    for (const segment of error.path) {
      if (typeof segment === 'number') {
        const gone = state.removed.get(original.join('.'));
        if (gone?.includes(segment)) continue next;
        path.push(segment - (gone?.filter((i) => i < segment).length ?? 0));
      } else {
        path.push(segment);
      }
      original.push(segment);
      if (state.nulled.has(original.join('.'))) continue next;
    }
    kept.push({ ...error, path });
  }
  return kept;
}
