import {
  type ASTNode,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  parse,
  type SelectionSetNode,
  type TypeDefinitionNode,
  type TypeExtensionNode,
  visit,
} from 'graphql';
import { inNamespace, namespaceOf } from './model.ts';

/**
 * Governance of partner subgraphs: what a partner may contribute to the graph, checked by
 * walking its SDL before it is composed.
 *
 * - Everything a partner adds lives in its namespace, named after it: partner `hainan` adds
 *   types `Hainan...` and fields `hainan...` (on `Query`/`Mutation` and on entities of others).
 *   Its namespace must be free: nobody else may already use it.
 * - It may extend the core's entities (`Talent`, `Region`, ...) with new fields in its namespace,
 *   declaring only keys those entities already have and repeating only their key fields. It may
 *   not build on another partner's types (that partner could then not change or leave).
 * - It may not define, or redefine as shareable, a field someone else owns, nor reuse others'
 *   value types, inputs, unions or interfaces (enums and scalars it may reuse as they are).
 * - It may not `@override`, `@provides` (which would let it answer for others' fields),
 *   `@interfaceObject` or `@composeDirective`, and it must be a Federation 2 subgraph.
 */

/** Directives a partner may not use anywhere, with why. */
const FORBIDDEN_DIRECTIVES: Record<string, string> = {
  override: 'takes a field away from its owner',
  provides: "would let the partner answer for other subgraphs' fields",
  interfaceObject: "changes how others' interfaces resolve",
  composeDirective: 'adds custom directives to the whole graph',
};

/** Directives a partner may put on someone else's entity type. */
const ENTITY_TYPE_DIRECTIVES = new Set(['key', 'tag', 'extends']);

type TypeKind = 'object' | 'interface' | 'input' | 'enum' | 'union' | 'scalar';

const KIND_OF: Partial<Record<Kind, TypeKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'object',
  [Kind.OBJECT_TYPE_EXTENSION]: 'object',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum',
  [Kind.ENUM_TYPE_EXTENSION]: 'enum',
  [Kind.UNION_TYPE_DEFINITION]: 'union',
  [Kind.UNION_TYPE_EXTENSION]: 'union',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
  [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
};

const ROOT_TYPES = new Set(['Query', 'Mutation']);

/**
 * What a subgraph's `_service { sdl }` adds of its own (@apollo/subgraph prints the full schema):
 * federation's types and root fields, and the types of linked specs (`link__*`, `federation__*`).
 */
const FEDERATION_TYPES = new Set(['_Any', '_Service', '_Entity', '_FieldSet']);
const FEDERATION_ROOT_FIELDS = new Set(['_entities', '_service']);
const isSpecType = (name: string, namespaces: ReadonlySet<string>) =>
  FEDERATION_TYPES.has(name) || [...namespaces].some((ns) => name.startsWith(`${ns}__`));

/** A type as the rest of the graph defines it. */
interface OwnedType {
  kind: TypeKind;
  owners: Set<string>;
  /** Normalised `@key(fields:)` selections declared by any subgraph; empty: not an entity. */
  keys: Set<string>;
  /** Field name -> subgraphs that define it (`@external` references do not count). */
  fields: Map<string, Set<string>>;
  enumValues: Set<string>;
}

/** A subgraph's SDL, parsed. */
export interface ParsedSubgraph {
  name: string;
  doc: DocumentNode;
}

/**
 * Maps a directive as written in a subgraph to its federation name, following the subgraph's
 * `@link(url: ".../federation/v2.x", import: [...], as: ...)`: an imported directive may be
 * renamed (`{ name: "@key", as: "@primaryKey" }`), the others are written `@federation__name`.
 */
