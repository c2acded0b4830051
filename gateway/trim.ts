import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from 'graphql';

/**
 * A fetch's operation as the gateway sent it, with what is needed to walk an answer against it:
 * its fragments, and the API schema for the types of fields and type conditions.
 */
export interface FetchShape {
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
  schema: GraphQLSchema | undefined;
  /** `_entities` fetches: the representations sent, whose `__typename` types each answered entity. */
  representations: unknown[] | undefined;
  /** What trimming collects for this document and schema, kept across fetches (fetchShape). */
  fields?: FieldsCache;
}

/**
 * The fields of each (selection sets, type) pair, collected once per fetch document and schema:
 * the planner sends the same fetch texts again and again, and the objects of a list share their
 * selection sets. Only types the schema knows are kept here (a `__typename` an answer makes up
 * is collected for that answer alone), so what a subgraph answers cannot grow it.
 */
interface FieldsCache {
  root: SelectionSetNode[];
  /** Weak: the selection sets of a made-up type's fields are that answer's own arrays, let go of with it. */
  collected: WeakMap<SelectionSetNode[], Map<string | undefined, ObjectShape>>;
}

/** Per fetch document, per schema: its fields cache (both keys held weakly). */
const fieldsCaches = new WeakMap<DocumentNode, WeakMap<GraphQLSchema, FieldsCache>>();

/** What one object of an answer may hold: response key -> field name and the selections under it. */
export type ObjectShape = Map<string, { field: string; sets: SelectionSetNode[] }>;

type Json = Record<string, unknown>;

const documents = new Map<string, DocumentNode>();

/**
 * The parsed document of a fetch's query text, cached by text: the query planner sends each
 * partner the same few fetch operations again and again, so each is parsed once.
 */
export function parsedFetch(query: string): DocumentNode {
  let doc = documents.get(query);
  if (!doc) {
    doc = parse(query, { noLocation: true });
    // Plans are cached per operation by the gateway too; a bound keeps a flood of distinct client operations from growing this without end.
    if (documents.size >= 2000) documents.clear();
    documents.set(query, doc);
  }
  return doc;
}

/** The shape of a fetch document (its single operation) for walking its answer. */
export function fetchShape(doc: DocumentNode, schema: GraphQLSchema | undefined, representations: unknown): FetchShape {
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('a fetch document without an operation');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const shape: FetchShape = { operation, fragments, schema, representations: Array.isArray(representations) ? representations : undefined };
  if (schema) {
    let bySchema = fieldsCaches.get(doc);
    if (!bySchema) fieldsCaches.set(doc, (bySchema = new WeakMap()));
    let fields = bySchema.get(schema);
    if (!fields) bySchema.set(schema, (fields = { root: [operation.selectionSet], collected: new WeakMap() }));
    shape.fields = fields;
  }
  return shape;
}

/** The name of the root type the operation starts from. */
export function rootTypeName(shape: FetchShape): string {
  const kind = shape.operation.operation;
  const root = kind === 'mutation' ? shape.schema?.getMutationType() : kind === 'subscription' ? shape.schema?.getSubscriptionType() : shape.schema?.getQueryType();
  return root?.name ?? (kind === 'mutation' ? 'Mutation' : kind === 'subscription' ? 'Subscription' : 'Query');
}

/**
 * Whether a fragment on `condition` applies to an object of `runtime` type. When the schema
 * cannot say (a type it does not know, no runtime type), the fragment counts as applying: its
 * fields were asked for in the fetch, so keeping them is keeping what was asked.
 */
function applies(shape: FetchShape, condition: string | undefined, runtime: string | undefined): boolean {
  if (!condition || !runtime || condition === runtime) return true;
  const cond = shape.schema?.getType(condition);
  const type = shape.schema?.getType(runtime);
  if (!cond || !type) return true;
  if (isAbstractType(cond) && isObjectType(type)) return shape.schema!.isSubType(cond, type);
  return false;
}

/** Adds the fields of `set` that apply to an object of `runtime` type to `out` (fragments followed). */
export function collectFields(shape: FetchShape, set: SelectionSetNode, runtime: string | undefined, out: ObjectShape = new Map()): ObjectShape {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      let entry = out.get(key);
      if (!entry) {
        entry = { field: selection.name.value, sets: [] };
        out.set(key, entry);
      }
      if (selection.selectionSet) entry.sets.push(selection.selectionSet);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(shape, selection.typeCondition?.name.value, runtime)) collectFields(shape, selection.selectionSet, runtime, out);
    } else {
      const fragment = shape.fragments.get(selection.name.value);
      if (fragment && applies(shape, fragment.typeCondition.name.value, runtime)) collectFields(shape, fragment.selectionSet, runtime, out);
    }
  }
  return out;
}

/** The declared type of `field` on `parent`, when the schema knows both. */
export function fieldType(shape: FetchShape, parent: string | undefined, field: string): GraphQLOutputType | undefined {
  if (!parent) return undefined;
  const type = shape.schema?.getType(parent);
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[field]?.type : undefined;
}

