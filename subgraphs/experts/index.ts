import { runSubgraph } from '../../platform/runner.ts';
import { expertsService } from './server.ts';

/** The experts subgraph's process: settings, store, seed, listen (see platform/runner.ts). */
runSubgraph(expertsService, {
  // Imported only when an empty store is seeded, so a process that finds its data never loads the generator (faker).
  seed: async (settings) => (await import('../../data/generate.ts')).generateDataset(settings).experts,
});
