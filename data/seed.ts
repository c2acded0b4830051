import { CoordinationStore } from '../subgraphs/coordination/store.ts';
import { ExpertsStore } from '../subgraphs/experts/store.ts';
import { loadConfig } from '../subgraphs/kit/config.ts';
import { ConfigError } from '../subgraphs/kit/env.ts';
import { openMongoDatabase } from '../subgraphs/kit/mongo.ts';
import { ProjectsStore } from '../subgraphs/projects/store.ts';
import { generateDataset } from './generate.ts';

/**
 * `npm run seed`: loads the generated seed data into MongoDB (`MONGODB_URI`), one database per
 * subgraph, creating the indexes first. Upserts by id, so running it twice changes nothing.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.mongodbUri) {
    throw new ConfigError('MONGODB_URI is not set. The embedded store loads the seed data by itself at start (npm start); set MONGODB_URI to seed MongoDB.');
  }
  const dataset = generateDataset(config.seed);
  const open = (name: string) => openMongoDatabase({ uri: config.mongodbUri!, dbName: `${config.mongodbDb}_${name}` });
  const steps = [
    ['experts', async () => (await ExpertsStore.open(await track(open('experts')))).seed(dataset.experts)],
    ['projects', async () => (await ProjectsStore.open(await track(open('projects')))).seed(dataset.projects)],
    ['coordination', async () => (await CoordinationStore.open(await track(open('coordination')))).seed(dataset.coordination)],
  ] as const;
  for (const [name, run] of steps) {
    await run();
    console.log(`seeded ${config.mongodbDb}_${name}`);
  }
  console.log(`done: ${dataset.experts.talents.length} talents (seed ${config.seed.seed})`);
}

const opened: { close(): Promise<void> }[] = [];
async function track<T extends { close(): Promise<void> }>(db: Promise<T>): Promise<T> {
  const d = await db;
  opened.push(d);
  return d;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => Promise.all(opened.map((d) => d.close())));