/**
 * The type an answered object is of: its field's type when that is an object type (whatever
 * `__typename` the answer claims), else the `__typename` it names, else the declared type.
 */
export function runtimeType(shape: FetchShape, declared: string | undefined, value: Json): string | undefined {
  const declaredType = declared ? shape.schema?.getType(declared) : undefined;
  if (declaredType && isObjectType(declaredType)) return declared;
  return typeof value.__typename === 'string' ? value.__typename : declared;
}

/** The representation sent for the `index`th answered entity, if it names its type. */
export function representationType(shape: FetchShape, index: number): string | undefined {
  const rep = shape.representations?.[index];
  return rep && typeof rep === 'object' && typeof (rep as Json).__typename === 'string' ? ((rep as Json).__typename as string) : undefined;
}

function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What one trimming pass needs besides the shape: the removed paths, the path of the value being
 * walked (one array pushed and popped, joined only for a removal), and the fields collected for
 * types the shape's cache does not keep.
 */
interface TrimPass {
  shape: FetchShape;
  dropped: string[];
  path: (string | number)[];
  collected: WeakMap<SelectionSetNode[], Map<string | undefined, ObjectShape>>;
}

function fieldsOf(pass: TrimPass, sets: SelectionSetNode[], type: string | undefined): ObjectShape {
  const shared = pass.shape.fields;
  const cache = shared && (type === undefined || pass.shape.schema?.getType(type)) ? shared.collected : pass.collected;
  let byType = cache.get(sets);
  if (!byType) {
    byType = new Map();
    cache.set(sets, byType);
  }
  let fields = byType.get(type);
  if (!fields) {
    fields = new Map();
    for (const set of sets) collectFields(pass.shape, set, type, fields);
    byType.set(type, fields);
  }
  return fields;
}

/** Records `key` under the current path as removed or corrected. */
function drop(pass: TrimPass, key: string | number): void {
  pass.dropped.push(pass.path.length === 0 ? String(key) : `${pass.path.join('.')}.${key}`);
}

function trimValue(pass: TrimPass, value: unknown, sets: SelectionSetNode[], declared: string | undefined): void {
  if (Array.isArray(value)) {
    const path = pass.path;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      trimValue(pass, value[i], sets, declared);
      path.pop();
    }
  } else if (isJsonObject(value)) {
    trimObject(pass, value, sets, runtimeType(pass.shape, declared, value));
  }
}

function trimObject(pass: TrimPass, value: Json, sets: SelectionSetNode[], type: string | undefined): void {
  const { shape, path } = pass;
  const fields = fieldsOf(pass, sets, type);
  for (const key of Object.keys(value)) {
    const entry = fields.get(key);
    if (!entry) {
      delete value[key];
      drop(pass, key);
      continue;
    }
    if (entry.field === '__typename') {
      // An object of a concrete type cannot claim to be another (type conditions and later fetches follow __typename).
      if (type && value[key] !== type) {
        value[key] = type;
        drop(pass, key);
      }
      continue;
    }
    if (entry.sets.length === 0) continue;
    path.push(key);
    if (path.length === 1 && entry.field === '_entities' && Array.isArray(value[key])) {
      const items = value[key] as unknown[];
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (!isJsonObject(item)) continue;
        path.push(i);
        trimObject(pass, item, entry.sets, representationType(shape, i) ?? runtimeType(shape, undefined, item));
        keepKeys(pass, item, shape.representations?.[i]);
        path.pop();
      }
    } else {
      trimValue(pass, value[key], entry.sets, getNamedTypeName(fieldType(shape, type, entry.field)));
    }
    path.pop();
  }
}

/**
 * An entity answered for a representation is that entity: where the answer repeats a key field
 * (`id`), it must be the value sent, or the partner would swap one talent for another.
 */
function keepKeys(pass: TrimPass, item: Json, representation: unknown): void {
  if (!isJsonObject(representation)) return;
  for (const field of Object.keys(representation)) {
    const sent = representation[field];
    if (field === '__typename' || !(field in item) || (typeof sent === 'object' && sent !== null)) continue;
    if (item[field] !== sent) {
      item[field] = sent;
      drop(pass, field);
    }
  }
}

/** The named type under lists and non-null wrappers. */
export function getNamedTypeName(type: GraphQLOutputType | undefined): string | undefined {
  return type ? getNamedType(type).name : undefined;
}

/**
 * Removes from a subgraph's answer (`data`, changed in place) every key its fetch did not ask
 * for: fields outside the selection (aliases and fragments followed, type conditions judged by
 * the schema and the object's type, `_entities` typed by the representations sent); a
 * `__typename` that contradicts the field's concrete type, and an entity's key field that differs
 * from its representation, are corrected. Returns the paths removed or corrected (never their
 * values), for the log.
 */
export function trimAnswer(shape: FetchShape, data: Json): string[] {
  const pass: TrimPass = { shape, dropped: [], path: [], collected: new WeakMap() };
  trimObject(pass, data, shape.fields?.root ?? [shape.operation.selectionSet], rootTypeName(shape));
  return pass.dropped;
}
