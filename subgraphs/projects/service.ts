import type { SubgraphService } from '../../platform/service.ts';
import { createContext, type ProjectsContext } from './context.ts';
import { createProjectsServer } from './server.ts';
import { ProjectsStore } from './store.ts';

/** The projects subgraph as the runner and the end-to-end tests start it. */
export const projectsService: SubgraphService<ProjectsStore, ProjectsContext> = {
  name: 'projects',
  openStore: (db) => ProjectsStore.open(db),
  seed: (store, dataset) => store.seed(dataset.projects),
  createServer: () => createProjectsServer(),
  createContext,
};
