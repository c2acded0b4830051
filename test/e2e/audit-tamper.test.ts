import { spawn } from 'node:child_process';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHubCli } from '../../scripts/hub.ts';
import { type AuditEventDoc, eventHash, GENESIS } from '../../platform/audit/event.ts';
import { checkpointPayload } from '../../platform/audit/checkpoints.ts';
import { DEVELOPMENT_AUDIT_KEY } from '../../platform/audit/keys.ts';
import type { CollectionPort } from '../../store/port.ts';
import { type AsOptions, type Hub, startHub } from '../helpers/hub.ts';
import { freePort, nodeArgv, startHubProcesses, startProcess, waitFor } from '../helpers/processes.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * The audit trail against an insider with write access to the database but not to the audit key:
 * each attack tampers with the stored events directly (there is no API for it), then asks
 * `verifyAuditChain` through the gateway, or runs the offline verifier on an export.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const SICHUAN = '510000';
const CHENGDU = '510100'; // a prefecture of Sichuan
const QINGHAI = '630000';
const AUDIT = { region: SICHUAN, scopes: ['audit:read'] };

const VERIFY = `query($c: [AuditCheckpointInput!]) { verifyAuditChain { experts(checkpoints: $c) {
  intact events firstBrokenSeq headHash problem detail macsChecked checkpointsChecked
  lastCheckpoint { subgraph seq headHash at keyId signature }
  checkpoints { subgraph seq headHash at keyId signature }
  signingKeys { keyId algorithm publicKey } } } }`;

/** What an insider with the source code does: change an event and recompute the plain hash chain after it. */
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

