import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { createOwnerLookup } from '../../../platform/owners.ts';
import { callerFor } from '../../helpers/caller.ts';
import { type OwnerDirectory, startOwnerDirectory, talentAt } from '../../helpers/owners.ts';
import { setup } from './fixtures.ts';

/**
 * Issue 10 item 5 for engagements: the talent's home comes from its owner (a real experts
 * subgraph over HTTP), never from the input; the caller must be the host or that real home, and
 * may name only a talent it may see. Every refusal writes nothing, not even an audit event.
 */
const SICHUAN = '510000';
const CHONGQING = '500000';
const QINGHAI = '630000';
const RECORD = `mutation($input: RecordEngagementInput!) { recordEngagement(input: $input) {
  engagement { id talentId homeRegion { code } hostRegion { code } } } }`;

const [base] = generateDataset({ talents: 1, seed: 9 }).experts.talents;
const national = talentAt(base!, 'TSCNATIONAL', SICHUAN, 'NATIONAL');
const hidden = talentAt(base!, 'TSCPRIVATE', SICHUAN, 'PRIVATE');

let directory: OwnerDirectory;
beforeAll(async () => {
  directory = await startOwnerDirectory([national, hidden]);
});
afterAll(async () => {
  await directory?.close();
});

describe('coordination: recordEngagement checks the real owner', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  let engagementsBefore: number;
  beforeEach(async () => {
    env = await setup(directory);
    engagementsBefore = await env.store.countEngagements({});
  });
  const nothingWritten = async () => {
    expect(await env.store.countEngagements({})).toBe(engagementsBefore);
    expect(env.calls.filter((c) => !['find', 'aggregate', 'countDocuments'].includes(c.call.method))).toEqual([]);
    expect(await env.audit.list({ region: SICHUAN, page: { first: 10, afterKey: null } })).toEqual([]);
  };

  it('refuses a caller that pretends to be the talent’s home (a forged homeRegion) with FORBIDDEN, writing nothing', async () => {
    const input = { talentId: national._id, homeRegion: QINGHAI, hostRegion: CHONGQING, kind: 'EXPERT_SERVICE', start: '2026-03-01' };
    const { data, errors } = await env.run(RECORD, { input }, callerFor(QINGHAI));
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await nothingWritten();
  });

  it('refuses the host when the homeRegion it states is not the talent’s real home, writing nothing', async () => {
    const input = { talentId: national._id, homeRegion: CHONGQING, hostRegion: QINGHAI, kind: 'EXPERT_SERVICE', start: '2026-03-01' };
    const { errors } = await env.run(RECORD, { input }, callerFor(QINGHAI));
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(errors?.[0]?.message).toContain('leave homeRegion out');
    await nothingWritten();
  });

  it('answers NOT_FOUND for a talent hidden from the host exactly as for a missing one, writing nothing', async () => {
    const input = (talentId: string) => ({ input: { talentId, hostRegion: QINGHAI, kind: 'EXPERT_SERVICE', start: '2026-03-01' } });
    const secret = await env.run(RECORD, input(hidden._id), callerFor(QINGHAI));
    const missing = await env.run(RECORD, input('TNOSUCH'), callerFor(QINGHAI));
    expect(secret.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(secret.errors?.[0]?.message.replace(hidden._id, 'X')).toBe(missing.errors?.[0]?.message.replace('TNOSUCH', 'X'));
    await nothingWritten();
  });

  it('lets the host record a visible talent’s engagement with the home taken from the owner, and the home province reads the event', async () => {
    const input = { talentId: national._id, hostRegion: QINGHAI, kind: 'FLEXIBLE_INTRODUCTION', start: '2026-03-01' };
    const { data, errors } = await env.run(RECORD, { input }, callerFor(QINGHAI));
    expect(errors).toBeUndefined();
    expect(data.recordEngagement.engagement).toMatchObject({ talentId: national._id, homeRegion: { code: SICHUAN }, hostRegion: { code: QINGHAI } });
    const events = await env.audit.list({ region: SICHUAN, page: { first: 10, afterKey: null } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: 'Engagement', talentId: national._id, talentHome: SICHUAN, actorRegion: QINGHAI });
  });

  it('lets the real home record its hidden talent’s engagement elsewhere, and a prefecture of it name itself as home', async () => {
    const sichuan = await env.run(RECORD, { input: { talentId: hidden._id, hostRegion: QINGHAI, kind: 'SECONDMENT', start: '2026-03-01' } }, callerFor(SICHUAN));
    expect(sichuan.errors).toBeUndefined();
    expect(sichuan.data.recordEngagement.engagement.homeRegion).toEqual({ code: SICHUAN });
    const chengdu = await env.run(
      RECORD,
      { input: { talentId: hidden._id, homeRegion: '510100', hostRegion: CHONGQING, kind: 'SECONDMENT', start: '2026-03-01' } },
      callerFor('510100'),
    );
    expect(chengdu.errors).toBeUndefined();
    expect(chengdu.data.recordEngagement.engagement.homeRegion).toEqual({ code: '510100' });
  });

  it('refuses a host that is the talent’s home province itself with BAD_USER_INPUT', async () => {
    const { errors } = await env.run(RECORD, { input: { talentId: national._id, hostRegion: SICHUAN, kind: 'SECONDMENT', start: '2026-03-01' } }, callerFor(SICHUAN));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hostRegion' });
    await nothingWritten();
  });
});

describe('coordination: fail closed and owner-confirmed talents only', () => {
  it('refuses the write with SUBGRAPH_UNAVAILABLE when experts cannot be reached, writing nothing', async () => {
    const down = { ...directory, owners: createOwnerLookup({ url: 'http://127.0.0.1:9/graphql', timeoutMs: 500 }) };
    const env = await setup(down);
    const before = await env.store.countEngagements({});
    const { data, errors } = await env.run(RECORD, { input: { talentId: national._id, hostRegion: QINGHAI, kind: 'SECONDMENT', start: '2026-03-01' } }, callerFor(SICHUAN));
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'experts' });
    expect(JSON.stringify(errors)).not.toContain('127.0.0.1');
    expect(await env.store.countEngagements({})).toBe(before);
    expect(await env.audit.list({ region: SICHUAN, page: { first: 10, afterKey: null } })).toEqual([]);
  });

  it('resolves a talent reference without the home region experts gives (@requires) to nothing', async () => {
    const env = await setup();
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id engagements { id } } } }';
    const bare = await env.run(query, { r: [{ __typename: 'Talent', id: 'T0001' }] });
    expect(bare.data?._entities).toEqual([null]);
    const confirmed = await env.run(query, { r: [{ __typename: 'Talent', id: 'T0001', homeRegion: { code: SICHUAN } }] });
    expect(confirmed.data?._entities[0].engagements.length).toBeGreaterThan(0);
  });
});
