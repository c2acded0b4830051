import { fromGateway, gatewaysFederationInternals } from './flat-exports.ts';

/**
 * @apollo/gateway shapes every answer after its fetches (`computeResponse` in resultShaping.js:
 * the merged subgraph data cut down to the client's selections, in their order). It interprets the
 * operation per field of every object: reads both @skip and @include of each selection, allocates
 * a result record, a path entry and an assertion closure per value, and builds each object with
 * `Object.create(null)` (a dictionary-mode object in V8). In a CPU profile of the federation workload
 * with sharing off it was 11 % of the gateway's time, and its garbage a good part of the 20 % GC.
 *
 * This shapes the same answers from a plan compiled once per Operation (which
 * gateway/execute/operations.ts keeps per document): per selection set and runtime type, the
 * fields it collects (fragments applied the way computeResponse applies them), each with its type
 * compiled to a few checks. It serves only answers computeResponse would shape without a word:
 * anything it does not handle the same way (a @skip or @include, an introspection field, a null
 * where the type forbids one, an invalid leaf value, an unknown or non-object `__typename`, a value
 * of the wrong kind) makes it give up on that answer, which then goes to computeResponse itself,
 * so errors, null bubbling and every edge case stay Apollo's own. It never changes its input.
 * test/gateway/shaping.test.ts compares both on the same Operations and inputs, byte for byte.
 *
 * Installed, like operations.ts, by replacing the export of @apollo/gateway's resultShaping.js,
 * which executeQueryPlan.js reads at each call; the test counts served answers through real
 * requests, so an upgrade that stops calling it fails there.
 */

/** The parts of federation-internals' types and Operation this reads (what resultShaping.js reads). */
interface Type {
  kind: string;
  name?: string;
  ofType?: Type;
  toString(): string;
}
interface Element {
  kind: string;
  name: string;
  typeCondition?: Type;
  definition: { type: Type; isSchemaIntrospectionField(): boolean };
  responseName(): string;
  appliedDirectivesOf(directive: unknown): unknown[];
}
interface Selection {
  kind: string;
  element: Element;
  selectionSet?: SelectionSet;
}
interface SelectionSet {
  selections(): Selection[];
}
interface Schema {
  type(name: string): Type | undefined;
  skipDirective(): unknown;
  includeDirective(): unknown;
  schemaDefinition: { rootType(kind: string): Type | undefined };
}
interface Operation {
  schema(): Schema;
  rootKind: string;
  selectionSet: SelectionSet;
}
interface ShapeArgs {
  operation: Operation;
  variables?: unknown;
  input: unknown;
  introspectionHandling: unknown;
}
type ComputeResponse = (args: ShapeArgs) => { data: unknown; errors: unknown[] };

interface Internals {
  isSubtype(type: Type, maybeSubType: Type): boolean;
  isCompositeType(type: Type): boolean;
  isObjectType(type: Type): boolean;
  isValidLeafValue(schema: Schema, value: unknown, type: Type): boolean;
}

/** Given up: computeResponse shapes this answer. */
const GIVE_UP: unique symbol = Symbol('give up');
type Out = unknown | typeof GIVE_UP;

/** A value's compiled type. */
type Compiled = { kind: 'nonNull'; of: Compiled } | { kind: 'list'; of: Compiled } | { kind: 'leaf'; valid: (value: unknown) => boolean } | Composite;

interface Composite {
  kind: 'composite';
  type: Type;
  sets: SelectionSet[];
  /** The plan per runtime `__typename` ('' when absent), null where computeResponse is left to it. Keys are the schema's type names only. */
  plans: Map<string, Plan | null>;
}

interface FieldPlan {
  name: string;
  /** Read only as an own property (the name is also one of Object.prototype's, as computeResponse's getOwn). */
  own: boolean;
  /** A `__typename` field: its value when constant for the plan (an unaliased one), else the type to fall back on. */
  typename?: { constant: string | null | undefined; parent: Type };
  value?: Compiled;
}
type Plan = FieldPlan[];

/** What served answers and gave up, per process (the tests read it). */
interface ShapingCounts {
  served: number;
  gaveUp: number;
}

