import { createSubgraphServer } from '../../platform/server.ts';
import { AUDIT_SDL, loadSdl } from '../../platform/sdl.ts';
import type { ProjectsContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const { sdl, typeDefs } = loadSdl(new URL('./schema.graphql', import.meta.url), AUDIT_SDL);

/** Builds the projects subgraph (schema and Apollo server); it does not listen. */
export function createProjectsServer(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<ProjectsContext>({ name: 'projects', typeDefs, resolvers, ...options });
}
