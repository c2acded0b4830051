import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { goldLinks } from '../../data/linkage.ts';
import { createCallerSigner, requestTokens } from '../../gateway/signer.ts';
import { makeResidentId } from '../../platform/linkage/resident-id.ts';
import { type AsOptions, type Hub, post, startHub } from '../helpers/hub.ts';

/**
 * Issue 17 through the gateway (three experts nodes, in-process on port 0): a Chongqing system
 * finds link candidates with Sichuan, both provinces confirm, and Chongqing sees the linked record
 * only as far as the sharing rules let it; and the attacks that must fail.
 */

const SICHUAN = '510000';
const CHONGQING = '500000';
const GUANGDONG = '440000';
const SEED = 7;
const LINKER = ['talent:read', 'talent:write', 'talent:contact', 'linkage:write', 'audit:read'];
const as = (region: string, scopes = LINKER): AsOptions => ({ region, scopes, sub: `linkage-${region}` });

let hub: Hub;

const CANDIDATE = 'id status method band score records { recordId province { code } } awaiting { code } decisions { province { code } decision by }';
const FIND = `mutation Find($c: ID!) { findLinkCandidates(input: { counterpart: $c }) { added comparedOwn comparedCounterpart agreements { id } candidates { ${CANDIDATE} } } }`;
const decide = (field: string) => `mutation Decide($id: ID!) { ${field}(input: { id: $id }) { candidate { ${CANDIDATE} } } }`;
const REGISTER = 'mutation Register($i: RegisterTalentInput!) { registerTalent(input: $i) { talent { id } } }';

function person(home: string, overrides: Record<string, unknown> = {}) {
  return {
    name: '林晓峰',
    gender: 'MALE',
    birthYear: 1981,
    degree: 'DOCTORATE',
    title: '研究员',
    careerStage: 'SENIOR',
    organization: '西南交通大学',
    disciplineCodes: ['580'],
    sectors: ['INDUSTRY'],
    homeRegion: home,
    source: 'linkage test',
    ...overrides,
  };
}

async function register(home: string, overrides: Record<string, unknown>): Promise<string> {
  const res = await hub.query(REGISTER, { i: person(home, overrides) }, as(home));
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.registerTalent.talent.id as string;
}

async function candidateState(id: string, region: string): Promise<Record<string, any> | undefined> {
  const res = await hub.query(`{ linkCandidates(awaiting: false) { ${CANDIDATE} } }`, {}, as(region));
  expect(res.body.errors).toBeUndefined();
  return ((res.body.data?.linkCandidates ?? []) as Record<string, any>[]).find((c) => c.id === id);
}

const pairKey = (a: string, b: string) => [a, b].sort().join('|');

/**
 * A province's talentStats by REGION in both units (`own`: its own group), as `{ RECORDS, PERSONS }`. Each call names its
 * fields with a fresh alias: the gateway caches talentStats for 60 s per caller view and query text.
 */
async function statsBothUnits(label: string, region = SICHUAN): Promise<Record<'RECORDS' | 'PERSONS', { total: number; ownRegionTotal: number; own: number }>> {
  const fields = 'total ownRegionTotal groups { keys { value } ownRegionCount }';
  const res = await hub.query(
    `{ ${label}R: talentStats(groupBy: [REGION], unit: RECORDS) { ${fields} } ${label}P: talentStats(groupBy: [REGION], unit: PERSONS) { ${fields} } }`,
    {},
    as(region, [...LINKER, 'stats:read']),
  );
  expect(res.body.errors).toBeUndefined();
  const pick = (s: Record<string, any>) => ({
    total: s.total,
    ownRegionTotal: s.ownRegionTotal,
    own: s.groups.find((g: { keys: { value: string }[] }) => g.keys[0]?.value === region)?.ownRegionCount,
  });
  return { RECORDS: pick(res.body.data?.[`${label}R`]), PERSONS: pick(res.body.data?.[`${label}P`]) };
}

beforeAll(async () => {
  hub = await startHub({ seed: SEED });
}, 120_000);
afterAll(() => hub?.close());

