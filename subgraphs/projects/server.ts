import { LocalDate } from '../../platform/calendar.ts';
import { type Capability, CAPABILITIES } from '../../platform/config.ts';
import type { SubgraphService } from '../../platform/runner.ts';
import { createSubgraphServer } from '../../platform/server.ts';
import { AUDIT_SDL, loadSdl, subgraphSdlFiles } from '../../platform/sdl.ts';
import { createContext, type ProjectsContext } from './context.ts';
import { resolvers } from './resolvers/resolvers.generated.ts';
import { ProjectsStore } from './store.ts';

export const { sdl, typeDefs } = loadSdl(...subgraphSdlFiles(new URL('./', import.meta.url)), AUDIT_SDL);

/** Builds the projects subgraph (schema and Apollo server); it does not listen. */
export function createProjectsServer(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<ProjectsContext>({ name: 'projects', typeDefs, resolvers: { ...resolvers, LocalDate }, ...options });
}

/**
 * The projects subgraph as the runner (index.ts) and the tests start it: one of the hub's own
 * subgraphs, with every platform capability; its seed is its part of the generated dataset.
 */
export const projectsService: SubgraphService<ProjectsStore, ProjectsContext, Parameters<ProjectsStore['seed']>[0], Capability> = {
  kind: 'core',
  name: 'projects',
  capabilities: CAPABILITIES,
  openStore: (db) => ProjectsStore.open(db),
  seed: (store, data) => store.seed(data),
  createServer: () => createProjectsServer(),
  createContext,
};