const counts: ShapingCounts = { served: 0, gaveUp: 0 };
let installed = false;
let apollos: ComputeResponse | undefined;

function compiler(schema: Schema, fi: Internals) {
  const skip = schema.skipDirective();
  const include = schema.includeDirective();

  function compileType(type: Type, sets: SelectionSet[]): Compiled | undefined {
    if (type.kind === 'NonNullType' || type.kind === 'ListType') {
      const of = compileType(type.ofType as Type, sets);
      return of && { kind: type.kind === 'ListType' ? 'list' : 'nonNull', of };
    }
    if (fi.isCompositeType(type)) return sets.length ? { kind: 'composite', type, sets, plans: new Map() } : undefined;
    if (sets.length) return undefined;
    if (type.kind === 'ScalarType' && type.name === 'String') return { kind: 'leaf', valid: (value) => typeof value === 'string' };
    return { kind: 'leaf', valid: (value) => fi.isValidLeafValue(schema, value, type) };
  }

  /** computeResponse's applySelectionSet over `set`, collecting fields instead of values; false where it is left to computeResponse. */
  function collect(set: SelectionSet, typename: string, parent: Type, into: Map<string, { plan: FieldPlan; type?: Type; sets: SelectionSet[] }>): boolean {
    for (const selection of set.selections()) {
      const element = selection.element;
      if (element.appliedDirectivesOf(skip).length || element.appliedDirectivesOf(include).length) return false;
      if (selection.kind === 'FieldSelection') {
        if (element.definition.isSchemaIntrospectionField()) return false;
        const name = element.responseName();
        if (name === '__proto__') return false;
        const seen = into.get(name);
        if (element.name === '__typename') {
          if (seen && !seen.plan.typename) return false;
          if (!seen) into.set(name, { plan: { name, own: name in Object.prototype, typename: { constant: typenameConstant(name, typename, parent), parent } }, sets: [] });
          continue;
        }
        const type = element.definition.type;
        if (seen && (seen.plan.typename || String(seen.type) !== String(type))) return false;
        const entry = seen ?? { plan: { name, own: name in Object.prototype }, type, sets: [] };
        if (!seen) into.set(name, entry);
        if (selection.selectionSet) entry.sets.push(selection.selectionSet);
      } else {
        const condition = element.typeCondition;
        const runtime = typename ? schema.type(typename) : undefined;
        const applies = !condition || (typename ? !!runtime && fi.isSubtype(condition, runtime) : fi.isSubtype(condition, parent));
        if (applies && selection.selectionSet && !collect(selection.selectionSet, typename, condition ?? parent, into)) return false;
      }
    }
    return true;
  }

  /** An unaliased `__typename`'s value for objects of this plan (null: computeResponse's null bubbling, left to it); undefined when aliased. */
  function typenameConstant(name: string, typename: string, parent: Type): string | null | undefined {
    if (name !== '__typename') return undefined;
    const type = (typename && schema.type(typename)) || parent;
    return fi.isObjectType(type) ? (type.name as string) : null;
  }

  function plan(sets: SelectionSet[], typename: string, parent: Type): Plan | null {
    const fields = new Map<string, { plan: FieldPlan; type?: Type; sets: SelectionSet[] }>();
    for (const set of sets) if (!collect(set, typename, parent, fields)) return null;
    const out: Plan = [];
    for (const { plan: field, type, sets: inner } of fields.values()) {
      if (type) {
        const value = compileType(type, inner);
        if (!value) return null;
        field.value = value;
      }
      out.push(field);
    }
    return out;
  }

  return { plan, schema };
}

type Compiler = ReturnType<typeof compiler>;

