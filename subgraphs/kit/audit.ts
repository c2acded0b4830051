import { createHash } from 'node:crypto';
import type { Document, Filter } from 'mongodb';
import type { Caller } from './caller.ts';
import type { PageRequest } from './connection.ts';
import { type CollectionPort, type DatabasePort, ensureIndexes, type IndexDeclaration } from './store.ts';

/**
 * One processing record (PIPL art. 55-56 spirit; X-Road's "every exchange leaves evidence"):
 * who did what to which record, for which purpose. Events are append-only and hash-chained: each
 * holds the hash of the one before, so changing or removing one breaks the chain.
 */
export interface AuditEventDoc {
  /** The sequence number, zero-padded so that id order is chain order. */
  _id: string;
  seq: number;
  at: Date;
  actorSub: string;
  actorRegion: string;
  purpose: string | null;
  operation: string | null;
  action: 'READ_PERSONAL' | 'WRITE';
  entityType: string;
  entityId: string;
  /** The talent concerned, when there is one. */
  talentId: string | null;
  /** The province stewarding that talent (who may read this event). */
  talentHome: string | null;
  /** Other provinces that read this event: the parties to an agreement it is about. */
  parties: string[];
  fields: string[];
  prevHash: string;
  hash: string;
}

export type AuditEntry = Pick<AuditEventDoc, 'action' | 'entityType' | 'entityId' | 'talentId' | 'talentHome' | 'fields'> & { parties?: string[] };

export interface AuditChainReport {
  intact: boolean;
  events: number;
  /** The first event whose hash or link does not match; null when intact. */
  firstBrokenSeq: number | null;
  headHash: string | null;
}

const GENESIS = '0'.repeat(64);

function hashOf(e: Omit<AuditEventDoc, 'hash' | '_id'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at.toISOString(),
    e.actorSub,
    e.actorRegion,
    e.purpose,
    e.operation,
    e.action,
    e.entityType,
    e.entityId,
    e.talentId,
    e.talentHome,
    e.parties,
    e.fields,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const INDEXES: IndexDeclaration[] = [
  { keys: { seq: 1 }, unique: true },
  { keys: { talentId: 1 } },
  { keys: { talentHome: 1 } },
  { keys: { actorRegion: 1 } },
  { keys: { parties: 1 } },
];

/**
 * A subgraph's audit log. There is deliberately no method to change or delete events. Appends
 * in this process are serialised; appends from several processes on one MongoDB collection are
 * serialised by the unique `seq` index (a loser re-reads the head and retries).
 */
export class AuditLog {
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(private readonly events: CollectionPort<AuditEventDoc>) {}

  static async open(db: DatabasePort): Promise<AuditLog> {
    const events = db.collection<AuditEventDoc>('audit_events');
    await ensureIndexes(events, INDEXES);
    return new AuditLog(events);
  }

  /** Appends entries for one request; resolves once the store has acknowledged them. */
  append(caller: Pick<Caller, 'sub' | 'region' | 'purpose'>, operation: string | null, entries: AuditEntry[], now = new Date()): Promise<void> {
    const run = this.#tail.then(() => this.#appendWithRetry(caller, operation, entries, now));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #appendWithRetry(caller: Pick<Caller, 'sub' | 'region' | 'purpose'>, operation: string | null, entries: AuditEntry[], now: Date) {
    for (let attempt = 0; ; attempt++) {
      const [head] = await this.events.find({}, { sort: { seq: -1 }, limit: 1 }).toArray();
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS;
      const docs: AuditEventDoc[] = entries.map((entry) => {
        seq += 1;
        const base = { seq, at: now, actorSub: caller.sub, actorRegion: caller.region, purpose: caller.purpose, operation, ...entry, parties: entry.parties ?? [], prevHash };
        const hash = hashOf(base);
        prevHash = hash;
        return { _id: String(seq).padStart(12, '0'), ...base, hash };
      });
      try {
        await this.events.bulkWrite(docs.map((document) => ({ insertOne: { document } })));
        return;
      } catch (error) {
        if ((error as { code?: number }).code !== 11000 || attempt >= 5) throw error;
      }
    }
  }

  /** Events visible to a province: about its talents or done by it; oldest first. */
  async list(options: { region: string; talentId?: string | null; since?: Date | null; page: PageRequest }): Promise<AuditEventDoc[]> {
    const filter: Document = { $or: [{ talentHome: options.region }, { actorRegion: options.region }, { parties: options.region }] };
    if (options.talentId) filter.talentId = options.talentId;
    if (options.since) filter.at = { $gte: options.since };
    if (options.page.afterKey) filter._id = { $gt: options.page.afterKey };
    return this.events.find(filter as Filter<AuditEventDoc>, { sort: { _id: 1 }, limit: options.page.first + 1 }).toArray();
  }

  count(options: { region: string; talentId?: string | null; since?: Date | null }): Promise<number> {
    const filter: Document = { $or: [{ talentHome: options.region }, { actorRegion: options.region }, { parties: options.region }] };
    if (options.talentId) filter.talentId = options.talentId;
    if (options.since) filter.at = { $gte: options.since };
    return this.events.countDocuments(filter as Filter<AuditEventDoc>);
  }

  /** Recomputes every hash and link in chain order. */
  async verify(): Promise<AuditChainReport> {
    const all = await this.events.find({}, { sort: { seq: 1 } }).toArray();
    let prevHash = GENESIS;
    let expectedSeq = 1;
    for (const event of all) {
      const { _id, hash, ...rest } = event;
      if (event.seq !== expectedSeq || event.prevHash !== prevHash || hashOf(rest) !== hash || _id !== String(event.seq).padStart(12, '0')) {
        return { intact: false, events: all.length, firstBrokenSeq: expectedSeq, headHash: all.at(-1)?.hash ?? null };
      }
      prevHash = hash;
      expectedSeq += 1;
    }
    return { intact: true, events: all.length, firstBrokenSeq: null, headHash: all.at(-1)?.hash ?? null };
  }
}

/**
 * Appends the audit event of one write, before the write is made: when the event cannot be
 * stored, nothing is written (evidence first). Returns once the store acknowledged the event.
 */
export function auditWrite(
  ctx: { audit: AuditLog; operation: string | null; now: () => Date },
  caller: Pick<Caller, 'sub' | 'region' | 'purpose'>,
  entry: Omit<AuditEntry, 'action'>,
): Promise<void> {
  return ctx.audit.append(caller, ctx.operation, [{ action: 'WRITE', ...entry, fields: [...entry.fields].sort() }], ctx.now());
}
