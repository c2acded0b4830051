import { type ASTNode, type FieldDefinitionNode, Kind, visit } from 'graphql';
import type { PolicyContext } from './context.ts';
import { keyFieldsOf, selectedFields } from './graph.ts';
import { federationNames, isTypeNode, outputFields, ROOT_TYPES, stringArgument, type TypeNode } from './sdl.ts';

/**
 * The rules on core fields a partner references (`@external`, `@requires`, `@fromContext`;
 * `@provides` is refused outright by `forbiddenDirectivesRule`). A partner may not pull core
 * fields it is not given: these directives may name only key fields of the core's entities and
 * the fields the hub operators allow-list (HUB_PARTNER_ALLOWED_FIELDS, `Type.field`, for
 * non-personal fields). Otherwise the gateway would itself fetch, say, a talent's birth year from
 * experts and send it to the partner: the personal-data rules hold at the subgraph that owns the
 * field, and that subgraph sees the gateway asking, not the partner.
 */

/** The sentence for one core field a partner may not reference, and why. */
function notAllowed(directive: string, where: string, coordinate: string): string {
  return `@${directive} on ${where} references ${coordinate}: partners may reference only key fields of the hub's entities and the fields the hub operators allow-list (HUB_PARTNER_ALLOWED_FIELDS). Through @${directive} the gateway would fetch ${coordinate} itself and hand it to the partner, bypassing the rules that protect it; add a field of your own instead, or ask the hub operators to allow-list ${coordinate} if it is not personal data.`;
}

/** Whether a core field may be referenced: a key field of its type, or allow-listed. */
function mayReference(context: PolicyContext, type: string, field: string): boolean {
  const coordinate = `${type}.${field}`;
  return context.allowedFields.has(coordinate) || keyFieldsOf(type, context.owned).has(coordinate);
}

/** The candidate's object and interface types that extend a type of the rest of the graph. */
function coreTypesExtended(context: PolicyContext): TypeNode[] {
  return context.doc.definitions.filter((d): d is TypeNode => isTypeNode(d) && outputFields(d).length > 0 && context.owned.has(d.name.value) && !ROOT_TYPES.has(d.name.value));
}

/**
 * Rule: `@external` on a field of a core entity declares that the partner's resolvers will be
 * given that field, so it is allowed only for key fields and allow-listed fields.
 */
export function externalFieldsRule(context: PolicyContext): string[] {
  const violations: string[] = [];
  for (const node of coreTypesExtended(context)) {
    for (const field of outputFields(node)) {
      if (!field.directives?.some((d) => context.canonical(d.name.value) === 'external')) continue;
      if (!mayReference(context, node.name.value, field.name.value))
        violations.push(notAllowed('external', `${node.name.value}.${field.name.value}`, `${node.name.value}.${field.name.value}`));
    }
  }
  return violations;
}

/**
 * Rule: `@requires(fields:)` makes the gateway fetch the named fields (at any depth) from their
 * owners and send them to the partner with each entity; every field reached must be a key field
 * or allow-listed.
 */
export function requiresFieldsRule(context: PolicyContext): string[] {
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

/** Which types carry each `@context(name:)`, in the rest of the graph. */
function contextTypes(context: PolicyContext): Map<string, Set<string>> {
  const types = new Map<string, Set<string>>();
  for (const { doc } of context.others) {
    const { canonical } = federationNames(doc);
    for (const def of doc.definitions) {
      if (!isTypeNode(def)) continue;
      for (const d of def.directives ?? []) {
        const name = canonical(d.name.value) === 'context' ? stringArgument(d, 'name') : undefined;
        if (name) types.set(name, (types.get(name) ?? new Set()).add(def.name.value));
      }
    }
  }
  return types;
}

/**
 * Rule: `@fromContext(field: "$name { ... }")` makes the gateway pass fields of an ancestor
 * marked `@context(name:)` as an argument. When that ancestor may be a type of the rest of the
 * graph (a context another subgraph declares, or a type condition naming one), every field
 * selected must be a key field or allow-listed.
 */
export function fromContextRule(context: PolicyContext): string[] {
  const violations: string[] = [];
  // Core types cannot be given a @context by a partner (only @key is allowed on another
  // subgraph's entity), so the contexts that matter are the ones the rest of the graph declares.
  const declared = contextTypes(context);
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
        const candidates = new Set([...(declared.get(contextName) ?? []), ...conditioned.filter((t) => context.owned.has(t))]);
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