function shapeObject(input: unknown, composite: Composite, c: Compiler, fi: Internals): Out {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return GIVE_UP;
  const typename = (input as { __typename?: unknown }).__typename;
  if (typename !== undefined && typeof typename !== 'string') return GIVE_UP;
  const key = typename || '';
  let plan = composite.plans.get(key);
  if (plan === undefined) {
    // Only the schema's composite type names become keys, so a subgraph cannot grow the map.
    const runtime = key ? c.schema.type(key) : composite.type;
    if (!runtime || !fi.isCompositeType(runtime)) return GIVE_UP;
    plan = c.plan(composite.sets, key, runtime);
    composite.plans.set(key, plan);
  }
  return plan ? fill(input as Record<string, unknown>, plan, c, fi) : GIVE_UP;
}

function shapeValue(value: unknown, type: Compiled, c: Compiler, fi: Internals): Out {
  if (value === undefined) return GIVE_UP;
  switch (type.kind) {
    case 'nonNull':
      return value === null ? GIVE_UP : shapeValue(value, type.of, c, fi);
    case 'list': {
      if (value === null) return null;
      if (!Array.isArray(value)) return GIVE_UP;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        const shaped = shapeValue(value[i], type.of, c, fi);
        if (shaped === GIVE_UP) return GIVE_UP;
        out[i] = shaped;
      }
      return out;
    }
    case 'leaf':
      return value === null || type.valid(value) ? value : GIVE_UP;
    default:
      return value === null ? null : shapeObject(value, type, c, fi);
  }
}

function fill(input: Record<string, unknown>, plan: Plan, c: Compiler, fi: Internals): Out {
  const out: Record<string, unknown> = {};
  for (const field of plan) {
    const raw = field.own && !Object.hasOwn(input, field.name) ? undefined : input[field.name];
    if (field.typename) {
      const name = field.typename.constant === undefined ? aliasedTypename(input, raw, field.typename.parent, c, fi) : field.typename.constant;
      if (name === null) return GIVE_UP;
      out[field.name] = name;
      continue;
    }
    const shaped = shapeValue(raw ?? null, field.value as Compiled, c, fi);
    if (shaped === GIVE_UP) return GIVE_UP;
    out[field.name] = shaped;
  }
  return out;
}

/** An aliased `__typename` (computeResponse: the input's value of the alias, else of `__typename`). */
function aliasedTypename(input: Record<string, unknown>, raw: unknown, parent: Type, c: Compiler, fi: Internals): string | null {
  const value = raw ?? input.__typename ?? null;
  const type = (typeof value === 'string' && c.schema.type(value)) || parent;
  return fi.isObjectType(type) ? (type.name as string) : null;
}

interface Root {
  compiler: Compiler;
  plan: Plan | null;
}

/**
 * Installs the compiled shaping (once per process; later calls return the same counters) and
 * returns its counters.
 */
export function compileResponseShaping(): Readonly<ShapingCounts> {
  if (installed) return counts;
  installed = true;
  const module = fromGateway('@apollo/gateway/dist/resultShaping.js') as { computeResponse: ComputeResponse };
  const original = module.computeResponse;
  if (typeof original !== 'function') throw new Error('@apollo/gateway has no computeResponse: check gateway/execute/shaping.ts against the installed @apollo/gateway');
  apollos = original;
  const fi = gatewaysFederationInternals() as unknown as Internals;
  const roots = new WeakMap<Operation, Root>();
  module.computeResponse = function computeResponse(args) {
    const { operation, input } = args;
    if (!input || typeof input !== 'object' || '__typename' in input) return original(args);
    let root = roots.get(operation);
    if (!root) {
      const schema = operation.schema();
      const compiled = compiler(schema, fi);
      const rootType = schema.schemaDefinition.rootType(operation.rootKind);
      root = { compiler: compiled, plan: rootType ? compiled.plan([operation.selectionSet], '', rootType) : null };
      roots.set(operation, root);
    }
    const data = root.plan ? fill(input as Record<string, unknown>, root.plan, root.compiler, fi) : GIVE_UP;
    if (data === GIVE_UP) {
      counts.gaveUp++;
      return original(args);
    }
    counts.served++;
    return { data, errors: [] };
  };
  return counts;
}

/**
 * @apollo/gateway's own computeResponse, as it was before the install (undefined before it).
 * @internal for tests, which compare both
 */
export function apolloComputeResponse(): ComputeResponse | undefined {
  return apollos;
}
