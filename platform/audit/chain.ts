import type { Document, Filter } from 'mongodb';
import { type AuditCheckpoint, CheckpointLog, checkpointFault, signCheckpoint } from './checkpoints.ts';
import { type AuditEntry, type AuditEntryBase, type AuditEventDoc, type AuditSubject, eventHash, eventId, eventMac, GENESIS } from './event.ts';
import { type AuditKeyring, createAuditKeyring, DEVELOPMENT_AUDIT_KEY, type PublicAuditKey, publicAuditKey, verifyKeysOf } from './keys.ts';
import { type AuditChainReport, type ChainStart, checkEvents, verifyChain } from './verify.ts';
import type { Caller } from '../caller.ts';
import type { PageRequest } from '../connection.ts';
import { type CollectionPort, type DatabasePort, ensureIndexes, type IndexDeclaration } from '../../store/port.ts';
import { provinceOf } from '../text.ts';

const INDEXES: IndexDeclaration[] = [
  { keys: { seq: 1 }, unique: true },
  { keys: { talentId: 1 } },
  { keys: { talentHome: 1 } },
  { keys: { actorProvince: 1 } },
  { keys: { parties: 1 } },
];

/** How a subgraph's audit log is keyed and anchored (see README, "Evidence"). */
export interface AuditLogOptions {
  /** The subgraph whose chain this is (named in its checkpoints). */
  subgraph?: string;
  /** The keys (default: the development key; `loadConfig` refuses that in production). */
  keyring?: AuditKeyring;
  /** Where checkpoints are appended (a JSON-lines file); null or absent keeps them in memory. */
  checkpointFile?: string | null;
}

/**
 * A subgraph's audit log. There is deliberately no method to change or delete events. Appends
 * in this process are serialised; appends from several processes on one MongoDB collection are
 * serialised by the unique `seq` index (a loser re-reads the head and retries).
 */
