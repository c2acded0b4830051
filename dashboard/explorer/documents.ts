import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { printOperation } from '../../schema/operations/print.ts';

/**
 * What the explorer sends by id: the trusted document of one operation of a tab, printed with the
 * fragments it uses, in the tab's order, by the printer the gateway's `splitOperations` registers
 * with (schema/operations/print.ts). Printing drops comments and layout, so a tab whose text
 * differs from an example only in those still has the example's id. Browser-safe: graphql only.
 */
export function operationDocument(source: string, operationName?: string | null): string | null {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(source);
  } catch {
    return null;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation?.name) return null;
  return printOperation(document, operation);
}

/** The named operations of a tab's text (none when it does not parse). */
export function operationNames(source: string): string[] {
  try {
    return parse(source).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
  } catch {
    return [];
  }
}

/** `sha256:<hex>` of a document text with Web Crypto (as dashboard/src/api.ts); null without it (plain http from another host). */
export async function documentIdOf(text: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
