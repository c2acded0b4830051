import type { GraphRule } from './policy/context.ts';
import { policyContext } from './policy/context.ts';
import { forbiddenDirectivesRule } from './policy/directive-rules.ts';
import { entityFieldNamespaceRule, ownedFieldRule, rootFieldCollisionRule, rootFieldNamespaceRule } from './policy/field-rules.ts';
import type { ParsedSubgraph } from './policy/graph.ts';
import { federation2Rule, namespaceOverlapRule, namespaceTakenRule } from './policy/graph-rules.ts';
import { externalFieldsRule, fromContextRule, requiresFieldsRule } from './policy/reference-rules.ts';
import { type FieldRule, type TypeRule, typeSites } from './policy/site.ts';
import {
  entityDirectivesRule,
  entityKeysRule,
  enumValuesRule,
  inputOrUnionRule,
  partnerTypeRule,
  redefinedKindRule,
  rootOperationNamesRule,
  subscriptionRule,
  typeNamespaceRule,
  valueTypeRule,
} from './policy/type-rules.ts';

export type { ParsedSubgraph } from './policy/graph.ts';

/**
 * Governance of partner subgraphs: what a partner may contribute to the graph, checked by
 * walking its SDL before it is composed. Each rule is a named function under ./policy/ with its
 * reason; in short:
 *
 * - Everything a partner adds lives in its namespace, named after it: partner `hainan` adds
 *   types `Hainan...` and fields `hainan...` (on `Query`/`Mutation` and on entities of others).
 *   Its namespace must be free: nobody else may already use it.
 * - It may extend the core's entities (`Talent`, `Region`, ...) with new fields in its namespace,
 *   declaring only keys those entities already have and repeating only their key fields. It may
 *   not build on another partner's types (that partner could then not change or leave).
 * - It may not define, or redefine as shareable, a field someone else owns, nor reuse others'
 *   value types, inputs, unions or interfaces (enums and scalars it may reuse as they are).
 * - It may not `@override`, `@provides`, `@interfaceObject` or `@composeDirective`, and it must
 *   be a Federation 2 subgraph.
 * - `@external`, `@requires` and `@fromContext` may name only key fields of the core's entities
 *   and the fields the hub operators allow-list (see ./policy/reference-rules.ts).
 */

/** Rules on the partner as a whole, run first. */
export const GRAPH_RULES: readonly GraphRule[] = [federation2Rule, namespaceOverlapRule, namespaceTakenRule];

/** Rules on each definition, in this order for each one, definition by definition in document order. */
export const TYPE_RULES: readonly TypeRule[] = [
  rootOperationNamesRule,
  subscriptionRule,
  typeNamespaceRule,
  partnerTypeRule,
  redefinedKindRule,
  enumValuesRule,
  inputOrUnionRule,
  valueTypeRule,
  entityDirectivesRule,
  entityKeysRule,
];

/** Rules on each field of a root type or core entity, after the type rules of its definition. */
export const FIELD_RULES: readonly FieldRule[] = [rootFieldCollisionRule, rootFieldNamespaceRule, ownedFieldRule, entityFieldNamespaceRule];

/** Rules on the core fields a partner references, run last. */
export const REFERENCE_RULES: readonly GraphRule[] = [externalFieldsRule, requiresFieldsRule, fromContextRule];

/**
 * Checks a partner's SDL against the rest of the graph (core subgraphs and the other partners).
 * Returns every violation found, each a sentence saying what to change; empty when it complies.
 * The messages about the SDL's definitions come in the order of the SDL, so they read top to bottom.
 */
export function checkPartnerPolicy(
  candidate: ParsedSubgraph,
  others: readonly ParsedSubgraph[],
  otherPartnerNames: readonly string[],
  options: { allowedFields?: readonly string[] } = {},
): string[] {
  const context = policyContext(candidate, others, { otherPartnerNames, ...options });
  const violations = GRAPH_RULES.flatMap((rule) => rule(context));
  for (const site of typeSites(context)) {
    for (const rule of TYPE_RULES) violations.push(...rule(site, context));
    const fields = site.class === 'root' || site.class === 'entity' ? site.fields : [];
    for (const field of fields) for (const rule of FIELD_RULES) violations.push(...rule(field, site, context));
    violations.push(...forbiddenDirectivesRule(site.node, context));
  }
  violations.push(...REFERENCE_RULES.flatMap((rule) => rule(context)));
  return [...new Set(violations)];
}