export class AuditLog {
  #tail: Promise<unknown> = Promise.resolve();
  #checkpointing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly events: CollectionPort<AuditEventDoc>,
    readonly subgraph: string,
    readonly keyring: AuditKeyring,
    readonly checkpoints: CheckpointLog,
  ) {}

  static async open(db: DatabasePort, options: AuditLogOptions = {}): Promise<AuditLog> {
    const events = db.collection<AuditEventDoc>('audit_events');
    await ensureIndexes(events, INDEXES);
    const checkpoints = await CheckpointLog.open(options.checkpointFile ?? null);
    return new AuditLog(events, options.subgraph ?? 'subgraph', options.keyring ?? createAuditKeyring(DEVELOPMENT_AUDIT_KEY), checkpoints);
  }

  /**
   * Appends entries for one request; resolves once the store has acknowledged them. Throws (and
   * appends nothing) when an entry about a talent does not name the talent's home province.
   */
  append(caller: Pick<Caller, 'sub' | 'region' | 'purpose'>, operation: string | null, entries: AuditEntry[], now = new Date()): Promise<void> {
    for (const entry of entries) {
      if (entry.talentId !== null && !/^\d{6}$/.test(String(entry.talentHome))) {
        return Promise.reject(new Error(`audit entry about talent ${entry.talentId} names no home region: look it up from the stored talent`));
      }
    }
    const run = this.#tail.then(() => this.#appendWithRetry(caller, operation, entries, now));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #appendWithRetry(caller: Pick<Caller, 'sub' | 'region' | 'purpose'>, operation: string | null, entries: AuditEntry[], now: Date) {
    const key = this.keyring.current;
    for (let attempt = 0; ; attempt++) {
      const head = await this.head();
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS;
      const docs: AuditEventDoc[] = entries.map((entry) => {
        seq += 1;
        const content = {
          seq,
          at: now,
          actorSub: caller.sub,
          actorRegion: caller.region,
          actorProvince: provinceOf(caller.region),
          purpose: caller.purpose,
          operation,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          talentId: entry.talentId,
          // Provinces, whatever level of code the caller had at hand: the trail is listed by province.
          talentHome: entry.talentId === null ? null : provinceOf(entry.talentHome),
          parties: [...new Set((entry.parties ?? []).map(provinceOf))].sort(),
          fields: entry.fields,
          keyId: key.id,
          prevHash,
        };
        const hash = eventHash(content);
        prevHash = hash;
        return { _id: eventId(seq), ...content, hash, mac: eventMac(key.macKey, hash) };
      });
      try {
        await this.events.bulkWrite(docs.map((document) => ({ insertOne: { document } })));
        return;
      } catch (error) {
        if ((error as { code?: number }).code !== 11000 || attempt >= 5) throw error;
      }
    }
  }

  /** The newest event's sequence number and hash; null for an empty chain. */
  async head(): Promise<{ seq: number; hash: string } | null> {
    // `_id` is the zero-padded seq: both stores answer this from the id order without sorting.
    const [head] = await this.events.find({}, { sort: { _id: -1 }, limit: 1 }).toArray();
    return head ? { seq: head.seq, hash: head.hash } : null;
  }

  #visibleTo(options: { region: string; talentId?: string | null; since?: Date | null }): Document {
    const province = provinceOf(options.region);
    const filter: Document = { $or: [{ talentHome: province }, { actorProvince: province }, { parties: province }] };
    if (options.talentId) filter.talentId = options.talentId;
    if (options.since) filter.at = { $gte: options.since };
    return filter;
  }

  /** Events visible to a province (any code in it): about its talents, done by any region in it, or about agreements it is party to; oldest first. */
  async list(options: { region: string; talentId?: string | null; since?: Date | null; page: PageRequest }): Promise<AuditEventDoc[]> {
    const filter = this.#visibleTo(options);
    if (options.page.afterKey) filter._id = { $gt: options.page.afterKey };
    return this.events.find(filter as Filter<AuditEventDoc>, { sort: { _id: 1 }, limit: options.page.first + 1 }).toArray();
  }

  count(options: { region: string; talentId?: string | null; since?: Date | null }): Promise<number> {
    return this.events.countDocuments(this.#visibleTo(options) as Filter<AuditEventDoc>);
  }

  /** The published checkpoint verification keys (current and retired). */
  signingKeys(): PublicAuditKey[] {
    return this.keyring.all.map(publicAuditKey);
  }

  /**
   * Recomputes every hash, MAC and link in chain order and compares the chain with every
   * checkpoint in the log and with `extraCheckpoints` (ones a party kept and brings back).
   */
  async verify(extraCheckpoints: readonly AuditCheckpoint[] = []): Promise<AuditChainReport> {
    // In id order (ids are zero-padded seqs); an id that does not match its seq is reported.
    const all = await this.events.find({}, { sort: { _id: 1 } }).toArray();
    return verifyChain({
      subgraph: this.subgraph,
      events: all,
      checkpoints: [...this.checkpoints.list(), ...extraCheckpoints],
      unreadableCheckpoints: this.checkpoints.unreadable,
      keys: verifyKeysOf(this.keyring),
    });
  }

  /**
   * Signs and logs a checkpoint of the current head, unless the head has not moved since the last
   * one. Before signing, the events since the last valid checkpoint are verified (links and MACs):
   * a chain that was rewritten or cut back is never signed (that would launder the tampering);
   * it throws instead, and the evidence stays as it is.
   */
  checkpoint(now = new Date()): Promise<AuditCheckpoint | null> {
    const run = this.#checkpointing.then(() => this.#checkpoint(now));
    this.#checkpointing = run.catch(() => undefined);
    return run;
  }

  async #checkpoint(now: Date): Promise<AuditCheckpoint | null> {
    const head = await this.head();
    const keys = verifyKeysOf(this.keyring);
    const anchor = [...this.checkpoints.list()].reverse().find((c) => c.subgraph === this.subgraph && checkpointFault(c, keys) === null) ?? null;
    if (!head) {
      if (anchor) throw new Error(`audit chain of ${this.subgraph} is empty but checkpoint ${anchor.seq} exists: not signing`);
      return null;
    }
    if (anchor && anchor.seq === head.seq && anchor.headHash === head.hash) return null;
    if (anchor && anchor.seq > head.seq) throw new Error(`audit chain of ${this.subgraph} ends at ${head.seq}, before checkpoint ${anchor.seq}: not signing`);
    const from = anchor?.seq ?? 0;
    const range = { _id: { $gte: eventId(Math.max(from, 1)), $lte: eventId(head.seq) } };
    const segment = await this.events.find(range as Filter<AuditEventDoc>, { sort: { _id: 1 } }).toArray();
    let start: ChainStart = { seq: 0, hash: GENESIS };
    if (anchor) {
      const first = segment.shift();
      if (!first || first.seq !== anchor.seq || first.hash !== anchor.headHash) {
        throw new Error(`audit chain of ${this.subgraph} no longer has checkpoint ${anchor.seq}'s head: not signing`);
      }
      start = { seq: anchor.seq, hash: anchor.headHash };
    }
    const checked = checkEvents(segment, keys, start);
    if ('fault' in checked) throw new Error(`audit chain of ${this.subgraph} is broken (${checked.fault.problem} at ${checked.fault.seq}): not signing`);
    const checkpoint = signCheckpoint(this.keyring.current, this.subgraph, head, now);
    await this.checkpoints.append(checkpoint);
    return checkpoint;
  }

  /**
   * Checkpoints every `intervalMs` (when the head moved) until the returned `stop`, which makes a
   * last checkpoint (a clean shutdown anchors everything written). Failures go to `onError`.
   */
  startCheckpoints(intervalMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
    const timer = setInterval(() => {
      this.checkpoint().catch(onError);
    }, intervalMs);
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await this.checkpoint().catch(onError);
      },
    };
  }
}

/**
 * Appends the audit event of one write, before the write is made: when the event cannot be
 * stored, nothing is written (evidence first). Returns once the store acknowledged the event.
 * An entry about a talent must carry `talentHome`, the home of the stored talent.
 */
export function auditWrite(
  ctx: { audit: AuditLog; operation: string | null; now: () => Date },
  caller: Pick<Caller, 'sub' | 'region' | 'purpose'>,
  entry: Omit<AuditEntryBase, 'action'> & AuditSubject,
): Promise<void> {
  return ctx.audit.append(caller, ctx.operation, [{ action: 'WRITE', ...entry, fields: [...entry.fields].sort() } as AuditEntry], ctx.now());
}
