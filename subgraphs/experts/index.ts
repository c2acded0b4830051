import { generateDataset } from '../../data/generate.ts';
import { loadConfig } from '../kit/config.ts';
import { openDatabase } from '../kit/database.ts';
import { runMain } from '../kit/main.ts';
import { listen } from '../kit/server.ts';
import { createContext } from './context.ts';
import { createExpertsServer } from './server.ts';
import { ExpertsStore } from './store.ts';

runMain('experts', async () => {
  const config = loadConfig();
  const db = await openDatabase({ mongodbUri: config.mongodbUri, dbName: `${config.mongodbDb}_experts` });
  const store = await ExpertsStore.open(db);
  if (config.seedOnStart) await store.seed(generateDataset(config.seed).experts);
  const { server } = createExpertsServer();
  const running = await listen({
    server,
    port: config.ports.experts,
    host: config.host,
    context: async () => createContext({ store }),
    ready: () => db.ping(),
    onClose: () => db.close(),
  });
  console.log(`[experts] subgraph ready at ${running.url} (${db.kind} store)`);
  return running;
});
