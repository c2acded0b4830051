import { runSubgraph } from '../../platform/runner.ts';
import { projectsService } from './server.ts';

/** The projects subgraph's process: settings, store, seed, listen (see platform/runner.ts). */
runSubgraph(projectsService, {
  // Imported only when an empty store is seeded, so a process that finds its data never loads the generator (faker).
  seed: async (settings) => (await import('../../data/generate.ts')).generateDataset(settings).projects,
});
