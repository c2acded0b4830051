import type { KeyObject } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BSON } from 'mongodb';
import type { AuditEventDoc } from '../platform/audit/event.ts';
import { type AuditChainReport, verifyChain } from '../platform/audit/verify.ts';
import { type AuditCheckpoint, AuditCheckpointShape, parseCheckpointLines, type UnreadableCheckpoint } from '../platform/audit/checkpoints.ts';
import { createAuditKeyring, importPublicAuditKey, type VerifyKeys, verifyKeysOf } from '../platform/audit/keys.ts';

/**
 * `npm run -s hub -- audit verify <export> [--checkpoints <file>]... [--key <secret>]... [--public-key <key>]...`
 * The offline verifier: no hub running, only files. Exit code 0 when every chain is intact, 1 when
 * one is not (the report says which problem and where), 2 on bad usage or unreadable input.
 */

export const AUDIT_USAGE = `Usage: hub audit verify <export> [options]

<export> is a data export directory (every audit_events.jsonl in it, one chain per subgraph
directory) or one JSON-lines file of a subgraph's audit events.

Options:
  --checkpoints <file>   checkpoints you kept: a subgraph's checkpoint log (JSON lines, e.g.
                         <HUB_DATA_DIR>/experts-audit-checkpoints.jsonl) or the JSON answer of
                         GET /audit/checkpoints; repeatable. The chain must reach each of them.
  --public-key <key>     a checkpoint verification key you pinned: <keyId>:<base64url Ed25519 key>, or
                         a JSON file with signingKeys (GET /audit/checkpoints); repeatable
  --key <secret>         an audit key (HUB_AUDIT_KEY, or a retired one; repeatable): also checks every
                         event's MAC. Default: HUB_AUDIT_KEY and HUB_AUDIT_RETIRED_KEYS when set.
  --subgraph <name>      the subgraph of a single events file (default: from its checkpoints or name)
  --json                 print the reports as JSON

Exit codes:
  0  every chain is intact
  1  a chain is broken (the report says which problem and where)
  2  usage error, or input that cannot be read or is not an export of audit events`;

export interface AuditCliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

class InputError extends Error {}

/** Dates as stored documents may be exported: an ISO string, Extended JSON `{ $date }`, or epoch milliseconds. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  if (value && typeof value === 'object' && '$date' in value) {
    const inner = (value as { $date: unknown }).$date;
    if (inner && typeof inner === 'object' && '$numberLong' in inner) return new Date(Number((inner as { $numberLong: string }).$numberLong));
    return toDate(inner);
  }
  return new Date(Number.NaN);
}

/** Reads a JSON-lines file of audit events (as exported, or as written by hand) in chain order. */
export function parseEventLines(text: string, source: string): AuditEventDoc[] {
  const events: AuditEventDoc[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    let doc: Record<string, unknown>;
    try {
      // Extended JSON (what `hub data export` and mongoexport write) is a superset of plain JSON.
      doc = BSON.EJSON.parse(line, { relaxed: true }) as Record<string, unknown>;
    } catch {
      throw new InputError(`${source} line ${index + 1} is not JSON: is this an export of audit events?`);
    }
    if (typeof doc.seq !== 'number') throw new InputError(`${source} line ${index + 1} has no seq: is this an export of audit events?`);
    events.push({ ...(doc as unknown as AuditEventDoc), at: toDate(doc.at) });
  });
  return events.sort((a, b) => a.seq - b.seq);
}

/** Checkpoints from a checkpoint log (JSON lines) or from the JSON answer of GET /audit/checkpoints. */
export function parseCheckpointFile(text: string): { checkpoints: AuditCheckpoint[]; unreadable: UnreadableCheckpoint[] } {
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    return parseCheckpointLines(text);
  }
  const list = (whole as { checkpoints?: unknown } | null)?.checkpoints;
  return Array.isArray(list) ? fromList(list) : parseCheckpointLines(text);
}

function fromList(list: unknown[]): { checkpoints: AuditCheckpoint[]; unreadable: UnreadableCheckpoint[] } {
  const checkpoints: AuditCheckpoint[] = [];
  const unreadable: UnreadableCheckpoint[] = [];
  list.forEach((item, i) => {
    const parsed = AuditCheckpointShape.safeParse(item);
    if (parsed.success) checkpoints.push(parsed.data);
    else unreadable.push({ line: i + 1, text: JSON.stringify(item).slice(0, 200) });
  });
  return { checkpoints, unreadable };
}

/** Every `audit_events.jsonl` under an export directory (two levels deep), by subgraph (its directory name). */
async function findEventFiles(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const visit = async (path: string, depth: number) => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory() && depth < 2) await visit(full, depth + 1);
      else if (entry.isFile() && /(^|[-_.])audit_events\.jsonl$/.test(entry.name)) {
        const prefix = entry.name.replace(/[-_.]?audit_events\.jsonl$/, '');
        // An experts node's database (`experts-sichuan`) keeps the chain its checkpoints name `experts@sichuan`.
        found.set(prefix || basename(dirname(full)).replace(/^experts-/, 'experts@'), full);
      }
    }
  };
  await visit(dir, 0);
  return found;
}

