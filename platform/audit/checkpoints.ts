import { sign, verify } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { AuditKey, VerifyKeys } from './keys.ts';

/**
 * A signed statement that a subgraph's audit chain had `seq` events ending in `headHash` at time
 * `at`. Checkpoints leave the database (a log file under the data directory, `GET
 * /audit/checkpoints`, `AuditChainReport.checkpoints`): whoever keeps one can later show that the
 * chain was rewritten, or cut back, after it was made, without holding any secret.
 */
export interface AuditCheckpoint {
  subgraph: string;
  seq: number;
  headHash: string;
  /** ISO 8601 time of signing. */
  at: string;
  /** The audit key generation whose Ed25519 key signed it (see `PublicAuditKey`). */
  keyId: string;
  /** Ed25519 signature over `checkpointPayload(...)`, base64url. */
  signature: string;
}

/** The shape of a checkpoint as read from a file or a request (values checked, signature not). */
export const AuditCheckpointShape = z.object({
  subgraph: z.string().min(1).max(64),
  seq: z.number().int().min(1),
  headHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  at: z.string().datetime({ offset: true }),
  keyId: z.string().min(1).max(64),
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'must be an Ed25519 signature in base64url (86 characters)'),
});

/** The exact bytes a checkpoint's signature covers (a labelled JSON array, so fields cannot shift). */
export function checkpointPayload(c: Omit<AuditCheckpoint, 'signature'>): Buffer {
  return Buffer.from(JSON.stringify(['talent-hub audit checkpoint v1', c.subgraph, c.seq, c.headHash, c.at, c.keyId]), 'utf8');
}

/** Signs a checkpoint of `head` with the key's Ed25519 private key. */
export function signCheckpoint(key: AuditKey, subgraph: string, head: { seq: number; hash: string }, at: Date): AuditCheckpoint {
  const body = { subgraph, seq: head.seq, headHash: head.hash, at: at.toISOString(), keyId: key.id };
  return { ...body, signature: sign(null, checkpointPayload(body), key.signingKey).toString('base64url') };
}

/** Why a checkpoint is not valid evidence, or null when its signature verifies with a known key. */
export function checkpointFault(c: AuditCheckpoint, keys: Pick<VerifyKeys, 'publicKeys'>): 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | null {
  const key = keys.publicKeys.get(c.keyId);
  if (!key) return 'UNKNOWN_KEY';
  const { signature, ...body } = c;
  const ok = AuditCheckpointShape.safeParse(c).success && verify(null, checkpointPayload(body), key, Buffer.from(signature, 'base64url'));
  return ok ? null : 'BAD_SIGNATURE';
}

/** A line of a checkpoint log that is not a checkpoint at all (kept so that verification reports it). */
export interface UnreadableCheckpoint {
  line: number;
  text: string;
}

/**
 * Parses checkpoint log text (JSON lines). Lines that are not checkpoints are returned apart:
 * an altered log is evidence too, so nothing is silently skipped.
 */
export function parseCheckpointLines(text: string): { checkpoints: AuditCheckpoint[]; unreadable: UnreadableCheckpoint[] } {
  const checkpoints: AuditCheckpoint[] = [];
  const unreadable: UnreadableCheckpoint[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    try {
      const parsed = AuditCheckpointShape.safeParse(JSON.parse(line));
      if (parsed.success) checkpoints.push(parsed.data);
      else unreadable.push({ line: index + 1, text: line.slice(0, 200) });
    } catch {
      unreadable.push({ line: index + 1, text: line.slice(0, 200) });
    }
  });
  return { checkpoints, unreadable };
}

/**
 * The append-only checkpoint log of one subgraph: a JSON-lines file (fsynced on every append) that
 * can be shipped off the machine, plus its contents in memory. Without a file (in-process tests)
 * it is memory only.
 */
export class CheckpointLog {
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string | null,
    private readonly entries: AuditCheckpoint[],
    readonly unreadable: UnreadableCheckpoint[],
  ) {}

  /** Opens (or creates on first append) the log at `file`; `null` keeps it in memory. */
  static async open(file: string | null): Promise<CheckpointLog> {
    if (!file) return new CheckpointLog(null, [], []);
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const { checkpoints, unreadable } = parseCheckpointLines(text);
    return new CheckpointLog(file, checkpoints, unreadable);
  }

  /** Every checkpoint in the log, oldest first. */
  list(): readonly AuditCheckpoint[] {
    return this.entries;
  }

  /** The newest checkpoint, or null. */
  last(): AuditCheckpoint | null {
    return this.entries.at(-1) ?? null;
  }

  /** Appends a checkpoint; resolves once it is on disk (written and fsynced). */
  append(checkpoint: AuditCheckpoint): Promise<void> {
    const run = this.#tail.then(async () => {
      if (this.file) {
        await mkdir(dirname(this.file), { recursive: true });
        const handle = await open(this.file, 'a', 0o644);
        try {
          await handle.write(`${JSON.stringify(checkpoint)}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
      this.entries.push(checkpoint);
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