/** The offline verifier's CLI in this process (the same entry as `npm run -s hub`), for the many cases. */
async function auditVerifyHere(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runHubCli(['audit', 'verify', ...args], { env: {}, out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

/** Runs the offline verifier as a shell would (`npm run -s hub -- audit verify ...`, no hub needed). */
function auditVerify(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgv('scripts/hub.ts'), 'audit', 'verify', ...args], { cwd: root, env: { ...process.env, HUB_AUDIT_KEY: '' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

const toLines = (docs: unknown[]) => `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`;

const temp = tempDirs();
afterAll(() => temp.remove());

describe('tampering with the stored audit trail (in-process hub, through the gateway)', () => {
  let hub: Hub;
  let events: CollectionPort<AuditEventDoc>;
  let original: AuditEventDoc[];

  async function gql(query: string, variables: Record<string, unknown>, as: AsOptions) {
    const res = await hub.query(query, variables, as);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }
  const report = async (checkpoints?: unknown[]) => (await gql(VERIFY, { c: checkpoints ?? null }, AUDIT)).data!.verifyAuditChain.experts;

  /** Puts the stored events back exactly as they were before an attack. */
  async function restore() {
    await events.deleteMany({});
    await events.bulkWrite(original.map((document) => ({ insertOne: { document } })));
    expect(await report()).toMatchObject({ intact: true });
  }

  beforeAll(async () => {
    hub = await startHub({ talents: 300 });
    const talents = hub.dataset.experts.talents.filter((t) => t.homeRegion === SICHUAN).slice(0, 6);
    for (const [i, t] of talents.entries()) {
      const res = await gql(
        'mutation($id: ID!, $i: UpdateTalentInput!) { updateTalent(id: $id, input: $i) { talent { id } } }',
        { id: t._id, i: { title: `研究员 ${i}` } },
        { region: SICHUAN, scopes: ['talent:read', 'talent:write'] },
      );
      expect(res.errors).toBeUndefined();
    }
    // Sichuan's talents' events are in the audit chain of Sichuan's experts node (subgraphs.experts).
    events = hub.nodeFor(SICHUAN).db.collection<AuditEventDoc>('audit_events');
    original = await events.find({}, { sort: { seq: 1 } }).toArray();
    expect(original.length).toBeGreaterThanOrEqual(6);
  });
  afterAll(() => hub?.close());

  it('keys every event (keyId) and signs checkpoints any party verifies with the published public key alone', async () => {
    await hub.subgraphs.experts.audit.checkpoint();
    const r = await report();
    expect(r).toMatchObject({ intact: true, problem: null, macsChecked: true, events: original.length, checkpointsChecked: 1 });
    // The checkpoint anchors Sichuan's node's chain at its head (the report's headHash digests every node's head).
    expect(r.lastCheckpoint).toMatchObject({ subgraph: 'experts@sichuan', seq: original.length, headHash: original.at(-1)!.hash });
    const [key] = r.signingKeys;
    expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: r.lastCheckpoint.keyId });
    // The party's own check, with node:crypto and nothing of the hub's but the published key.
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
    const { signature, ...body } = r.lastCheckpoint;
    expect(verifySignature(null, checkpointPayload(body), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    // The same log on the subgraph's own port, for operators to ship elsewhere.
    const route = hub.subgraphUrls.experts.replace(/\/graphql$/, '/audit/checkpoints');
    const served = (await (await fetch(`${route}?afterSeq=0&first=10`)).json()) as any;
    expect(served).toEqual({ subgraph: 'experts@sichuan', signingKeys: r.signingKeys, checkpoints: r.checkpoints });
    expect((await fetch(`${route}?afterSeq=-1`)).status).toBe(400);
    const listed = await gql('{ auditEvents(first: 100) { edges { node { seq keyId actorProvince { code } talentHome { code } } } } }', {}, AUDIT);
    expect(listed.data!.auditEvents.edges.map((e: any) => e.node.keyId)).toEqual(Array(original.length).fill(key.keyId));
  });

  it('detects an event whose fields were rewritten and the plain hash chain recomputed', async () => {
    await rewriteAndRechain(events, 3, { fields: ['birthYear', 'contact'] });
    expect(await report()).toMatchObject({ intact: false, problem: 'EVENT_ALTERED', firstBrokenSeq: 3 });
    await restore();
  });

  it('detects an event deleted in the middle', async () => {
    await events.deleteOne({ seq: 2 });
    expect(await report()).toMatchObject({ intact: false, problem: 'EVENT_MISSING', firstBrokenSeq: 2 });
    await restore();
  });

  it('detects the last events deleted after a checkpoint, and the subgraph refuses to sign the cut chain', async () => {
    const head = original.length;
    await events.deleteMany({ seq: { $gt: head - 2 } });
    expect(await report()).toMatchObject({ intact: false, problem: 'TRUNCATED', firstBrokenSeq: head - 1, events: head - 2 });
    await expect(hub.subgraphs.experts.audit.checkpoint()).rejects.toThrow(/not signing/);
    await restore();
  });

  it('rejects a forged checkpoint a caller brings back, and checks a genuine one', async () => {
    const { lastCheckpoint } = await report();
    const genuine = await report([lastCheckpoint]);
    expect(genuine).toMatchObject({ intact: true, checkpointsChecked: 2 });
    // The same statement moved forward, as someone covering up a truncation would like it.
    const forged = { ...lastCheckpoint, seq: lastCheckpoint.seq + 5 };
    const res = await gql(VERIFY, { c: [forged] }, AUDIT);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'checkpoints.0.signature' });
  });

  it('lists a prefecture’s write in its province’s trail', async () => {
    const res = await gql(
      'mutation($i: CreateProgramInput!) { createProgram(input: $i) { program { id } } }',
      { i: { name: '成都人才计划（测试）', ownerRegion: CHENGDU, kind: 'TRAINING', period: { start: '2026-01-01', end: '2026-12-31' } } },
      { region: CHENGDU, scopes: ['projects:write'] },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.createProgram.program.id;
    const trail = await gql('{ projectsAuditEvents(first: 100) { edges { node { entityId actorRegion { code } actorProvince { code } } } } }', {}, AUDIT);
    expect(trail.data!.projectsAuditEvents.edges.map((e: any) => e.node)).toContainEqual({ entityId: id, actorRegion: { code: CHENGDU }, actorProvince: { code: SICHUAN } });
  });

  it('lets the talent’s home read an award another province recorded about its talent', async () => {
    const program = hub.dataset.projects.programs.find((p) => p.ownerRegion === QINGHAI)!;
    const talent = hub.dataset.experts.talents.find((t) => t.homeRegion === SICHUAN && t.sharing === 'NATIONAL')!;
    const year = Number(program.period.start.slice(0, 4));
    const res = await gql(
      'mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }',
      { i: { programId: program._id, talentId: talent._id, year, amount: 1000 } },
      { region: QINGHAI, scopes: ['projects:write', 'talent:read'] },
    );
    expect(res.errors).toBeUndefined();
    const trail = await gql(
      'query($t: ID!) { projectsAuditEvents(talentId: $t) { edges { node { entityType actorRegion { code } talentHome { code } } } } }',
      { t: talent._id },
      AUDIT,
    );
    expect(trail.data!.projectsAuditEvents.edges.map((e: any) => e.node)).toContainEqual({ entityType: 'Award', actorRegion: { code: QINGHAI }, talentHome: { code: SICHUAN } });
  });

  describe('the offline verifier on an export', () => {
    let dir: string;
    let keyArgs: string[];
    let checkpointFile: string;
    const exportWith = (name: string, docs: AuditEventDoc[]) => {
      const file = join(dir, `${name}-audit_events.jsonl`);
      writeFileSync(file, toLines(docs));
      return file;
    };

    beforeAll(async () => {
      dir = temp.make('hub-audit-export-');
      await hub.subgraphs.experts.audit.checkpoint(); // (none when the head has not moved since the last one)
      const r = await report();
      expect(r.lastCheckpoint).toMatchObject({ seq: original.length });
      checkpointFile = join(dir, 'kept-checkpoints.jsonl');
      writeFileSync(checkpointFile, toLines(r.checkpoints));
      keyArgs = ['--subgraph', 'experts@sichuan', '--checkpoints', checkpointFile, '--public-key', `${r.signingKeys[0].keyId}:${r.signingKeys[0].publicKey}`];
    });

    it('says intact (exit 0) on an untouched export, with and without the audit key', async () => {
      const file = exportWith('untouched', original);
      const party = await auditVerify([file, ...keyArgs]);
      expect(party.out).toMatch(/experts@sichuan: intact/);
      expect(party.code).toBe(0);
      // The auditor's run in this process: the command's process path is the party's above.
      const auditor = await auditVerifyHere([file, ...keyArgs, '--key', DEVELOPMENT_AUDIT_KEY]);
      expect(auditor.out).toMatch(/experts@sichuan: intact .*MACs checked/);
      expect(auditor.code).toBe(0);
    });

    it('detects each attack (exit 1) and says which and where', async () => {
      const rewritten = original.map((e) => ({ ...e }));
      let prevHash = GENESIS;
      for (const e of rewritten) {
        if (e.seq === 2) e.actorSub = 'someone-else';
        e.prevHash = prevHash;
        e.hash = eventHash(e);
        prevHash = e.hash;
      }
      const rewrittenFile = exportWith('rewritten', rewritten);
      const withKey = await auditVerifyHere([rewrittenFile, ...keyArgs, '--key', DEVELOPMENT_AUDIT_KEY]);
      expect([withKey.code, withKey.out]).toEqual([1, expect.stringMatching(/BROKEN: EVENT_ALTERED at event 2/)]);
      // A party without the secret still sees it against the checkpoint it kept.
      const party = await auditVerifyHere([rewrittenFile, ...keyArgs]);
      expect([party.code, party.out]).toEqual([1, expect.stringMatching(/BROKEN: CHECKPOINT_MISMATCH at event 1/)]);

      const deleted = await auditVerifyHere([
        exportWith(
          'deleted',
          original.filter((e) => e.seq !== 3),
        ),
        ...keyArgs,
      ]);
      expect([deleted.code, deleted.out]).toEqual([1, expect.stringMatching(/BROKEN: EVENT_MISSING at event 3/)]);

      const truncated = await auditVerifyHere([exportWith('truncated', original.slice(0, -2)), ...keyArgs]);
      expect([truncated.code, truncated.out]).toEqual([1, expect.stringMatching(new RegExp(`BROKEN: TRUNCATED at event ${original.length - 1}`))]);
    });

    it('refuses a forged checkpoint (exit 1)', async () => {
      const [kept] = readFileSync(checkpointFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const forgedFile = join(dir, 'forged-checkpoints.jsonl');
      writeFileSync(forgedFile, toLines([{ ...kept, seq: kept.seq - 1 }]));
      const args = keyArgs.map((a) => (a === checkpointFile ? forgedFile : a));
      const forged = await auditVerifyHere([exportWith('for-forged', original), ...args]);
      expect([forged.code, forged.out]).toEqual([1, expect.stringMatching(/BROKEN: CHECKPOINT_FORGED/)]);
    });
  });
});

describe('the audit key in production (a process test)', () => {
  it('refuses to start a subgraph with NODE_ENV=production and no HUB_AUDIT_KEY, saying what to set', async () => {
    const env = { NODE_ENV: 'production', HUB_AUDIT_KEY: '', HUB_DATA_DIR: temp.make('hub-prod-'), HUB_EXPERTS_PORT: String(await freePort()) };
    const refused = startProcess('experts', 'subgraphs/experts/index.ts', env);
    expect(await refused.exited).toBe(1);
    expect(refused.output.join('')).toMatch(/HUB_AUDIT_KEY: is required when NODE_ENV=production: set a random secret/);
    // With the key, that complaint is gone (other production settings may still be missing).
    const keyed = startProcess('experts', 'subgraphs/experts/index.ts', { ...env, HUB_AUDIT_KEY: 'a production audit key of 32+ characters!!' });
    const up = waitFor(`http://127.0.0.1:${env.HUB_EXPERTS_PORT}/health`, 60_000).then(() => 'serving' as const);
    const outcome = await Promise.race([keyed.exited.then((code) => `exited ${code}`), up.catch(() => 'no answer')]);
    keyed.child.kill('SIGKILL');
    await keyed.exited;
    expect(keyed.output.join(''), outcome).not.toMatch(/HUB_AUDIT_KEY/);
  });
});

describe('checkpoints that leave the database (real processes)', () => {
  it('a clean stop anchors the head in the checkpoint log under HUB_DATA_DIR, served at GET /audit/checkpoints after a restart; an export verifies offline against it', async () => {
    // No periodic checkpoint during the test (an hour): the one in the log is the shutdown's.
    const key = 'process-test audit key, 32 characters or more';
    const hub = await startHubProcesses({ HUB_AUDIT_CHECKPOINT_INTERVAL_MS: '3600000', HUB_AUDIT_KEY: key });
    try {
      const { clientToken } = await import('../helpers/caller.ts');
      const { post } = await import('../helpers/hub.ts');
      const auth = { authorization: `Bearer ${await clientToken({ region: SICHUAN, scopes: ['talent:read', 'talent:write'] })}` };
      const list = await post(hub.url, '{ talents(first: 1, filter: { homeRegion: "510000" }) { edges { node { id } } } }', {}, auth);
      expect(list.body.errors, JSON.stringify(list.body)).toBeUndefined();
      const id = list.body.data!.talents.edges[0].node.id;
      for (const title of ['研究员', '高级研究员']) {
        const update = await post(hub.url, 'mutation($id: ID!, $t: String!) { updateTalent(id: $id, input: { title: $t }) { talent { id } } }', { id, t: title }, auth);
        expect(update.body.errors).toBeUndefined();
      }
      // The writes went to Sichuan's experts node: its own chain, its own checkpoint log.
      const node = hub.expertsProcessFor(SICHUAN);
      expect(node).toBe('experts@sichuan');
      const served = async () => (await (await fetch(`http://127.0.0.1:${hub.ports[node]}/audit/checkpoints`)).json()) as any;
      expect((await served()).checkpoints).toEqual([]);

      await hub.kill(node, 'SIGTERM');
      const logFile = join(hub.dataDir, 'experts-sichuan-audit-checkpoints.jsonl');
      const { existsSync } = await import('node:fs');
      expect(existsSync(logFile), hub.services.get(node)!.output.join('')).toBe(true);
      const logged = readFileSync(logFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(logged, hub.services.get(node)!.output.join('')).toEqual([expect.objectContaining({ subgraph: 'experts@sichuan', seq: 2 })]);

      await hub.restart(node);
      const answer = await served();
      expect(answer).toMatchObject({ subgraph: 'experts@sichuan', signingKeys: [{ algorithm: 'Ed25519' }], checkpoints: logged });

      // The export reads the stores' files: stop every service first (the data directory stays).
      await hub.killAll();
      const exportDir = join(temp.make('hub-export-'), 'backup');
      // The export and the verifier in this process (the same entry as `npm run -s hub`; the
      // verifier's own process run is the party's above): two process start-ups fewer.
      const exportOut: string[] = [];
      const exported = await runHubCli(['data', 'export', exportDir], { env: hub.env, out: (l) => exportOut.push(l), err: (l) => exportOut.push(l) });
      expect(exported, exportOut.join('\n')).toBe(0);
      const pinned = `${answer.signingKeys[0].keyId}:${answer.signingKeys[0].publicKey}`;
      const verified = await auditVerifyHere([exportDir, '--checkpoints', logFile, '--public-key', pinned, '--key', key]);
      expect(verified.out).toMatch(/experts@sichuan: intact \(2 events, MACs checked, 1 checkpoint matched/);
      expect(verified.code).toBe(0);
    } finally {
      await hub.close();
    }
  }, 180_000);
});
