import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_DATA_DIR, SUBGRAPH_NAMES } from '../platform/config.ts';
import { processIdentity } from '../platform/runner.ts';
import { resolveExpertsNodes } from './lib/topology.ts';
import { dataFile } from '../store/database.ts';
import { exportDatabases, importDatabases, TransferError } from '../store/data-transfer.ts';
import { createEmbeddedDatabase } from '../store/embedded.ts';
import { isConfigProblem, MongoDbPrefix, MongoUri, parseEnv } from '../platform/env.ts';
import { openMongoDatabase } from '../store/mongo.ts';
import type { DatabasePort } from '../store/port.ts';

/**
 * `npm run -s hub -- data <export|import> <dir>`: backup and restore of the hub's stores, the
 * embedded store's files in HUB_DATA_DIR or, with MONGODB_URI, the MongoDB databases. Exit code 0
 * on success, 1 when the export or import was refused or failed (nothing changed), 2 on bad usage,
 * 3 when the MongoDB server cannot be reached.
 */

export const DATA_USAGE = `Usage: hub data <command> <dir> [options]

Commands:
  export <dir>   write every collection of the hub's stores to <dir> (a new or empty directory):
                 <store>/<collection>.jsonl (Extended JSON, one document a line) and manifest.json
                 (format version, document counts, sha256 of every file). Works while the hub runs.
  import <dir>   check every file of an export against its manifest, then write it into the
                 configured stores (stop the hub first). Refuses a store that holds data unless
                 --replace; refuses an export whose files do not match their checksums.

Which stores: MONGODB_URI set: the MongoDB databases <HUB_MONGODB_DB>_<subgraph>; otherwise the
embedded store's files <HUB_DATA_DIR>/<subgraph>.sqlite (and partner-<name>.sqlite). Export from
one and import into the other to move a province between them.

Options:
  --replace          import: delete what the stores hold first (the audit trail included)
  --partner <name>   export: also a partner's store (repeatable; the embedded store's partner
                     files are found by themselves)
  --json             print { ok, command, dir, stores, databases: { <store>: { <collection>: documents } } }
                     or { ok: false, error }

Exit codes:
  0  exported or imported
  1  refused or failed, nothing changed (a store holding data without --replace, a file whose
     checksum does not match, ...)
  2  usage error: an unknown command or option, a missing <dir>, a bad setting
  3  cannot reach the MongoDB server of MONGODB_URI`;

const DataEnv = z.object({
  MONGODB_URI: MongoUri.optional(),
  HUB_MONGODB_DB: MongoDbPrefix.default('talent_hub'),
  HUB_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
});

export interface DataCliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** `partner-hainan` is stored as `<prefix>_partner_hainan` in MongoDB and `partner-hainan.sqlite` on disk. */
function mongoName(prefix: string, database: string): string {
  // Files and databases are named alike but for the separator (processIdentity): partner-x / partner_x, experts-sichuan / experts_sichuan.
  return `${prefix}_${database.replace(/^(partner|experts)-/, '$1_')}`;
}

/** One line per store: its collections and their document counts (nothing with --json: the JSON has them). */
function printCounts(io: DataCliIo, counts: Record<string, Record<string, number>>, json: boolean | undefined): void {
  if (json) return;
  for (const [name, collections] of Object.entries(counts)) {
    io.out(
      `${name}: ${
        Object.entries(collections)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ') || 'empty'
      }`,
    );
  }
}

/** Runs `data <command> ...` (argv without `data`); resolves to the exit code (see DATA_USAGE). */
export async function runDataCli(argv: string[], io: DataCliIo): Promise<number> {
  let values: { replace?: boolean | undefined; partner?: string[] | undefined; json?: boolean | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { replace: { type: 'boolean' }, partner: { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${DATA_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(DATA_USAGE);
    return 0;
  }
  const [command, dirArg, ...extra] = positionals;
  if ((command !== 'export' && command !== 'import') || !dirArg || extra.length) {
    io.err(`${command ? `Unknown or incomplete command "data ${positionals.join(' ')}".` : 'Name a command.'}\n\n${DATA_USAGE}`);
    return 2;
  }
  let env: z.infer<typeof DataEnv>;
  try {
    env = parseEnv(DataEnv, io.env);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const dir = resolve(dirArg);
  const dataDir = resolve(env.HUB_DATA_DIR);
  const mongo = env.MONGODB_URI;
  const open = async (database: string, readOnly: boolean): Promise<DatabasePort> =>
    mongo ? openMongoDatabase({ uri: mongo, dbName: mongoName(env.HUB_MONGODB_DB, database) }) : createEmbeddedDatabase({ file: dataFile(dataDir, database), readOnly });
  const where = mongo ? `MongoDB (${env.HUB_MONGODB_DB}_*)` : dataDir;
  const counts: Record<string, Record<string, number>> = {};
  try {
    if (command === 'export') {
      // Each experts node's store (the topology npm start runs, or HUB_EXPERTS_NODES), then the other subgraphs'.
      const experts = resolveExpertsNodes(io.env).map((node) => processIdentity({ kind: 'core', name: 'experts' }, node.name).file);
      const names: string[] = [...experts, ...SUBGRAPH_NAMES.filter((n) => n !== 'experts'), ...(values.partner ?? []).map((p) => `partner-${p}`)];
      if (!mongo && existsSync(dataDir)) {
        // Partners' files, and each experts node's (`experts-<node>.sqlite`) when experts runs as several nodes.
        for (const f of readdirSync(dataDir)) if (/^(partner|experts)-[A-Za-z0-9_-]+\.sqlite$/.test(f)) names.push(f.slice(0, -'.sqlite'.length));
      }
      const databases = new Map<string, DatabasePort>();
      try {
        for (const name of new Set(names)) {
          if (!mongo && !existsSync(dataFile(dataDir, name))) {
            io.err(`skipped ${name}: ${dataFile(dataDir, name)} does not exist (the service never ran with this HUB_DATA_DIR)`);
            continue;
          }
          databases.set(name, await open(name, true));
        }
        const manifest = await exportDatabases(databases, dir, mongo ? 'mongodb' : 'embedded');
        for (const [name, { collections }] of Object.entries(manifest.databases)) counts[name] = Object.fromEntries(Object.entries(collections).map(([c, e]) => [c, e.documents]));
        printCounts(io, counts, values.json);
        if (!values.json) io.out(`Exported ${where} to ${dir} (manifest.json has the sha256 of every file).`);
      } finally {
        for (const db of databases.values()) await db.close();
      }
    } else {
      const report = await importDatabases(dir, (name) => open(name, false), { replace: values.replace === true });
      Object.assign(counts, report);
      printCounts(io, counts, values.json);
      if (!values.json) io.out(`Imported ${dir} into ${where}.`);
    }
    if (values.json) io.out(JSON.stringify({ ok: true, command, dir, stores: where, databases: counts }, null, 2));
    return 0;
  } catch (error) {
    const known = error instanceof TransferError || isConfigProblem(error);
    const message = known ? error.message : `data ${command} failed: ${error instanceof Error ? error.message : String(error)}`;
    io.err(message);
    if (values.json) io.out(JSON.stringify({ ok: false, command, dir, stores: where, error: message }, null, 2));
    // The driver's names for a server it could not select or connect to: exit 3, as the other commands do for an unreachable service.
    return /^Mongo(ServerSelection|Network|NetworkTimeout)Error$/.test((error as Error).name) ? 3 : 1;
  }
}
