import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { createContext } from '../../../subgraphs/projects/context.ts';
import { ProgramDoc } from '../../../subgraphs/projects/model.ts';
import { createProjectsServer } from '../../../subgraphs/projects/server.ts';
import { ProjectsStore } from '../../../subgraphs/projects/store.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import type { Grant } from '../../../platform/caller.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { createOwnerLookup, NO_OWNER_LOOKUP, type OwnerLookup } from '../../../platform/owners.ts';
import type { RequestInfo } from '../../../platform/request.ts';
import { recordCalls, type StoreCall } from '../../../store/port.ts';
import { callerFor } from '../../helpers/caller.ts';
import { type OwnerDirectory, startOwnerDirectory, talentAt } from '../../helpers/owners.ts';

/**
 * Issue 10 item 5 in the projects subgraph: every write is checked against the stored programme
 * and, for awards, against the talent's real owner (a real experts subgraph over HTTP), and a
 * write that cannot be checked is refused. Each refusal writes nothing, not even an audit event.
 */
const SICHUAN = '510000';
const QINGHAI = '630000';

const programs: ProgramDoc[] = [
  { _id: 'prog-qh', name: '青海学者', ownerRegion: QINGHAI, kind: 'SCHOLAR', period: { start: '2021-01-01', end: '2030-12-31' }, description: '', targets: [] },
  { _id: 'prog-sc', name: '天府英才计划', ownerRegion: SICHUAN, kind: 'INTRODUCTION', period: { start: '2021-01-01', end: '2030-12-31' }, description: '', targets: [] },
  { _id: 'prog-cd', name: '蓉漂计划', ownerRegion: '510100', kind: 'INTRODUCTION', period: { start: '2021-01-01', end: '2030-12-31' }, description: '', targets: [] },
].map((p) => ProgramDoc.parse(p));

const [base] = generateDataset({ talents: 1, seed: 5 }).experts.talents;
const T = {
  sichuanPrivate: talentAt(base!, 'TSCPRIVATE', SICHUAN, 'PRIVATE'),
  sichuanNational: talentAt(base!, 'TSCNATIONAL', SICHUAN, 'NATIONAL'),
  sichuanAgreement: { ...talentAt(base!, 'TSCAGREEMENT', SICHUAN, 'AGREEMENT'), sectors: ['INDUSTRY' as const] },
  qinghai: talentAt(base!, 'TQHOWN', QINGHAI, 'PRIVATE'),
};
const qinghaiSichuan: Grant = { region: SICHUAN, agreementId: 'agr-test', sectors: ['INDUSTRY'], disciplines: [], contact: false };

const AWARD = 'mutation($input: RecordAwardInput!) { recordAward(input: $input) { award { id talentId program { id } } } }';
const CHALLENGE = 'mutation($input: PublishChallengeInput!) { publishChallenge(input: $input) { challenge { id program { id } } } }';
const PROGRAM = 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id ownerRegion { code } } } }';
const award = (programId: string, talentId: string) => ({ input: { programId, talentId, year: 2025, amount: 100_000 } });

let directory: OwnerDirectory;
beforeAll(async () => {
  directory = await startOwnerDirectory(Object.values(T));
});
afterAll(async () => {
  await directory?.close();
});

