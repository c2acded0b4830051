import {
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  print,
  type VariableDefinitionNode,
  visit,
} from 'graphql';
import { parsedFetch } from '../trim.ts';

/** One subgraph fetch as the gateway's data source sends it (the JSON body of its POST). */
export interface FetchBody {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
}

/**
 * One field of the combined operation standing for fetches that ask the same thing: the same
 * query text (and, for a root fetch, the same variables). Entity fetches with the same selection
 * share one `_entities` field over the union of their representations.
 */
export interface Unit {
  /** The fetches (indexes into the batch) this unit answers. */
  fetches: number[];
  /** Response keys of the fetch's root fields, in order, as the fetch named them. */
  keys: string[];
  /** The prefix of this unit's root fields in the combined answer (`_c0_`). */
  prefix: string;
  /** Entity units: for each fetch of the unit, the index in the combined representations of each of its own. */
  entityIndexes?: number[][];
}

/** A batch merged into one request, and how to read the answer back. */
interface MergedBatch {
  body: FetchBody;
  units: Unit[];
}

/** The cached part of a merge: the document text and the units' shapes, keyed by the fetches' query texts. */
interface MergePlan {
  query: string;
  operationName: string;
  /** Per unit: its root keys, its prefix, whether it pools representations, and the variables it declares. */
  units: { keys: string[]; prefix: string; entity: boolean; variables: string[] }[];
}

const plans = new Map<string, MergePlan>();

/**
 * Whether a fetch can join a combined request: a query (never a mutation: their order matters)
 * whose root selections are all plain fields (so each can be aliased apart).
 */
export function combinable(body: FetchBody): boolean {
  if (typeof body.query !== 'string' || /^\s*(mutation|subscription)\b/.test(body.query)) return false;
  const operation = operationOf(parsedFetch(body.query));
  return operation !== undefined && operation.operation === 'query' && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD);
}

function operationOf(doc: DocumentNode): OperationDefinitionNode | undefined {
  const operations = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operations.length === 1 ? operations[0] : undefined;
}

/** An `_entities(representations: $representations)` fetch with no other variable: its representations can be pooled. */
function isEntityFetch(body: FetchBody, operation: OperationDefinitionNode): boolean {
  const vars = Object.keys(body.variables ?? {});
  if (vars.length !== 1 || vars[0] !== 'representations' || operation.selectionSet.selections.length !== 1) return false;
  const field = operation.selectionSet.selections[0] as FieldNode;
  return field.name.value === '_entities' && !field.alias;
}

/**
 * Merges fetches to one subgraph (all `combinable`) into one query: each distinct fetch becomes
 * its own root fields, aliased `_c<n>_<key>`, with its variables renamed `$_c<n>_<name>` and
 * fragments that differ under one name renamed apart; entity fetches with the same text share one
 * `_entities` over the union of their representations (each representation sent once).
 */
export function mergeFetches(bodies: readonly FetchBody[]): MergedBatch {
  // Fetches asking the same thing share a unit: entity fetches by text, root fetches by text and variables.
  const unitOf = new Map<string, number>();
  const groups: number[][] = [];
  const entity: boolean[] = [];
  bodies.forEach((body, i) => {
    const isEntity = isEntityFetch(body, operationOf(parsedFetch(body.query))!);
    const key = isEntity ? `E\n${body.query}` : `Q\n${body.query}\n${JSON.stringify(body.variables ?? {})}`;
    const u = unitOf.get(key);
    if (u === undefined) {
      unitOf.set(key, groups.length);
      groups.push([i]);
      entity.push(isEntity);
    } else groups[u]!.push(i);
  });
  const planKey = groups.map((g, u) => `${entity[u] ? 'E' : 'Q'}${bodies[g[0]!]!.query}`).join('\u0000');
  let plan = plans.get(planKey);
  if (!plan) {
    plan = planMerge(groups.map((g) => bodies[g[0]!]!));
    // Plans repeat (the planner sends the same fetch texts); a bound keeps distinct ones from growing this without end.
    if (plans.size >= 1000) plans.clear();
    plans.set(planKey, plan);
  }
  const variables: Record<string, unknown> = {};
  const units: Unit[] = groups.map((fetches, u) => {
    const shape = plan.units[u]!;
    const first = bodies[fetches[0]!]!;
    if (!shape.entity) {
      for (const name of shape.variables) if (first.variables && name in first.variables) variables[`${shape.prefix}${name}`] = first.variables[name];
      return { fetches, keys: shape.keys, prefix: shape.prefix };
    }
    // The union of the fetches' representations, each sent once, and where each fetch's went.
    const pooled: unknown[] = [];
    const seen = new Representations();
    const entityIndexes = fetches.map((f) =>
      (bodies[f]!.variables!.representations as unknown[]).map((rep) => {
        const at = seen.indexOf(rep, pooled.length);
        if (at === pooled.length) pooled.push(rep);
        return at;
      }),
    );
    variables[`${shape.prefix}representations`] = pooled;
    return { fetches, keys: shape.keys, prefix: shape.prefix, entityIndexes };
  });
  return { body: { query: plan.query, variables, operationName: plan.operationName }, units };
}

