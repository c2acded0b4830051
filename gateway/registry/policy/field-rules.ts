import type { FieldDefinitionNode } from 'graphql';
import { inNamespace } from '../model.ts';
import type { PolicyContext } from './context.ts';
import type { TypeSite } from './site.ts';
import { capitalise, FEDERATION_ROOT_FIELDS, list } from './sdl.ts';

/** Rule: a partner's root field does not take the name of a root field someone else defines. */
export function rootFieldCollisionRule(field: FieldDefinitionNode, site: TypeSite): string[] {
  if (site.class !== 'root' || FEDERATION_ROOT_FIELDS.has(field.name.value)) return [];
  const owners = site.existing?.fields.get(field.name.value);
  return owners ? [`${site.node.name.value}.${field.name.value} collides with the root field of ${list(owners)}: root fields may not collide.`] : [];
}

/** Rule: a root field a partner adds lies in its namespace (`hainanServiceRecords`). */
export function rootFieldNamespaceRule(field: FieldDefinitionNode, site: TypeSite, context: PolicyContext): string[] {
  const name = field.name.value;
  if (site.class !== 'root' || FEDERATION_ROOT_FIELDS.has(name) || site.existing?.fields.has(name) || inNamespace(name, context.fieldPrefix)) return [];
  return [`${site.node.name.value}.${name} is outside the ${context.name} namespace: name it ${context.fieldPrefix}${capitalise(name)}.`];
}

/**
 * Rule: on a core entity a partner does not define a field the core owns (only repeats key fields
 * and declares `@external` ones), nor makes one `@shareable` (it could then answer for it) or
 * `@inaccessible` (hiding it from every client).
 */
export function ownedFieldRule(field: FieldDefinitionNode, site: TypeSite, context: PolicyContext): string[] {
  if (site.class !== 'entity') return [];
  const fieldName = field.name.value;
  const owners = site.existing.fields.get(fieldName);
  if (!owners) return [];
  const where = `${site.node.name.value}.${fieldName} is owned by ${list(owners)}`;
  const directives = (field.directives ?? []).map((d) => context.canonical(d.name.value));
  if (!site.keyFields.has(fieldName) && !directives.includes('external'))
    return [`${where}; a partner may not define it (add a new field such as ${context.fieldPrefix}${capitalise(fieldName)}).`];
  if (directives.includes('shareable')) return [`${where}; a partner may not redefine it as @shareable.`];
  if (directives.includes('inaccessible')) return [`${where}; a partner may not hide it with @inaccessible.`];
  return [];
}

/** Rule: a field a partner adds to a core entity lies in its namespace (`Talent.hainanVisits`). */
export function entityFieldNamespaceRule(field: FieldDefinitionNode, site: TypeSite, context: PolicyContext): string[] {
  const name = field.name.value;
  if (site.class !== 'entity' || site.existing.fields.has(name) || inNamespace(name, context.fieldPrefix)) return [];
  return [`${site.node.name.value}.${name} is outside the ${context.name} namespace: name it ${context.fieldPrefix}${capitalise(name)}.`];
}
