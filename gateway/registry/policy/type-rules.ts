import { inNamespace } from '../model.ts';
import type { TypeSite } from './site.ts';
import type { PolicyContext } from './context.ts';
import { enumValues, list, normaliseFieldSet, stringArgument } from './sdl.ts';

/** Directives a partner may put on someone else's entity type. */
const ENTITY_TYPE_DIRECTIVES = new Set(['key', 'tag', 'extends']);

/**
 * Rule: root types go by their default names (`schema { query: Query }`), so the root-field
 * collision and namespace rules, which look for `Query` and `Mutation`, see every root field.
 */
export function rootOperationNamesRule(site: TypeSite): string[] {
  if (site.class !== 'schema') return [];
  const violations: string[] = [];
  for (const op of site.node.operationTypes ?? []) {
    const expected = op.operation === 'query' ? 'Query' : op.operation === 'mutation' ? 'Mutation' : 'Subscription';
    if (op.type.name.value !== expected) violations.push(`A partner subgraph must name its ${op.operation} type ${expected} (not ${op.type.name.value}).`);
  }
  return violations;
}

/** Rule: no `Subscription` type: the hub gateway serves no subscriptions. */
export function subscriptionRule(site: TypeSite): string[] {
  return site.class === 'subscription' ? ['Subscription: the hub gateway does not serve subscriptions; partners may not define them.'] : [];
}

/** Rule: a type the partner adds lies in its namespace (`HainanServiceRecord`), so partners never collide. */
export function typeNamespaceRule(site: TypeSite, context: PolicyContext): string[] {
  if (site.class !== 'new' || inNamespace(site.node.name.value, context.typePrefix)) return [];
  return [`Type ${site.node.name.value} is outside the ${context.name} namespace: name it ${context.typePrefix}${site.node.name.value}.`];
}

/**
 * Rule: a partner reuses or extends only the core's types, never another partner's: that partner
 * could then not change or leave without breaking this one.
 */
export function partnerTypeRule(site: TypeSite): string[] {
  if (site.class !== 'partner') return [];
  return [`${site.node.name.value} belongs to partner ${list(site.existing.owners)}; a partner may reuse or extend only the hub core's types.`];
}

/** Rule: a core type keeps its kind: a partner may not write `Talent` as an interface or `Sector` as a scalar. */
export function redefinedKindRule(site: TypeSite): string[] {
  if (site.class !== 'redefined') return [];
  return [`${site.node.name.value} is a ${site.existing.kind} of ${list(site.existing.owners)}; a partner may not redefine it (as a ${site.kind}).`];
}

/**
 * Rule: a core enum may be reused as it is, but not given values: the core's resolvers and
 * clients would meet values they do not know.
 */
export function enumValuesRule(site: TypeSite, context: PolicyContext): string[] {
  if (site.class !== 'enum') return [];
  const typeName = site.node.name.value;
  const added = enumValues(site.node).filter((v) => !site.existing.enumValues.has(v));
  if (!added.length) return [];
  return [
    `Enum ${typeName} belongs to ${list(site.existing.owners)}: a partner may reuse it but not add values (${added.join(', ')}); define ${context.typePrefix}${typeName} instead.`,
  ];
}

/** Rule: a core input or union is not redefined (composition would merge the partner's version into the core's). */
export function inputOrUnionRule(site: TypeSite, context: PolicyContext): string[] {
  if (site.class !== 'input' && site.class !== 'union') return [];
  const typeName = site.node.name.value;
  return [`${typeName} belongs to ${list(site.existing.owners)}; a partner may not redefine it: define your own ${context.typePrefix}${typeName}.`];
}

/**
 * Rule: of the core's object and interface types, a partner extends only entities (types with
 * `@key`): a value type's fields would become shareable between the core and the partner.
 */
export function valueTypeRule(site: TypeSite, context: PolicyContext): string[] {
  if (site.class !== 'value') return [];
  const typeName = site.node.name.value;
  return [
    `${typeName} belongs to ${list(site.existing.owners)} and is not an entity: partners may only extend entities (types with @key); define your own ${context.typePrefix}${typeName}.`,
  ];
}

/** Rule: on a core entity a partner declares only `@key` (and `@tag`, `@extends`), never `@shareable` or the like. */
export function entityDirectivesRule(site: TypeSite, context: PolicyContext): string[] {
  if (site.class !== 'entity') return [];
  const owners = list(site.existing.owners);
  return (site.node.directives ?? [])
    .map((d) => context.canonical(d.name.value))
    .filter((directive) => !ENTITY_TYPE_DIRECTIVES.has(directive))
    .map((directive) => `@${directive} on ${site.node.name.value}: on an entity of ${owners} a partner may only declare @key.`);
}

/** Rule: a partner extends a core entity by a key the core already declares, so the core can resolve its references. */
export function entityKeysRule(site: TypeSite, context: PolicyContext): string[] {
  if (site.class !== 'entity') return [];
  const typeName = site.node.name.value;
  const violations: string[] = [];
  for (const directive of site.node.directives ?? []) {
    if (context.canonical(directive.name.value) !== 'key') continue;
    const selection = stringArgument(directive, 'fields') ?? '';
    if (!site.existing.keys.has(normaliseFieldSet(selection))) {
      violations.push(`@key(fields: "${selection}") on ${typeName}: declare a key ${typeName} already has (${[...site.existing.keys].map((k) => `"${k}"`).join(', ')}).`);
    }
  }
  return violations;
}
