import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../platform/audit/chain.ts';
import { type AuditEntry, type AuditEventDoc, eventHash, GENESIS } from '../../../platform/audit/event.ts';
import { verifyChain } from '../../../platform/audit/verify.ts';
import { CheckpointLog, signCheckpoint } from '../../../platform/audit/checkpoints.ts';
import { auditKeyFrom, createAuditKeyring, DEVELOPMENT_AUDIT_KEY, verifyKeysOf } from '../../../platform/audit/keys.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { openMongoDatabase } from '../../../store/mongo.ts';
import type { CollectionPort, DatabasePort } from '../../../store/port.ts';
import { tempDirs } from '../../helpers/temp.ts';

/**
 * The audit log against an insider who can write the database but does not hold the audit key:
 * every tampering is done on the stored documents directly, as such an insider would. Runs on
 * the embedded store and, with MONGODB_URI set, on MongoDB (a database hub_audit_<random>,
 * dropped afterwards).
 */
const mongoUri = process.env.MONGODB_URI;
const mongoDbName = `hub_audit_${randomUUID().slice(0, 8)}`;
const targets: { name: string; open: () => Promise<DatabasePort> }[] = [{ name: 'embedded', open: async () => createEmbeddedDatabase() }];
if (mongoUri) targets.push({ name: 'mongodb', open: () => openMongoDatabase({ uri: mongoUri, dbName: mongoDbName }) });

afterAll(async () => {
  if (!mongoUri) return;
  const client = await MongoClient.connect(mongoUri);
  await client.db(mongoDbName).dropDatabase();
  await client.close();
});

const KEY = 'unit-test audit key, 32 characters or more';
const SICHUAN = { sub: 'sc-system', region: '510000', purpose: null };
const CHENGDU = { sub: 'chengdu-system', region: '510100', purpose: null };
const talentWrite = (n: number, home = '510000'): AuditEntry => ({
  action: 'WRITE',
  entityType: 'Talent',
  entityId: `T${String(n).padStart(6, '0')}`,
  talentId: `T${String(n).padStart(6, '0')}`,
  talentHome: home,
  fields: ['name'],
});

/** What an insider with write access and the source code does: change an event and recompute the plain hash chain after it. */
async function rewriteAndRechain(events: CollectionPort<AuditEventDoc>, seq: number, change: Partial<AuditEventDoc>): Promise<void> {
  const all = await events.find({}, { sort: { seq: 1 } }).toArray();
  let prevHash = all.find((e) => e.seq === seq - 1)?.hash ?? GENESIS;
  for (const event of all.filter((e) => e.seq >= seq)) {
    const { _id, hash: _hash, mac: _mac, ...content } = event;
    const next = { ...content, ...(event.seq === seq ? change : {}), prevHash };
    const hash = eventHash(next);
    await events.updateOne({ _id }, { $set: { ...next, hash } });
    prevHash = hash;
  }
}

