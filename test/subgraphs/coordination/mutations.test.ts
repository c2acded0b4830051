import { callerFor } from '../../helpers/caller.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { type OwnerDirectory, startOwnerDirectory, talentAt } from '../../helpers/owners.ts';
import { setup } from './fixtures.ts';

const PROPOSE = `mutation($input: ProposeAgreementInput!) { proposeAgreement(input: $input) {
  agreement { id name parties { code name } signedOn validUntil inForce status scope { sectors disciplineCodes contactSharing } measures } } }`;
const RECORD = `mutation($input: RecordEngagementInput!) { recordEngagement(input: $input) {
  engagement { id talentId homeRegion { code } hostRegion { code name } kind start end agreement { id } } } }`;

const agreementInput = {
  name: '成渝地区双城经济圈人才协同发展协议',
  partyCodes: ['510100', '500000'],
  signedOn: '2026-01-01',
  validUntil: '2030-12-31',
  scope: { sectors: ['INDUSTRY'], disciplineCodes: ['520'], contactSharing: true },
  measures: ['共建人才驿站', '  互认职称  '],
};

const engagementInput = {
  talentId: 'T9001',
  homeRegion: '510000',
  hostRegion: '500103',
  kind: 'SECONDMENT',
  start: '2026-03-01',
  end: '2026-08-31',
  agreementId: 'agr-chengyu',
};

