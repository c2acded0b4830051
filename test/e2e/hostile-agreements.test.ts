import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementsAwaitingRatificationDocument, RatifyAgreementDocument, TerminateAgreementDocument } from '../../schema/operations/generated.ts';
import { clientToken } from '../helpers/caller.ts';
import { post } from '../helpers/hub.ts';
import { type HubProcesses, startHubProcesses } from '../helpers/processes.ts';

/**
 * A hostile member against the agreement lifecycle (issue 10, items 1 and 7), through real HTTP
 * against the hub's real processes as `npm start` runs them. Qinghai (630000) has no agreement
 * with Sichuan (510000) and tries to give itself one; Sichuan's consent is what decides. Then
 * coordination dies, and cross-region grants must lapse within HUB_GRANTS_MAX_STALE_MS.
 */
const SICHUAN = '510000';
const CHENGDU = '510100';
const CHONGQING = '500000';
const QINGHAI = '630000';
const AGREEMENT_CACHE_MS = 500;
const MAX_STALE_MS = 2000;
// The documented bound for a change of agreement to reach every request: the gateway's agreement
// cache, or (coordination unreachable) the staleness bound, plus the caller-token lifetime.
const BOUND_MS = AGREEMENT_CACHE_MS + MAX_STALE_MS + 60_000;

const WRITE = ['talent:read', 'talent:contact', 'coordination:write', 'audit:read'];

let hub: HubProcesses;

async function gql(region: string, query: string, variables: Record<string, unknown> = {}, options: { purpose?: string; scopes?: string[] } = {}) {
  const token = await clientToken({ region, scopes: options.scopes ?? WRITE, sub: `system-${region}` });
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.purpose) headers['x-hub-purpose'] = options.purpose;
  const res = await post(hub.url, query, variables, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks `probe` until `done` holds or `withinMs` (default the documented bound) has passed; returns the last answer. */
async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, withinMs = BOUND_MS): Promise<T> {
  const started = Date.now();
  let value = await probe();
  while (!done(value) && Date.now() - started < withinMs) {
    await pause(200);
    value = await probe();
  }
  return value;
}

/** What Qinghai sees of Sichuan's talents: how many, and the phones it is given under a declared purpose. */
async function qinghaiView() {
  const body = await gql(
    QINGHAI,
    `{ talents(filter: { homeRegion: "${SICHUAN}" }, first: 100) { totalCount edges { node { id contact { phone } } } } }`,
    {},
    { purpose: 'EXPERT_CONSULTATION' },
  );
  const talents = body.data!.talents as { totalCount: number; edges: { node: { id: string; contact: { phone: string | null } | null } }[] };
  return { count: talents.totalCount, phones: talents.edges.filter((e) => e.node.contact?.phone).length };
}

const FIELDS = 'id status inForce awaitingVersion awaitingRatificationBy { code } ratifications { province { code } }';

async function propose(region: string, contactSharing: boolean) {
  const body = await gql(region, `mutation($i: ProposeAgreementInput!) { proposeAgreement(input: $i) { agreement { ${FIELDS} } } }`, {
    i: { name: '青川人才合作协议', partyCodes: [QINGHAI, SICHUAN], signedOn: '2020-01-01', scope: { sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], contactSharing } },
  });
  expect(body.errors).toBeUndefined();
  return body.data!.proposeAgreement.agreement;
}

// The typed client operations of schema/operations/coordination.graphql, as a provincial system would send them.
const ratify = (region: string, id: string, version: number) => gql(region, print(RatifyAgreementDocument), { id, version });

const terminate = (region: string, id: string) => gql(region, print(TerminateAgreementDocument), { id, reason: '终止合作' });

