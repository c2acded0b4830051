import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Document, Filter } from 'mongodb';
import { type AuditCheckpoint, CheckpointLog, checkpointFault, signCheckpoint, type UnreadableCheckpoint } from './checkpoints.ts';
import { type AuditKeyring, createAuditKeyring, DEVELOPMENT_AUDIT_KEY, type PublicAuditKey, publicAuditKey, type VerifyKeys, verifyKeysOf } from './keys.ts';
import type { Caller } from '../caller.ts';
import type { PageRequest } from '../connection.ts';
import { type CollectionPort, type DatabasePort, ensureIndexes, type IndexDeclaration } from '../../store/port.ts';
import { provinceOf } from '../text.ts';

/**
 * One processing record (PIPL art. 55-56 spirit; X-Road's "every exchange leaves evidence"):
 * who did what to which record, for which purpose. Events are append-only and chained: `hash` is
 * the SHA-256 of the event's content and the hash of the one before (anyone can recompute it),
 * and `mac` authenticates that hash with a key kept outside the database (HMAC-SHA256), so whoever
 * can write the database but not read the subgraph's settings cannot rewrite an event and
 * recompute the chain unnoticed. Signed checkpoints (see audit-checkpoints.ts) anchor the head.
 */
export interface AuditEventDoc {
  /** The sequence number, zero-padded so that id order is chain order. */
  _id: string;
  seq: number;
  at: Date;
  actorSub: string;
  /** The caller's region as its token names it (a province, prefecture or county code). */
  actorRegion: string;
  /** The province of `actorRegion`: the province whose trail lists this event. */
  actorProvince: string;
  purpose: string | null;
  operation: string | null;
  action: 'READ_PERSONAL' | 'WRITE';
  entityType: string;
  entityId: string;
  /** The talent concerned, when there is one. */
  talentId: string | null;
  /** The province stewarding that talent (who may read this event), from the stored talent. */
  talentHome: string | null;
  /** Other provinces that read this event: the parties to an agreement it is about. */
  parties: string[];
  fields: string[];
  /** The audit key generation that made `mac`. */
  keyId: string;
  prevHash: string;
  hash: string;
  /** HMAC-SHA256 of `hash` under the key `keyId` (hex). */
  mac: string;
}

interface AuditEntryBase {
  action: AuditEventDoc['action'];
  entityType: string;
  entityId: string;
  fields: string[];
  /** Provinces (or regions in them) party to the agreement the event is about; each reads it. */
  parties?: string[];
}

/**
 * What the event is about. An entry about a talent must name the talent's home, looked up from the
 * stored talent record (never taken from input): the type makes it impossible to leave out, and
 * `append` refuses an entry without it. An entry about no talent names none.
 */
export type AuditSubject = { talentId: string; talentHome: string } | { talentId: null; talentHome?: null };

export type AuditEntry = AuditEntryBase & AuditSubject;

/** What verification found wrong first. */
export type AuditProblem =
  /** An event's content does not match its hash, or its hash does not match its MAC. */
  | 'EVENT_ALTERED'
  /** A sequence number is missing: an event was deleted. */
  | 'EVENT_MISSING'
  /** An event does not link to the one before it: one of them was replaced. */
  | 'LINK_BROKEN'
  /** An event or checkpoint names a key generation the verifier does not hold. */
  | 'UNKNOWN_KEY'
  /** The chain ends before a signed checkpoint: events at its end were deleted. */
  | 'TRUNCATED'
  /** The chain's hash at a checkpoint's sequence number is not the one signed: events before it were rewritten. */
  | 'CHECKPOINT_MISMATCH'
  /** A checkpoint whose signature does not verify, or a checkpoint log line that is no checkpoint. */
  | 'CHECKPOINT_FORGED';

export interface AuditChainReport {
  intact: boolean;
  events: number;
  /** The first event found broken (for CHECKPOINT_MISMATCH: the first that may have changed); null when intact. */
  firstBrokenSeq: number | null;
  headHash: string | null;
  problem: AuditProblem | null;
  /** What was found, in a sentence (no personal data: sequence numbers, key ids and hashes only). */
  detail: string | null;
  /** Whether event MACs were checked (false for a verifier holding public keys only). */
  macsChecked: boolean;
  /** How many signed checkpoints the chain was compared with. */
  checkpointsChecked: number;
  /** The newest checkpoint that verified and matches the chain. */
  lastCheckpoint: AuditCheckpoint | null;
}

/** The hash before the first event. */
export const GENESIS = '0'.repeat(64);

/** The id of the event with sequence number `seq`. */
export const eventId = (seq: number) => String(seq).padStart(12, '0');

