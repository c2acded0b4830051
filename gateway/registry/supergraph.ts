import type { SupergraphManager } from '@apollo/gateway';
import type { SubgraphRegistry } from './registry.ts';

/**
 * The gateway's SupergraphManager over the registry. @apollo/gateway calls `initialize` once at
 * start-up (serving what it returns) and hands over `update`, which swaps the query planner and
 * API schema in one synchronous step: requests already executing finish on the plan they were
 * given, new ones get the new supergraph, so a swap fails no request. A supergraph the gateway
 * cannot build makes `update` throw before anything is replaced; the registry then keeps the last
 * good one (see `SubgraphRegistry`). `cleanup` runs when the gateway stops.
 */
export function createSupergraphManager(registry: SubgraphRegistry, hooks: { start?: () => void; stop?: () => Promise<void> } = {}): SupergraphManager {
  return {
    async initialize({ update }) {
      registry.attach(update);
      hooks.start?.();
      return {
        supergraphSdl: registry.served.supergraphSdl,
        cleanup: async () => {
          registry.detach();
          await hooks.stop?.();
        },
      };
    },
  };
}
