import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { callerFor } from '../../helpers/caller.ts';
import { setup } from './fixtures.ts';

/**
 * The agreement lifecycle through the coordination subgraph's GraphQL boundary: an agreement
 * binds a province only once that province ratified it with its own credentials; any party
 * province may suspend or terminate it; a scope change needs every party again; every step is
 * an audit event every party reads, and a refusal writes nothing.
 */
const SICHUAN = '510000';
const CHENGDU = '510100'; // a prefecture of Sichuan: may propose, never ratify
const CHONGQING = '500000';
const QINGHAI = '630000';
const BEIJING = '110000';

const FIELDS = `id status inForce version awaitingVersion scope { sectors disciplineCodes contactSharing }
  ratifications { province { code } by version }
  awaitingRatificationBy { code } suspendedBy { code }
  pendingAmendment { version scope { sectors contactSharing } ratifications { province { code } } }
  history { action region { code } by version reason }`;
const PROPOSE = `mutation($input: ProposeAgreementInput!) { proposeAgreement(input: $input) { agreement { ${FIELDS} } } }`;
const RATIFY = `mutation($input: RatifyAgreementInput!) { ratifyAgreement(input: $input) { agreement { ${FIELDS} } } }`;
const AMEND = `mutation($input: AmendAgreementScopeInput!) { amendAgreementScope(input: $input) { agreement { ${FIELDS} } } }`;
const SUSPEND = `mutation($input: SuspendAgreementInput!) { suspendAgreement(input: $input) { agreement { ${FIELDS} } } }`;
const RESUME = `mutation($input: ResumeAgreementInput!) { resumeAgreement(input: $input) { agreement { ${FIELDS} } } }`;
const TERMINATE = `mutation($input: TerminateAgreementInput!) { terminateAgreement(input: $input) { agreement { ${FIELDS} } } }`;
const READ = `query($id: ID!) { agreement(id: $id) { ${FIELDS} } }`;
const AUDIT = `{ coordinationAuditEvents(first: 100) { edges { node { actor actorRegion { code } entityType entityId fields } } } }`;

const qinghaiSichuan = {
  name: '青川人才合作协议',
  partyCodes: [QINGHAI, SICHUAN],
  signedOn: '2026-01-01',
  validUntil: '2030-12-31',
  scope: { sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], contactSharing: false },
};

const as = (region: string, sub = `system-${region}`, scopes?: string[]) => callerFor(region, scopes, { sub });
const codes = (list: { code: string }[]) => list.map((r) => r.code);