async function readPublicKeys(values: string[]): Promise<Map<string, KeyObject>> {
  const keys = new Map<string, KeyObject>();
  for (const value of values) {
    const inline = /^([^:]+):([A-Za-z0-9_-]{43})$/.exec(value);
    let published: { keyId: string; publicKey: string; algorithm?: string }[];
    if (inline) published = [{ keyId: inline[1]!, publicKey: inline[2]! }];
    else {
      let text: string;
      try {
        text = await readFile(value, 'utf8');
      } catch {
        throw new InputError(`--public-key ${value}: neither <keyId>:<base64url key> nor a readable file`);
      }
      const parsed = JSON.parse(text) as unknown;
      const list = Array.isArray(parsed) ? parsed : (parsed as { signingKeys?: unknown }).signingKeys;
      if (!Array.isArray(list)) throw new InputError(`--public-key ${value}: the file holds no signingKeys list`);
      published = list as typeof published;
    }
    for (const p of published) {
      try {
        const { keyId, key } = importPublicAuditKey(p);
        keys.set(keyId, key);
      } catch (error) {
        throw new InputError(`--public-key ${value}: ${(error as Error).message}`);
      }
    }
  }
  return keys;
}

function describe(name: string, report: AuditChainReport): string {
  const what = `${report.events} events, MACs ${report.macsChecked ? 'checked' : 'NOT checked (no --key)'}, ${report.checkpointsChecked} checkpoint${report.checkpointsChecked === 1 ? '' : 's'} matched`;
  const last = report.lastCheckpoint ? `; last checkpoint: event ${report.lastCheckpoint.seq} at ${report.lastCheckpoint.at}` : '';
  if (report.intact) return `${name}: intact (${what}${last})`;
  return `${name}: BROKEN: ${report.problem}${report.firstBrokenSeq === null ? '' : ` at event ${report.firstBrokenSeq}`}: ${report.detail} (${what}${last})`;
}

/** Runs `audit <command> ...` (argv after "audit"); resolves to the exit code. */
export async function runAuditCli(argv: string[], io: AuditCliIo): Promise<number> {
  let values: { checkpoints?: string[]; key?: string[]; 'public-key'?: string[]; subgraph?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        checkpoints: { type: 'string', multiple: true },
        key: { type: 'string', multiple: true },
        'public-key': { type: 'string', multiple: true },
        subgraph: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${AUDIT_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(AUDIT_USAGE);
    return 0;
  }
  const [command, target, ...extra] = positionals;
  if (command !== 'verify' || !target || extra.length) {
    io.err(`${command === 'verify' ? 'Name one export to verify.' : `Unknown command "audit ${positionals.join(' ')}".`}\n\n${AUDIT_USAGE}`);
    return 2;
  }
  try {
    const secrets = values.key ?? [io.env.HUB_AUDIT_KEY, ...(io.env.HUB_AUDIT_RETIRED_KEYS ?? '').split(',')].map((k) => k?.trim() ?? '').filter(Boolean);
    const publicKeys = await readPublicKeys(values['public-key'] ?? []);
    const keys: VerifyKeys = { publicKeys, macKeys: null };
    if (secrets.length) {
      const derived = verifyKeysOf(createAuditKeyring(secrets[0]!, secrets.slice(1)));
      for (const [id, key] of derived.publicKeys) keys.publicKeys.set(id, key);
      keys.macKeys = derived.macKeys;
    }

    const checkpoints: AuditCheckpoint[] = [];
    const unreadable: UnreadableCheckpoint[] = [];
    for (const file of values.checkpoints ?? []) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new InputError(`--checkpoints ${file} cannot be read`);
      }
      const parsed = parseCheckpointFile(text);
      checkpoints.push(...parsed.checkpoints);
      unreadable.push(...parsed.unreadable);
    }
    if (checkpoints.length && keys.publicKeys.size === 0) {
      throw new InputError('Checkpoints need a key to verify their signatures: pass --public-key (the signingKeys you pinned) or --key.');
    }

    let chains: Map<string, string>;
    let info: Stats;
    try {
      info = await stat(target);
    } catch {
      throw new InputError(`${target} does not exist`);
    }
    if (info.isDirectory()) {
      chains = await findEventFiles(target);
      if (!chains.size) throw new InputError(`${target} holds no audit_events.jsonl: is it a data export (npm run -s hub -- data export <dir>)?`);
    } else {
      const name =
        values.subgraph ??
        (new Set(checkpoints.map((c) => c.subgraph)).size === 1 ? checkpoints[0]!.subgraph : basename(target).replace(/[-_.]?audit_events\.jsonl$|\.jsonl$/, ''));
      chains = new Map([[name, target]]);
    }

    const reports: Record<string, AuditChainReport> = {};
    for (const [subgraph, file] of [...chains].sort(([a], [b]) => a.localeCompare(b))) {
      const events = parseEventLines(await readFile(file, 'utf8'), file);
      reports[subgraph] = verifyChain({
        subgraph,
        events,
        checkpoints: checkpoints.filter((c) => c.subgraph === subgraph),
        unreadableCheckpoints: unreadable,
        keys,
      });
    }
    const unmatched = [...new Set(checkpoints.map((c) => c.subgraph))].filter((s) => !(s in reports));
    if (values.json) io.out(JSON.stringify({ reports, checkpointsForOtherSubgraphs: unmatched }, null, 2));
    else {
      for (const [name, report] of Object.entries(reports)) io.out(describe(name, report));
      if (unmatched.length) io.out(`(checkpoints of ${unmatched.join(', ')} were given, but the export holds no such chain)`);
      if (!keys.macKeys) io.out('Without --key only the hash chain and the signed checkpoints were checked: events after the last checkpoint are not authenticated.');
    }
    return Object.values(reports).every((r) => r.intact) ? 0 : 1;
  } catch (error) {
    if (error instanceof InputError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}