describe('identity numbers on talents', () => {
  it('refuses a wrong check digit or an impossible date as BAD_USER_INPUT on input.residentId, and writes nothing', async () => {
    const valid = makeResidentId('510104', '1981-03-09', 123);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const impossibleDate = makeResidentId('510104', '1981-03-09', 123).replace('19810309', '19810231');
    for (const residentId of [wrongCheck, impossibleDate]) {
      const name = `拒绝${residentId.slice(-4)}`;
      const res = await hub.query(REGISTER, { i: person(SICHUAN, { name, residentId }) }, as(SICHUAN));
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.body.errors?.[0]?.extensions)).toContain('input.residentId');
      const after = await hub.query('query N($t: String!) { talents(filter: { text: $t }) { totalCount } }', { t: name }, as(SICHUAN));
      expect(after.body.data?.talents.totalCount).toBe(0);
    }
  });
});

describe('linkage between Chongqing and Sichuan', () => {
  const residentId = makeResidentId('510104', '1981-03-09', 517);
  let sichuanRecord: string;
  let chongqingRecord: string;
  let candidate: string;

  beforeAll(async () => {
    // One person: PRIVATE in Sichuan, NATIONAL in Chongqing (written with a variant character).
    sichuanRecord = await register(SICHUAN, { residentId, sharing: 'PRIVATE' });
    chongqingRecord = await register(CHONGQING, { residentId, name: '林曉峯', sharing: 'NATIONAL', organization: '西南交大' });
  });

  it('no client reads tokens or identity numbers of another province', async () => {
    // The inaccessible field is not in the client API.
    const tokens = await hub.query('{ linkageTokens(province: "510000", sharing: [PRIVATE]) { id name } }', {}, as(CHONGQING));
    expect(tokens.body.data ?? null).toBeNull();
    expect(tokens.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Straight at the Sichuan node with a gateway-signed province token holding every client scope: refused.
    const node = hub.expertsNodes.find((n) => n.name === 'sichuan');
    if (!node) throw new Error('no sichuan node');
    const clientScopes = ['talent:read', 'talent:contact', 'talent:write', 'linkage:write', 'stats:read', 'audit:read'];
    for (const scopes of [clientScopes, ['talent:locate']]) {
      const token = await hub.signer.sign({ audience: 'experts@sichuan', sub: 'linkage-500000', region: CHONGQING, scopes, purpose: null, grants: [] });
      const direct = await post(node.url, '{ linkageTokens(province: "510000", sharing: [PRIVATE, AGREEMENT, NATIONAL]) { id name } }', {}, { authorization: `Bearer ${token}` });
      expect(direct.body.data ?? null).toBeNull();
      expect(direct.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // A client never reads another province's identity number, even of a record it sees (NATIONAL).
    const other = await hub.query('query T($id: ID!) { talent(id: $id) { id residentId } }', { id: chongqingRecord }, as(SICHUAN));
    expect(other.body.data?.talent).toEqual({ id: chongqingRecord, residentId: null });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await hub.query('query T($id: ID!) { talent(id: $id) { residentId } }', { id: sichuanRecord }, as(SICHUAN));
    expect(own.body.data?.talent.residentId).toBe(residentId);
  });

  it('Chongqing finds candidates with Sichuan: the identity-number pair in the LINK band, and the seed gold pairs', async () => {
    const res = await hub.query(FIND, { c: SICHUAN }, as(CHONGQING));
    expect(res.body.errors).toBeUndefined();
    const run = res.body.data?.findLinkCandidates;
    expect(run.agreements.map((a: { id: string }) => a.id)).toContain('agr-chuanyu');
    const found = run.candidates as Record<string, any>[];
    const mine = found.find((c) => c.records.some((r: { recordId: string }) => r.recordId === sichuanRecord));
    expect(mine).toMatchObject({ method: 'IDENTITY_NUMBER', band: 'LINK', status: 'PROPOSED' });
    expect(mine?.records.map((r: { recordId: string }) => r.recordId).sort()).toEqual([sichuanRecord, chongqingRecord].sort());
    expect(mine?.awaiting.map((r: { code: string }) => r.code).sort()).toEqual([CHONGQING, SICHUAN]);
    candidate = mine?.id;
    // The seed's gold pairs between the two provinces show up as candidates.
    const gold = goldLinks(hub.dataset.experts.talents, SEED).filter(([a, b]) => [a, b].every((id) => id.includes(SICHUAN) || id.includes(CHONGQING)));
    expect(gold.length).toBeGreaterThan(0);
    const offered = new Set(found.map((c) => pairKey(c.records[0].recordId, c.records[1].recordId)));
    const hits = gold.filter(([a, b]) => offered.has(pairKey(a, b)));
    expect(hits.length / gold.length).toBeGreaterThanOrEqual(0.9);
    // Running it again adds nothing and duplicates nothing.
    const again = await hub.query(FIND, { c: SICHUAN }, as(CHONGQING));
    expect(again.body.data?.findLinkCandidates.added).toBe(0);
    const listed = await hub.query('{ linkCandidates(awaiting: false) { id } }', {}, as(CHONGQING));
    const ids = ((listed.body.data?.linkCandidates ?? []) as { id: string }[]).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(found.length);
  });

  it("coordination's store holds ids, provinces, scores and evidence: no name or identity number", async () => {
    const db = hub.subgraphs.coordination.db;
    const stored: unknown[] = [];
    for (const name of await db.listCollections()) stored.push(...(await db.collection(name).find({}).toArray()));
    const text = JSON.stringify(stored);
    expect(text).toContain(sichuanRecord);
    const talents = hub.dataset.experts.talents as { name: string; residentId?: string | null }[];
    const residentIds = [residentId, ...talents.flatMap((t) => (t.residentId ? [t.residentId] : []))];
    expect(residentIds.filter((r) => text.includes(r))).toEqual([]);
    const linked = new Set(text.match(/T-\d{6}-\w+/g));
    const names = ['林晓峰', '林曉峯', ...hub.dataset.experts.talents.filter((t) => linked.has(t._id)).map((t) => t.name)];
    expect(names.filter((n) => text.includes(n))).toEqual([]);
  });

  it('Guangdong cannot decide a Sichuan–Chongqing candidate: FORBIDDEN, nothing changed', async () => {
    const before = await candidateState(candidate, CHONGQING);
    const res = await hub.query(decide('acceptLinkCandidate'), { id: candidate }, as(GUANGDONG));
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await candidateState(candidate, CHONGQING)).toEqual(before);
  });

  it('both provinces accept (twice is BAD_USER_INPUT), and Chongqing sees the linked record within the sharing rules', async () => {
    // No confirmed link yet: persons are records.
    const unlinked = await statsBothUnits('unlinked');
    expect(unlinked.PERSONS).toEqual(unlinked.RECORDS);
    const first = await hub.query(decide('acceptLinkCandidate'), { id: candidate }, as(CHONGQING));
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.acceptLinkCandidate.candidate).toMatchObject({ status: 'PROPOSED', awaiting: [{ code: SICHUAN }] });
    const twice = await hub.query(decide('acceptLinkCandidate'), { id: candidate }, as(CHONGQING));
    expect(twice.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await candidateState(candidate, CHONGQING)).toEqual(first.body.data?.acceptLinkCandidate.candidate);
    // What awaits Sichuan's decision includes it; Chongqing's list no longer does.
    const awaitingSichuan = await hub.query('{ linkCandidates { id } }', {}, as(SICHUAN));
    expect(awaitingSichuan.body.data?.linkCandidates.map((c: { id: string }) => c.id)).toContain(candidate);
    const awaitingChongqing = await hub.query('{ linkCandidates { id } }', {}, as(CHONGQING));
    expect(awaitingChongqing.body.data?.linkCandidates.map((c: { id: string }) => c.id)).not.toContain(candidate);
    const second = await hub.query(decide('acceptLinkCandidate'), { id: candidate }, as(SICHUAN));
    expect(second.body.data?.acceptLinkCandidate.candidate).toMatchObject({ status: 'CONFIRMED', awaiting: [] });
    // Confirmed: Sichuan, which sees both records, counts the person once. The secondary record is
    // the one with the higher id, Sichuan's here, so its own exact counts show the difference.
    expect([sichuanRecord, chongqingRecord].sort()[1]).toBe(sichuanRecord);
    const linked = await statsBothUnits('linked');
    expect(linked.RECORDS).toEqual(unlinked.RECORDS);
    expect(linked.PERSONS).toEqual({ total: unlinked.RECORDS.total - 1, ownRegionTotal: unlinked.RECORDS.ownRegionTotal - 1, own: unlinked.RECORDS.own - 1 });
    // Chongqing does not see the PRIVATE Sichuan record: to it each record it sees is a person.
    const unseen = await statsBothUnits('linkedChongqing', CHONGQING);
    expect(unseen.PERSONS).toEqual(unseen.RECORDS);

    const LINKED =
      'query L($id: ID!) { talent(id: $id) { id linkedRecords { recordId province { code } method score decisions { province { code } decision by } confirmedAt record { id name } } } }';
    const chongqing = await hub.query(LINKED, { id: chongqingRecord }, as(CHONGQING));
    expect(chongqing.body.errors).toBeUndefined();
    const [link] = chongqing.body.data?.talent.linkedRecords ?? [];
    expect(link).toMatchObject({ recordId: sichuanRecord, province: { code: SICHUAN }, method: 'IDENTITY_NUMBER' });
    expect(link.decisions.map((d: { province: { code: string } }) => d.province.code)).toEqual([CHONGQING, SICHUAN]);
    expect(link.confirmedAt).toBeTruthy();
    // The Sichuan record is PRIVATE: Chongqing learns the link, never the record's fields.
    expect(link.record).toBeNull();
    // Sichuan sees the NATIONAL Chongqing record.
    const sichuan = await hub.query(LINKED, { id: sichuanRecord }, as(SICHUAN));
    expect(sichuan.body.data?.talent.linkedRecords[0].record).toEqual({ id: chongqingRecord, name: '林曉峯' });
    // Both provinces read every step on coordination's audit chain.
    for (const region of [SICHUAN, CHONGQING]) {
      const audit = await hub.query('{ coordinationAuditEvents(first: 100) { edges { node { entityType entityId } } } }', {}, as(region));
      const steps = ((audit.body.data?.coordinationAuditEvents.edges ?? []) as { node: { entityType: string; entityId: string } }[]).filter((e) => e.node.entityId === candidate);
      expect(steps).toHaveLength(2);
    }
  });

  it('either province undoes the link; undoing twice is BAD_USER_INPUT', async () => {
    const undo = await hub.query(decide('undoRecordLink'), { id: candidate }, as(SICHUAN));
    expect(undo.body.data?.undoRecordLink.candidate.status).toBe('UNDONE');
    const again = await hub.query(decide('undoRecordLink'), { id: candidate }, as(CHONGQING));
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const accept = await hub.query(decide('acceptLinkCandidate'), { id: candidate }, as(CHONGQING));
    expect(accept.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await hub.query('query L($id: ID!) { talent(id: $id) { linkedRecords { recordId } } }', { id: chongqingRecord }, as(CHONGQING));
    expect(after.body.data?.talent.linkedRecords).toEqual([]);
  });

  it('after the undo persons are records again; no client can mark a record as linked', async () => {
    const undone = await statsBothUnits('undone');
    expect(undone.PERSONS).toEqual(undone.RECORDS);
    const MARK = `mutation { markLinkedRecord(talentId: "${sichuanRecord}", linkId: "${candidate}", secondary: true) }`;
    // The inaccessible mutation is not in the client API.
    const viaGateway = await hub.query(MARK, {}, as(SICHUAN));
    expect(viaGateway.body.data ?? null).toBeNull();
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Straight at the Sichuan node with a gateway-signed token holding every client scope: refused.
    const node = hub.expertsNodes.find((n) => n.name === 'sichuan');
    if (!node) throw new Error('no sichuan node');
    const scopes = ['talent:read', 'talent:contact', 'talent:write', 'linkage:write', 'stats:read', 'audit:read', 'talent:locate'];
    const token = await hub.signer.sign({ audience: 'experts@sichuan', sub: 'linkage-510000', region: SICHUAN, scopes, purpose: null, grants: [] });
    const direct = await post(node.url, MARK, {}, { authorization: `Bearer ${token}` });
    expect(direct.body.data ?? null).toBeNull();
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await statsBothUnits('refused');
    expect(after.PERSONS).toEqual(after.RECORDS);
  });
});

describe('without an agreement in force', () => {
  it('only NATIONAL records are compared: a PRIVATE Guangdong record is not offered, a NATIONAL one is', async () => {
    const hidden = makeResidentId('440104', '1975-06-01', 331);
    const shared = makeResidentId('440104', '1977-08-02', 441);
    await register(SICHUAN, { name: '黄海', residentId: hidden, sharing: 'NATIONAL' });
    const privateRecord = await register(GUANGDONG, { name: '黄海', residentId: hidden, sharing: 'PRIVATE' });
    const sichuanNational = await register(SICHUAN, { name: '黄江', residentId: shared, sharing: 'NATIONAL' });
    const guangdongNational = await register(GUANGDONG, { name: '黄江', residentId: shared, sharing: 'NATIONAL' });
    const res = await hub.query(FIND, { c: SICHUAN }, as(GUANGDONG));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.findLinkCandidates.agreements).toEqual([]);
    const pairs = ((res.body.data?.findLinkCandidates.candidates ?? []) as Record<string, any>[]).map((c) => c.records.map((r: { recordId: string }) => r.recordId));
    expect(pairs.flat()).not.toContain(privateRecord);
    expect(pairs.map(([a, b]) => pairKey(a, b))).toContain(pairKey(sichuanNational, guangdongNational));

    // Sichuan rejects it: Guangdong can no longer accept it, and finding again does not revive it.
    const id = ((res.body.data?.findLinkCandidates.candidates ?? []) as Record<string, any>[]).find((c) =>
      c.records.some((r: { recordId: string }) => r.recordId === guangdongNational),
    )?.id as string;
    const rejected = await hub.query(decide('rejectLinkCandidate'), { id }, as(SICHUAN));
    expect(rejected.body.data?.rejectLinkCandidate.candidate).toMatchObject({ status: 'REJECTED', awaiting: [] });
    const accept = await hub.query(decide('acceptLinkCandidate'), { id }, as(GUANGDONG));
    expect(accept.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await hub.query(FIND, { c: SICHUAN }, as(GUANGDONG))).body.data?.findLinkCandidates.added).toBe(0);
    expect((await candidateState(id, GUANGDONG))?.status).toBe('REJECTED');
    const awaiting = await hub.query('{ linkCandidates { id } }', {}, as(GUANGDONG));
    expect(awaiting.body.data?.linkCandidates.map((c: { id: string }) => c.id)).not.toContain(id);
  });
});

describe("the linkage:tokens scope is the gateway's to give", () => {
  it('goes into the owner-lookup token of a linkage:write caller only, never into a token made from what a client claims', async () => {
    const signer = await createCallerSigner();
    const scopesOf = async (token: Promise<string>) => String(decodeJwt(await token).scope).split(' ');
    const claims = { sub: 'linkage-claims', region: CHONGQING, purpose: null };
    const claiming = requestTokens(signer, { ...claims, scopes: ['talent:read', 'linkage:tokens', 'talent:locate'] }, async () => []);
    expect(await scopesOf(claiming.forSubgraph('coordination'))).toEqual(['talent:read']);
    expect(await scopesOf(claiming.ownerLookup())).toEqual(['talent:locate']);
    const linker = requestTokens(signer, { ...claims, scopes: ['talent:read', 'linkage:write'] }, async () => []);
    expect(await scopesOf(linker.forSubgraph('coordination'))).toEqual(['talent:read', 'linkage:write']);
    expect(await scopesOf(linker.ownerLookup())).toEqual(['talent:locate', 'linkage:tokens']);
  });
});
