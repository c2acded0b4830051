import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken } from '../helpers/caller.ts';
import { post } from '../helpers/hub.ts';
import { type HubProcesses, startHubProcesses } from '../helpers/processes.ts';

/**
 * A hostile member against writes and personal fields (issue 10 items 5 and 6), through real
 * HTTP against the hub's real processes as `npm start` runs them. Qinghai (630000) holds write
 * scopes for its own records and tries to write Sichuan's (510000), to attach records to
 * Sichuan's hidden talents, and to speak as a talent's home; it reads Sichuan's talents'
 * household registration and identifiers without an agreement. Chongqing (500000), bound to
 * Sichuan by 川渝 (contact sharing allowed), is the positive control. Every refusal must leave
 * nothing behind: no record, no audit event.
 */
const SICHUAN = '510000';
const CHONGQING = '500000';
const QINGHAI = '630000';
const QINGHAI_SCOPES = ['talent:read', 'talent:contact', 'talent:write', 'projects:write', 'coordination:write', 'audit:read'];
const SICHUAN_SCOPES = ['talent:read', 'talent:contact', 'audit:read'];

interface Talent {
  id: string;
  sharing: string;
  hukouRegion: { code: string } | null;
  externalIds: { scheme: string; value: string }[] | null;
  consent: { contactSharing: boolean; purposes: string[] };
}

let hub: HubProcesses;
let sichuanPrivate: Talent;
let sichuanNational: Talent;
let consentingForChongqing: Talent;
let qinghaiTalent: string;
let sichuanPool: string;