/** SHA-256 over the event's content and link, in a fixed order; recomputable by anyone. */
export function eventHash(e: Omit<AuditEventDoc, 'hash' | 'mac' | '_id'>): string {
  const canonical = JSON.stringify([
    'talent-hub audit event v2',
    e.seq,
    e.at.toISOString(),
    e.actorSub,
    e.actorRegion,
    e.actorProvince,
    e.purpose,
    e.operation,
    e.action,
    e.entityType,
    e.entityId,
    e.talentId,
    e.talentHome,
    e.parties,
    e.fields,
    e.keyId,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The MAC of an event hash under a key generation's MAC key (hex). */
export function eventMac(macKey: Buffer, hash: string): string {
  return createHmac('sha256', macKey).update(hash).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where a chain segment starts: after `seq` events whose last hash is `hash`. */
interface ChainStart {
  seq: number;
  hash: string;
}

type EventFault = { problem: AuditProblem; seq: number; detail: string };

/**
 * Checks events in chain order from `start`: consecutive sequence numbers, ids, key ids, hashes,
 * MACs (when `keys.macKeys` is given) and links. Returns the first fault, or the hashes by seq.
 */
function checkEvents(events: readonly AuditEventDoc[], keys: VerifyKeys, start: ChainStart): { fault: EventFault } | { hashes: Map<number, string> } {
  const hashes = new Map<number, string>();
  let prevHash = start.hash;
  let expected = start.seq + 1;
  for (const event of events) {
    if (event.seq !== expected) {
      return event.seq > expected
        ? { fault: { problem: 'EVENT_MISSING', seq: expected, detail: `event ${expected} is missing (the next stored event is ${event.seq})` } }
        : { fault: { problem: 'EVENT_ALTERED', seq: event.seq, detail: `event ${event.seq} appears out of order after event ${expected - 1}` } };
    }
    if (event._id !== eventId(event.seq)) return { fault: { problem: 'EVENT_ALTERED', seq: event.seq, detail: `event ${event.seq} has the id of another event` } };
    const macKey = keys.macKeys?.get(event.keyId);
    if (keys.macKeys && !macKey) {
      return { fault: { problem: 'UNKNOWN_KEY', seq: event.seq, detail: `event ${event.seq} names audit key "${String(event.keyId)}", which this verifier does not hold` } };
    }
    const { _id, hash, mac, ...content } = event;
    if (eventHash(content) !== hash) return { fault: { problem: 'EVENT_ALTERED', seq: event.seq, detail: `event ${event.seq} does not match its hash: its content was changed` } };
    if (macKey && !(typeof mac === 'string' && sameHex(eventMac(macKey, hash), mac))) {
      return { fault: { problem: 'EVENT_ALTERED', seq: event.seq, detail: `event ${event.seq} does not match its MAC: it was rewritten by someone without the audit key` } };
    }
    if (event.prevHash !== prevHash) {
      return { fault: { problem: 'LINK_BROKEN', seq: event.seq, detail: `event ${event.seq} does not link to event ${event.seq - 1}: one of them was replaced` } };
    }
    hashes.set(event.seq, hash);
    prevHash = hash;
    expected += 1;
  }
  return { hashes };
}

/**
 * Verifies a whole chain (events in seq order) against signed checkpoints: every event (see
 * `checkEvents`), then every checkpoint's signature, and that the chain reaches each checkpoint
 * with the hash it signed. Pure: the subgraph and the offline verifier both use it.
 */
export function verifyChain(input: {
  subgraph: string;
  events: readonly AuditEventDoc[];
  checkpoints: readonly AuditCheckpoint[];
  unreadableCheckpoints?: readonly UnreadableCheckpoint[];
  keys: VerifyKeys;
}): AuditChainReport {
  const { events, keys } = input;
  const headHash = events.at(-1)?.hash ?? null;
  const base = { events: events.length, headHash, macsChecked: keys.macKeys !== null };
  let checked = 0;
  let lastCheckpoint: AuditCheckpoint | null = null;
  const broken = (problem: AuditProblem, firstBrokenSeq: number | null, detail: string): AuditChainReport => ({
    ...base,
    intact: false,
    firstBrokenSeq,
    problem,
    detail,
    checkpointsChecked: checked,
    lastCheckpoint,
  });

  const result = checkEvents(events, keys, { seq: 0, hash: GENESIS });
  if ('fault' in result) return broken(result.fault.problem, result.fault.seq, result.fault.detail);

  const bad = input.unreadableCheckpoints?.[0];
  if (bad) return broken('CHECKPOINT_FORGED', null, `checkpoint log line ${bad.line} is not a checkpoint`);
  const headSeq = events.at(-1)?.seq ?? 0;
  const ordered = [...input.checkpoints].sort((a, b) => a.seq - b.seq || a.at.localeCompare(b.at));
  for (const checkpoint of ordered) {
    if (checkpoint.subgraph !== input.subgraph) {
      return broken('CHECKPOINT_FORGED', null, `a checkpoint of "${checkpoint.subgraph}" was given for the ${input.subgraph} chain`);
    }
    const fault = checkpointFault(checkpoint, keys);
    if (fault === 'UNKNOWN_KEY') return broken('UNKNOWN_KEY', null, `checkpoint ${checkpoint.seq} names key "${checkpoint.keyId}", which this verifier does not hold`);
    if (fault) return broken('CHECKPOINT_FORGED', null, `checkpoint ${checkpoint.seq} (${checkpoint.at}) has a signature that does not verify with key ${checkpoint.keyId}`);
    if (checkpoint.seq > headSeq) {
      return broken('TRUNCATED', headSeq + 1, `the chain ends at event ${headSeq}, but a checkpoint signed at ${checkpoint.at} covers ${checkpoint.seq} events: events ${headSeq + 1}-${checkpoint.seq} were deleted`);
    }
    if (result.hashes.get(checkpoint.seq) !== checkpoint.headHash) {
      const from = (lastCheckpoint?.seq ?? 0) + 1;
      return broken('CHECKPOINT_MISMATCH', from, `the chain's hash at event ${checkpoint.seq} is not the one signed at ${checkpoint.at}: events ${from}-${checkpoint.seq} were rewritten`);
    }
    checked += 1;
    lastCheckpoint = checkpoint;
  }
  return { ...base, intact: true, firstBrokenSeq: null, problem: null, detail: null, checkpointsChecked: checked, lastCheckpoint };
}

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