async function setup(owners: () => OwnerLookup = () => directory.owners) {
  const calls: StoreCall[] = [];
  const db = recordCalls(createEmbeddedDatabase(), (call) => calls.push(call));
  const store = await ProjectsStore.open(db);
  await store.seed({ programs, awards: [], challenges: [] });
  const audit = await AuditLog.open(db);
  calls.length = 0;
  const { server } = createProjectsServer({ logError: () => {} });
  /** Runs as the gateway relays a mutation: with the owner-lookup token signed for this caller (unless `lookup` is false). */
  const run = async (query: string, variables: Record<string, unknown>, request: RequestInfo, lookup = true) => {
    const info = lookup ? await directory.withLookup(request) : request;
    const res = await server.executeOperation({ query, variables }, { contextValue: createContext({ store, audit, owners: owners() }, info) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  };
  const writes = () => calls.filter((c) => !['find', 'aggregate', 'countDocuments'].includes(c.method));
  const events = (region: string) => audit.list({ region, page: { first: 100, afterKey: null } });
  return { store, audit, calls, run, writes, events };
}

describe('projects: writes act only on the caller’s own programmes', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    env = await setup();
    directory.calls.length = 0;
  });

  it('refuses an award in another province’s programme with FORBIDDEN before asking anyone, writing nothing', async () => {
    for (const programId of ['prog-sc', 'prog-cd']) {
      const { data, errors } = await env.run(AWARD, award(programId, T.qinghai._id), callerFor(QINGHAI));
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(env.writes()).toEqual([]);
    expect(directory.calls).toEqual([]);
  });

  it('refuses a challenge under another province’s programme, and a programme or challenge of another province', async () => {
    const challenge = { title: '盐湖提锂', region: QINGHAI, sector: 'INDUSTRY', reward: 1, deadline: '2026-12-31' };
    const refused = [
      await env.run(CHALLENGE, { input: { ...challenge, programId: 'prog-sc' } }, callerFor(QINGHAI)),
      await env.run(CHALLENGE, { input: { ...challenge, region: SICHUAN } }, callerFor(QINGHAI)),
      await env.run(PROGRAM, { input: { name: '冒名计划', ownerRegion: SICHUAN, kind: 'TRAINING', period: { start: '2026-01-01', end: '2026-12-31' } } }, callerFor(QINGHAI)),
    ];
    for (const { data, errors } of refused) {
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(env.writes()).toEqual([]);
    const own = await env.run(CHALLENGE, { input: { ...challenge, programId: 'prog-qh' } }, callerFor(QINGHAI));
    expect(own.errors).toBeUndefined();
    expect(own.data.publishChallenge.challenge.program).toEqual({ id: 'prog-qh' });
  });

  it('lets a prefecture system write its province’s programmes, and the province its prefectures’', async () => {
    const chengdu = await env.run(AWARD, award('prog-sc', T.sichuanPrivate._id), callerFor('510100'));
    expect(chengdu.errors).toBeUndefined();
    const province = await env.run(AWARD, award('prog-cd', T.sichuanPrivate._id), callerFor(SICHUAN));
    expect(province.errors).toBeUndefined();
  });
});

describe('projects: an award names a talent only as its owner allows', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    env = await setup();
  });

  it('answers NOT_FOUND for another province’s hidden talent exactly as for a missing one, writing nothing', async () => {
    const hidden = await env.run(AWARD, award('prog-qh', T.sichuanPrivate._id), callerFor(QINGHAI));
    const missing = await env.run(AWARD, award('prog-qh', 'TNOSUCHTALENT'), callerFor(QINGHAI));
    for (const r of [hidden, missing]) {
      expect(r.data).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(hidden.errors?.[0]?.message.replace(T.sichuanPrivate._id, 'X')).toBe(missing.errors?.[0]?.message.replace('TNOSUCHTALENT', 'X'));
    expect(env.writes()).toEqual([]);
    expect(await env.events(SICHUAN)).toEqual([]);
  });

  it('records an award for another province’s visible talent, and that province reads the event', async () => {
    const { data, errors } = await env.run(AWARD, award('prog-qh', T.sichuanNational._id), callerFor(QINGHAI));
    expect(errors).toBeUndefined();
    const id = data.recordAward.award.id;
    const sichuanEvents = await env.events(SICHUAN);
    expect(sichuanEvents).toHaveLength(1);
    expect(sichuanEvents[0]).toMatchObject({ action: 'WRITE', entityType: 'Award', entityId: id, talentId: T.sichuanNational._id, talentHome: SICHUAN, actorRegion: QINGHAI });
    // Through the GraphQL boundary too: Sichuan's projectsAuditEvents lists it.
    const listed = await env.run('{ projectsAuditEvents(first: 10) { edges { node { entityId talentId actorRegion { code } } } } }', {}, callerFor(SICHUAN, ['audit:read']), false);
    expect(listed.data.projectsAuditEvents.edges.map((e: any) => e.node)).toEqual([{ entityId: id, talentId: T.sichuanNational._id, actorRegion: { code: QINGHAI } }]);
  });

  it('follows the caller’s grants: an AGREEMENT talent only while an agreement covers it', async () => {
    const without = await env.run(AWARD, award('prog-qh', T.sichuanAgreement._id), callerFor(QINGHAI));
    expect(without.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const withGrant = await env.run(AWARD, award('prog-qh', T.sichuanAgreement._id), callerFor(QINGHAI, undefined, { grants: [qinghaiSichuan] }));
    expect(withGrant.errors).toBeUndefined();
    expect((await env.events(SICHUAN)).map((e) => e.talentId)).toEqual([T.sichuanAgreement._id]);
  });

  it('asks experts once per award, with the caller’s own token', async () => {
    directory.calls.length = 0;
    await env.run(AWARD, award('prog-qh', T.qinghai._id), callerFor(QINGHAI));
    expect(directory.calls.map((c) => `${c.collection}.${c.method}`)).toEqual(['talents.find']);
  });
});