for (const target of targets) {
  describe(`audit log on ${target.name}`, () => {
    async function openLog(options: { retired?: string[]; key?: string; file?: string } = {}) {
      const db = await target.open();
      const keyring = createAuditKeyring(options.key ?? KEY, options.retired ?? []);
      const audit = await AuditLog.open(db, { subgraph: 'experts', keyring, checkpointFile: options.file ?? null });
      const events = db.collection<AuditEventDoc>('audit_events');
      return { db, audit, events, keyring };
    }

    async function writeEvents(audit: AuditLog, n: number, from = 1) {
      for (let i = from; i < from + n; i++) await audit.append(SICHUAN, 'Register', [talentWrite(i)]);
    }

    it('keys every event: a MAC under a key id, the actor province beside the raw region; intact when untouched', async () => {
      const { audit, events, keyring } = await openLog();
      await writeEvents(audit, 3);
      await audit.append(CHENGDU, 'Read', [{ ...talentWrite(9, '500000'), action: 'READ_PERSONAL' }]);
      const stored = await events.find({}, { sort: { seq: 1 } }).toArray();
      expect(stored.map((e) => e.keyId)).toEqual(Array(4).fill(keyring.current.id));
      expect(stored[3]).toMatchObject({ actorRegion: '510100', actorProvince: '510000', talentHome: '500000' });
      expect(stored.every((e) => /^[0-9a-f]{64}$/.test(e.mac))).toBe(true);
      expect(await audit.verify()).toMatchObject({ intact: true, events: 4, problem: null, macsChecked: true });
    });

    it('refuses an entry about a talent that names no home, and writes nothing', async () => {
      const { audit, events } = await openLog();
      // @ts-expect-error the type requires talentHome whenever talentId is set
      const missing: AuditEntry = { action: 'WRITE', entityType: 'Award', entityId: 'A1', talentId: 'T000001', talentHome: null, fields: [] };
      await expect(audit.append(SICHUAN, 'RecordAward', [missing])).rejects.toThrow(/names no home/);
      expect(await events.countDocuments({})).toBe(0);
    });

    it('lists a prefecture’s events in its province’s trail, and a talent’s events to its home', async () => {
      const { audit } = await openLog();
      await audit.append(CHENGDU, 'Read', [{ ...talentWrite(9, '500000'), action: 'READ_PERSONAL' }]);
      const page = { first: 10, afterKey: null };
      expect((await audit.list({ region: '510000', page })).map((e) => e.actorRegion)).toEqual(['510100']);
      expect(await audit.count({ region: '500000' })).toBe(1);
      expect(await audit.count({ region: '630000' })).toBe(0);
    });

    it('detects an event rewritten with the plain hash chain recomputed (EVENT_ALTERED at that event)', async () => {
      const { audit, events } = await openLog();
      await writeEvents(audit, 5);
      await rewriteAndRechain(events, 3, { fields: ['birthYear', 'contact'] });
      expect(await audit.verify()).toMatchObject({ intact: false, problem: 'EVENT_ALTERED', firstBrokenSeq: 3 });
    });

    it('detects an event deleted in the middle (EVENT_MISSING at its seq)', async () => {
      const { audit, events } = await openLog();
      await writeEvents(audit, 5);
      await events.deleteOne({ seq: 2 });
      expect(await audit.verify()).toMatchObject({ intact: false, problem: 'EVENT_MISSING', firstBrokenSeq: 2 });
    });

    it('detects a tail cut back after a checkpoint (TRUNCATED), and refuses to sign the cut chain', async () => {
      const { audit, events } = await openLog();
      await writeEvents(audit, 6);
      const checkpoint = await audit.checkpoint();
      expect(checkpoint).toMatchObject({ subgraph: 'experts', seq: 6 });
      expect(await audit.checkpoint()).toBeNull(); // the head did not move
      await events.deleteMany({ seq: { $gt: 4 } });
      expect(await audit.verify()).toMatchObject({ intact: false, problem: 'TRUNCATED', firstBrokenSeq: 5, events: 4 });
      await expect(audit.checkpoint()).rejects.toThrow(/not signing/);
      expect(audit.checkpoints.list()).toHaveLength(1);
    });

    it('never signs a chain rewritten since the last checkpoint', async () => {
      const { audit, events } = await openLog();
      await writeEvents(audit, 3);
      await audit.checkpoint();
      await writeEvents(audit, 3, 4);
      await rewriteAndRechain(events, 5, { actorSub: 'someone-else' });
      await expect(audit.checkpoint()).rejects.toThrow(/EVENT_ALTERED at 5/);
    });

    it('lets a party holding only the public key detect rewriting before a checkpoint (CHECKPOINT_MISMATCH)', async () => {
      const { audit, events, keyring } = await openLog();
      await writeEvents(audit, 4);
      const kept = await audit.checkpoint();
      await writeEvents(audit, 2, 5);
      await rewriteAndRechain(events, 2, { actorSub: 'someone-else' });
      const all = await events.find({}, { sort: { seq: 1 } }).toArray();
      const party = verifyChain({ subgraph: 'experts', events: all, checkpoints: [kept!], keys: { publicKeys: verifyKeysOf(keyring).publicKeys, macKeys: null } });
      expect(party).toMatchObject({ intact: false, problem: 'CHECKPOINT_MISMATCH', firstBrokenSeq: 1, macsChecked: false });
    });

    it('rejects a forged checkpoint (CHECKPOINT_FORGED), whether its signature was made by another key or altered', async () => {
      const { audit, events, keyring } = await openLog();
      await writeEvents(audit, 3);
      const real = (await audit.checkpoint())!;
      const all = await events.find({}, { sort: { seq: 1 } }).toArray();
      const keys = verifyKeysOf(keyring);
      const verify = (checkpoint: typeof real) => verifyChain({ subgraph: 'experts', events: all, checkpoints: [checkpoint], keys });
      expect(verify(real)).toMatchObject({ intact: true, checkpointsChecked: 1 });
      const impostor = { ...auditKeyFrom('an insider’s own key, 32 characters long'), id: real.keyId };
      expect(verify(signCheckpoint(impostor, 'experts', { seq: 3, hash: real.headHash }, new Date()))).toMatchObject({ intact: false, problem: 'CHECKPOINT_FORGED' });
      expect(verify({ ...real, seq: 2 })).toMatchObject({ intact: false, problem: 'CHECKPOINT_FORGED' });
    });

    it('verifies events of a retired key while it is in the keyring (UNKNOWN_KEY without it)', async () => {
      const db = await target.open();
      const old = await AuditLog.open(db, { subgraph: 'experts', keyring: createAuditKeyring('the key of last year, 32 characters long') });
      await old.append(SICHUAN, 'Register', [talentWrite(1)]);
      const rotated = await AuditLog.open(db, { subgraph: 'experts', keyring: createAuditKeyring(KEY, ['the key of last year, 32 characters long']) });
      await rotated.append(SICHUAN, 'Register', [talentWrite(2)]);
      expect(await rotated.verify()).toMatchObject({ intact: true, events: 2 });
      const forgetful = await AuditLog.open(db, { subgraph: 'experts', keyring: createAuditKeyring(KEY) });
      expect(await forgetful.verify()).toMatchObject({ intact: false, problem: 'UNKNOWN_KEY', firstBrokenSeq: 1 });
    });
  });
}

