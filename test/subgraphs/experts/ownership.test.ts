import { beforeEach, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { createContext } from '../../../subgraphs/experts/context.ts';
import type { TalentDoc } from '../../../subgraphs/experts/model.ts';
import { createExpertsServer } from '../../../subgraphs/experts/server.ts';
import { ExpertsStore } from '../../../subgraphs/experts/store.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import { type Grant, OWNER_LOOKUP_SCOPE } from '../../../platform/caller.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import type { RequestInfo } from '../../../platform/request.ts';
import { recordCalls, type StoreCall } from '../../../store/port.ts';
import { callerFor } from '../../helpers/caller.ts';

/**
 * The owner's side of issue 10 items 3, 5 and 6, through the experts subgraph's GraphQL
 * boundary: the owner lookup projects and coordination rely on, personal household registration
 * and identifiers, and pool membership checked against the stored pool.
 */
const dataset = generateDataset({ talents: 400, seed: 11 });
const SICHUAN = '510000';
const CHONGQING = '500000';
const QINGHAI = '630000';
const LOCATE = [OWNER_LOOKUP_SCOPE];

function pick(predicate: (t: TalentDoc) => boolean, what: string): TalentDoc {
  const t = dataset.experts.talents.find(predicate);
  if (!t) throw new Error(`no seeded talent: ${what}`);
  return t;
}

const sichuanPrivate = pick((t) => t.homeRegion === SICHUAN && t.sharing === 'PRIVATE', 'Sichuan PRIVATE');
const sichuanNational = pick((t) => t.homeRegion === SICHUAN && t.sharing === 'NATIONAL', 'Sichuan NATIONAL');
const sichuanAgreement = pick(
  (t) =>
    t.homeRegion === SICHUAN &&
    t.sharing === 'AGREEMENT' &&
    t.hukouRegion !== null &&
    t.externalIds.length > 0 &&
    t.consent.contactSharing &&
    t.consent.purposes.includes('EXPERT_CONSULTATION'),
  'Sichuan AGREEMENT with hukou, identifiers and consent',
);
const qinghaiOwn = pick((t) => t.homeRegion === QINGHAI, 'Qinghai');
/** What the 川渝 agreement gives Chongqing: every sector of Sichuan, contact sharing allowed. */
const chengyu: Grant = { region: SICHUAN, agreementId: 'agr-test-chengyu', sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], disciplines: [], contact: true };