describe('projects: Talent.awards only for talents the owner confirmed', () => {
  it('resolves a reference without the home region experts gives (@requires) to nothing', async () => {
    const env = await setup();
    await env.run(AWARD, award('prog-qh', T.qinghai._id), callerFor(QINGHAI));
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id awards { id } } } }';
    const bare = await env.run(query, { r: [{ __typename: 'Talent', id: T.qinghai._id }] }, callerFor(QINGHAI), false);
    expect(bare.data?._entities).toEqual([null]);
    const confirmed = await env.run(query, { r: [{ __typename: 'Talent', id: T.qinghai._id, homeRegion: { code: QINGHAI } }] }, callerFor(QINGHAI), false);
    expect(confirmed.data?._entities).toEqual([{ id: T.qinghai._id, awards: [{ id: expect.any(String) }] }]);
  });
});

describe('projects: the owner lookup fails closed', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });
  /** An HTTP server on port 0 that answers every request with `handler`. */
  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  async function refusedWith(owners: OwnerLookup, request: RequestInfo = callerFor(QINGHAI), lookup = true) {
    const env = await setup(() => owners);
    const { data, errors } = await env.run(AWARD, award('prog-qh', T.qinghai._id), request, lookup);
    expect(data).toBeNull();
    expect(env.writes()).toEqual([]);
    expect(await env.events(QINGHAI)).toEqual([]);
    return errors?.[0];
  }

  it('refuses the write with a retryable SUBGRAPH_UNAVAILABLE naming experts, never its address, when experts is down', async () => {
    const url = await serve(() => {});
    const port = new URL(url).port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await refusedWith(createOwnerLookup({ url }));
    expect(error?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'experts', retryable: true });
    expect(error?.message).toContain('nothing was written');
    expect(JSON.stringify(error)).not.toContain(port);
    expect(JSON.stringify(error)).not.toContain('127.0.0.1');
  });

  it('refuses it when experts does not answer in time', async () => {
    const url = await serve(() => {
      // never answers
    });
    const error = await refusedWith(createOwnerLookup({ url, timeoutMs: 200 }));
    expect(error?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(error?.message).toContain('200 ms');
  });

  it('refuses it when experts answers with an error, garbage, or for other talents', async () => {
    const answers = [
      { status: 200, body: JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }) },
      { status: 502, body: 'Bad gateway' },
      { status: 200, body: JSON.stringify({ data: { talentOwners: [{ id: 'TOTHER', homeRegion: QINGHAI }] } }) },
      { status: 200, body: JSON.stringify({ data: { talentOwners: [] } }) },
    ];
    for (const answer of answers) {
      const url = await serve((_req, res) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
      const error = await refusedWith(createOwnerLookup({ url }));
      expect(error?.extensions?.code, answer.body).toBe('SUBGRAPH_UNAVAILABLE');
    }
  });

  it('refuses it when the gateway sent no owner-lookup token, or one experts rejects', async () => {
    const noToken = await refusedWith(directory.owners, callerFor(QINGHAI), false);
    expect(noToken?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(noToken?.message).toContain('no owner-lookup token');
    // The caller's own token for projects (another audience) relayed as the lookup token, and a
    // token with a made-up signature: experts refuses both, so the write is refused.
    const projectsToken = await directory.signer.sign({ audience: 'projects', sub: 'test-630000', region: QINGHAI, scopes: ['talent:locate'], purpose: null, grants: [] });
    const [header, payload] = projectsToken.split('.');
    for (const token of [projectsToken, `${header}.${payload}.c2lnbmF0dXJl`]) {
      const rejected = await refusedWith(directory.owners, { ...callerFor(QINGHAI), ownerLookupToken: token }, false);
      expect(rejected?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(rejected?.message).toContain('refused the lookup (UNAUTHENTICATED)');
    }
  });

  it('refuses it (masked, logged) when the lookup token speaks for another caller than the request', async () => {
    const sichuanToken = (await directory.withLookup(callerFor(SICHUAN))).ownerLookupToken;
    const mixed = { ...callerFor(QINGHAI), ownerLookupToken: sichuanToken };
    const error = await refusedWith(directory.owners, mixed, false);
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('refuses every such write when the subgraph has no experts URL at all', async () => {
    const error = await refusedWith(NO_OWNER_LOOKUP);
    expect(error?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  });
});