describe('coordination subgraph: the agreement lifecycle', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    env = await setup();
  });

  const ids = async (query: string, request = as(SICHUAN)) => {
    const { data, errors } = await env.run(query, {}, request);
    expect(errors).toBeUndefined();
    return (Object.values(data)[0] as { id: string }[]).map((a) => a.id);
  };
  const stored = async (id: string) => (await env.store.agreementsByIds([id]))[0];
  const auditCount = async () => (await env.run(AUDIT, {}, as(SICHUAN))).data.coordinationAuditEvents.edges.length;

  async function propose(by = as(QINGHAI), input: Record<string, unknown> = qinghaiSichuan) {
    const { data, errors } = await env.run(PROPOSE, { input }, by);
    expect(errors).toBeUndefined();
    return data.proposeAgreement.agreement;
  }

  it('a one-sided proposal grants nothing until every party province ratifies it with its own token', async () => {
    const proposed = await propose();
    expect(proposed).toMatchObject({
      status: 'PROPOSED',
      inForce: false,
      version: 1,
      awaitingVersion: 1,
      // Qinghai proposed with its own province token: that is its ratification.
      ratifications: [{ province: { code: QINGHAI }, by: `system-${QINGHAI}`, version: 1 }],
      awaitingRatificationBy: [{ code: SICHUAN }],
      history: [{ action: 'PROPOSED', region: { code: QINGHAI }, by: `system-${QINGHAI}`, version: 1, reason: null }],
    });
    const id = proposed.id;
    // Not in force by any of the questions that decide access.
    expect(await ids('{ agreements(inForce: true) { id } }')).not.toContain(id);
    expect(await ids('{ agreements(inForce: false) { id } }')).toContain(id);
    expect(await ids('{ agreements(status: PROPOSED) { id } }')).toEqual([id]);
    expect(await ids(`{ agreementsBetween(regionA: "${QINGHAI}", regionB: "${SICHUAN}") { id } }`)).toEqual([]);
    const region = await env.run(`{ region(code: "${QINGHAI}") { agreementsInForce { id } } }`);
    expect(region.data.region.agreementsInForce).toEqual([]);
    // What waits for Sichuan, and nothing for Qinghai (it has ratified) or Chongqing (not a party).
    expect(await ids('{ agreementsAwaitingRatification { id } }', as(SICHUAN))).toEqual([id]);
    expect(await ids('{ agreementsAwaitingRatification { id } }', as(CHENGDU))).toEqual([id]);
    expect(await ids('{ agreementsAwaitingRatification { id } }', as(QINGHAI))).toEqual([]);
    expect(await ids('{ agreementsAwaitingRatification { id } }', as(CHONGQING))).toEqual([]);

    // Nobody else can ratify for Sichuan, and a refusal writes nothing (not even an audit event).
    const before = { doc: await stored(id), events: await auditCount() };
    for (const [request, code] of [
      [as(CHENGDU), 'FORBIDDEN'], // Sichuan's prefecture: may propose, not bind the province
      [as(CHONGQING), 'FORBIDDEN'], // not a party
      [as(SICHUAN, 'sc-reader', ['talent:read']), 'FORBIDDEN'], // no coordination:write
      [as(QINGHAI), 'CONFLICT'], // already ratified; ratifying again does not stand in for Sichuan
    ] as const) {
      const { data, errors } = await env.run(RATIFY, { input: { id, version: 1 } }, request);
      expect(data, request.caller!.sub).toBeNull();
      expect(errors?.[0]?.extensions?.code, request.caller!.sub).toBe(code);
    }
    const stale = await env.run(RATIFY, { input: { id, version: 2 } }, as(SICHUAN));
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const unknown = await env.run(RATIFY, { input: { id: 'agr-nope', version: 1 } }, as(SICHUAN));
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await env.run(RATIFY, { input: { id: 'agr/../x', version: 0 } }, as(SICHUAN));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    expect(await stored(id)).toEqual(before.doc);
    expect(await auditCount()).toBe(before.events);

    // Sichuan's own token ratifies: in force.
    const ratified = await env.run(RATIFY, { input: { id, version: 1 } }, as(SICHUAN));
    expect(ratified.errors).toBeUndefined();
    expect(ratified.data.ratifyAgreement.agreement).toMatchObject({
      status: 'IN_FORCE',
      inForce: true,
      awaitingVersion: null,
      awaitingRatificationBy: [],
      ratifications: [{ province: { code: QINGHAI } }, { province: { code: SICHUAN }, by: `system-${SICHUAN}` }],
    });
    expect(await ids('{ agreements(inForce: true) { id } }')).toContain(id);
    expect(await ids(`{ agreementsBetween(regionA: "${QINGHAI}", regionB: "510104") { id } }`)).toEqual([id]);
    expect(await ids('{ agreementsAwaitingRatification { id } }', as(SICHUAN))).toEqual([]);
    const again = await env.run(RATIFY, { input: { id, version: 1 } }, as(SICHUAN));
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('a prefecture may propose; then every party province ratifies, its own included', async () => {
    const proposed = await propose(as(CHENGDU), { ...qinghaiSichuan, partyCodes: [CHENGDU, CHONGQING], name: '成渝协议' });
    expect(proposed.ratifications).toEqual([]);
    expect(codes(proposed.awaitingRatificationBy)).toEqual([SICHUAN, CHONGQING]);
    const first = await env.run(RATIFY, { input: { id: proposed.id, version: 1 } }, as(CHONGQING));
    expect(first.data.ratifyAgreement.agreement).toMatchObject({ status: 'PROPOSED', awaitingRatificationBy: [{ code: SICHUAN }] });
    const last = await env.run(RATIFY, { input: { id: proposed.id, version: 1 } }, as(SICHUAN));
    expect(last.data.ratifyAgreement.agreement.status).toBe('IN_FORCE');
  });

  it('a scope change applies only once every party province ratified it; the ratified scope stays in force meanwhile', async () => {
    // agr-chengyu (Sichuan–Chongqing, ratified by both): INDUSTRY and SERVICES, discipline 520, contact sharing.
    const amended = await env.run(AMEND, { input: { id: 'agr-chengyu', scope: { sectors: ['AGRICULTURE'], contactSharing: true } } }, as(CHONGQING));
    expect(amended.errors).toBeUndefined();
    expect(amended.data.amendAgreementScope.agreement).toMatchObject({
      status: 'IN_FORCE',
      inForce: true,
      version: 1,
      scope: { sectors: ['INDUSTRY', 'SERVICES'], disciplineCodes: ['520'], contactSharing: true },
      pendingAmendment: { version: 2, scope: { sectors: ['AGRICULTURE'], contactSharing: true }, ratifications: [{ province: { code: CHONGQING } }] },
      awaitingVersion: 2,
      awaitingRatificationBy: [{ code: SICHUAN }],
    });
    expect(await ids('{ agreementsAwaitingRatification { id } }', as(SICHUAN))).toEqual(['agr-chengyu']);
    // A prefecture cannot ratify the amendment for Sichuan either.
    const prefecture = await env.run(RATIFY, { input: { id: 'agr-chengyu', version: 2 } }, as(CHENGDU));
    expect(prefecture.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ratified = await env.run(RATIFY, { input: { id: 'agr-chengyu', version: 2 } }, as(SICHUAN));
    expect(ratified.data.ratifyAgreement.agreement).toMatchObject({
      version: 2,
      scope: { sectors: ['AGRICULTURE'], disciplineCodes: [], contactSharing: true },
      pendingAmendment: null,
      awaitingVersion: null,
      ratifications: [
        { province: { code: CHONGQING }, version: 2 },
        { province: { code: SICHUAN }, version: 2 },
      ],
    });

    // Amending a proposal changes its terms and asks every ratification again.
    const proposed = await propose();
    const changed = await env.run(AMEND, { input: { id: proposed.id, scope: { sectors: ['SERVICES'], contactSharing: true } } }, as('632200'));
    expect(changed.data.amendAgreementScope.agreement).toMatchObject({
      status: 'PROPOSED',
      version: 2,
      ratifications: [], // a prefecture amended: Qinghai's earlier ratification was of other terms
      awaitingRatificationBy: [{ code: QINGHAI }, { code: SICHUAN }],
      scope: { sectors: ['SERVICES'], contactSharing: true },
    });
    const old = await env.run(RATIFY, { input: { id: proposed.id, version: 1 } }, as(SICHUAN));
    expect(old.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const notParty = await env.run(AMEND, { input: { id: proposed.id, scope: { sectors: ['SERVICES'] } } }, as(BEIJING));
    expect(notParty.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badScope = await env.run(AMEND, { input: { id: proposed.id, scope: { sectors: [] } } }, as(SICHUAN));
    expect(badScope.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scope.sectors' });
    // The same terms again (in another order) would only cost every party a ratification.
    const same = await env.run(AMEND, { input: { id: 'agr-chengyu', scope: { sectors: ['AGRICULTURE'], contactSharing: true } } }, as(SICHUAN));
    expect(same.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scope' });
    const unchanged = await env.run(AMEND, { input: { id: proposed.id, scope: { sectors: ['SERVICES'], contactSharing: true } } }, as(SICHUAN));
    expect(unchanged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scope' });
  });

  it('any party province suspends; only it lifts its own suspension; termination is final', async () => {
    const id = 'agr-chengyu';
    const byPrefecture = await env.run(SUSPEND, { input: { id, reason: '核查' } }, as(CHENGDU));
    expect(byPrefecture.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await env.run(SUSPEND, { input: { id, reason: '  ' } }, as(SICHUAN));
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });

    const suspended = await env.run(SUSPEND, { input: { id, reason: '数据安全核查' } }, as(SICHUAN));
    expect(suspended.data.suspendAgreement.agreement).toMatchObject({ status: 'SUSPENDED', inForce: false, suspendedBy: [{ code: SICHUAN }] });
    expect(await ids('{ agreements(inForce: true) { id } }')).not.toContain(id);
    expect(await ids(`{ agreementsBetween(regionA: "${SICHUAN}", regionB: "${CHONGQING}") { id } }`)).toEqual([]);
    // Chongqing cannot lift Sichuan's suspension, only add its own.
    const foreign = await env.run(RESUME, { input: { id } }, as(CHONGQING));
    expect(foreign.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await env.run(SUSPEND, { input: { id, reason: '同步核查' } }, as(CHONGQING));
    const twice = await env.run(SUSPEND, { input: { id, reason: 'x' } }, as(SICHUAN));
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const resumedOnce = await env.run(RESUME, { input: { id } }, as(SICHUAN));
    expect(resumedOnce.data.resumeAgreement.agreement).toMatchObject({ status: 'SUSPENDED', suspendedBy: [{ code: CHONGQING }] });
    const resumed = await env.run(RESUME, { input: { id } }, as(CHONGQING));
    expect(resumed.data.resumeAgreement.agreement).toMatchObject({ status: 'IN_FORCE', inForce: true, suspendedBy: [] });

    const terminated = await env.run(TERMINATE, { input: { id, reason: '协议目标已完成' } }, as(CHONGQING));
    expect(terminated.data.terminateAgreement.agreement).toMatchObject({ status: 'TERMINATED', inForce: false });
    expect(await ids('{ agreements(inForce: true) { id } }')).not.toContain(id);
    for (const [query, input] of [
      [RATIFY, { id, version: 1 }],
      [SUSPEND, { id, reason: 'x' }],
      [RESUME, { id }],
      [TERMINATE, { id, reason: 'x' }],
      [AMEND, { id, scope: { sectors: ['SERVICES'] } }],
    ] as const) {
      const { data, errors } = await env.run(query, { input }, as(SICHUAN));
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(errors?.[0]?.message).toMatch(/TERMINATED/);
    }
    const { data } = await env.run(READ, { id });
    expect(data.agreement.history.slice(-5)).toEqual([
      { action: 'SUSPENDED', region: { code: SICHUAN }, by: `system-${SICHUAN}`, version: 1, reason: '数据安全核查' },
      { action: 'SUSPENDED', region: { code: CHONGQING }, by: `system-${CHONGQING}`, version: 1, reason: '同步核查' },
      { action: 'RESUMED', region: { code: SICHUAN }, by: `system-${SICHUAN}`, version: 1, reason: null },
      { action: 'RESUMED', region: { code: CHONGQING }, by: `system-${CHONGQING}`, version: 1, reason: null },
      { action: 'TERMINATED', region: { code: CHONGQING }, by: `system-${CHONGQING}`, version: 1, reason: '协议目标已完成' },
    ]);
  });

  it('declining a proposal terminates it; an expired agreement cannot be changed; a ratified one not yet begun is RATIFIED', async () => {
    const proposed = await propose();
    const declined = await env.run(TERMINATE, { input: { id: proposed.id, reason: '不同意' } }, as(SICHUAN));
    expect(declined.data.terminateAgreement.agreement.status).toBe('TERMINATED');
    expect(await ids('{ agreementsAwaitingRatification { id } }', as(SICHUAN))).toEqual([]);
    const suspendProposal = await env.run(SUSPEND, { input: { id: (await propose()).id, reason: 'x' } }, as(SICHUAN));
    expect(suspendProposal.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // agr-cd-yz ended 2025-12-31, before NOW.
    const expired = await env.run(READ, { id: 'agr-cd-yz' });
    expect(expired.data.agreement).toMatchObject({ status: 'EXPIRED', inForce: false });
    const suspendExpired = await env.run(SUSPEND, { input: { id: 'agr-cd-yz', reason: 'x' } }, as(SICHUAN));
    expect(suspendExpired.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // agr-qian-yue starts 2027-01-01.
    const future = await env.run(READ, { id: 'agr-qian-yue' });
    expect(future.data.agreement).toMatchObject({ status: 'RATIFIED', inForce: false });
  });

  it('every lifecycle step is an audit event that every party province reads, and no one else', async () => {
    const proposed = await propose();
    const id = proposed.id;
    await env.run(RATIFY, { input: { id, version: 1 } }, as(SICHUAN));
    await env.run(AMEND, { input: { id, scope: { sectors: ['SERVICES'], contactSharing: true } } }, as(SICHUAN));
    await env.run(SUSPEND, { input: { id, reason: '核查' } }, as(QINGHAI));
    await env.run(RESUME, { input: { id } }, as(QINGHAI));
    await env.run(TERMINATE, { input: { id, reason: '终止' } }, as(SICHUAN));
    const events = async (region: string) => {
      const { data, errors } = await env.run(AUDIT, {}, as(region));
      expect(errors).toBeUndefined();
      return data.coordinationAuditEvents.edges
        .map((e: { node: { entityId: string; actorRegion: { code: string }; fields: string[] } }) => e.node)
        .filter((e: { entityId: string }) => e.entityId === id)
        .map((e: { actorRegion: { code: string }; fields: string[] }) => [e.actorRegion.code, e.fields]);
    };
    const expected = [
      [QINGHAI, ['measures', 'name', 'partyCodes', 'scope', 'signedOn', 'validUntil']],
      [SICHUAN, ['history', 'ratifications', 'status']],
      [SICHUAN, ['history', 'pendingAmendment']],
      [QINGHAI, ['history', 'status', 'suspendedBy']],
      [QINGHAI, ['history', 'status', 'suspendedBy']],
      [SICHUAN, ['history', 'pendingAmendment', 'status']],
    ];
    expect(await events(SICHUAN)).toEqual(expected);
    expect(await events(QINGHAI)).toEqual(expected);
    expect(await events(BEIJING)).toEqual([]);
  });

  it('runs concurrent steps on one agreement one after another: a ratification racing a termination never resurrects it', async () => {
    const { id } = await propose();
    const [ratified, terminated] = await Promise.all([
      env.run(RATIFY, { input: { id, version: 1 } }, as(SICHUAN)),
      env.run(TERMINATE, { input: { id, reason: '撤回' } }, as(QINGHAI)),
    ]);
    // Both decide from the state the other left: the termination always stands; the ratification
    // either came first (and was then ended) or came after it and was refused.
    expect(terminated.errors).toBeUndefined();
    const { data } = await env.run(READ, { id });
    expect(data.agreement.status).toBe('TERMINATED');
    const actions = data.agreement.history.map((e: { action: string }) => e.action);
    if (ratified.errors) {
      expect(ratified.errors[0]?.extensions?.code).toBe('CONFLICT');
      expect(actions).toEqual(['PROPOSED', 'TERMINATED']);
    } else {
      expect(actions).toEqual(['PROPOSED', 'RATIFIED', 'TERMINATED']);
    }
    expect((await stored(id))!.revision).toBe(actions.length - 1);
    // A write from a stale read is refused by the store (another process changed it meanwhile).
    const doc = (await stored(id))!;
    expect(await env.store.replaceAgreementIf(doc.revision - 1, { ...doc, state: 'RATIFIED' })).toBe(false);
    expect((await stored(id))!.state).toBe('TERMINATED');
  });
});

describe('the README', () => {
  it("runs the agreement section's examples without errors", async () => {
    const env = await setup();
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('### Agreements: proposed, ratified, in force');
    const section = readme.slice(start, readme.indexOf('\n## ', start));
    const examples = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(1);
    for (const query of examples) {
      const { data, errors } = await env.run(query, {}, as(SICHUAN));
      expect(errors, query).toBeUndefined();
      expect(data.agreements.map((a: { id: string }) => a.id)).toContain('agr-chengyu');
    }
  });
});

describe('coordination subgraph: agreements stored before the lifecycle', () => {
  it('become proposals that every party province must ratify: they grant nothing until then', async () => {
    const { createEmbeddedDatabase } = await import('../../../store/embedded.ts');
    const { CoordinationStore } = await import('../../../subgraphs/coordination/store.ts');
    const db = createEmbeddedDatabase();
    // As an older hub wrote it (e.g. a one-sided createAgreement): terms only.
    const legacy = {
      _id: 'agr-legacy',
      name: '旧协议',
      partyCodes: [QINGHAI, SICHUAN],
      signedOn: '2020-01-01',
      validUntil: null,
      scope: { sectors: ['INDUSTRY'], disciplineCodes: [], contactSharing: true },
      measures: [],
    };
    await db.collection<typeof legacy>('agreements').insertOne(legacy);
    const store = await CoordinationStore.open(db);
    await CoordinationStore.open(db); // twice: idempotent
    const [doc] = await store.agreementsByIds(['agr-legacy']);
    expect(doc).toMatchObject({ ...legacy, state: 'PROPOSED', version: 1, ratifications: [], pendingAmendment: null, suspendedBy: [], history: [], revision: 0 });
    expect(await store.listAgreements({ inForce: true, today: '2026-06-15' })).toEqual([]);
  });
});
