import { createHash, createHmac } from 'node:crypto';

/**
 * One processing record (PIPL art. 55-56 spirit; X-Road's "every exchange leaves evidence"):
 * who did what to which record, for which purpose. Events are append-only and chained: `hash` is
 * the SHA-256 of the event's content and the hash of the one before (anyone can recompute it),
 * and `mac` authenticates that hash with a key kept outside the database (HMAC-SHA256), so whoever
 * can write the database but not read the subgraph's settings cannot rewrite an event and
 * recompute the chain unnoticed. Signed checkpoints (see checkpoints.ts) anchor the head.
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

export interface AuditEntryBase {
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
