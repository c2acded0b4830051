import { inNamespace } from '../model.ts';
import type { PolicyContext } from './context.ts';
import { list, ROOT_TYPES } from './sdl.ts';

/**
 * Rule: a partner is a Federation 2 subgraph (`@link` to federation v2.x). Federation 1 SDL
 * composes differently (every type shareable, no `@link` imports), and the other rules read the
 * `@link` to know which directive is which.
 */
export function federation2Rule(context: PolicyContext): string[] {
  return context.federation2
    ? []
    : ['Partner subgraphs must be Federation 2 subgraphs: start the SDL with `extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])`.'];
}

/**
 * Rule: a partner's name neither starts another partner's name nor starts with one. Names are
 * namespaces (`hainan` owns `Hainan...`), so `hainanfree` would own names inside `hainan`'s.
 */
export function namespaceOverlapRule(context: PolicyContext): string[] {
  return [...context.partnerNames]
    .filter((other) => other.startsWith(context.name) || context.name.startsWith(other))
    .map((other) => `The name "${context.name}" overlaps the namespace of partner "${other}": choose a name that neither starts nor is the start of another partner's name.`);
}

/**
 * Rule: the partner's namespace is free: no type of the rest of the graph, and no field of a
 * root type or entity, already lies in it. Otherwise the partner and that owner would share names.
 */
export function namespaceTakenRule(context: PolicyContext): string[] {
  const violations: string[] = [];
  for (const [typeName, type] of context.owned) {
    if (inNamespace(typeName, context.typePrefix)) violations.push(`The ${context.name} namespace is taken: type ${typeName} is defined by ${list(type.owners)}.`);
    if (!ROOT_TYPES.has(typeName) && type.keys.size === 0) continue;
    for (const [fieldName, owners] of type.fields) {
      if (inNamespace(fieldName, context.fieldPrefix)) violations.push(`The ${context.name} namespace is taken: field ${typeName}.${fieldName} is defined by ${list(owners)}.`);
    }
  }
  return violations;
}