beforeAll(async () => {
  hub = await startHubProcesses({ HUB_AGREEMENT_CACHE_MS: String(AGREEMENT_CACHE_MS), HUB_GRANTS_MAX_STALE_MS: String(MAX_STALE_MS) });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

// Polls may wait up to the documented bound.
describe('a province is bound only by what it ratified', { timeout: BOUND_MS + 30_000 }, () => {
  let baseline: { count: number; phones: number };
  let declined: string;
  let agreementId: string;

  it("Qinghai's one-sided agreement is only a proposal: Qinghai sees exactly what it saw before", async () => {
    baseline = await qinghaiView();
    expect(baseline.phones).toBe(0);

    // The old way in is gone, not silently kept.
    const token = await clientToken({ region: QINGHAI, scopes: WRITE });
    const old = await post(
      hub.url,
      'mutation { createAgreement(input: { name: "x", partyCodes: ["630000", "510000"], signedOn: "2020-01-01", scope: { sectors: [AGRICULTURE, INDUSTRY, SERVICES], contactSharing: true } }) { agreement { id } } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(old.status).toBe(400);
    expect(old.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const proposed = await propose(QINGHAI, true);
    declined = proposed.id;
    // Longer than the gateway's agreement cache, so an agreement in force would have taken effect.
    await pause(AGREEMENT_CACHE_MS * 4);
    expect(await qinghaiView()).toEqual(baseline);
    expect(proposed).toMatchObject({ status: 'PROPOSED', inForce: false, awaitingRatificationBy: [{ code: SICHUAN }] });

    // Sichuan is told: it waits for Sichuan's ratification. Sichuan declines it.
    const waiting = await gql(SICHUAN, '{ agreementsAwaitingRatification { id } }');
    expect(waiting.data!.agreementsAwaitingRatification.map((a: { id: string }) => a.id)).toContain(declined);
    expect((await terminate(SICHUAN, declined)).errors).toBeUndefined();
  });

  it('nobody but Sichuan itself ratifies for Sichuan; once it does, Qinghai sees more', async () => {
    const proposed = await propose(QINGHAI, false);
    agreementId = proposed.id;
    const waiting = await gql(SICHUAN, print(AgreementsAwaitingRatificationDocument));
    expect(waiting.data!.agreementsAwaitingRatification).toContainEqual(
      expect.objectContaining({ id: agreementId, status: 'PROPOSED', awaitingVersion: 1, ratifications: [expect.objectContaining({ province: { code: QINGHAI } })] }),
    );

    for (const [region, code] of [
      [CHENGDU, 'FORBIDDEN'], // Sichuan's prefecture: may propose, never bind the province
      [QINGHAI, 'CONFLICT'], // already ratified for Qinghai; it cannot stand in for Sichuan
      [CHONGQING, 'FORBIDDEN'], // not a party
    ] as const) {
      const refused = await ratify(region, agreementId, 1);
      expect(refused.errors?.[0]?.extensions?.code, region).toBe(code);
    }
    await pause(AGREEMENT_CACHE_MS * 4);
    expect(await qinghaiView()).toEqual(baseline);

    const ratified = await ratify(SICHUAN, agreementId, 1);
    expect(ratified.errors).toBeUndefined();
    expect(ratified.data!.ratifyAgreement.agreement).toMatchObject({ status: 'IN_FORCE', inForce: true });
    const after = await until(qinghaiView, (v) => v.count > baseline.count);
    expect(after.count).toBeGreaterThan(baseline.count);
    expect(after.phones).toBe(0); // the ratified scope does not share contacts
  });

  it('a scope change (adding contact sharing) takes effect only once Sichuan ratified it too', async () => {
    const amended = await gql(QINGHAI, `mutation($i: AmendAgreementScopeInput!) { amendAgreementScope(input: $i) { agreement { ${FIELDS} scope { contactSharing } } } }`, {
      i: { id: agreementId, scope: { sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], contactSharing: true } },
    });
    expect(amended.errors).toBeUndefined();
    expect(amended.data!.amendAgreementScope.agreement).toMatchObject({ status: 'IN_FORCE', awaitingVersion: 2, scope: { contactSharing: false } });
    await pause(AGREEMENT_CACHE_MS * 4);
    expect((await qinghaiView()).phones).toBe(0);

    expect((await ratify(CHENGDU, agreementId, 2)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ratify(SICHUAN, agreementId, 2)).errors).toBeUndefined();
    const shared = await until(qinghaiView, (v) => v.phones > 0);
    expect(shared.phones).toBeGreaterThan(0);
  });

  it('either party terminates it, and Qinghai sees what it saw before within the documented bound', async () => {
    const ended = await terminate(SICHUAN, agreementId);
    expect(ended.data!.terminateAgreement.agreement).toMatchObject({ status: 'TERMINATED', inForce: false });
    const back = await until(qinghaiView, (v) => v.count === baseline.count && v.phones === 0);
    expect(back).toEqual(baseline);
    // Terminated is final: Qinghai cannot bring it back by ratifying again.
    expect((await ratify(QINGHAI, agreementId, 2)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('every party province reads every lifecycle event; a province that is no party reads none', async () => {
    const events = async (region: string) => {
      const body = await gql(region, '{ coordinationAuditEvents(first: 100) { edges { node { entityId actorRegion { code } actor fields } } } }');
      expect(body.errors).toBeUndefined();
      return (body.data!.coordinationAuditEvents.edges as { node: { entityId: string; actorRegion: { code: string }; actor: string } }[])
        .map((e) => e.node)
        .filter((e) => e.entityId === declined || e.entityId === agreementId)
        .map((e) => [e.entityId, e.actorRegion.code, e.actor]);
    };
    const expected = [
      [declined, QINGHAI, `system-${QINGHAI}`], // proposed
      [declined, SICHUAN, `system-${SICHUAN}`], // declined (terminated)
      [agreementId, QINGHAI, `system-${QINGHAI}`], // proposed
      [agreementId, SICHUAN, `system-${SICHUAN}`], // ratified
      [agreementId, QINGHAI, `system-${QINGHAI}`], // amendment proposed
      [agreementId, SICHUAN, `system-${SICHUAN}`], // amendment ratified
      [agreementId, SICHUAN, `system-${SICHUAN}`], // terminated
    ];
    expect(await events(SICHUAN)).toEqual(expected);
    expect(await events(QINGHAI)).toEqual(expected);
    expect(await events(CHONGQING)).toEqual([]);
    const history = await gql(QINGHAI, `{ agreement(id: "${agreementId}") { history { action region { code } } } }`);
    expect(history.data!.agreement.history.map((e: { action: string; region: { code: string } }) => `${e.action} ${e.region.code}`)).toEqual([
      `PROPOSED ${QINGHAI}`,
      `RATIFIED ${SICHUAN}`,
      `AMENDMENT_PROPOSED ${QINGHAI}`,
      `RATIFIED ${SICHUAN}`,
      `TERMINATED ${SICHUAN}`,
    ]);
  });
});

describe('grants fail closed when coordination cannot be reached', { timeout: BOUND_MS + 30_000 }, () => {
  it(`after HUB_GRANTS_MAX_STALE_MS (${MAX_STALE_MS} ms here) Chongqing loses Sichuan's AGREEMENT talents and keeps its own and NATIONAL ones`, async () => {
    // Sichuan (the owner) names one talent of each kind; Chongqing sees all three under the seeded 川渝 agreement.
    const own = await gql(SICHUAN, `{ talents(filter: { homeRegion: "${SICHUAN}" }, first: 100) { edges { node { id sharing } } } }`);
    const sichuan = own.data!.talents.edges.map((e: { node: { id: string; sharing: string } }) => e.node) as { id: string; sharing: string }[];
    const agreementOnly = sichuan.find((t) => t.sharing === 'AGREEMENT')!.id;
    const national = sichuan.find((t) => t.sharing === 'NATIONAL')!.id;
    const chongqing = (await gql(CHONGQING, `{ talents(filter: { homeRegion: "${CHONGQING}" }, first: 1) { edges { node { id } } } }`)).data!.talents.edges[0].node.id as string;
    const view = async () => {
      const body = await gql(CHONGQING, `{ a: talent(id: "${agreementOnly}") { id } n: talent(id: "${national}") { id } o: talent(id: "${chongqing}") { id } }`);
      return { agreement: body.data!.a?.id ?? null, national: body.data!.n?.id ?? null, own: body.data!.o?.id ?? null };
    };
    expect(await view()).toEqual({ agreement: agreementOnly, national, own: chongqing });

    await hub.kill('coordination');
    // Well under the 30 s default, so this also shows HUB_GRANTS_MAX_STALE_MS reaches the gateway
    // (the last answer may be up to the cache time old when coordination dies).
    const lapsed = await until(view, (v) => v.agreement === null, MAX_STALE_MS * 5);
    expect(lapsed).toEqual({ agreement: null, national, own: chongqing });
    // It stays lapsed: the gateway never falls back to its old answer.
    await pause(MAX_STALE_MS);
    expect(await view()).toEqual({ agreement: null, national, own: chongqing });
  });
});
