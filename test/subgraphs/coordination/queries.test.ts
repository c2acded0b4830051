import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegions } from '../../../data/regions.ts';
import { callerFor } from '../../helpers/caller.ts';
import { engagements, setup } from './fixtures.ts';

const regions = loadRegions();
const ids = (list: { id: string }[]) => list.map((x) => x.id);
const codes = (list: { code: string }[]) => list.map((x) => x.code);

describe('coordination subgraph: queries', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });

  it('looks regions up by code and walks the tree both ways', async () => {
    const { data, errors } = await env.run('{ region(code: "440600") { code name level parent { code name level parent { code } } children { code name level } } }');
    expect(errors).toBeUndefined();
    expect(data.region).toMatchObject({ code: '440600', name: '佛山市', level: 'PREFECTURE', parent: { code: '440000', name: '广东省', level: 'PROVINCE', parent: null } });
    const foshan = regions
      .filter((r) => r.parentCode === '440600')
      .map((r) => r._id)
      .sort();
    expect(foshan.length).toBeGreaterThan(0);
    expect(codes(data.region.children)).toEqual(foshan);
    expect(data.region.children.every((c: { level: string }) => c.level === 'COUNTY')).toBe(true);

    // Counties of a municipality hang off the municipality itself.
    const yuzhong = await env.run('{ region(code: "500103") { name parent { name } children { code } } }');
    expect(yuzhong.data.region).toEqual({ name: '渝中区', parent: { name: '重庆市' }, children: [] });

    const missing = await env.run('{ region(code: "990000") { code } }');
    expect(missing.errors).toBeUndefined();
    expect(missing.data.region).toBeNull();
    const bad = await env.run('{ region(code: "51") { code } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('lists regions by level and parent, in code order', async () => {
    const provinces = await env.run('{ regions(level: PROVINCE) { code } }');
    const expected = regions
      .filter((r) => r.level === 'PROVINCE')
      .map((r) => r._id)
      .sort();
    expect(codes(provinces.data.regions)).toEqual(expected);
    expect(expected).toHaveLength(34);

    const chongqing = await env.run('{ regions(parent: "500000") { code level } }');
    expect(codes(chongqing.data.regions)).toEqual(
      regions
        .filter((r) => r.parentCode === '500000')
        .map((r) => r._id)
        .sort(),
    );

    const sichuanPrefectures = await env.run('{ regions(level: PREFECTURE, parent: "510000") { code } }');
    expect(codes(sichuanPrefectures.data.regions)).toEqual(
      regions
        .filter((r) => r.parentCode === '510000' && r.level === 'PREFECTURE')
        .map((r) => r._id)
        .sort(),
    );
    const all = await env.run('{ regions { code } }');
    expect(all.data.regions).toHaveLength(regions.length);

    const bad = await env.run('{ regions(parent: "5100") { code } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parent' });
  });

  it('serves an agreement with its parties, scope and inForce relative to now (China date)', async () => {
    const { data, errors } = await env.run(
      '{ agreement(id: "agr-chengyu") { id name parties { code name } signedOn validUntil inForce scope { sectors disciplineCodes contactSharing } measures } }',
    );
    expect(errors).toBeUndefined();
    expect(data.agreement).toEqual({
      id: 'agr-chengyu',
      name: '川渝人才协同发展合作协议',
      parties: [
        { code: '510000', name: '四川省' },
        { code: '500000', name: '重庆市' },
      ],
      signedOn: '2020-04-01',
      validUntil: null,
      inForce: true,
      scope: { sectors: ['INDUSTRY', 'SERVICES'], disciplineCodes: ['520'], contactSharing: true },
      measures: ['互认人才评价结果', '共建专家人才库'],
    });
    const states = await env.run(
      '{ a: agreement(id: "agr-cd-yz") { inForce } b: agreement(id: "agr-yunhe") { inForce } c: agreement(id: "agr-qian-yue") { inForce } d: agreement(id: "agr-nope") { id } }',
    );
    // Expired; in force on its last day (today); not yet signed; unknown.
    expect(states.data).toEqual({ a: { inForce: false }, b: { inForce: true }, c: { inForce: false }, d: null });
  });

  it('gives a region the agreements it is itself a party to, and those in force on a date', async () => {
    const { data, errors } = await env.run(`{
      sichuan: region(code: "510000") { agreements { id } agreementsInForce { id } }
      chengdu: region(code: "510100") { agreements { id } agreementsInForce { id } past: agreementsInForce(on: "2023-05-01") { id } }
      yunhe: region(code: "331125") { agreements { id } tomorrow: agreementsInForce(on: "2026-06-16") { id } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.sichuan).toEqual({ agreements: [{ id: 'agr-chengyu' }], agreementsInForce: [{ id: 'agr-chengyu' }] });
    expect(data.chengdu).toEqual({ agreements: [{ id: 'agr-cd-yz' }], agreementsInForce: [], past: [{ id: 'agr-cd-yz' }] });
    expect(data.yunhe).toEqual({ agreements: [{ id: 'agr-yunhe' }], tomorrow: [] });
    const bad = await env.run('query($on: LocalDate) { region(code: "510100") { agreementsInForce(on: $on) { id } } }', { on: '2023-02-30' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists agreements overlapping a region (at, under or above it) and by inForce, in signing order', async () => {
    const cases: [string, string[]][] = [
      ['{ agreements { id } }', ['agr-chengyu', 'agr-cd-yz', 'agr-yunhe', 'agr-qian-yue']],
      ['{ agreements(inForce: true) { id } }', ['agr-chengyu', 'agr-yunhe']],
      ['{ agreements(inForce: false) { id } }', ['agr-cd-yz', 'agr-qian-yue']],
      // A province: its own agreement and those of its prefectures.
      ['{ agreements(region: "510000") { id } }', ['agr-chengyu', 'agr-cd-yz']],
      // A prefecture: its own and its province's.
      ['{ agreements(region: "510100") { id } }', ['agr-chengyu', 'agr-cd-yz']],
      ['{ agreements(region: "510100", inForce: true) { id } }', ['agr-chengyu']],
      // A county of a municipality: its own and the municipality's.
      ['{ agreements(region: "500103") { id } }', ['agr-chengyu', 'agr-cd-yz']],
      // A prefecture with a party county under it.
      ['{ agreements(region: "350700") { id } }', ['agr-yunhe']],
      ['{ agreements(region: "330000", inForce: false) { id } }', []],
      ['{ agreements(region: "440600") { id } }', ['agr-qian-yue']],
      ['{ agreements(region: "110000") { id } }', []],
    ];
    for (const [query, expected] of cases) {
      const { data, errors } = await env.run(query);
      expect(errors, query).toBeUndefined();
      expect(ids(data.agreements), query).toEqual(expected);
    }
    const bad = await env.run('{ agreements(region: "abc") { id } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'region' });
  });

  it('finds the agreements in force that bind the provinces of two regions', async () => {
    const cases: [string, string[]][] = [
      // Province parties bind their sub-regions; the city agreement has expired by today.
      ['{ agreementsBetween(regionA: "510100", regionB: "500103") { id } }', ['agr-chengyu']],
      ['{ agreementsBetween(regionA: "510100", regionB: "500103", on: "2023-01-01") { id } }', ['agr-chengyu', 'agr-cd-yz']],
      // County parties bind their provinces: 寿宁县 is in Fujian like 政和县.
      ['{ agreementsBetween(regionA: "350924", regionB: "331125") { id } }', ['agr-yunhe']],
      ['{ agreementsBetween(regionA: "350000", regionB: "330000", on: "2026-06-16") { id } }', []],
      ['{ agreementsBetween(regionA: "520000", regionB: "440604") { id } }', []],
      ['{ agreementsBetween(regionA: "520000", regionB: "440604", on: "2027-01-01") { id } }', ['agr-qian-yue']],
      ['{ agreementsBetween(regionA: "510000", regionB: "440000") { id } }', []],
      // One province twice: the agreements with a party in it.
      ['{ agreementsBetween(regionA: "510100", regionB: "510000") { id } }', ['agr-chengyu']],
    ];
    for (const [query, expected] of cases) {
      const { data, errors } = await env.run(query);
      expect(errors, query).toBeUndefined();
      expect(ids(data.agreementsBetween), query).toEqual(expected);
    }
    const bad = await env.run('{ agreementsBetween(regionA: "510100", regionB: "5000") { id } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionB' });
  });

  it('looks an engagement up by id with its talent, regions and agreement', async () => {
    const e = engagements[0]!;
    const { data, errors } = await env.run(
      'query($id: ID!) { engagement(id: $id) { id talentId homeRegion { code name } hostRegion { code name } kind start end agreement { id name } } }',
      { id: e._id },
    );
    expect(errors).toBeUndefined();
    expect(data.engagement).toEqual({
      id: e._id,
      talentId: e.talentId,
      homeRegion: { code: '510000', name: '四川省' },
      hostRegion: { code: '500000', name: '重庆市' },
      kind: e.kind,
      start: e.start,
      end: e.end,
      agreement: { id: 'agr-chengyu', name: '川渝人才协同发展合作协议' },
    });
    const independent = await env.run('query($id: ID!) { engagement(id: $id) { agreement { id } } }', { id: engagements[1]!._id });
    expect(independent.data.engagement).toEqual({ agreement: null });
    const missing = await env.run('{ engagement(id: "E-nope") { id } }');
    expect(missing.data.engagement).toBeNull();
    const bad = await env.run('{ engagement(id: "{$gt: 1}") { id } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('filters engagements by host (at or under), home and kind, with exact totalCount, in id order', async () => {
    // Sichuan (the caller) reads the engagements of its own talents; the Fujian–Zhejiang ones are
    // not its own and come under an agreement it is no party to (see the next test).
    const sorted = [...engagements].filter((e) => e.homeRegion === '510000').sort((a, b) => (a._id < b._id ? -1 : 1));
    const cases: [Record<string, unknown>, (e: (typeof engagements)[number]) => boolean][] = [
      [{}, () => true],
      [{ hostRegion: '500000' }, (e) => e.hostRegion.startsWith('50')],
      [{ hostRegion: '500103' }, (e) => e.hostRegion === '500103'],
      [{ hostRegion: '440000' }, (e) => e.hostRegion === '440604'],
      [{ hostRegion: '330000', homeRegion: '350000' }, () => false],
      [{ homeRegion: '510000', kind: 'SECONDMENT' }, (e) => e.homeRegion === '510000' && e.kind === 'SECONDMENT'],
      [{ kind: 'EXPERT_SERVICE' }, (e) => e.kind === 'EXPERT_SERVICE'],
      [{ hostRegion: '110000' }, () => false],
    ];
    for (const [filter, predicate] of cases) {
      const { data, errors } = await env.run(
        'query($host: ID, $home: ID, $kind: EngagementKind) { engagements(hostRegion: $host, homeRegion: $home, kind: $kind, first: 100) { totalCount edges { cursor node { id } } pageInfo { hasNextPage } } }',
        { host: filter.hostRegion, home: filter.homeRegion, kind: filter.kind },
      );
      expect(errors, JSON.stringify(filter)).toBeUndefined();
      const expected = sorted.filter(predicate).map((e) => e._id);
      expect(data.engagements.totalCount, JSON.stringify(filter)).toBe(expected.length);
      expect(
        data.engagements.edges.map((e: { node: { id: string } }) => e.node.id),
        JSON.stringify(filter),
      ).toEqual(expected.slice(0, 100));
      expect(data.engagements.pageInfo.hasNextPage).toBe(expected.length > 100);
    }
  });

  it('lists and counts only the engagements a province hosts or sends, and needs talent:read', async () => {
    const fujianToZhejiang = engagements
      .filter((e) => e.homeRegion === '350000')
      .map((e) => e._id)
      .sort();
    expect(fujianToZhejiang.length).toBeGreaterThan(0);
    const list = (region: string, scopes = ['talent:read']) =>
      env.run('{ engagements(homeRegion: "350000", hostRegion: "330000", first: 100) { totalCount edges { node { id } } } }', {}, callerFor(region, scopes));
    for (const region of ['350000', '350725', '330000', '331125']) {
      const { data, errors } = await list(region);
      expect(errors, region).toBeUndefined();
      expect(data.engagements.totalCount, region).toBe(fujianToZhejiang.length);
      expect(
        data.engagements.edges.map((e: { node: { id: string } }) => e.node.id),
        region,
      ).toEqual(fujianToZhejiang);
    }
    // A third province gets neither rows nor a count, by list or by id: they count only in talentFlows.
    for (const region of ['510000', '110000']) {
      const { data } = await list(region);
      expect(data.engagements, region).toEqual({ totalCount: 0, edges: [] });
      const one = await env.run('query($id: ID!) { engagement(id: $id) { id } }', { id: fujianToZhejiang[0] }, callerFor(region, ['talent:read']));
      expect(one.data.engagement, region).toBeNull();
    }
    const denied = await list('350000', ['stats:read']);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('pages engagements with opaque cursors until the end, with no gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data, errors }: { data?: any; errors?: unknown[] } = await env.run(
        'query($after: String) { engagements(homeRegion: "510000", first: 13, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(errors).toBeUndefined();
      pages++;
      const page = data.engagements;
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const expected = engagements
      .filter((e) => e.homeRegion === '510000')
      .map((e) => e._id)
      .sort();
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 13));
  });

  it('rejects forged cursors, first above 100, negative first and bad filters as BAD_USER_INPUT naming the argument', async () => {
    for (const [variables, field] of [
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ after: Buffer.from('{"v":1,"k":{"$gt":""}}').toString('base64url') }, 'after'],
      [{ after: Buffer.from('{"v":2,"k":"E1"}').toString('base64url') }, 'after'],
      [{ host: '5000000' }, 'hostRegion'],
      [{ home: 'x' }, 'homeRegion'],
    ] as const) {
      const { data, errors } = await env.run(
        'query($first: Int, $after: String, $host: ID, $home: ID) { engagements(first: $first, after: $after, hostRegion: $host, homeRegion: $home) { totalCount } }',
        variables,
      );
      expect(data, JSON.stringify(variables)).toBeNull();
      expect(errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
