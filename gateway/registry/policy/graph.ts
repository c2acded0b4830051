import { type DocumentNode, Kind, parse, type SelectionSetNode } from 'graphql';
import { enumValues, federationNames, isTypeNode, KIND_OF, namedType, normaliseFieldSet, outputFields, stringArgument, type TypeKind } from './sdl.ts';

/** A subgraph's SDL, parsed. */
export interface ParsedSubgraph {
  name: string;
  doc: DocumentNode;
}

/** A type as the rest of the graph defines it. */
export interface OwnedType {
  kind: TypeKind;
  owners: Set<string>;
  /** Normalised `@key(fields:)` selections declared by any subgraph; empty: not an entity. */
  keys: Set<string>;
  /** Field name -> subgraphs that define it (`@external` references do not count). */
  fields: Map<string, Set<string>>;
  /** Field name -> the name of its (unwrapped) type. */
  fieldTypes: Map<string, string>;
  enumValues: Set<string>;
}

/** Indexes who defines which types and fields, across the subgraphs other than the candidate. */
export function indexOwners(subgraphs: readonly ParsedSubgraph[]): Map<string, OwnedType> {
  const types = new Map<string, OwnedType>();
  for (const { name: owner, doc } of subgraphs) {
    const { canonical } = federationNames(doc);
    for (const def of doc.definitions) {
      if (!isTypeNode(def)) continue;
      const typeName = def.name.value;
      const entry = types.get(typeName) ?? { kind: KIND_OF[def.kind]!, owners: new Set(), keys: new Set(), fields: new Map(), fieldTypes: new Map(), enumValues: new Set() };
      types.set(typeName, entry);
      entry.owners.add(owner);
      for (const directive of def.directives ?? []) {
        const fields = canonical(directive.name.value) === 'key' ? stringArgument(directive, 'fields') : undefined;
        if (fields !== undefined) entry.keys.add(normaliseFieldSet(fields));
      }
      for (const field of outputFields(def)) {
        entry.fieldTypes.set(field.name.value, namedType(field.type));
        if (field.directives?.some((d) => canonical(d.name.value) === 'external')) continue;
        const owners = entry.fields.get(field.name.value) ?? new Set<string>();
        owners.add(owner);
        entry.fields.set(field.name.value, owners);
      }
      for (const value of enumValues(def)) entry.enumValues.add(value);
    }
  }
  return types;
}

/** Every `Type.field` a selection reaches from `typeName` (nested selections and `... on T` followed). */
export function selectedFields(typeName: string, selection: string, owned: ReadonlyMap<string, OwnedType>): { type: string; field: string }[] {
  let set: SelectionSetNode;
  try {
    const op = parse(`{ ${selection} }`).definitions[0];
    if (op?.kind !== Kind.OPERATION_DEFINITION) return [];
    set = op.selectionSet;
  } catch {
    return []; // composition reports a selection that does not parse
  }
  const found: { type: string; field: string }[] = [];
  const walk = (type: string, node: SelectionSetNode) => {
    for (const s of node.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === '__typename') continue;
        found.push({ type, field: s.name.value });
        const next = owned.get(type)?.fieldTypes.get(s.name.value);
        if (s.selectionSet && next) walk(next, s.selectionSet);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.typeCondition?.name.value ?? type, s.selectionSet);
    }
  };
  walk(typeName, set);
  return found;
}

/** The fields of `typeName`'s keys (every level of each `@key(fields:)` selection), as `Type.field`. */
export function keyFieldsOf(typeName: string, owned: ReadonlyMap<string, OwnedType>): Set<string> {
  const fields = new Set<string>();
  for (const key of owned.get(typeName)?.keys ?? []) for (const f of selectedFields(typeName, key, owned)) fields.add(`${f.type}.${f.field}`);
  return fields;
}