describe('coordination subgraph: mutations', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  // The owner of talents (a real experts subgraph) knows T9001 as a Sichuan talent.
  let directory: OwnerDirectory;
  beforeAll(async () => {
    const [base] = generateDataset({ talents: 1, seed: 3 }).experts.talents;
    directory = await startOwnerDirectory([talentAt(base!, 'T9001', '510000', 'NATIONAL')]);
  });
  afterAll(async () => {
    await directory?.close();
  });
  beforeEach(async () => {
    env = await setup(directory);
  });

  const agreementCount = async () => (await env.store.listAgreements({ today: '2026-06-15' })).length;
  const engagementCount = () => env.store.countEngagements({});

  it('proposes an agreement (not in force until ratified) that the region and agreement queries then see', async () => {
    const before = await agreementCount();
    const { data, errors } = await env.run(PROPOSE, { input: agreementInput });
    expect(errors).toBeUndefined();
    const agreement = data.proposeAgreement.agreement;
    expect(agreement.id).toMatch(/^agr-[0-9a-f]{12}$/);
    expect(agreement).toMatchObject({
      name: agreementInput.name,
      parties: [
        { code: '510100', name: '成都市' },
        { code: '500000', name: '重庆市' },
      ],
      signedOn: '2026-01-01',
      validUntil: '2030-12-31',
      // Sichuan proposed (and so ratified for itself); Chongqing has not ratified yet.
      inForce: false,
      status: 'PROPOSED',
      scope: agreementInput.scope,
      measures: ['共建人才驿站', '互认职称'],
    });
    expect(await agreementCount()).toBe(before + 1);

    const read = await env.run('query($id: ID!) { agreement(id: $id) { id } region(code: "510100") { agreements { id } } }', { id: agreement.id });
    expect(read.data.agreement).toEqual({ id: agreement.id });
    expect(read.data.region.agreements.map((a: { id: string }) => a.id)).toContain(agreement.id);

    // Optional parts default: open-ended, no measures, no contact sharing.
    const qianyu = { name: '黔渝协议', partyCodes: ['520000', '500000'], signedOn: '2026-07-01', scope: { sectors: ['SERVICES'] } };
    // Only a party proposes an agreement, and only with coordination:write; a refusal writes nothing.
    const callsBefore = env.calls.length;
    const notParty = await env.run(PROPOSE, { input: qianyu }, callerFor('510000'));
    expect(notParty.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noScope = await env.run(PROPOSE, { input: qianyu }, callerFor('500000', ['talent:read']));
    expect(noScope.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(env.calls.slice(callsBefore).filter((c) => c.call.method !== 'find')).toEqual([]);
    const minimal = await env.run(PROPOSE, { input: qianyu }, callerFor('500000'));
    expect(minimal.errors).toBeUndefined();
    expect(minimal.data.proposeAgreement.agreement).toMatchObject({
      validUntil: null,
      inForce: false,
      status: 'PROPOSED',
      measures: [],
      scope: { sectors: ['SERVICES'], disciplineCodes: [], contactSharing: false },
    });
  });

  it('rejects a bad agreement with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await agreementCount();
    for (const [input, field] of [
      [{ ...agreementInput, partyCodes: ['510100'] }, 'input.partyCodes'],
      [{ ...agreementInput, partyCodes: ['510100', '510100'] }, 'input.partyCodes.1'],
      [{ ...agreementInput, partyCodes: ['510100', '500000', '51'] }, 'input.partyCodes.2'],
      [{ ...agreementInput, partyCodes: ['510100', '999999'] }, 'input.partyCodes.1'],
      [{ ...agreementInput, partyCodes: ['990000', '500000'] }, 'input.partyCodes.0'],
      [{ ...agreementInput, validUntil: '2025-12-31' }, 'input.validUntil'],
      // Already over on NOW (2026-06-15): nothing to ratify.
      [{ ...agreementInput, signedOn: '2025-01-01', validUntil: '2026-06-14' }, 'input.validUntil'],
      [{ ...agreementInput, name: '   ' }, 'input.name'],
      [{ ...agreementInput, scope: { sectors: [], disciplineCodes: [] } }, 'input.scope.sectors'],
      [{ ...agreementInput, scope: { sectors: ['INDUSTRY'], disciplineCodes: ['52x'] } }, 'input.scope.disciplineCodes.0'],
      [{ ...agreementInput, measures: ['x'.repeat(201)] }, 'input.measures.0'],
    ] as const) {
      const { data, errors } = await env.run(PROPOSE, { input });
      expect(data, field).toBeNull();
      expect(errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await agreementCount()).toBe(before);
  });

  it('records an engagement that the talent, host and id lookups then see', async () => {
    const before = await engagementCount();
    const { data, errors } = await env.run(RECORD, { input: engagementInput });
    expect(errors).toBeUndefined();
    const engagement = data.recordEngagement.engagement;
    expect(engagement.id).toMatch(/^E[0-9A-F]{16}$/);
    expect(engagement).toMatchObject({
      talentId: 'T9001',
      homeRegion: { code: '510000' },
      hostRegion: { code: '500103', name: '渝中区' },
      kind: 'SECONDMENT',
      start: '2026-03-01',
      end: '2026-08-31',
      agreement: { id: 'agr-chengyu' },
    });
    expect(await engagementCount()).toBe(before + 1);

    // A second, open-ended one without an agreement, starting later: listed first for the talent.
    const second = await env.run(RECORD, {
      input: { talentId: 'T9001', homeRegion: '510000', hostRegion: '440604', kind: 'EXPERT_SERVICE', start: '2026-05-01' },
    });
    expect(second.errors).toBeUndefined();
    expect(second.data.recordEngagement.engagement).toMatchObject({ end: null, agreement: null });

    const read = await env.run('query($r: [_Any!]!, $id: ID!) { _entities(representations: $r) { ... on Talent { engagements { id } } } engagement(id: $id) { id } }', {
      r: [{ __typename: 'Talent', id: 'T9001', homeRegion: { code: '510000' } }],
      id: engagement.id,
    });
    expect(read.data._entities[0].engagements).toEqual([{ id: second.data.recordEngagement.engagement.id }, { id: engagement.id }]);
    expect(read.data.engagement).toEqual({ id: engagement.id });
  });

  it('rejects a bad engagement with BAD_USER_INPUT naming the field, an unknown agreement with NOT_FOUND, and writes nothing', async () => {
    const before = await engagementCount();
    for (const [input, field] of [
      [{ ...engagementInput, talentId: 'T 9001' }, 'input.talentId'],
      [{ ...engagementInput, talentId: '' }, 'input.talentId'],
      [{ ...engagementInput, hostRegion: '510000' }, 'input.hostRegion'],
      [{ ...engagementInput, homeRegion: '5100' }, 'input.homeRegion'],
      [{ ...engagementInput, end: '2026-02-28' }, 'input.end'],
      [{ ...engagementInput, homeRegion: '990000' }, 'input.homeRegion'],
      [{ ...engagementInput, hostRegion: '500199' }, 'input.hostRegion'],
      [{ ...engagementInput, agreementId: 'agr/../x' }, 'input.agreementId'],
      // 云和 agreement binds Zhejiang and Fujian, not Sichuan and Chongqing.
      [{ ...engagementInput, agreementId: 'agr-yunhe' }, 'input.agreementId'],
      // Binds Sichuan and Chongqing but not Zhejiang.
      [{ ...engagementInput, hostRegion: '331125' }, 'input.agreementId'],
    ] as const) {
      const { data, errors } = await env.run(RECORD, { input });
      expect(data, JSON.stringify(input)).toBeNull();
      expect(errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknown = await env.run(RECORD, { input: { ...engagementInput, agreementId: 'agr-nope' } });
    expect(unknown.data).toBeNull();
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await engagementCount()).toBe(before);

    // Prefecture and county regions bind through their provinces (within the agreement's term: it ended 2025-12-31).
    const viaProvinces = await env.run(RECORD, {
      input: { ...engagementInput, homeRegion: '510100', agreementId: 'agr-cd-yz', start: '2025-03-01', end: '2025-08-31' },
    });
    expect(viaProvinces.errors).toBeUndefined();
  });

  it('refuses an engagement under an agreement that is only proposed (a proposal lends its name to nothing) and writes nothing', async () => {
    const proposed = await env.run(PROPOSE, { input: agreementInput });
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data.proposeAgreement.agreement.status).toBe('PROPOSED');
    const before = await engagementCount();
    const { data, errors } = await env.run(RECORD, { input: { ...engagementInput, agreementId: proposed.data.proposeAgreement.agreement.id } });
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agreementId' });
    expect(errors?.[0]?.message).toMatch(/not in force/);
    expect(await engagementCount()).toBe(before);
  });
});
