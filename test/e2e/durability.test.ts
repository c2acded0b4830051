import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHubCli } from '../../scripts/hub.ts';
import { clientToken } from '../helpers/caller.ts';
import { post } from '../helpers/hub.ts';
import { type HubProcesses, startHubProcesses, startProcess, waitFor } from '../helpers/processes.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * The durable embedded default, against the hub as `npm start` runs it (four processes, a
 * temporary HUB_DATA_DIR): concurrent writes of several kinds through the gateway, kill -9 of the
 * subgraphs in the middle, restart: every acknowledged write is there, no unacknowledged write is
 * there in part, the audit chains verify. Then a clean stop and start (no reseed: a user's change
 * stays), an export and an import into an empty data directory served by a second hub (the same
 * answers, intact chains), and the refusals: an altered export, a non-empty store, a corrupt file.
 */

const SICHUAN = '510000';
const REGISTER = 'mutation($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id } } }';
const UPDATE = 'mutation($id: ID!, $title: String!) { updateTalent(id: $id, input: { title: $title }) { talent { id title } } }';
const PROGRAM = 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id } } }';
const CHALLENGE = 'mutation($input: PublishChallengeInput!) { publishChallenge(input: $input) { challenge { id } } }';
const VERIFY = '{ verifyAuditChain { experts { intact events headHash } projects { intact events headHash } coordination { intact events headHash } } }';

const talentInput = (name: string) => ({
  name,
  gender: 'FEMALE',
  birthYear: 1985,
  degree: 'DOCTORATE',
  title: '研究员',
  careerStage: 'SENIOR',
  organization: '四川省农业科学院',
  disciplineCodes: ['210'],
  sectors: ['AGRICULTURE'],
  skills: ['水稻育种', name],
  homeRegion: SICHUAN,
  sharing: 'PRIVATE',
  source: '耐久性测试',
});

let hub: HubProcesses;
let second: HubProcesses | undefined;
let headers: Record<string, string>;
/** The exports and data directories the tests make (the first hub's own goes with its close). */
const temp = tempDirs();

async function gql(query: string, variables?: Record<string, unknown>, on: HubProcesses = hub) {
  return post(on.url, query, variables, headers);
}

/** Waits until the gateway reports every subgraph up again. */
async function hubUp(on: HubProcesses = hub): Promise<void> {
  await waitFor(`http://127.0.0.1:${on.ports.gateway}/health`, 90_000, (body) => body.status === 'ok');
}

beforeAll(async () => {
  hub = await startHubProcesses();
  const token = await clientToken({ region: SICHUAN, scopes: ['talent:read', 'talent:write', 'projects:write', 'audit:read'], sub: 'sichuan-durability' });
  headers = { authorization: `Bearer ${token}` };
}, 120_000);

afterAll(async () => {
  await second?.close();
  await hub?.close();
  temp.remove();
});

interface Attempt<T> {
  sent: T;
  acked: boolean;
  id?: string;
}

/** Acknowledged registrations, kept for the later tests. */
const registered: { id: string; name: string }[] = [];

