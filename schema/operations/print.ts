import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, print, visit } from 'graphql';

/**
 * The text of `operation` as a trusted document: the operation printed with every fragment of
 * `document` it uses, transitively, in `document`'s order. Printing drops comments and layout, so
 * the text (and so its `sha256:` id) depends only on the operation and its fragments. The one
 * printer of the gateway's `splitOperations` (what registers a file's operations) and the
 * explorer's `operationDocument` (what it sends by id): if they printed differently, an unchanged
 * example would get another id. Browser-safe: imports graphql only.
 */
export function printOperation(document: DocumentNode, operation: OperationDefinitionNode): string {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const used = new Set<string>();
  const visitSpreads = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name)) return;
        used.add(name);
        const fragment = fragments.get(name);
        if (fragment) visitSpreads(fragment);
      },
    });
  visitSpreads(operation);
  const definitions = document.definitions.filter((d) => d === operation || (d.kind === Kind.FRAGMENT_DEFINITION && used.has(d.name.value)));
  return print({ kind: Kind.DOCUMENT, definitions });
}
