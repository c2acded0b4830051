import { timingSafeEqual } from 'node:crypto';
import { type AuditCheckpoint, checkpointFault, type UnreadableCheckpoint } from './checkpoints.ts';
import { type AuditEventDoc, eventHash, eventId, eventMac, GENESIS } from './event.ts';
import type { VerifyKeys } from './keys.ts';

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

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where a chain segment starts: after `seq` events whose last hash is `hash`. */
export interface ChainStart {
  seq: number;
  hash: string;
}

type EventFault = { problem: AuditProblem; seq: number; detail: string };

/**
 * Checks events in chain order from `start`: consecutive sequence numbers, ids, key ids, hashes,
 * MACs (when `keys.macKeys` is given) and links. Returns the first fault, or the hashes by seq.
 */
export function checkEvents(events: readonly AuditEventDoc[], keys: VerifyKeys, start: ChainStart): { fault: EventFault } | { hashes: Map<number, string> } {
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
      return broken(
        'TRUNCATED',
        headSeq + 1,
        `the chain ends at event ${headSeq}, but a checkpoint signed at ${checkpoint.at} covers ${checkpoint.seq} events: events ${headSeq + 1}-${checkpoint.seq} were deleted`,
      );
    }
    if (result.hashes.get(checkpoint.seq) !== checkpoint.headHash) {
      const from = (lastCheckpoint?.seq ?? 0) + 1;
      return broken(
        'CHECKPOINT_MISMATCH',
        from,
        `the chain's hash at event ${checkpoint.seq} is not the one signed at ${checkpoint.at}: events ${from}-${checkpoint.seq} were rewritten`,
      );
    }
    checked += 1;
    lastCheckpoint = checkpoint;
  }
  return { ...base, intact: true, firstBrokenSeq: null, problem: null, detail: null, checkpointsChecked: checked, lastCheckpoint };
}