function federationNames(doc: DocumentNode): { canonical: (local: string) => string; federation2: boolean; namespaces: ReadonlySet<string> } {
  const renamed = new Map<string, string>();
  let namespace = 'federation';
  let federation2 = false;
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_EXTENSION && def.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const directive of def.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = directive.arguments?.find((a) => a.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !/specs\.apollo\.dev\/federation\/v2\.\d+/.test(url.value)) continue;
      federation2 = true;
      const as = directive.arguments?.find((a) => a.name.value === 'as')?.value;
      if (as?.kind === Kind.STRING) namespace = as.value.replace(/^@/, '');
      const imports = directive.arguments?.find((a) => a.name.value === 'import')?.value;
      if (imports?.kind !== Kind.LIST) continue;
      for (const item of imports.values) {
        if (item.kind === Kind.STRING) renamed.set(item.value.replace(/^@/, ''), item.value.replace(/^@/, ''));
        if (item.kind === Kind.OBJECT) {
          const name = item.fields.find((f) => f.name.value === 'name')?.value;
          const alias = item.fields.find((f) => f.name.value === 'as')?.value;
          if (name?.kind === Kind.STRING) {
            const canonical = name.value.replace(/^@/, '');
            renamed.set(alias?.kind === Kind.STRING ? alias.value.replace(/^@/, '') : canonical, canonical);
          }
        }
      }
    }
  }
  const prefix = `${namespace}__`;
  return {
    federation2,
    namespaces: new Set(['link', 'federation', namespace]),
    canonical: (local) => renamed.get(local) ?? (local.startsWith(prefix) ? local.slice(prefix.length) : local),
  };
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** `"id  region { code }"` -> `"id region{code}"`, so equal selections compare equal. */
function normaliseFieldSet(fields: string): string {
  return fields.replace(/\s+/g, ' ').replace(/\s*([{}])\s*/g, '$1').trim();
}

