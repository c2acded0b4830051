import { beforeAll, describe, expect, it } from 'vitest';
import { sdl } from '../../../subgraphs/coordination/server.ts';
import { engagements, setup, talentIds } from './fixtures.ts';

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ';

describe('coordination subgraph: federation', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });

  it('publishes its SDL with the keys the other subgraphs reference', async () => {
    const { data } = await env.run('{ _service { sdl } }');
    // The served SDL is reprinted (directives on their own lines), so compare without layout.
    for (const text of [data._service.sdl as string, sdl].map((t) => t.replace(/\s+/g, ' '))) {
      // Region may carry further directives (cache hints) after its key.
      expect(text).toMatch(/type Region @key\(fields: "code"\)[^{]*\{/);
      expect(text).toContain('type CooperationAgreement @key(fields: "id") {');
      expect(text).toContain('type Engagement @key(fields: "id") {');
      expect(text).toContain('type Talent @key(fields: "id") {');
      expect(text).toContain('type PageInfo @shareable {');
    }
  });

  it('resolves Talent references to their engagements, latest start first', async () => {
    // As the gateway sends them: with the home region experts gave (@requires).
    const r = [...talentIds.slice(0, 3), 'T-unknown'].map((id) => ({ __typename: 'Talent', id, homeRegion: { code: '510000' } }));
    const { data, errors } = await env.run(`${ENTITIES} ... on Talent { id engagements { id start hostRegion { code } } } } }`, { r });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(4);
    for (const [i, entity] of data._entities.entries()) {
      const expected = engagements.filter((e) => e.talentId === r[i]!.id).sort((a, b) => (a.start === b.start ? (a._id < b._id ? -1 : 1) : a.start < b.start ? 1 : -1));
      expect(entity.id).toBe(r[i]!.id);
      expect(entity.engagements).toEqual(expected.map((e) => ({ id: e._id, start: e.start, hostRegion: { code: e.hostRegion } })));
    }
    // An unknown talent (talents live in experts) simply has no engagements here.
    expect(data._entities[3].engagements).toEqual([]);
  });

  it('resolves Region, CooperationAgreement and Engagement references; unknown keys are null', async () => {
    const r = [
      { __typename: 'Region', code: '510100' },
      { __typename: 'Region', code: '990000' },
      { __typename: 'CooperationAgreement', id: 'agr-yunhe' },
      { __typename: 'CooperationAgreement', id: 'agr-nope' },
      { __typename: 'Engagement', id: engagements[2]!._id },
      { __typename: 'Region', code: '500000' },
    ];
    const { data, errors } = await env.run(
      `${ENTITIES} ... on Region { code name level parent { code } } ... on CooperationAgreement { id agreementName: name } ... on Engagement { id hostRegion { name } } } }`,
      { r },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { __typename: 'Region', code: '510100', name: '成都市', level: 'PREFECTURE', parent: { code: '510000' } },
      null,
      { __typename: 'CooperationAgreement', id: 'agr-yunhe', agreementName: '云和—政和—松溪人才互派协议' },
      null,
      { __typename: 'Engagement', id: engagements[2]!._id, hostRegion: { name: '云和县' } },
      { __typename: 'Region', code: '500000', name: '重庆市', level: 'PROVINCE', parent: null },
    ]);
  });

  it('batches: 50 talents with engagements, host regions and agreements cost one call per collection', async () => {
    const r = talentIds.slice(0, 50).map((id) => ({ __typename: 'Talent', id, homeRegion: { code: '510000' } }));
    env.calls.length = 0;
    const { data, errors } = await env.run(`${ENTITIES} ... on Talent { id engagements { kind hostRegion { name } agreement { name } } } } }`, { r });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(50);
    for (const t of data._entities) {
      expect(t.engagements).toHaveLength(2);
      expect(t.engagements.filter((e: { agreement: unknown }) => e.agreement !== null)).toHaveLength(1);
    }
    expect(env.calls.map(({ call }) => `${call.collection}.${call.method}`).sort()).toEqual(['agreements.find', 'engagements.find', 'regions.find']);
    // Each call is one `$in` over the distinct keys of the whole batch.
    const filterOf = (collection: string) => env.calls.find(({ call }) => call.collection === collection)!.args[0];
    expect(filterOf('engagements')).toEqual({ talentId: { $in: r.map((x) => x.id) } });
    const keysOf = (collection: string) => [...(filterOf(collection) as { _id: { $in: string[] } })._id.$in].sort();
    expect(keysOf('regions')).toEqual(['331125', '440604', '500000', '500103']);
    expect(keysOf('agreements')).toEqual(['agr-chengyu', 'agr-yunhe']);
  });

  it('batches Region references with their children and agreements', async () => {
    const r = ['510000', '500000', '440000', '520000', '330000', '350000'].map((code) => ({ __typename: 'Region', code }));
    env.calls.length = 0;
    const { data, errors } = await env.run(`${ENTITIES} ... on Region { name children { name } agreements { name parties { name } } } } }`, { r });
    expect(errors).toBeUndefined();
    expect(data._entities.map((e: { name: string }) => e.name)).toEqual(['四川省', '重庆市', '广东省', '贵州省', '浙江省', '福建省']);
    const counts: Record<string, number> = {};
    for (const { call } of env.calls) counts[call.collection] = (counts[call.collection] ?? 0) + 1;
    // Regions: the references, then their children; the parties are those provinces, already in the loader's cache.
    expect(counts).toEqual({ regions: 2, agreements: 1 });
  });
});
