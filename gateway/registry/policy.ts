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
  type TypeNode as TypeReferenceNode,
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
 * - It may not pull core fields it is not given: `@external`, `@requires` and `@fromContext` may
 *   name only key fields of the core's entities and the fields the hub operators allow-list
 *   (HUB_PARTNER_ALLOWED_FIELDS, `Type.field`, for non-personal fields). Otherwise the gateway
 *   would itself fetch, say, a talent's birth year from experts and send it to the partner: the
 *   personal-data rules hold at the subgraph that owns the field, and that subgraph sees the
 *   gateway asking, not the partner. See `fieldReferenceRules`.
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

const list = (owners: Iterable<string>) => [...owners].sort().join(', ');

function namedType(type: TypeReferenceNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Every `Type.field` a selection reaches from `typeName` (nested selections and `... on T` followed). */
function selectedFields(typeName: string, selection: string, owned: ReadonlyMap<string, OwnedType>): { type: string; field: string }[] {
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

/** What the field-reference rules need to know of the graph and the candidate. */
export interface FieldReferenceContext {
  /** The candidate partner's SDL. */
  doc: DocumentNode;
  /** Maps a directive as written in the candidate to its federation name. */
  canonical: (local: string) => string;
  /** Types as the rest of the graph defines them (core and other partners). */
  owned: ReadonlyMap<string, OwnedType>;
  /** `Type.field` entries the hub operators allow partners to reference besides key fields. */
  allowedFields: ReadonlySet<string>;
}

/** The fields of `typeName`'s keys (every level of each `@key(fields:)` selection), as `Type.field`. */
function keyFieldsOf(typeName: string, owned: ReadonlyMap<string, OwnedType>): Set<string> {
  const fields = new Set<string>();
  for (const key of owned.get(typeName)?.keys ?? []) for (const f of selectedFields(typeName, key, owned)) fields.add(`${f.type}.${f.field}`);
  return fields;
}

/** The sentence for one core field a partner may not reference, and why. */
function notAllowed(directive: string, where: string, coordinate: string): string {
  return `@${directive} on ${where} references ${coordinate}: partners may reference only key fields of the hub's entities and the fields the hub operators allow-list (HUB_PARTNER_ALLOWED_FIELDS). Through @${directive} the gateway would fetch ${coordinate} itself and hand it to the partner, bypassing the rules that protect it; add a field of your own instead, or ask the hub operators to allow-list ${coordinate} if it is not personal data.`;
}

/** Whether a core field may be referenced: a key field of its type, or allow-listed. */
function mayReference(context: FieldReferenceContext, type: string, field: string): boolean {
  const coordinate = `${type}.${field}`;
  return context.allowedFields.has(coordinate) || keyFieldsOf(type, context.owned).has(coordinate);
}

/** The candidate's object and interface types that extend a type of the rest of the graph. */
function coreTypesExtended(context: FieldReferenceContext): TypeNode[] {
  return context.doc.definitions.filter(
    (d): d is TypeNode => isTypeNode(d) && outputFields(d).length > 0 && context.owned.has(d.name.value) && !ROOT_TYPES.has(d.name.value),
  );
}

/**
 * Rule: `@external` on a field of a core entity declares that the partner's resolvers will be
 * given that field, so it is allowed only for key fields and allow-listed fields.
 */
export function externalFieldsRule(context: FieldReferenceContext): string[] {
  const violations: string[] = [];
  for (const node of coreTypesExtended(context)) {
    for (const field of outputFields(node)) {
      if (!field.directives?.some((d) => context.canonical(d.name.value) === 'external')) continue;
      if (!mayReference(context, node.name.value, field.name.value)) violations.push(notAllowed('external', `${node.name.value}.${field.name.value}`, `${node.name.value}.${field.name.value}`));
    }
  }
  return violations;
}

/**
 * Rule: `@requires(fields:)` makes the gateway fetch the named fields (at any depth) from their
 * owners and send them to the partner with each entity; every field reached must be a key field
 * or allow-listed.
 */
export function requiresFieldsRule(context: FieldReferenceContext): string[] {
  const violations: string[] = [];
  for (const node of coreTypesExtended(context)) {
    for (const field of outputFields(node)) {
      for (const directive of field.directives ?? []) {
        if (context.canonical(directive.name.value) !== 'requires') continue;
        const selection = stringArgument(directive, 'fields') ?? '';
        for (const ref of selectedFields(node.name.value, selection, context.owned)) {
          if (!mayReference(context, ref.type, ref.field)) violations.push(notAllowed('requires', `${node.name.value}.${field.name.value}`, `${ref.type}.${ref.field}`));
        }
      }
    }
  }
  return violations;
}

/**
 * Rule: `@fromContext(field: "$name { ... }")` makes the gateway pass fields of an ancestor
 * marked `@context(name:)` as an argument. When that ancestor may be a type of the rest of the
 * graph (a context another subgraph declares, or a type condition naming one), every field
 * selected must be a key field or allow-listed.
 */
export function fromContextRule(context: FieldReferenceContext, others: readonly ParsedSubgraph[]): string[] {
  const violations: string[] = [];
  // Which types carry each context name, in the rest of the graph (core types cannot be given a
  // @context by a partner: only @key is allowed on another subgraph's entity).
  const contextTypes = new Map<string, Set<string>>();
  for (const { doc } of others) {
    const { canonical } = federationNames(doc);
    for (const def of doc.definitions) {
      if (!isTypeNode(def)) continue;
      for (const d of def.directives ?? []) {
        const name = canonical(d.name.value) === 'context' ? stringArgument(d, 'name') : undefined;
        if (name) contextTypes.set(name, (contextTypes.get(name) ?? new Set()).add(def.name.value));
      }
    }
  }
  visit(context.doc, {
    InputValueDefinition(node, _key, _parent, _path, ancestors) {
      for (const directive of node.directives ?? []) {
        if (context.canonical(directive.name.value) !== 'fromContext') continue;
        const value = stringArgument(directive, 'field') ?? '';
        const match = /^\s*\$(\w+)\s*(.*)$/s.exec(value);
        const where = `${[...ancestors].reverse().find((a): a is FieldDefinitionNode => !Array.isArray(a) && (a as ASTNode).kind === Kind.FIELD_DEFINITION)?.name.value ?? '?'}(${node.name.value})`;
        if (!match) continue; // composition reports a malformed @fromContext
        const [, contextName, selection] = match as unknown as [string, string, string];
        const inner = selection.trim().replace(/^\{([\s\S]*)\}$/, '$1');
        const conditioned = [...inner.matchAll(/\.\.\.\s*on\s+(\w+)/g)].map((m) => m[1]!);
        const candidates = new Set([...(contextTypes.get(contextName) ?? []), ...conditioned.filter((t) => context.owned.has(t))]);
        for (const type of candidates) {
          for (const ref of selectedFields(type, inner, context.owned)) {
            if (!context.owned.has(ref.type)) continue;
            if (!mayReference(context, ref.type, ref.field)) violations.push(notAllowed('fromContext', where, `${ref.type}.${ref.field}`));
          }
        }
      }
    },
  });
  return violations;
}

/** Builds the context the field-reference rules run in, for `candidate` against `others`. */
export function fieldReferenceContext(candidate: ParsedSubgraph, others: readonly ParsedSubgraph[], allowedFields: readonly string[] = []): FieldReferenceContext {
  return { doc: candidate.doc, canonical: federationNames(candidate.doc).canonical, owned: indexOwners(others), allowedFields: new Set(allowedFields) };
}

/**
 * The rules on core fields a partner references (`@external`, `@requires`, `@fromContext`;
 * `@provides` is refused outright, see FORBIDDEN_DIRECTIVES), each a named rule above.
 */
export function fieldReferenceRules(context: FieldReferenceContext, others: readonly ParsedSubgraph[]): string[] {
  return [...externalFieldsRule(context), ...requiresFieldsRule(context), ...fromContextRule(context, others)];
}

/**
 * Checks a partner's SDL against the rest of the graph (core subgraphs and the other partners).
 * Returns every violation found, each a sentence saying what to change; empty when it complies.
 */
export function checkPartnerPolicy(
  candidate: ParsedSubgraph,
  others: readonly ParsedSubgraph[],
  otherPartnerNames: readonly string[],
  options: { allowedFields?: readonly string[] } = {},
): string[] {
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
  violations.push(...fieldReferenceRules({ doc: candidate.doc, canonical, owned, allowedFields: new Set(options.allowedFields ?? []) }, others));
  return [...new Set(violations)];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
