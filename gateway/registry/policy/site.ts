import { type DefinitionNode, type FieldDefinitionNode, Kind, type SchemaDefinitionNode, type SchemaExtensionNode } from 'graphql';
import type { PolicyContext } from './context.ts';
import type { OwnedType } from './graph.ts';
import { isSpecType, isTypeNode, KIND_OF, normaliseFieldSet, outputFields, ROOT_TYPES, stringArgument, topLevelFields, type TypeKind, type TypeNode } from './sdl.ts';

/**
 * One definition of the candidate's SDL, classified by what it is to the rest of the graph. The
 * classes are exclusive and tried in this order, so each rule looks at the one class it governs.
 */
export type TypeSite =
  | { class: 'schema'; node: SchemaDefinitionNode | SchemaExtensionNode }
  /** A directive definition, or a type federation or a linked spec adds: no rule applies. */
  | { class: 'other'; node: DefinitionNode }
  | { class: 'subscription'; node: TypeNode }
  /** `Query` or `Mutation`. */
  | { class: 'root'; node: TypeNode; fields: readonly FieldDefinitionNode[]; existing: OwnedType | undefined }
  /** A type nobody else defines. */
  | { class: 'new'; node: TypeNode }
  /** A type only other partners define. */
  | { class: 'partner'; node: TypeNode; existing: OwnedType }
  /** A core type written as another kind. */
  | { class: 'redefined'; node: TypeNode; existing: OwnedType; kind: TypeKind }
  | { class: 'scalar' | 'enum' | 'input' | 'union'; node: TypeNode; existing: OwnedType }
  /** A core object or interface type without a key. */
  | { class: 'value'; node: TypeNode; existing: OwnedType }
  /** A core entity; `keyFields` are the top-level fields of the keys the candidate declares that the core has. */
  | { class: 'entity'; node: TypeNode; fields: readonly FieldDefinitionNode[]; existing: OwnedType; keyFields: ReadonlySet<string> };

/** Classifies one definition of the candidate (see `TypeSite`). */
export function typeSite(node: DefinitionNode, context: PolicyContext): TypeSite {
  if (node.kind === Kind.SCHEMA_DEFINITION || node.kind === Kind.SCHEMA_EXTENSION) return { class: 'schema', node };
  if (!isTypeNode(node) || isSpecType(node.name.value, context.namespaces)) return { class: 'other', node };
  const typeName = node.name.value;
  const existing = context.owned.get(typeName);
  if (typeName === 'Subscription') return { class: 'subscription', node };
  if (ROOT_TYPES.has(typeName)) return { class: 'root', node, fields: outputFields(node), existing };
  if (!existing) return { class: 'new', node };
  // Only the core's types may be reused or extended: depending on another partner's types would
  // make that partner impossible to change or remove without breaking this one.
  if ([...existing.owners].every((o) => context.partnerNames.has(o))) return { class: 'partner', node, existing };
  const kind = KIND_OF[node.kind]!;
  if (existing.kind !== kind) return { class: 'redefined', node, existing, kind };
  if (kind === 'scalar' || kind === 'enum' || kind === 'input' || kind === 'union') return { class: kind, node, existing };
  if (existing.keys.size === 0) return { class: 'value', node, existing };
  const keyFields = new Set<string>();
  for (const directive of node.directives ?? []) {
    if (context.canonical(directive.name.value) !== 'key') continue;
    const selection = stringArgument(directive, 'fields') ?? '';
    if (existing.keys.has(normaliseFieldSet(selection))) for (const f of topLevelFields(selection)) keyFields.add(f);
  }
  return { class: 'entity', node, fields: outputFields(node), existing, keyFields };
}

/** Every definition of the candidate, classified, in document order. */
export function typeSites(context: PolicyContext): TypeSite[] {
  return context.doc.definitions.map((d) => typeSite(d, context));
}

/** A rule on one definition of the candidate (rules run definition by definition, in document order). */
export type TypeRule = (site: TypeSite, context: PolicyContext) => string[];

/** A rule on one field of a root type or of a core entity the candidate extends. */
export type FieldRule = (field: FieldDefinitionNode, site: TypeSite, context: PolicyContext) => string[];
