import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { fromGateway, gatewaysFederationInternals } from './flat-exports.ts';

/**
 * @apollo/gateway's `executeQueryPlan` turns the client's operation into federation-internals'
 * `Operation` on every request (`operationFromDocument(apiSchema, { definitions: [operation,
 * ...fragments] }, { validate: false })`), although that is a pure function of the parsed document,
 * which Apollo Server keeps per query text, and of the API schema: for a small query it is about 3%
 * of the gateway's CPU. This keeps each result per operation node (its fragments checked by
 * identity) and API schema, both held weakly, so a repeated document reuses it. Only that call's
 * form is kept (validation off, no operation name); every other call (the query planner's, with
 * validation) and every failure goes to the original untouched. The Operation is read-only during
 * execution (`computeResponse` walks it; the planner shares such objects between plans too).
 *
 * The hook replaces the export of federation-internals' `operations.js`, which its index re-exports
 * through a getter read at call time, and the same name on the plain object that stands for the index
 * where gateway/execute/flat-exports.ts ran: a test (test/gateway/execute.test.ts) counts its hits through
 * real requests, so an upgrade that changes either fails there, not silently.
 */

type OperationFromDocument = (schema: object, document: DocumentNode, options?: { operationName?: string; validate?: boolean }) => unknown;

interface Kept {
  fragments: readonly FragmentDefinitionNode[];
  operation: unknown;
}

/** How often the execution's Operation was reused and built. */
interface OperationReuse {
  hits: number;
  misses: number;
}

const reuse: OperationReuse = { hits: 0, misses: 0 };
let installed = false;

/** The `operations.js` module of the federation-internals that @apollo/gateway itself loads. */
function gatewaysOperationsModule(): { operationFromDocument: OperationFromDocument } {
  return fromGateway('@apollo/federation-internals/dist/operations.js') as { operationFromDocument: OperationFromDocument };
}

/** Whether the document is executeQueryPlan's: its operation first, then only fragments. */
function executionForm(document: DocumentNode): OperationDefinitionNode | undefined {
  const [first, ...rest] = document.definitions;
  if (first?.kind !== 'OperationDefinition') return undefined;
  for (const d of rest) if (d.kind !== 'FragmentDefinition') return undefined;
  return first;
}

function sameFragments(a: readonly FragmentDefinitionNode[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Installs the reuse (once per process; later calls return the same counters) and returns its
 * counters, which the gateway's tests read.
 */
export function reuseExecutionOperations(): Readonly<OperationReuse> {
  if (installed) return reuse;
  installed = true;
  const operations = gatewaysOperationsModule();
  const original = operations.operationFromDocument;
  if (typeof original !== 'function')
    throw new Error('@apollo/federation-internals has no operationFromDocument: check gateway/execute/operations.ts against the installed @apollo/gateway');
  const kept = new WeakMap<object, WeakMap<OperationDefinitionNode, Kept>>();
  const replacement: OperationFromDocument = function operationFromDocument(schema, document, options) {
    const node = options?.validate === false && options.operationName === undefined ? executionForm(document) : undefined;
    if (!node || typeof schema !== 'object' || schema === null) return original(schema, document, options);
    let bySchema = kept.get(schema);
    if (!bySchema) kept.set(schema, (bySchema = new WeakMap()));
    const hit = bySchema.get(node);
    const fragments = document.definitions.slice(1);
    if (hit && sameFragments(hit.fragments, fragments)) {
      reuse.hits++;
      return hit.operation;
    }
    const operation = original(schema, document, options);
    reuse.misses++;
    bySchema.set(node, { fragments: fragments as FragmentDefinitionNode[], operation });
    return operation;
  };
  operations.operationFromDocument = replacement;
  // Where the index's getters were replaced by a plain object (flat-exports.ts), @apollo/gateway reads that;
  // the index itself has only getters (reading operations.js, set above), which are not writable.
  const index = gatewaysFederationInternals();
  if (Object.getOwnPropertyDescriptor(index, 'operationFromDocument')?.writable) index.operationFromDocument = replacement;
  return reuse;
}
