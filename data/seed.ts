import { parseArgs } from 'node:util';
import { CoordinationStore } from '../subgraphs/coordination/store.ts';
import { expertsService } from '../subgraphs/experts/server.ts';
import { ExpertsStore } from '../subgraphs/experts/store.ts';
import { loadConfig } from '../platform/config.ts';
import { nodeScope, processIdentity } from '../platform/runner.ts';
import { resolveExpertsNodes } from '../scripts/lib/topology.ts';
import { openDatabase } from '../store/database.ts';
import { isConfigProblem } from '../platform/env.ts';
import { resetDatabase, SEED_DATASET, seedOnce } from '../store/seed-once.ts';
import type { DatabasePort } from '../store/port.ts';
import { ProjectsStore } from '../subgraphs/projects/store.ts';
import { generateDataset } from './generate.ts';

/**
 * `npm run seed`: loads the generated seed data into each subgraph's store: MongoDB when
 * `MONGODB_URI` is set (one database per subgraph, and per experts node), else the embedded
 * store's files in `HUB_DATA_DIR` (stop the hub first: a data file has one writer). Each experts
 * node of the topology `npm start` runs (HUB_EXPERTS_NODES) gets its provinces' talents and pools. Like a start, it seeds only a
 * store that is empty and was never seeded, so users' data is never reverted or duplicated.
 * `npm run seed -- --reset` deletes everything in every store first (the audit trail
 * included) and seeds again: say it only when you mean to start over.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reset: { type: 'boolean', default: false } } });
  // The same experts nodes as `npm start` runs (three by default, `single`, or a JSON list).
  const nodes = resolveExpertsNodes(process.env);
  const config = loadConfig({ ...process.env, HUB_EXPERTS_NODES: JSON.stringify(nodes) });
  const version = { dataset: SEED_DATASET, talents: config.seed.talents, seed: config.seed.seed };
  let dataset: ReturnType<typeof generateDataset> | undefined;
  const data = () => (dataset ??= generateDataset(config.seed));
  const open = (identity: { file: string; database: string }) =>
    track(
      openDatabase({ mongodbUri: config.mongodbUri, dbName: `${config.mongodbDb}_${identity.database}`, mongodb: config.mongodb, dataDir: config.dataDir, file: identity.file }),
    );
  const where = (name: string) => (config.mongodbUri ? `MongoDB database ${config.mongodbDb}_${name}` : `${config.dataDir}/${name}.sqlite`);
  const core = (name: string) => processIdentity({ kind: 'core', name });
  type Step = [{ file: string; database: string }, (db: DatabasePort) => Promise<void>];
  const steps: Step[] = [
    ...nodes.map(
      (node): Step => [
        processIdentity({ kind: 'core', name: 'experts' }, node.name),
        async (db) => expertsService.seed(await ExpertsStore.open(db), data().experts, nodeScope({ name: node.name, nodes })),
      ],
    ),
    [core('projects'), async (db) => (await ProjectsStore.open(db)).seed(data().projects)],
    [core('coordination'), async (db) => (await CoordinationStore.open(db)).seed(data().coordination)],
  ];
  for (const [identity, seed] of steps) {
    const db = await open(identity);
    const name = config.mongodbUri ? identity.database : identity.file;
    if (values.reset) {
      await resetDatabase(db);
      console.log(`emptied ${where(name)}`);
    }
    const outcome = await seedOnce(db, version, () => seed(db));
    if (outcome === 'seeded') console.log(`seeded ${where(name)}`);
    else if (outcome === 'already-seeded') console.log(`${where(name)} was seeded before: left as it is (npm run seed -- --reset starts over)`);
    else console.log(`${where(name)} holds data that was not seeded: left as it is (npm run seed -- --reset starts over)`);
  }
  if (dataset) console.log(`done: ${dataset.experts.talents.length} talents (seed ${config.seed.seed})`);
}

const opened: { close(): Promise<void> }[] = [];
async function track<T extends { close(): Promise<void> }>(db: Promise<T>): Promise<T> {
  const d = await db;
  opened.push(d);
  return d;
}

main()
  .catch((error: unknown) => {
    console.error(isConfigProblem(error) ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => Promise.all(opened.map((d) => d.close())));