async function gql(region: string, scopes: string[], query: string, variables: Record<string, unknown> = {}, purpose?: string) {
  const token = await clientToken({ region, scopes, sub: `system-${region}` });
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (purpose) headers['x-hub-purpose'] = purpose;
  const res = await post(hub.url, query, variables, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const qinghai = (query: string, variables: Record<string, unknown> = {}) => gql(QINGHAI, QINGHAI_SCOPES, query, variables);

/** What Sichuan can see of the evidence about one of its talents (projects, coordination, experts). */
async function sichuanEvidence(talentId: string) {
  const body = await gql(
    SICHUAN,
    SICHUAN_SCOPES,
    `query($t: ID!) {
      projectsAuditEvents(talentId: $t, first: 100) { totalCount edges { node { action entityType actorRegion { code } } } }
      coordinationAuditEvents(talentId: $t, first: 100) { totalCount }
      auditEvents(talentId: $t, first: 100) { totalCount edges { node { action actorRegion { code } fields } } }
    }`,
    { t: talentId },
  );
  expect(body.errors).toBeUndefined();
  return body.data!;
}

/** Counts that every refused write must leave unchanged. */
async function state() {
  const body = await gql(
    SICHUAN,
    ['talent:read', 'audit:read'],
    `query($pool: ID!) {
      tianfu: program(id: "prog-sichuan-tianfu") { awards { totalCount } }
      qinghai: program(id: "prog-qinghai-scholar") { awards { totalCount } }
      challenges(region: "630000") { id }
      expertPool(id: $pool) { members(first: 1) { totalCount } }
    }`,
    { pool: sichuanPool },
  );
  expect(body.errors).toBeUndefined();
  const own = await qinghai('{ projectsAuditEvents(first: 1) { totalCount } coordinationAuditEvents(first: 1) { totalCount } auditEvents(first: 1) { totalCount } }');
  return { ...body.data!, qinghaiEvents: own.data };
}

beforeAll(async () => {
  hub = await startHubProcesses();
  const sichuan = await gql(
    SICHUAN,
    SICHUAN_SCOPES,
    `{ talents(filter: { homeRegion: "${SICHUAN}" }, first: 100) { edges { node {
      id sharing hukouRegion { code } externalIds { scheme value } consent { contactSharing purposes } } } } }`,
  );
  expect(sichuan.errors).toBeUndefined();
  const talents = sichuan.data!.talents.edges.map((e: { node: Talent }) => e.node) as Talent[];
  const find = (what: string, predicate: (t: Talent) => boolean) => {
    const t = talents.find(predicate);
    if (!t) throw new Error(`no seeded Sichuan talent: ${what}`);
    return t;
  };
  sichuanPrivate = find('PRIVATE', (t) => t.sharing === 'PRIVATE');
  sichuanNational = find('NATIONAL with hukou', (t) => t.sharing === 'NATIONAL' && t.hukouRegion !== null);
  consentingForChongqing = find(
    'visible to Chongqing (川渝 covers every sector), with hukou, consenting to EXPERT_CONSULTATION',
    (t) => t.sharing !== 'PRIVATE' && t.hukouRegion !== null && t.consent.contactSharing && t.consent.purposes.includes('EXPERT_CONSULTATION'),
  );
  const own = await qinghai(`{ talents(filter: { homeRegion: "${QINGHAI}" }, first: 1) { edges { node { id } } } expertPools(region: "${SICHUAN}") { id } }`);
  qinghaiTalent = own.data!.talents.edges[0].node.id;
  sichuanPool = own.data!.expertPools[0].id;
  // Four processes on a shared machine: starting them may take longer than the default hook timeout.
}, 180_000);

afterAll(async () => {
  await hub?.close();
});

describe('hostile writes: Qinghai against Sichuan’s records (issue 10 item 5)', () => {
  it('cannot record an award in Sichuan’s programme, even for its own talent: FORBIDDEN, nothing written', async () => {
    const before = await state();
    const body = await qinghai('mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }', {
      i: { programId: 'prog-sichuan-tianfu', talentId: qinghaiTalent, year: 2025, amount: 1_000_000 },
    });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
  });

  it('cannot attach an award in its own programme to a Sichuan PRIVATE talent: refused like a missing id, nothing written, nothing leaked', async () => {
    const before = await state();
    const award = 'mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }';
    const hidden = await qinghai(award, { i: { programId: 'prog-qinghai-scholar', talentId: sichuanPrivate.id, year: 2025, amount: 1 } });
    const missing = await qinghai(award, { i: { programId: 'prog-qinghai-scholar', talentId: 'T999998', year: 2025, amount: 1 } });
    expect(hidden.data).toBeNull();
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The refusal of a hidden talent is word for word the refusal of an id that does not exist.
    expect(JSON.stringify(hidden.errors).replaceAll(sichuanPrivate.id, 'ID')).toBe(JSON.stringify(missing.errors).replaceAll('T999998', 'ID'));
    expect(await state()).toEqual(before);
    expect((await sichuanEvidence(sichuanPrivate.id)).projectsAuditEvents.totalCount).toBe(0);
  });

  it('may award a Sichuan NATIONAL talent it can see, and Sichuan reads that event', async () => {
    const body = await qinghai('mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }', {
      i: { programId: 'prog-qinghai-scholar', talentId: sichuanNational.id, year: 2025, amount: 200_000 },
    });
    expect(body.errors).toBeUndefined();
    const evidence = await sichuanEvidence(sichuanNational.id);
    expect(evidence.projectsAuditEvents.edges.map((e: any) => e.node)).toContainEqual({ action: 'WRITE', entityType: 'Award', actorRegion: { code: QINGHAI } });
  });

  it('cannot publish a challenge under Sichuan’s programme: FORBIDDEN, nothing written', async () => {
    const before = await state();
    const body = await qinghai('mutation($i: PublishChallengeInput!) { publishChallenge(input: $i) { challenge { id } } }', {
      i: { title: '借四川的名义', region: QINGHAI, sector: 'INDUSTRY', reward: 1, deadline: '2026-12-31', programId: 'prog-sichuan-tianfu' },
    });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
  });

  it('cannot add a talent to a Sichuan pool: FORBIDDEN, nothing written', async () => {
    const before = await state();
    const body = await qinghai('mutation($t: ID!, $p: ID!) { addTalentToPool(talentId: $t, poolId: $p) { pool { id } } }', { t: qinghaiTalent, p: sichuanPool });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
  });

  it('cannot record an engagement by pretending to be the talent’s home region: FORBIDDEN, nothing written', async () => {
    const before = await state();
    const body = await qinghai('mutation($i: RecordEngagementInput!) { recordEngagement(input: $i) { engagement { id } } }', {
      i: { talentId: sichuanNational.id, homeRegion: QINGHAI, hostRegion: CHONGQING, kind: 'EXPERT_SERVICE', start: '2026-03-01' },
    });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
    expect((await sichuanEvidence(sichuanNational.id)).coordinationAuditEvents.totalCount).toBe(0);
  });
});

describe('household registration and identifiers are personal (issue 10 item 6)', () => {
  const PROFILE = 'query($id: ID!) { talent(id: $id) { id name hukouRegion { code } externalIds { scheme value } } }';

  it('are refused to a region without an agreement: null with FORBIDDEN on their path, the rest stands, nothing audited', async () => {
    const before = (await sichuanEvidence(sichuanNational.id)).auditEvents.totalCount;
    const body = await gql(QINGHAI, ['talent:read', 'talent:contact'], PROFILE, { id: sichuanNational.id }, 'EXPERT_CONSULTATION');
    expect(body.data!.talent).toMatchObject({ id: sichuanNational.id, hukouRegion: null, externalIds: null });
    expect(body.data!.talent.name).toEqual(expect.any(String));
    const refused = (body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]).sort();
    expect(refused).toEqual([
      ['talent.externalIds', 'FORBIDDEN'],
      ['talent.hukouRegion', 'FORBIDDEN'],
    ]);
    expect((await sichuanEvidence(sichuanNational.id)).auditEvents.totalCount).toBe(before);
  });

  it('are given under the 川渝 agreement with consent and a declared purpose, and Sichuan reads the event', async () => {
    const t = consentingForChongqing;
    const body = await gql(CHONGQING, ['talent:read', 'talent:contact'], PROFILE, { id: t.id }, 'EXPERT_CONSULTATION');
    expect(body.errors).toBeUndefined();
    expect(body.data!.talent).toMatchObject({ id: t.id, hukouRegion: t.hukouRegion, externalIds: t.externalIds });
    const events = (await sichuanEvidence(t.id)).auditEvents.edges.map((e: any) => e.node);
    expect(events).toContainEqual({ action: 'READ_PERSONAL', actorRegion: { code: CHONGQING }, fields: ['externalIds', 'hukouRegion'] });
  });
});
