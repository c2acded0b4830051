import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, daysBetween } from '../../platform/calendar.ts';
import { clientToken } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';
import { countBy, expectRounded, type Group, MIN, newTalent, province, STATS_QUERY, visibleTo } from '../helpers/stats.ts';

/**
 * The aggregate API through the gateway, against the seeded dataset: talentStats, talentFlows,
 * programProgress and poolCoverage give the counts the data holds, leave out what the sharing
 * rules hide, publish other provinces' records only in groups of at least MIN and rounded to a
 * multiple of BASE (own province exact), need stats:read, and are cached per caller view at the
 * gateway. The differencing attacks themselves are in differencing.test.ts.
 */
const SICHUAN = '510000';
const CHONGQING = '500000'; // 川渝 agreement with Sichuan: all sectors
const QINGHAI = '630000'; // no agreement at all
const STATS = ['stats:read'];

let hub: Hub;

async function data(query: string, variables: Record<string, unknown>, as: { region: string; scopes?: string[] }) {
  const res = await hub.query(query, variables, { scopes: STATS, ...as });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!;
}

beforeAll(async () => {
  // Agreements are cached for 5 s, so counting subgraph requests is not disturbed by their refresh.
  hub = await startHub({ talents: 600, agreementCacheMs: 5000 });
  // Sichuan registers talents under titles no seeded talent has: 6 PRIVATE, 6 AGREEMENT, 3 AGREEMENT.
  const batches = [
    ['测试专用-私有', 'PRIVATE', 6],
    ['测试专用-协议', 'AGREEMENT', 6],
    ['测试专用-小组', 'AGREEMENT', 3],
  ] as const;
  let i = 0;
  for (const [title, sharing, n] of batches) {
    for (let k = 0; k < n; k++) {
      const res = await hub.query(
        'mutation($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id } } }',
        { input: newTalent(SICHUAN, title, sharing, i++) },
        { region: SICHUAN, scopes: ['talent:write'] },
      );
      expect(res.body.errors).toBeUndefined();
    }
  }
});

afterAll(async () => {
  await hub?.close();
});