describe('durable embedded default', () => {
  it('keeps every acknowledged write and no part of any other across kill -9 of the subgraphs', async () => {
    const base = await gql(REGISTER, { input: talentInput('崩溃测试-基准') });
    expect(base.body.errors).toBeUndefined();
    const updatedId = base.body.data!.registerTalent.talent.id as string;

    let killed = false;
    const registers: Attempt<string>[] = [];
    const updates: Attempt<string>[] = [];
    const programs: Attempt<string>[] = [];
    const challenges: Attempt<string>[] = [];
    const loop = async <T>(log: Attempt<T>[], make: (i: number) => T, send: (v: T) => Promise<string | null>) => {
      // Keep writing until the kill, then a few more (refused or failed) to cover writes in flight.
      for (let i = 0, after = 0; after < 3; i++) {
        if (killed) after++;
        const attempt: Attempt<T> = { sent: make(i), acked: false };
        log.push(attempt);
        try {
          const id = await send(attempt.sent);
          if (id) Object.assign(attempt, { acked: true, id });
        } catch {
          // connection trouble: not acknowledged
        }
      }
    };
    const idOf = (r: Awaited<ReturnType<typeof gql>>, ...path: string[]) => {
      if (r.body.errors?.length || !r.body.data) return null;
      let v: any = r.body.data;
      for (const p of path) v = v?.[p];
      return typeof v === 'string' ? v : null;
    };
    const writers = [
      loop(
        registers,
        (i) => `崩溃测试-登记-${i}`,
        async (name) => idOf(await gql(REGISTER, { input: talentInput(name) }), 'registerTalent', 'talent', 'id'),
      ),
      loop(
        updates,
        (i) => `职称-${i}`,
        async (title) => idOf(await gql(UPDATE, { id: updatedId, title }), 'updateTalent', 'talent', 'id'),
      ),
      loop(
        programs,
        (i) => `崩溃测试计划-${i}`,
        async (name) =>
          idOf(
            await gql(PROGRAM, { input: { name, ownerRegion: SICHUAN, kind: 'TRAINING', period: { start: '2026-01-01', end: '2027-12-31' } } }),
            'createProgram',
            'program',
            'id',
          ),
      ),
      loop(
        challenges,
        (i) => `崩溃测试榜单-${i}`,
        async (title) =>
          idOf(await gql(CHALLENGE, { input: { title, region: SICHUAN, sector: 'AGRICULTURE', reward: 100_000, deadline: '2027-06-30' } }), 'publishChallenge', 'challenge', 'id'),
      ),
    ];
    // Let every kind of write be acknowledged a few times, then cut the power of both writing subgraphs.
    const acked = () => [registers, updates, programs, challenges].map((log) => log.filter((a) => a.acked).length);
    for (let waited = 0; acked().some((n) => n < 3); waited += 50) {
      if (waited > 60_000) throw new Error(`writes were not acknowledged: ${acked().join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Sichuan's experts node takes the registrations and updates; every node loses its power.
    const writing = [...hub.expertsProcesses, 'projects'];
    await Promise.all(writing.map((name) => hub.kill(name, 'SIGKILL')));
    killed = true;
    await Promise.all(writers);
    await Promise.all(writing.map((name) => hub.restart(name)));
    await hubUp();

    const unacked = [registers, updates, programs, challenges].map((log) => log.filter((a) => !a.acked).length);
    expect(unacked.every((n) => n >= 3)).toBe(true);

    for (const attempt of registers) {
      const found = await gql('query($text: String!) { talents(filter: { text: $text }, first: 5) { edges { node { id name title organization skills homeRegion { code } } } } }', {
        text: attempt.sent,
      });
      expect(found.body.errors).toBeUndefined();
      const nodes = found.body.data!.talents.edges.map((e: any) => e.node).filter((n: any) => n.name === attempt.sent);
      if (attempt.acked)
        expect(
          nodes.map((n: any) => n.id),
          attempt.sent,
        ).toEqual([attempt.id]);
      else expect(nodes.length, attempt.sent).toBeLessThanOrEqual(1);
      // Acknowledged or not, what is there is the whole record as sent.
      for (const n of nodes) expect(n).toMatchObject({ title: '研究员', organization: '四川省农业科学院', skills: ['水稻育种', attempt.sent], homeRegion: { code: SICHUAN } });
      if (attempt.acked) registered.push({ id: attempt.id!, name: attempt.sent });
    }
    // The title is the last acknowledged one, or one sent after it whose answer was lost in the crash.
    const lastAcked = updates.map((u) => u.acked).lastIndexOf(true);
    const allowed = updates.slice(lastAcked).map((u) => u.sent);
    const title = (await gql('query($id: ID!) { talent(id: $id) { title } }', { id: updatedId })).body.data!.talent.title;
    expect(allowed).toContain(title);

    for (const attempt of programs.filter((a) => a.acked)) {
      expect((await gql('query($id: ID!) { program(id: $id) { id name } }', { id: attempt.id })).body.data!.program).toEqual({ id: attempt.id, name: attempt.sent });
    }
    for (const attempt of challenges.filter((a) => a.acked)) {
      expect((await gql('query($id: ID!) { challenge(id: $id) { id title } }', { id: attempt.id })).body.data!.challenge).toEqual({ id: attempt.id, title: attempt.sent });
    }
    const listed = (await gql('{ programs(region: "510000") { name } challenges(region: "510000") { title } }')).body.data!;
    const programNames = listed.programs.map((p: any) => p.name).filter((n: string) => n.startsWith('崩溃测试计划-'));
    const challengeTitles = listed.challenges.map((c: any) => c.title).filter((t: string) => t.startsWith('崩溃测试榜单-'));
    expect(new Set(programNames).size).toBe(programNames.length);
    for (const a of programs.filter((p) => p.acked)) expect(programNames).toContain(a.sent);
    for (const a of challenges.filter((c) => c.acked)) expect(challengeTitles).toContain(a.sent);

    const chains = (await gql(VERIFY)).body;
    expect(chains.errors).toBeUndefined();
    expect(chains.data!.verifyAuditChain.experts.intact).toBe(true);
    expect(chains.data!.verifyAuditChain.projects.intact).toBe(true);
    expect(chains.data!.verifyAuditChain.experts.events).toBeGreaterThan(registered.length);
  }, 240_000);

  it('is as it was after a clean stop and start, and does not seed again', async () => {
    const page = await gql('{ talents(filter: { homeRegion: "510000" }, first: 1) { totalCount edges { node { id title } } } }');
    const seeded = page.body.data!.talents.edges[0].node as { id: string; title: string };
    const changed = await gql(UPDATE, { id: seeded.id, title: '用户改过的职称' });
    expect(changed.body.errors).toBeUndefined();
    const before = await gql('{ talents(first: 100) { totalCount edges { node { id name title } } } programs(region: "510000") { id name } }');
    const subgraphs = [...hub.expertsProcesses, 'projects', 'coordination'];
    // All at once, as a machine's shutdown stops them; each must still exit cleanly.
    await Promise.all(subgraphs.map((name) => hub.kill(name, 'SIGTERM')));
    for (const name of subgraphs) expect(hub.services.get(name)!.child.exitCode, `${name} stopped cleanly`).toBe(0);
    await Promise.all(subgraphs.map((name) => hub.restart(name)));
    await hubUp();
    expect((await gql('query($id: ID!) { talent(id: $id) { title } }', { id: seeded.id })).body.data!.talent.title).toBe('用户改过的职称');
    const after = await gql('{ talents(first: 100) { totalCount edges { node { id name title } } } programs(region: "510000") { id name } }');
    expect(after.body).toEqual(before.body);
    for (const { id, name } of registered) expect((await gql('query($id: ID!) { talent(id: $id) { name } }', { id })).body.data!.talent).toEqual({ name });
  }, 240_000);

  it('answers the same from an export imported into an empty data directory, and refuses an altered export or a non-empty store', async () => {
    const out: string[] = [];
    const io = (dataDir: string) => ({ env: { HUB_DATA_DIR: dataDir }, out: (l: string) => out.push(l), err: (l: string) => out.push(l) });
    const exportDir = join(temp.make('hub-export-'), 'backup');
    // Export while the hub runs: the files are read, not locked.
    expect(await runHubCli(['data', 'export', exportDir], io(hub.dataDir)), out.join('\n')).toBe(0);
    const manifest = JSON.parse(readFileSync(join(exportDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'talent-hub-export', version: 1, source: 'embedded' });
    // Every experts node's database, each on its own: residency holds in a backup too.
    expect(Object.keys(manifest.databases).sort()).toEqual(['coordination', 'experts-chongqing', 'experts-rest', 'experts-sichuan', 'projects']);
    for (const node of hub.expertsProcesses) expect(manifest.databases[node.replace('@', '-')].collections.talents.documents, node).toBeGreaterThan(0);
    // The writes above were Sichuan's: its node's chain has their events.
    expect(manifest.databases['experts-sichuan'].collections.audit_events.documents).toBeGreaterThan(0);

    // An altered copy is refused before anything is written.
    const altered = join(temp.make('hub-export-'), 'altered');
    expect(await runHubCli(['data', 'export', altered], io(hub.dataDir))).toBe(0);
    const talentsFile = join(altered, 'experts-sichuan', 'talents.jsonl');
    writeFileSync(talentsFile, readFileSync(talentsFile, 'utf8').replace('"title":"研究员"', '"title":"院士"'));
    const refusedDir = temp.make('hub-data-');
    out.length = 0;
    expect(await runHubCli(['data', 'import', altered], io(refusedDir))).toBe(1);
    expect(out.join('\n')).toMatch(/experts-sichuan\/talents\.jsonl does not match its sha256 in manifest\.json/);
    expect(readdirSync(refusedDir)).toEqual([]);

    const restoredDir = temp.make('hub-data-');
    out.length = 0;
    expect(await runHubCli(['data', 'import', exportDir], io(restoredDir)), out.join('\n')).toBe(0);
    // A second import into what is now a non-empty store is refused unless --replace.
    const hash = createHash('sha256')
      .update(readFileSync(join(restoredDir, 'experts-sichuan.sqlite')))
      .digest('hex');
    out.length = 0;
    expect(await runHubCli(['data', 'import', exportDir], io(restoredDir))).toBe(1);
    expect(out.join('\n')).toMatch(/already holds data .*--replace/);
    expect(
      createHash('sha256')
        .update(readFileSync(join(restoredDir, 'experts-sichuan.sqlite')))
        .digest('hex'),
    ).toBe(hash);
    expect(await runHubCli(['data', 'import', exportDir, '--replace'], io(restoredDir))).toBe(0);

    second = await startHubProcesses({ HUB_DATA_DIR: restoredDir });
    const queries: [string, Record<string, unknown>?][] = [
      ['{ talents(first: 100) { totalCount edges { cursor node { id name title organization skills sharing homeRegion { code } } } } }'],
      ['{ talents(filter: { sector: AGRICULTURE }, first: 30) { totalCount edges { node { id name } } } }'],
      ['{ programs(region: "510000") { id name kind } challenges(region: "510000") { id title reward } }'],
      ['{ auditEvents(first: 100) { totalCount edges { node { id seq at actor operation } } } }'],
      ['query($id: ID!) { talent(id: $id) { id name title awards { id } } }', { id: registered[0]!.id }],
    ];
    for (const [query, variables] of queries) {
      const [a, b] = await Promise.all([gql(query, variables, hub), gql(query, variables, second)]);
      expect(a.body.errors, query).toBeUndefined();
      expect(b.body, query).toEqual(a.body);
    }
    const [chainsA, chainsB] = await Promise.all([gql(VERIFY, {}, hub), gql(VERIFY, {}, second)]);
    expect(chainsB.body.data!.verifyAuditChain.experts).toMatchObject({ intact: true });
    expect(chainsB.body.data!.verifyAuditChain.projects).toMatchObject({ intact: true });
    expect(chainsB.body.data).toEqual(chainsA.body.data);
  }, 240_000);

  it('stops at start on a corrupt data file, saying which and what to do, and leaves it as it was', async () => {
    const dir = temp.make('hub-data-');
    // Sichuan's experts node, started as `npm start` starts it, finds its own file corrupt.
    const file = join(dir, 'experts-sichuan.sqlite');
    writeFileSync(file, 'a half-written file that is not a database\n'.repeat(100));
    const before = readFileSync(file);
    const experts = startProcess('experts@sichuan', 'subgraphs/experts/index.ts', { ...hub.envOf('experts@sichuan'), HUB_DATA_DIR: dir, HUB_EXPERTS_PORT: '0' });
    expect(await experts.exited).toBe(1);
    const output = experts.output.join('');
    expect(output).toContain(`The data file ${file} is corrupt or not a hub data file`);
    expect(output).toContain('restore it from a backup');
    expect(output).not.toMatch(/\n\s+at /); // a message, not a stack
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  }, 60_000);
});
