import { generateDataset } from '../../data/generate.ts';
import { loadConfig } from '../kit/config.ts';
import { openDatabase } from '../kit/database.ts';
import { runMain } from '../kit/main.ts';
import { listen } from '../kit/server.ts';
import { createContext } from './context.ts';
import { createProjectsServer } from './server.ts';
import { ProjectsStore } from './store.ts';

runMain('projects', async () => {
  const config = loadConfig();
  const db = await openDatabase({ mongodbUri: config.mongodbUri, dbName: `${config.mongodbDb}_projects` });
  const store = await ProjectsStore.open(db);
  if (config.seedOnStart) await store.seed(generateDataset(config.seed).projects);
  const { server } = createProjectsServer();
  const running = await listen({
    server,
    port: config.ports.projects,
    host: config.host,
    context: async () => createContext({ store }),
    ready: () => db.ping(),
    onClose: () => db.close(),
  });
  console.log(`[projects] subgraph ready at ${running.url} (${db.kind} store)`);
  return running;
});