describe('talentStats', () => {
  it('counts by region what the caller may see: own province exact, others rounded, small groups left out like empty ones', async () => {
    const visible = [...hub.dataset.experts.talents.filter(visibleTo(hub.dataset, SICHUAN))];
    const expected = countBy(visible, (t) => t.homeRegion);
    // The 15 registered talents are Sichuan's own.
    expected.set(SICHUAN, (expected.get(SICHUAN) ?? 0) + 15);
    const stats = (await data(STATS_QUERY, { groupBy: ['REGION'] }, { region: SICHUAN })).talentStats;

    expect(stats.groupBy).toEqual(['REGION']);
    expect(stats.minGroupSize).toBe(MIN);
    const groups = stats.groups as Group[];
    const large = [...expected].filter(([code, n]) => code === SICHUAN || n >= MIN).map(([code]) => code);
    expect(new Set(groups.map((g) => g.keys[0]!.value))).toEqual(new Set(large));
    expect(
      [...expected.values()].some((n) => n < MIN),
      'the seed has small groups to leave out',
    ).toBe(true);
    for (const g of groups) {
      const code = g.keys[0]!.value!;
      const truth = expected.get(code)!;
      expect(g.keys[0]!.region?.code).toBe(code);
      expect(g.keys[0]!.region?.name, 'coordination names the region').toMatch(/[省市区]$/);
      if (code === SICHUAN) {
        expect(g).toMatchObject({ count: truth, ownRegionCount: truth, suppressed: false });
      } else {
        expect(g).toMatchObject({ ownRegionCount: 0, suppressed: false });
        expectRounded(g.count, truth, code);
      }
    }
    // Nothing of Sichuan's own is in another province's group, so nothing is shown suppressed.
    expect(stats.suppressedGroups).toBe(0);
    const own = expected.get(SICHUAN)!;
    expect(stats.ownRegionTotal).toBe(own);
    expectRounded(stats.total - own, visible.length + 15 - own, 'total');
    // Largest published count first.
    const shown = groups.map((g) => g.count!);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
  });

  it("leaves out another region's hidden talents and suppresses a small group, while the owner sees exact numbers", async () => {
    const query = (region: string) => data(STATS_QUERY, { groupBy: ['TITLE'], filter: { homeRegion: SICHUAN } }, { region });
    const byTitle = (stats: { groups: Group[] }) => new Map(stats.groups.map((g) => [g.keys[0]!.value, g]));

    const own = byTitle((await query(SICHUAN)).talentStats);
    expect(own.get('测试专用-私有')).toMatchObject({ count: 6, ownRegionCount: 6, suppressed: false });
    expect(own.get('测试专用-协议')).toMatchObject({ count: 6, ownRegionCount: 6, suppressed: false });
    expect(own.get('测试专用-小组')).toMatchObject({ count: 3, ownRegionCount: 3, suppressed: false });
    expect(own.get('测试专用-小组')!.keys[0]!.label).toBe('测试专用-小组');

    const partner = byTitle((await query(CHONGQING)).talentStats);
    expect(partner.has('测试专用-私有'), 'PRIVATE talents do not exist for Chongqing').toBe(false);
    expect(partner.get('测试专用-协议')).toMatchObject({ ownRegionCount: 0, suppressed: false });
    expectRounded(partner.get('测试专用-协议')!.count, 6, '6 AGREEMENT talents');
    // Three talents are too few to show: left out, exactly like the PRIVATE ones that do not exist for Chongqing.
    expect(partner.has('测试专用-小组')).toBe(false);

    const unbound = byTitle((await query(QINGHAI)).talentStats);
    for (const title of ['测试专用-私有', '测试专用-协议', '测试专用-小组']) expect(unbound.has(title), title).toBe(false);
    const nationalOfSichuan = hub.dataset.experts.talents.filter((t) => t.homeRegion === SICHUAN && t.sharing === 'NATIONAL').length;
    const qinghaiTotal = (await query(QINGHAI)).talentStats.total;
    if (nationalOfSichuan < MIN) expect(qinghaiTotal).toBeNull();
    else expectRounded(qinghaiTotal, nationalOfSichuan, "Sichuan's NATIONAL talents for Qinghai");
  });

  it('groups by list dimensions (a talent counts once per discipline) with Chinese labels, filtered', async () => {
    const visible = hub.dataset.experts.talents.filter(visibleTo(hub.dataset, SICHUAN)).filter((t) => t.sectors.includes('INDUSTRY'));
    const ownRegistered = 0; // the registered talents are in AGRICULTURE only
    const stats = (await data(STATS_QUERY, { groupBy: ['DISCIPLINE', 'CAREER_STAGE'], filter: { sector: 'INDUSTRY' } }, { region: SICHUAN })).talentStats;
    const expected = new Map<string, { own: number; others: number }>();
    for (const t of visible) {
      for (const d of t.disciplineCodes.length ? t.disciplineCodes : [null]) {
        const key = JSON.stringify([d, t.careerStage]);
        const e = expected.get(key) ?? { own: 0, others: 0 };
        if (t.homeRegion === SICHUAN) e.own += 1;
        else e.others += 1;
        expected.set(key, e);
      }
    }
    const groups = stats.groups as Group[];
    // Shown: every group with Sichuan's own talents (suppressed when others are few) and every
    // group with at least MIN of others; the rest are left out like empty groups.
    const shownKeys = [...expected].filter(([, e]) => e.own > 0 || e.others >= MIN).map(([key]) => key);
    expect(new Set(groups.map((g) => JSON.stringify(g.keys.map((k) => k.value))))).toEqual(new Set(shownKeys));
    for (const g of groups) {
      const e = expected.get(JSON.stringify(g.keys.map((k) => k.value)))!;
      expect(g.ownRegionCount).toBe(e.own);
      expect(g.suppressed, JSON.stringify(g.keys)).toBe(e.others < MIN);
      if (!g.suppressed) expectRounded(g.count! - e.own, e.others, JSON.stringify(g.keys));
      else expect(g.count).toBeNull();
    }
    expect(
      groups.some((g) => g.suppressed),
      'the table has groups of own talents with few others',
    ).toBe(true);
    const discipline = groups.find((g) => g.keys[0]!.value === '460')?.keys[0];
    if (discipline) expect(discipline.label).toBe('机械工程');
    const stage = groups[0]!.keys[1]!;
    expect(stage.dimension).toBe('CAREER_STAGE');
    expect(['青年人才', '骨干人才', '资深人才', '领军人才']).toContain(stage.label);
    expect(stats.ownRegionTotal).toBe(visible.filter((t) => t.homeRegion === SICHUAN).length + ownRegistered);
  });

  it('is answered from the counts kept in the store, never by reading talents out', async () => {
    hub.resetCalls();
    await data('query StoreProbe { talentStats(groupBy: [SECTOR, AVAILABILITY]) { total } }', {}, { region: QINGHAI });
    // Every node answers for its own provinces from the count documents kept as talents are written
    // (subgraphs/experts/counts.ts): it reads those, and no talent at all.
    const calls = Object.values(hub.nodeCalls);
    expect(calls).toHaveLength(hub.expertsNodes.length);
    for (const node of calls) {
      expect(node.length).toBeGreaterThan(0);
      expect(node.filter((c) => !(c.collection === 'talent_counts' && c.method === 'find'))).toEqual([]);
    }
  });

  it('needs stats:read (talent:read is not enough) and counts with stats:read alone', async () => {
    const res = await hub.query('{ talentStats(groupBy: [REGION]) { total } }', {}, { region: SICHUAN, scopes: ['talent:read'] });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.message).toContain('stats:read');
    const ok = await data('{ talentStats(groupBy: [REGION]) { ownRegionTotal } }', {}, { region: SICHUAN, scopes: ['stats:read'] });
    expect(ok.talentStats.ownRegionTotal).toBeGreaterThan(15);
  });

  it('rejects bad arguments with BAD_USER_INPUT naming the field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($g: [TalentDimension!]!) { talentStats(groupBy: $g) { total } }', { g: [] }, 'groupBy'],
      ['query($g: [TalentDimension!]!) { talentStats(groupBy: $g) { total } }', { g: ['SECTOR', 'SECTOR'] }, 'groupBy.1'],
      ['query($g: [TalentDimension!]!) { talentStats(groupBy: $g) { total } }', { g: ['SECTOR', 'TITLE', 'REGION', 'AVAILABILITY'] }, 'groupBy'],
      ['{ talentStats(groupBy: [REGION], filter: { homeRegion: "51" }) { total } }', {}, 'filter.homeRegion'],
    ];
    for (const [query, variables, field] of cases) {
      const res = await hub.query(query, variables, { region: SICHUAN, scopes: STATS });
      expect(res.body.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('talentFlows', () => {
  const FLOWS = `query Flows($period: PeriodInput, $kind: EngagementKind, $home: ID) {
    talentFlows(period: $period, kind: $kind, homeRegion: $home) { from { code name } to { code name } kind count suppressed } }`;

  it('counts engagements per home province, host province and kind; own flows exact, others rounded, small ones left out', async () => {
    const expected = countBy(hub.dataset.coordination.engagements, (e) => JSON.stringify([province(e.homeRegion), province(e.hostRegion), e.kind]));
    const flows = (await data(FLOWS, {}, { region: SICHUAN })).talentFlows as {
      from: { code: string; name: string };
      to: { code: string };
      kind: string;
      count: number | null;
      suppressed: boolean;
    }[];
    const mine = (key: string) => (JSON.parse(key) as string[]).slice(0, 2).includes(SICHUAN);
    const shownKeys = [...expected].filter(([key, n]) => mine(key) || n >= MIN).map(([key]) => key);
    expect(new Set(flows.map((f) => JSON.stringify([f.from.code, f.to.code, f.kind])))).toEqual(new Set(shownKeys));
    expect(shownKeys.length, 'the seed has small flows between others to leave out').toBeLessThan(expected.size);
    for (const f of flows) {
      const key = JSON.stringify([f.from.code, f.to.code, f.kind]);
      const truth = expected.get(key)!;
      expect(f.suppressed, key).toBe(false);
      if (mine(key)) expect(f.count, key).toBe(truth);
      else expectRounded(f.count, truth, key);
    }
    expect(flows.some((f) => f.from.code === SICHUAN && f.to.code === CHONGQING && f.count! > 0)).toBe(true);
    expect(flows.find((f) => f.from.code === SICHUAN)!.from.name).toBe('四川省');
  });

  it('adds the kinds up per province pair with byKind: false, so fewer flows are too small to show', async () => {
    const expected = countBy(hub.dataset.coordination.engagements, (e) => JSON.stringify([province(e.homeRegion), province(e.hostRegion)]));
    const pairs = (await data('{ talentFlows(byKind: false) { from { code } to { code } kind count suppressed } }', {}, { region: QINGHAI })).talentFlows;
    for (const f of pairs) {
      const truth = expected.get(JSON.stringify([f.from.code, f.to.code]))!;
      const mine = f.from.code === QINGHAI || f.to.code === QINGHAI;
      expect(f.kind).toBeNull();
      expect(f.suppressed).toBe(false);
      if (mine) expect(f.count).toBe(truth);
      else expectRounded(f.count, truth, JSON.stringify(f));
    }
    const perKindTruth = countBy(hub.dataset.coordination.engagements, (e) => JSON.stringify([province(e.homeRegion), province(e.hostRegion), e.kind]));
    const perKind = (await data('{ talentFlows { count } }', {}, { region: QINGHAI })).talentFlows;
    const shownShare = (shown: unknown[], all: Map<string, number>) => shown.length / all.size;
    expect(shownShare(pairs, expected)).toBeGreaterThan(shownShare(perKind, perKindTruth));
  });

  it('filters by period (active in it), kind and home region', async () => {
    const period = { start: '2024-01-01', end: '2024-12-31' };
    const expected = countBy(
      hub.dataset.coordination.engagements.filter(
        (e) => e.kind === 'EXPERT_SERVICE' && e.homeRegion === CHONGQING && e.start <= period.end && (e.end === null || e.end >= period.start),
      ),
      (e) => province(e.hostRegion),
    );
    const flows = (await data(FLOWS, { period, kind: 'EXPERT_SERVICE', home: CHONGQING }, { region: CHONGQING })).talentFlows;
    expect(new Map(flows.map((f: any) => [f.to.code, f.count]))).toEqual(expected);
  });

  it('needs stats:read and a valid period', async () => {
    const denied = await hub.query('{ talentFlows { count } }', {}, { region: SICHUAN, scopes: ['talent:read'] });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await hub.query('{ talentFlows(period: { start: "2025-01-01", end: "2024-01-01" }) { count } }', {}, { region: SICHUAN, scopes: STATS });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.end' });
  });
});

describe('programProgress', () => {
  const PROGRESS = `query Progress($region: ID, $kind: ProgramKind) {
    programProgress(region: $region, kind: $kind) { program { id name } targets { label target achieved share } share timeElapsed status } }`;

  it('gives each programme its targets against what is achieved, the share done and the time gone by', async () => {
    const all = (await data(PROGRESS, {}, { region: QINGHAI })).programProgress;
    expect(all.map((p: any) => p.program.id)).toEqual(hub.dataset.projects.programs.map((p) => p._id).sort());

    const awards = hub.dataset.projects.awards.filter((a) => a.programId === 'prog-hebei-shuangqian');
    const introduced = awards.filter((a) => a.category === 'INTRODUCED').length;
    const trained = awards.filter((a) => a.category === 'TRAINED').length;
    const [hebei] = (await data(PROGRESS, { region: '130000' }, { region: QINGHAI })).programProgress;
    expect(hebei.program.name).toBe('河北双千计划');
    expect(hebei.targets).toEqual([
      { label: '引进人才', target: 1000, achieved: introduced, share: introduced / 1000 },
      { label: '培养人才', target: 1000, achieved: trained, share: trained / 1000 },
    ]);
    expect(hebei.share).toBeCloseTo((introduced + trained) / 2000, 10);
    const today = chinaDate(new Date());
    const elapsed = Math.min(1, Math.max(0, (daysBetween('2022-01-01', today) + 1) / (daysBetween('2022-01-01', '2026-12-31') + 1)));
    expect(hebei.timeElapsed).toBeCloseTo(elapsed, 2);

    const [foshan] = (await data(PROGRESS, { region: '440600', kind: 'STAFFING_POOL' }, { region: QINGHAI })).programProgress;
    expect(foshan).toMatchObject({ program: { name: '佛山专项编制池' }, targets: [{ target: 200, achieved: 126, share: 0.63 }], share: 0.63 });
    expect(['ON_TRACK', 'BEHIND', 'ENDED']).toContain(foshan.status);
    expect(foshan.status).toBe(today > '2027-12-31' ? 'ENDED' : 0.63 >= foshan.timeElapsed ? 'ON_TRACK' : 'BEHIND');
  });

  it('needs stats:read', async () => {
    const denied = await hub.query('{ programProgress { share } }', {}, { region: SICHUAN, scopes: ['talent:read'] });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('poolCoverage', () => {
  const COVERAGE = `query Coverage($region: ID!) { poolCoverage(region: $region) {
    region { code name } summary { areas none partial full } regionPools { id }
    areas { region { code name level } status sectors missingSectors pools { id } } } }`;

  it('lists every prefecture and county under the region with its pools and sectors, gaps first', async () => {
    const coverage = (await data(COVERAGE, { region: '520000' }, { region: SICHUAN })).poolCoverage;
    const under = hub.dataset.coordination.regions.filter((r) => r._id.startsWith('52') && r._id !== '520000');
    const poolsAt = (code: string) => hub.dataset.experts.pools.filter((p) => p.regionCode === code);
    expect(coverage.region).toEqual({ code: '520000', name: '贵州省' });
    expect(coverage.regionPools.map((p: any) => p.id).sort()).toEqual(
      poolsAt('520000')
        .map((p) => p._id)
        .sort(),
    );
    expect(coverage.areas).toHaveLength(under.length);
    const rank = { NONE: 0, PARTIAL: 1, FULL: 2 } as const;
    const statuses = coverage.areas.map((a: any) => rank[a.status as keyof typeof rank]);
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
    for (const area of coverage.areas) {
      const pools = poolsAt(area.region.code);
      const sectors = (['AGRICULTURE', 'INDUSTRY', 'SERVICES'] as const).filter((s) => pools.some((p) => p.sectors.includes(s)));
      expect(area.pools.map((p: any) => p.id).sort()).toEqual(pools.map((p) => p._id).sort());
      expect(area.sectors).toEqual(sectors);
      expect(area.status).toBe(pools.length === 0 ? 'NONE' : sectors.length === 3 ? 'FULL' : 'PARTIAL');
      expect(area.region.level, 'coordination gives the level').toMatch(/^(PREFECTURE|COUNTY)$/);
    }
    const weining = coverage.areas.find((a: any) => a.region.code === '520526');
    expect(weining).toMatchObject({ region: { name: '威宁彝族回族苗族自治县' }, status: 'PARTIAL', sectors: ['AGRICULTURE'], missingSectors: ['INDUSTRY', 'SERVICES'] });
    const count = (s: string) => coverage.areas.filter((a: any) => a.status === s).length;
    expect(coverage.summary).toEqual({ areas: under.length, none: count('NONE'), partial: count('PARTIAL'), full: count('FULL') });
    expect(coverage.summary.none).toBeGreaterThan(0);
  });

  it('costs one pool query for all areas, and is null for an unknown region', async () => {
    hub.resetCalls();
    await data('query CoverageProbe { poolCoverage(region: "440000") { summary { areas } areas { pools { name } } } }', {}, { region: SICHUAN });
    expect(hub.calls.experts.filter((c) => c.collection === 'pools')).toEqual([{ collection: 'pools', method: 'find' }]);
    expect((await data(COVERAGE, { region: '990000' }, { region: SICHUAN })).poolCoverage).toBeNull();
  });

  it('needs stats:read and a region code', async () => {
    const denied = await hub.query('{ poolCoverage(region: "520000") { summary { areas } } }', {}, { region: SICHUAN, scopes: ['talent:read'] });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await hub.query('{ poolCoverage(region: "52") { summary { areas } } }', {}, { region: SICHUAN, scopes: STATS });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'region' });
  });
});

describe('response cache at the gateway', () => {
  const DASHBOARD = `query CacheDashboard {
    talentStats(groupBy: [REGION]) { total ownRegionTotal groups { keys { value region { name } } count suppressed } }
    talentFlows { from { name } to { name } kind count }
    programProgress { program { name } share timeElapsed }
    poolCoverage(region: "510000") { summary { areas none } } }`;
  const requests = () => hub.graphqlRequests();
  const perNode = () => Object.values(hub.graphqlRequests().nodes);

  it('answers a repeated dashboard query without reaching the subgraphs, per caller view', async () => {
    const first = await hub.query(DASHBOARD, {}, { region: SICHUAN, scopes: STATS });
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toBe('max-age=60, private');
    const before = requests();
    const again = await hub.query(DASHBOARD, {}, { region: SICHUAN, scopes: STATS, sub: 'another-dashboard' });
    expect(requests(), 'a cache hit costs the subgraphs nothing').toEqual(before);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('age')).not.toBeNull();

    // Another region never gets Sichuan's entry: it reaches the subgraphs and gets its own answer.
    const other = await hub.query(DASHBOARD, {}, { region: CHONGQING, scopes: STATS });
    const afterOther = requests();
    expect(afterOther.experts).toBeGreaterThan(before.experts);
    expect(other.body.data!.talentStats.ownRegionTotal).not.toBe(first.body.data!.talentStats.ownRegionTotal);
    // ... and has its own entry from then on.
    await hub.query(DASHBOARD, {}, { region: CHONGQING, scopes: STATS });
    expect(requests()).toEqual(afterOther);

    // Other scopes are another view too.
    await hub.query(DASHBOARD, {}, { region: SICHUAN, scopes: ['stats:read', 'talent:read'] });
    expect(requests().experts).toBeGreaterThan(afterOther.experts);
  });

  it('is skipped with Cache-Control: no-cache and never stores answers of queries without cache hints', async () => {
    // Both are open searches: every node is asked each time, once.
    const query = 'query NotCached { talents(first: 1) { totalCount } }';
    await hub.query(query, {}, { region: SICHUAN, scopes: ['talent:read'] });
    const before = perNode();
    await hub.query(query, {}, { region: SICHUAN, scopes: ['talent:read'] });
    expect(perNode()).toEqual(before.map((n) => n + 1));

    const headers = { authorization: `Bearer ${await clientToken({ region: SICHUAN, scopes: STATS })}`, 'content-type': 'application/json', 'cache-control': 'no-cache' };
    const body = JSON.stringify({ query: '{ talentStats(groupBy: [SECTOR]) { total } }' });
    await fetch(hub.url, { method: 'POST', headers, body });
    const mid = perNode();
    await fetch(hub.url, { method: 'POST', headers, body });
    expect(perNode()).toEqual(mid.map((n) => n + 1));
  });
});

describe('the README', () => {
  it("runs the Dashboards section's examples without errors", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Dashboards'), readme.indexOf('\n## ', readme.indexOf('## Dashboards') + 5));
    const examples = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const query of examples) {
      const res = await hub.query(query, {}, { region: SICHUAN, scopes: STATS });
      expect(res.body.errors, query).toBeUndefined();
    }
  });
});