describe('checkpoint log file', () => {
  const temp = tempDirs();
  afterAll(() => temp.remove());

  it('appends each checkpoint as a JSON line on disk and reads them back; a line that is no checkpoint is reported', async () => {
    const file = join(temp.make('hub-audit-'), 'experts-audit-checkpoints.jsonl');
    const db = createEmbeddedDatabase();
    const audit = await AuditLog.open(db, { subgraph: 'experts', keyring: createAuditKeyring(KEY), checkpointFile: file });
    await audit.append(SICHUAN, 'Register', [talentWrite(1)]);
    const first = await audit.checkpoint();
    await audit.append(SICHUAN, 'Register', [talentWrite(2)]);
    const second = await audit.checkpoint();
    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([first, second]);
    expect((await CheckpointLog.open(file)).list()).toEqual([first, second]);

    const { appendFileSync } = await import('node:fs');
    appendFileSync(file, '{"subgraph":"experts","seq":99}\n');
    const reopened = await AuditLog.open(db, { subgraph: 'experts', keyring: createAuditKeyring(KEY), checkpointFile: file });
    expect(await reopened.verify()).toMatchObject({ intact: false, problem: 'CHECKPOINT_FORGED' });
  });
});

describe('periodic checkpoints', () => {
  it('checkpoints on the interval once the head moved, and once more when stopped', async () => {
    const audit = await AuditLog.open(createEmbeddedDatabase(), { subgraph: 'experts', keyring: createAuditKeyring(KEY) });
    const errors: unknown[] = [];
    const timer = audit.startCheckpoints(20, (e) => errors.push(e));
    await audit.append(SICHUAN, 'Register', [talentWrite(1)]);
    while (audit.checkpoints.list().length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(audit.checkpoints.last()).toMatchObject({ seq: 1 });
    await audit.append(SICHUAN, 'Register', [talentWrite(2)]);
    await timer.stop();
    expect(audit.checkpoints.last()).toMatchObject({ seq: 2 });
    expect(errors).toEqual([]);
  });
});

describe('audit settings', () => {
  it('refuses production without HUB_AUDIT_KEY, saying what to set; takes retired keys for rotation', async () => {
    const { loadConfig } = await import('../../../platform/config.ts');
    expect(() =>
      loadConfig({ NODE_ENV: 'production', HUB_GATEWAY_JWKS_URL: 'https://gateway.example/.well-known/jwks.json', HUB_EXPERTS_URL: 'https://experts.example/graphql' }),
    ).toThrow(/HUB_AUDIT_KEY: is required when NODE_ENV=production: set a random secret/);
    expect(() => loadConfig({ HUB_AUDIT_KEY: 'too short' })).toThrow(/HUB_AUDIT_KEY: must be at least 32 characters/);
    const retired = ['retired-key-number-one-32-characters-long', 'retired-key-number-two-32-characters-long'];
    const config = loadConfig({ HUB_AUDIT_KEY: KEY, HUB_AUDIT_RETIRED_KEYS: ` ${retired.join(' , ')} ` });
    expect(config.audit).toEqual({ key: KEY, retiredKeys: retired, usingDevelopmentKey: false, checkpointIntervalMs: 60_000 });
    expect(() => loadConfig({ HUB_AUDIT_RETIRED_KEYS: `${retired[0]},short` })).toThrow(/HUB_AUDIT_RETIRED_KEYS: must be earlier HUB_AUDIT_KEY values/);
    expect(loadConfig({}).audit).toMatchObject({ key: DEVELOPMENT_AUDIT_KEY, usingDevelopmentKey: true });
  });
});
