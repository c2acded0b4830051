import { generateDataset } from '../../data/generate.ts';
import { loadConfig } from '../kit/config.ts';
import { openDatabase } from '../kit/database.ts';
import { runMain } from '../kit/main.ts';
import { listen } from '../kit/server.ts';
import { createContext } from './context.ts';
import { createCoordinationServer } from './server.ts';
import { CoordinationStore } from './store.ts';

runMain('coordination', async () => {
  const config = loadConfig();
  const db = await openDatabase({ mongodbUri: config.mongodbUri, dbName: `${config.mongodbDb}_coordination` });
  const store = await CoordinationStore.open(db);
  if (config.seedOnStart) await store.seed(generateDataset(config.seed).coordination);
  const { server } = createCoordinationServer();
  const running = await listen({
    server,
    port: config.ports.coordination,
    host: config.host,
    context: async () => createContext({ store }),
    ready: () => db.ping(),
    onClose: () => db.close(),
  });
  console.log(`[coordination] subgraph ready at ${running.url} (${db.kind} store)`);
  return running;
});
