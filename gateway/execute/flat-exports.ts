import { createRequire } from 'node:module';
import { sep } from 'node:path';

/**
 * federation-internals' index re-exports its 23 modules the way TypeScript compiles `export *` to
 * CommonJS: one getter per name (`get: function () { return m[k]; }`), run on every use. @apollo/gateway's
 * execution calls them per field of every answer (`resultShaping.js` and `executeQueryPlan.js` read
 * `federation_internals_1.isNonNullType(…)` and the like), and in a CPU profile of the federation
 * workload the getter was 4.5 % of the gateway's time. This replaces the index's exports in Node's
 * module cache with a plain object holding the same values, before @apollo/gateway's modules are
 * loaded, so each of them keeps the plain object. Safe because no export of federation-internals is
 * reassigned after its module has loaded (no `export let`, no assignment to `exports.` outside a
 * module's top level: checked in 2.14.4's dist). gateway/execute/operations.ts, which replaces one
 * export, sets it on the plain object too.
 *
 * Imported for its effect first by every gateway module that loads @apollo/gateway as a value
 * (gateway/server.ts, gateway/datasource.ts), so it runs before @apollo/gateway in every process
 * of ours; plain @apollo/gateway (bench/targets/apollo-gateway.ts) does not import it. Modules of
 * @apollo/gateway loaded before it keep the getters (`flatExports().late` names them; a test asserts
 * there are none).
 */

interface FlatExports {
  /** Whether @apollo/gateway's modules get the plain object (false: the index was not in the cache as loaded, or a require hook such as tracing's keeps answering with the original). */
  flat: boolean;
  /** @apollo/gateway's modules that were loaded before the replacement (they keep the getters). */
  late: string[];
}

const state: FlatExports = { flat: false, late: [] };

const gatewayPath = createRequire(import.meta.url).resolve('@apollo/gateway');
/** `require` as @apollo/gateway's own modules resolve it (the federation-internals they load). */
export const fromGateway = createRequire(gatewayPath);

function flatten(): void {
  const path = fromGateway.resolve('@apollo/federation-internals');
  const gatewayDir = gatewayPath.slice(0, gatewayPath.lastIndexOf(`${sep}dist${sep}`) + 1);
  // Loaded ones only: Node's ESM loader puts a CommonJS module it has only parsed for its export names in the cache too.
  state.late = Object.entries(fromGateway.cache)
    .filter(([p, m]) => p.startsWith(gatewayDir) && m?.loaded)
    .map(([p]) => p);
  const original = fromGateway('@apollo/federation-internals') as Record<string, unknown>;
  const cached = fromGateway.cache[path];
  if (!cached || cached.exports !== original) return;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(original)) plain[key] = original[key];
  Object.defineProperty(plain, '__esModule', { value: true });
  cached.exports = plain;
  // What a require from @apollo/gateway's folder gets now. With tracing on, OpenTelemetry's require hook
  // (require-in-the-middle) answers later requires from its own record of the first load, so the
  // getters stay; then the cache is put back as it was and nothing changes (tracing costs more anyway).
  if (fromGateway('@apollo/federation-internals') !== plain) {
    cached.exports = original;
    return;
  }
  state.flat = true;
}

flatten();

/**
 * What the replacement did in this process.
 * @internal for tests
 */
export function flatExports(): Readonly<FlatExports> {
  return state;
}

/**
 * The federation-internals exports @apollo/gateway's modules hold: the plain object when the
 * replacement ran, else the index with its getters.
 */
export function gatewaysFederationInternals(): Record<string, unknown> {
  return fromGateway('@apollo/federation-internals') as Record<string, unknown>;
}
