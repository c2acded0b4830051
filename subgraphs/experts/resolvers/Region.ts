import type { RegionResolvers } from './types.generated.ts';

// Regions belong to the coordination subgraph; here they are references by code, which need no resolver.
export const Region: RegionResolvers = {};