async function setup() {
  const calls: StoreCall[] = [];
  const db = recordCalls(createEmbeddedDatabase(), (call) => calls.push(call));
  const store = await ExpertsStore.open(db);
  await store.seed(dataset.experts);
  const audit = await AuditLog.open(db);
  calls.length = 0;
  const { server } = createExpertsServer({ logError: () => {} });
  const run = async (query: string, variables: Record<string, unknown> | undefined, request: RequestInfo) => {
    const res = await server.executeOperation({ query, variables }, { contextValue: createContext({ store, audit }, request) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult as { data?: any; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
  };
  const events = () => audit.list({ region: SICHUAN, page: { first: 1000, afterKey: null } });
  const writes = () => calls.filter((c) => !['find', 'aggregate', 'countDocuments'].includes(c.method));
  return { store, audit, calls, run, events, writes };
}

describe('experts: the owner lookup (Query.talentOwners)', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    env = await setup();
  });

  const LOOKUP = 'query($ids: [ID!]!) { talentOwners(ids: $ids) { id homeRegion } }';

  it('answers, in order, the home province of each talent the caller may see and null for the rest, in one store call', async () => {
    const ids = [sichuanPrivate._id, sichuanNational._id, sichuanAgreement._id, 'T999999', qinghaiOwn._id];
    const cases: [RequestInfo, (string | null)[]][] = [
      // Qinghai, no agreement: its own talent and Sichuan's NATIONAL one.
      [callerFor(QINGHAI, LOCATE), [null, SICHUAN, null, null, QINGHAI]],
      // Chongqing under 川渝: AGREEMENT talents too, still not PRIVATE ones.
      [callerFor(CHONGQING, LOCATE, { grants: [chengyu] }), [null, SICHUAN, SICHUAN, null, null]],
      // The home region (a prefecture system of it included) sees every one of its talents.
      [callerFor('510100', LOCATE), [SICHUAN, SICHUAN, SICHUAN, null, null]],
    ];
    for (const [request, homes] of cases) {
      env.calls.length = 0;
      const { data, errors } = await env.run(LOOKUP, { ids }, request);
      expect(errors).toBeUndefined();
      expect(data.talentOwners).toEqual(ids.map((id, i) => (homes[i] ? { id, homeRegion: homes[i] } : null)));
      expect(env.calls.map((c) => `${c.collection}.${c.method}`)).toEqual(['talents.find']);
    }
  });

  it('needs the talent:locate scope, and that scope reads nothing else', async () => {
    for (const scopes of [['talent:read', 'talent:contact', 'talent:write'], []]) {
      const { data, errors } = await env.run(LOOKUP, { ids: [sichuanNational._id] }, callerFor(SICHUAN, scopes));
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const read = await env.run('query($id: ID!) { talent(id: $id) { id name } }', { id: sichuanNational._id }, callerFor(SICHUAN, LOCATE));
    expect(read.data?.talent ?? null).toBeNull();
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects bad ids and more than 100 of them with BAD_USER_INPUT', async () => {
    for (const [ids, field] of [
      [['T 1'], 'ids.0'],
      [[], 'ids'],
      [Array.from({ length: 101 }, (_, i) => `T${i}`), 'ids'],
    ] as const) {
      const { errors } = await env.run(LOOKUP, { ids }, callerFor(SICHUAN, LOCATE));
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('experts: household registration and external identifiers are personal (issue 10 item 6)', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    env = await setup();
  });

  const PROFILE = 'query($id: ID!) { talent(id: $id) { id name hukouRegion { code } externalIds { scheme value } } }';
  const refusedFields = (errors: { path?: (string | number)[]; extensions?: Record<string, any> }[] | undefined) =>
    (errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]).sort();

  it('refuses them with FORBIDDEN on their path to a region without an agreement, keeps the rest, and audits nothing', async () => {
    const t = sichuanNational;
    const { data, errors } = await env.run(PROFILE, { id: t._id }, callerFor(QINGHAI, ['talent:read', 'talent:contact'], { purpose: 'EXPERT_CONSULTATION' }));
    expect(data.talent).toEqual({ id: t._id, name: t.name, hukouRegion: null, externalIds: null });
    expect(refusedFields(errors)).toEqual([
      ['talent.externalIds', 'FORBIDDEN'],
      ['talent.hukouRegion', 'FORBIDDEN'],
    ]);
    expect(await env.events()).toEqual([]);
  });

  it('refuses them under an agreement without the talent:contact scope or without a declared purpose', async () => {
    const t = sichuanAgreement;
    for (const request of [
      callerFor(CHONGQING, ['talent:read'], { grants: [chengyu], purpose: 'EXPERT_CONSULTATION' }),
      callerFor(CHONGQING, ['talent:read', 'talent:contact'], { grants: [chengyu] }),
      callerFor(CHONGQING, ['talent:read', 'talent:contact'], { grants: [{ ...chengyu, contact: false }], purpose: 'EXPERT_CONSULTATION' }),
    ]) {
      const { data, errors } = await env.run(PROFILE, { id: t._id }, request);
      expect(data.talent).toMatchObject({ id: t._id, hukouRegion: null, externalIds: null });
      expect(refusedFields(errors)).toEqual([
        ['talent.externalIds', 'FORBIDDEN'],
        ['talent.hukouRegion', 'FORBIDDEN'],
      ]);
    }
    expect(await env.events()).toEqual([]);
  });

  it('gives them under an agreement with contact sharing, consent and purpose, and audits the read for the home province', async () => {
    const t = sichuanAgreement;
    const request = callerFor(CHONGQING, ['talent:read', 'talent:contact'], { grants: [chengyu], purpose: 'EXPERT_CONSULTATION', sub: 'cq-system' });
    const { data, errors } = await env.run(PROFILE, { id: t._id }, request);
    expect(errors).toBeUndefined();
    expect(data.talent).toEqual({ id: t._id, name: t.name, hukouRegion: { code: t.hukouRegion }, externalIds: t.externalIds });
    const events = await env.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'READ_PERSONAL',
      actorSub: 'cq-system',
      actorRegion: CHONGQING,
      purpose: 'EXPERT_CONSULTATION',
      talentId: t._id,
      talentHome: SICHUAN,
      fields: ['externalIds', 'hukouRegion'],
    });
  });

  it('gives them to the home region with talent:contact without an event, and refuses them without that scope', async () => {
    const t = sichuanAgreement;
    const home = await env.run(PROFILE, { id: t._id }, callerFor(SICHUAN, ['talent:read', 'talent:contact']));
    expect(home.errors).toBeUndefined();
    expect(home.data.talent).toMatchObject({ hukouRegion: { code: t.hukouRegion }, externalIds: t.externalIds });
    const noScope = await env.run(PROFILE, { id: t._id }, callerFor(SICHUAN, ['talent:read']));
    expect(noScope.data.talent).toMatchObject({ id: t._id, hukouRegion: null, externalIds: null });
    expect(refusedFields(noScope.errors).map(([, code]) => code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(await env.events()).toEqual([]);
  });

  it('refuses a talent without recorded household registration the same way, so a refusal does not tell whether one is recorded', async () => {
    const unrecorded = pick((t) => t.sharing === 'NATIONAL' && t.homeRegion !== QINGHAI && t.hukouRegion === null, 'NATIONAL without hukou');
    const { data, errors } = await env.run(PROFILE, { id: unrecorded._id }, callerFor(QINGHAI, ['talent:read', 'talent:contact'], { purpose: 'EXPERT_CONSULTATION' }));
    expect(data.talent.hukouRegion).toBeNull();
    expect(refusedFields(errors)).toContainEqual(['talent.hukouRegion', 'FORBIDDEN']);
  });
});

describe('experts: pool membership is the pool owner’s write (issue 10 item 5)', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    env = await setup();
  });

  const ADD = 'mutation($t: ID!, $p: ID!) { addTalentToPool(talentId: $t, poolId: $p) { talent { id pools { id } } pool { id } } }';
  const sichuanPool = dataset.experts.pools.find((p) => p.regionCode.startsWith('51'))!;
  const qinghaiPool = dataset.experts.pools.find((p) => p.regionCode.startsWith('63'))!;

  it('refuses adding even its own talent to another province’s pool with FORBIDDEN, writing nothing', async () => {
    const { data, errors } = await env.run(ADD, { t: qinghaiOwn._id, p: sichuanPool._id }, callerFor(QINGHAI));
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(env.writes()).toEqual([]);
    expect((await env.store.talentsByIds([qinghaiOwn._id]))[0]!.poolIds).toEqual(qinghaiOwn.poolIds);
  });

  it('lets a province add another province’s visible talent to its own pool, and the talent’s home reads the event', async () => {
    const t = sichuanNational;
    const { data, errors } = await env.run(ADD, { t: t._id, p: qinghaiPool._id }, callerFor(QINGHAI, ['talent:read', 'talent:write']));
    expect(errors).toBeUndefined();
    expect(data.addTalentToPool.pool).toEqual({ id: qinghaiPool._id });
    expect(data.addTalentToPool.talent.pools).toContainEqual({ id: qinghaiPool._id });
    const events = await env.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'WRITE', entityType: 'Talent', talentId: t._id, talentHome: SICHUAN, actorRegion: QINGHAI, fields: ['poolIds'] });
  });

  it('answers NOT_FOUND for a talent hidden from the caller exactly as for one that does not exist, writing nothing', async () => {
    const hidden = await env.run(ADD, { t: sichuanPrivate._id, p: qinghaiPool._id }, callerFor(QINGHAI));
    const missing = await env.run(ADD, { t: 'T999999', p: qinghaiPool._id }, callerFor(QINGHAI));
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0]?.message.replace(sichuanPrivate._id, 'ID')).toBe(missing.errors?.[0]?.message.replace('T999999', 'ID'));
    expect(env.writes()).toEqual([]);
    expect(await env.events()).toEqual([]);
  });

  it('lets a prefecture system of the province add to a province pool (a province acts through its prefectures)', async () => {
    const own = pick((t) => t.homeRegion === SICHUAN && !t.poolIds.includes(sichuanPool._id), 'Sichuan talent outside the pool');
    const { errors } = await env.run(ADD, { t: own._id, p: sichuanPool._id }, callerFor('510100'));
    expect(errors).toBeUndefined();
  });
});
