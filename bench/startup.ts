import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDataset } from '../data/generate.ts';
import { CoordinationStore } from '../subgraphs/coordination/store.ts';
import { ExpertsStore } from '../subgraphs/experts/store.ts';
import { AuditLog } from '../platform/audit/chain.ts';
import { createEmbeddedDatabase } from '../store/embedded.ts';
import { ProjectsStore } from '../subgraphs/projects/store.ts';

/**
 * Start-up of the durable embedded store at scale: writes a data directory of `talents` talents
 * (with the awards, engagements and regions of the seed, and one audit event per talent), then
 * opens each subgraph's file in a fresh process, as a restart does: read every document, rebuild
 * the declared indexes, open the audit log. `npm run bench` reports it next to the scale scenario;
 * alone: `npx tsx bench/startup.ts --talents 100000`.
 */

export interface StartupResult {
  talents: number;
  /** Documents per subgraph file. */
  documents: Record<string, number>;
  /** Size of each subgraph's file (with its WAL), in MB. */
  fileMb: Record<string, number>;
  /** Writing the seed and the audit events (transactions of 5,000 documents). */
  writeMs: number;
  /** Opening each file in a fresh process: read, deserialise, index (the three run one after the other). */
  openMs: Record<string, number>;
  /** The CPU time of each open (user + system): what the open costs, whatever else the machine is doing. */
  openCpuMs: Record<string, number>;
  /** The slowest subgraph's open: the subgraphs start in parallel, so this is the hub's start-up cost. */
  openMaxMs: number;
  /** The machine's 1-minute load average before the opens (wall times on a busy machine are longer). */
  loadAverage: number;
}

const SUBGRAPHS = ['experts', 'projects', 'coordination'] as const;
type Name = (typeof SUBGRAPHS)[number];

async function openStore(name: Name, file: string): Promise<{ ms: number; cpuMs: number; documents: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const db = createEmbeddedDatabase({ file });
  if (name === 'experts') await ExpertsStore.open(db);
  else if (name === 'projects') await ProjectsStore.open(db);
  else await CoordinationStore.open(db);
  await AuditLog.open(db);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  let documents = 0;
  for (const c of await db.listCollections()) documents += await db.collection(c).countDocuments({});
  await db.close();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, documents };
}

async function writeDir(dir: string, talents: number): Promise<number> {
  const dataset = generateDataset({ talents, seed: 20260101 });
  const t0 = performance.now();
  const stores = {
    experts: createEmbeddedDatabase({ file: join(dir, 'experts.sqlite') }),
    projects: createEmbeddedDatabase({ file: join(dir, 'projects.sqlite') }),
    coordination: createEmbeddedDatabase({ file: join(dir, 'coordination.sqlite') }),
  };
  await (await ExpertsStore.open(stores.experts)).seed(dataset.experts);
  await (await ProjectsStore.open(stores.projects)).seed(dataset.projects);
  await (await CoordinationStore.open(stores.coordination)).seed(dataset.coordination);
  // One audit event per talent in the experts file (a registration or a read of each).
  const audit = await AuditLog.open(stores.experts);
  const caller = { sub: 'bench', region: '510000', purpose: null };
  for (let i = 0; i < dataset.experts.talents.length; i += 5000) {
    const batch = dataset.experts.talents.slice(i, i + 5000);
    await audit.append(
      caller,
      'bench',
      batch.map((t) => ({ action: 'WRITE' as const, entityType: 'Talent', entityId: t._id, talentId: t._id, talentHome: t.homeRegion, fields: ['name'] })),
    );
  }
  const ms = performance.now() - t0;
  for (const db of Object.values(stores)) await db.close();
  return ms;
}

/** Writes a data directory of `talents` talents and measures opening it in fresh processes. */
export async function measureStartup(talents: number): Promise<StartupResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-startup-'));
  try {
    const writeMs = await writeDir(dir, talents);
    const loadAverage = Math.round(loadavg()[0]! * 10) / 10;
    const openMs: Record<string, number> = {};
    const openCpuMs: Record<string, number> = {};
    const documents: Record<string, number> = {};
    const fileMb: Record<string, number> = {};
    for (const name of SUBGRAPHS) {
      const file = join(dir, `${name}.sqlite`);
      const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--open', name, '--file', file], { encoding: 'utf8' });
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; cpuMs: number; documents: number };
      openMs[name] = Math.round(result.ms);
      openCpuMs[name] = Math.round(result.cpuMs);
      documents[name] = result.documents;
      let bytes = statSync(file).size;
      try {
        bytes += statSync(`${file}-wal`).size;
      } catch {
        // checkpointed at close
      }
      fileMb[name] = Math.round(bytes / 1e5) / 10;
    }
    return { talents, documents, fileMb, writeMs: Math.round(writeMs), openMs, openCpuMs, openMaxMs: Math.max(...Object.values(openMs)), loadAverage };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { talents: { type: 'string', default: '100000' }, open: { type: 'string' }, file: { type: 'string' } } });
  if (values.open && values.file) {
    process.stdout.write(`${JSON.stringify(await openStore(values.open as Name, values.file))}\n`);
  } else {
    const result = await measureStartup(Number(values.talents));
    console.log(JSON.stringify(result, null, 2));
  }
}