/** The end of a representation's path in `Representations`' trie (a key no field name can be). */
const END = Symbol('end');
/** Per field name, per value (Map keys: the string "1" and the number 1 differ, as in JSON), the rest of the path. */
type Trie = Map<string | typeof END, Map<unknown, Trie> | number>;

/**
 * Representations told apart as their JSON texts would be (the same fields in the same order
 * with the same values), without writing each as JSON: a flat one (every value a string,
 * number, boolean or null, the usual `{ __typename, id }`) is looked up field by field in a trie
 * of Maps keyed by the values themselves, any other by its JSON text. A fetch often sends the same
 * entity many times (the benchmark's 465 representations a request are 17 distinct), so this is
 * most of the pooling's cost.
 */
class Representations {
  readonly #trie: Trie = new Map();
  readonly #texts = new Map<string, number>();

  /** The index already given to an equal representation, else `next` (now given to it). */
  indexOf(rep: unknown, next: number): number {
    const flat = this.#flatIndex(rep, next);
    if (flat !== undefined) return flat;
    const text = JSON.stringify(rep);
    const at = this.#texts.get(text);
    if (at !== undefined) return at;
    this.#texts.set(text, next);
    return next;
  }

  #flatIndex(rep: unknown, next: number): number | undefined {
    if (rep === null || typeof rep !== 'object' || Array.isArray(rep)) return undefined;
    let node = this.#trie;
    const fields = rep as Record<string, unknown>;
    for (const field in fields) {
      const value = fields[field];
      // Parsed JSON holds no NaN or -0, the only values whose Map key and JSON text disagree.
      if (value !== null && typeof value === 'object') return undefined;
      let byValue = node.get(field) as Map<unknown, Trie> | undefined;
      if (!byValue) node.set(field, (byValue = new Map()));
      let child = byValue.get(value);
      if (!child) byValue.set(value, (child = new Map()));
      node = child;
    }
    const at = node.get(END) as number | undefined;
    if (at !== undefined) return at;
    node.set(END, next);
    return next;
  }
}

/** Builds the combined document for one representative fetch per unit. */
function planMerge(representatives: readonly FetchBody[]): MergePlan {
  const variableDefinitions: VariableDefinitionNode[] = [];
  const fields: FieldNode[] = [];
  const fragments = new Map<string, { printed: string; node: FragmentDefinitionNode }>();
  const units: MergePlan['units'] = [];
  representatives.forEach((body, u) => {
    const doc = parsedFetch(body.query);
    const operation = operationOf(doc)!;
    const prefix = `_c${u}_`;
    // Fragments of this fetch that clash with another fetch's of the same name are renamed apart.
    const renamedFragments = new Map<string, string>();
    for (const d of doc.definitions) {
      if (d.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const printed = print(d);
      const existing = fragments.get(d.name.value);
      // A fragment using variables is this fetch's own: its variables are renamed with the fetch's.
      if ((existing && existing.printed !== printed) || (u > 0 && printed.includes('$'))) renamedFragments.set(d.name.value, `${d.name.value}${prefix}`);
    }
    const rename = <T extends ASTNode>(node: T): T =>
      visit(node, {
        Variable: (v) => ({ ...v, name: { ...v.name, value: `${prefix}${v.name.value}` } }),
        FragmentSpread: (s) => (renamedFragments.has(s.name.value) ? { ...s, name: { ...s.name, value: renamedFragments.get(s.name.value)! } } : undefined),
      });
    for (const d of doc.definitions) {
      if (d.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const name = renamedFragments.get(d.name.value) ?? d.name.value;
      if (fragments.has(name)) continue;
      const node = rename({ ...d, name: { ...d.name, value: name } });
      fragments.set(name, { printed: print(d), node });
    }
    for (const def of operation.variableDefinitions ?? []) variableDefinitions.push(rename(def));
    const keys: string[] = [];
    for (const selection of operation.selectionSet.selections as FieldNode[]) {
      const key = selection.alias?.value ?? selection.name.value;
      keys.push(key);
      fields.push(rename({ ...selection, alias: { kind: Kind.NAME, value: `${prefix}${key}` } }));
    }
    units.push({ keys, prefix, entity: isEntityFetch(body, operation), variables: (operation.variableDefinitions ?? []).map((d) => d.variable.name.value) });
  });
  const first = representatives[0]!;
  const operationName = `${operationOf(parsedFetch(first.query))?.name?.value ?? first.operationName ?? 'Hub'}__combined`;
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: { kind: Kind.NAME, value: operationName },
    variableDefinitions,
    directives: [],
    selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...[...fragments.values()].map((f) => f.node)] };
  return { query: print(document), operationName, units };
}