/** Top-level field names of a `@key(fields:)` selection. */
function topLevelFields(fields: string): string[] {
  try {
    const doc = parse(`{ ${fields} }`);
    const op = doc.definitions[0];
    const set: SelectionSetNode | undefined = op?.kind === Kind.OPERATION_DEFINITION ? op.selectionSet : undefined;
    return (set?.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  } catch {
    return [];
  }
}

type TypeNode = TypeDefinitionNode | TypeExtensionNode;

function isTypeNode(node: ASTNode): node is TypeNode {
  return isTypeDefinitionNode(node) || isTypeExtensionNode(node);
}

/** The output fields of an object or interface type (input fields are not owned the same way). */
function outputFields(node: TypeNode): readonly FieldDefinitionNode[] {
  return node.kind === Kind.OBJECT_TYPE_DEFINITION ||
    node.kind === Kind.OBJECT_TYPE_EXTENSION ||
    node.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    node.kind === Kind.INTERFACE_TYPE_EXTENSION
    ? (node.fields ?? [])
    : [];
}

function enumValues(node: TypeNode): string[] {
  return node.kind === Kind.ENUM_TYPE_DEFINITION || node.kind === Kind.ENUM_TYPE_EXTENSION ? (node.values ?? []).map((v) => v.name.value) : [];
}

/** Indexes who defines which types and fields, across the subgraphs other than the candidate. */
function indexOwners(subgraphs: readonly ParsedSubgraph[]): Map<string, OwnedType> {
  const types = new Map<string, OwnedType>();
  for (const { name: owner, doc } of subgraphs) {
    const { canonical } = federationNames(doc);
    for (const def of doc.definitions) {
      if (!isTypeNode(def)) continue;
      const typeName = def.name.value;
      const entry = types.get(typeName) ?? { kind: KIND_OF[def.kind]!, owners: new Set(), keys: new Set(), fields: new Map(), enumValues: new Set() };
      types.set(typeName, entry);
      entry.owners.add(owner);
      for (const directive of def.directives ?? []) {
        const fields = canonical(directive.name.value) === 'key' ? stringArgument(directive, 'fields') : undefined;
        if (fields !== undefined) entry.keys.add(normaliseFieldSet(fields));
      }
      for (const field of outputFields(def)) {
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

const list = (owners: Iterable<string>) => [...owners].sort().join(', ');

/**
 * Checks a partner's SDL against the rest of the graph (core subgraphs and the other partners).
 * Returns every violation found, each a sentence saying what to change; empty when it complies.
 */
export function checkPartnerPolicy(candidate: ParsedSubgraph, others: readonly ParsedSubgraph[], otherPartnerNames: readonly string[]): string[] {
  const violations: string[] = [];
  const { typePrefix, fieldPrefix } = namespaceOf(candidate.name);
  const owned = indexOwners(others);
  const partnerNames = new Set(otherPartnerNames);
  const { canonical, federation2, namespaces } = federationNames(candidate.doc);

  if (!federation2) {
    violations.push('Partner subgraphs must be Federation 2 subgraphs: start the SDL with `extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])`.');
  }

  // The namespace must be free, or two partners (or a partner and the core) would share names.
  for (const other of otherPartnerNames) {
    if (other.startsWith(candidate.name) || candidate.name.startsWith(other)) {
      violations.push(`The name "${candidate.name}" overlaps the namespace of partner "${other}": choose a name that neither starts nor is the start of another partner's name.`);
    }
  }
  for (const [typeName, type] of owned) {
    if (inNamespace(typeName, typePrefix)) violations.push(`The ${candidate.name} namespace is taken: type ${typeName} is defined by ${list(type.owners)}.`);
    if (!ROOT_TYPES.has(typeName) && type.keys.size === 0) continue;
    for (const [fieldName, owners] of type.fields) {
      if (inNamespace(fieldName, fieldPrefix)) violations.push(`The ${candidate.name} namespace is taken: field ${typeName}.${fieldName} is defined by ${list(owners)}.`);
    }
  }

  /** Where a directive sits, for messages: `Talent.name`, `Talent`, `Query.x(arg)`. */
  const place = (ancestors: readonly (ASTNode | readonly ASTNode[])[]): string => {
    const parts: string[] = [];
    for (const a of ancestors) {
      if (Array.isArray(a) || !('kind' in (a as ASTNode))) continue;
      const node = a as ASTNode;
      if (isTypeNode(node)) parts.push(node.name.value);
      else if (node.kind === Kind.FIELD_DEFINITION || node.kind === Kind.ENUM_VALUE_DEFINITION) parts.push(`.${node.name.value}`);
      else if (node.kind === Kind.INPUT_VALUE_DEFINITION) parts.push(`(${node.name.value})`);
    }
    return parts.join('') || 'the schema';
  };

  const checkType = (node: TypeNode): void => {
    const typeName = node.name.value;
    if (isSpecType(typeName, namespaces)) return;
    const kind = KIND_OF[node.kind]!;
    const existing = owned.get(typeName);
    const fields = outputFields(node);
    const directiveNames = (node.directives ?? []).map((d) => canonical(d.name.value));

    if (typeName === 'Subscription') {
      violations.push('Subscription: the hub gateway does not serve subscriptions; partners may not define them.');
      return;
    }
    if (ROOT_TYPES.has(typeName)) {
      for (const field of fields) {
        if (FEDERATION_ROOT_FIELDS.has(field.name.value)) continue;
        const owners = existing?.fields.get(field.name.value);
        if (owners) violations.push(`${typeName}.${field.name.value} collides with the root field of ${list(owners)}: root fields may not collide.`);
        else if (!inNamespace(field.name.value, fieldPrefix)) violations.push(`${typeName}.${field.name.value} is outside the ${candidate.name} namespace: name it ${fieldPrefix}${capitalise(field.name.value)}.`);
      }
      return;
    }
    if (!existing) {
      if (!inNamespace(typeName, typePrefix)) violations.push(`Type ${typeName} is outside the ${candidate.name} namespace: name it ${typePrefix}${typeName}.`);
      return;
    }
    const owners = list(existing.owners);
    // Only the core's types may be reused or extended: depending on another partner's types would
    // make that partner impossible to change or remove without breaking this one.
    if ([...existing.owners].every((o) => partnerNames.has(o))) {
      violations.push(`${typeName} belongs to partner ${owners}; a partner may reuse or extend only the hub core's types.`);
      return;
    }
    if (existing.kind !== kind) {
      violations.push(`${typeName} is a ${existing.kind} of ${owners}; a partner may not redefine it (as a ${kind}).`);
      return;
    }
    switch (kind) {
      case 'scalar':
        return; // reusing a scalar by name changes nothing
      case 'enum': {
        const added = enumValues(node).filter((v) => !existing.enumValues.has(v));
        if (added.length) violations.push(`Enum ${typeName} belongs to ${owners}: a partner may reuse it but not add values (${added.join(', ')}); define ${typePrefix}${typeName} instead.`);
        return;
      }
      case 'input':
      case 'union':
        violations.push(`${typeName} belongs to ${owners}; a partner may not redefine it: define your own ${typePrefix}${typeName}.`);
        return;
      default:
        break;
    }
    if (existing.keys.size === 0) {
      violations.push(`${typeName} belongs to ${owners} and is not an entity: partners may only extend entities (types with @key); define your own ${typePrefix}${typeName}.`);
      return;
    }
    for (const directive of directiveNames) {
      if (!ENTITY_TYPE_DIRECTIVES.has(directive)) violations.push(`@${directive} on ${typeName}: on an entity of ${owners} a partner may only declare @key.`);
    }
    const keyFields = new Set<string>();
    for (const directive of node.directives ?? []) {
      if (canonical(directive.name.value) !== 'key') continue;
      const selection = stringArgument(directive, 'fields') ?? '';
      if (!existing.keys.has(normaliseFieldSet(selection))) {
        violations.push(`@key(fields: "${selection}") on ${typeName}: declare a key ${typeName} already has (${[...existing.keys].map((k) => `"${k}"`).join(', ')}).`);
        continue;
      }
      for (const f of topLevelFields(selection)) keyFields.add(f);
    }
    for (const field of fields) {
      const fieldName = field.name.value;
      const fieldDirectives = (field.directives ?? []).map((d) => canonical(d.name.value));
      const fieldOwners = existing.fields.get(fieldName);
      if (fieldOwners) {
        const reference = keyFields.has(fieldName) || fieldDirectives.includes('external');
        if (!reference) violations.push(`${typeName}.${fieldName} is owned by ${list(fieldOwners)}; a partner may not define it (add a new field such as ${fieldPrefix}${capitalise(fieldName)}).`);
        else if (fieldDirectives.includes('shareable')) violations.push(`${typeName}.${fieldName} is owned by ${list(fieldOwners)}; a partner may not redefine it as @shareable.`);
        else if (fieldDirectives.includes('inaccessible')) violations.push(`${typeName}.${fieldName} is owned by ${list(fieldOwners)}; a partner may not hide it with @inaccessible.`);
      } else if (!inNamespace(fieldName, fieldPrefix)) {
        violations.push(`${typeName}.${fieldName} is outside the ${candidate.name} namespace: name it ${fieldPrefix}${capitalise(fieldName)}.`);
      }
    }
  };

  // Root types go by their default names, so the collision and namespace rules above apply to them.
  const checkRootNames = (node: { operationTypes?: readonly { operation: string; type: { name: { value: string } } }[] }): void => {
    for (const op of node.operationTypes ?? []) {
      const expected = op.operation === 'query' ? 'Query' : op.operation === 'mutation' ? 'Mutation' : 'Subscription';
      if (op.type.name.value !== expected) violations.push(`A partner subgraph must name its ${op.operation} type ${expected} (not ${op.type.name.value}).`);
    }
  };

  visit(candidate.doc, {
    SchemaDefinition: checkRootNames,
    SchemaExtension: checkRootNames,
    Directive(node, _key, _parent, _path, ancestors) {
      const name = canonical(node.name.value);
      const why = FORBIDDEN_DIRECTIVES[name];
      if (why) violations.push(`@${name} on ${place(ancestors)}: partners may not use @${name} (it ${why}).`);
    },
    ObjectTypeDefinition: checkType,
    ObjectTypeExtension: checkType,
    InterfaceTypeDefinition: checkType,
    InterfaceTypeExtension: checkType,
    InputObjectTypeDefinition: checkType,
    InputObjectTypeExtension: checkType,
    EnumTypeDefinition: checkType,
    EnumTypeExtension: checkType,
    UnionTypeDefinition: checkType,
    UnionTypeExtension: checkType,
    ScalarTypeDefinition: checkType,
    ScalarTypeExtension: checkType,
  });
  return [...new Set(violations)];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
