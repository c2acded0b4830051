import { type ASTNode, type DefinitionNode, Kind, visit } from 'graphql';
import type { PolicyContext } from './context.ts';
import { isTypeNode } from './sdl.ts';

/** Directives a partner may not use anywhere, with why. */
const FORBIDDEN_DIRECTIVES: Record<string, string> = {
  override: 'takes a field away from its owner',
  provides: "would let the partner answer for other subgraphs' fields",
  interfaceObject: "changes how others' interfaces resolve",
  composeDirective: 'adds custom directives to the whole graph',
};

/** Where a directive sits, for messages: `Talent.name`, `Talent`, `Query.x(arg)`. */
function place(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const parts: string[] = [];
  for (const a of ancestors) {
    if (Array.isArray(a) || !('kind' in (a as ASTNode))) continue;
    const node = a as ASTNode;
    if (isTypeNode(node)) parts.push(node.name.value);
    else if (node.kind === Kind.FIELD_DEFINITION || node.kind === Kind.ENUM_VALUE_DEFINITION) parts.push(`.${node.name.value}`);
    else if (node.kind === Kind.INPUT_VALUE_DEFINITION) parts.push(`(${node.name.value})`);
  }
  return parts.join('') || 'the schema';
}

/**
 * Rule: no `@override` (takes a field from its owner), `@provides` (answers for others' fields),
 * `@interfaceObject` or `@composeDirective`, anywhere in the definition, however imported or renamed.
 */
export function forbiddenDirectivesRule(definition: DefinitionNode, context: PolicyContext): string[] {
  const violations: string[] = [];
  visit(definition, {
    Directive(node, _key, _parent, _path, ancestors) {
      const name = context.canonical(node.name.value);
      const why = FORBIDDEN_DIRECTIVES[name];
      if (why) violations.push(`@${name} on ${place(ancestors)}: partners may not use @${name} (it ${why}).`);
    },
  });
  return violations;
}
