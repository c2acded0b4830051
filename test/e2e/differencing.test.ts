import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, generateDataset } from '../../data/generate.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type AsOptions, type GraphQLResponse, post, startHub } from '../helpers/hub.ts';
import { startHubProcesses } from '../helpers/processes.ts';

/**
 * The differencing attacks of issue 12 against the aggregates, through the gateway over HTTP: a
 * province with a statistics key (and, where said, the right to read profiles) tries to recover
 * what the hub hides about other provinces' talents and engagements, by combining answers.
 * Each attack recovered exact hidden numbers before disclosure control (suppression and
 * consistent random rounding, README "Privacy: what an aggregate can tell"); each must fail now.
 * The attacks run against an in-process hub and again against the hub's real processes started
 * as `npm start` does, there with a HUB_STATS_KEY of their own.
 */
const SICHUAN = '510000';
const QINGHAI = '630000'; // bound by no agreement: sees other provinces' NATIONAL talents only
const STATS: AsOptions = { region: QINGHAI, scopes: ['stats:read'] };
const STATS_AND_READ: AsOptions = { region: QINGHAI, scopes: ['stats:read', 'talent:read'] };
const MIN = 5; // HUB_STATS_MIN_GROUP default
const BASE = 5; // HUB_STATS_ROUNDING_BASE default
const AVAILABILITY = ['AVAILABLE', 'LIMITED', 'UNAVAILABLE'] as const;

/** What the attacks need of a running hub: the gateway, as a provincial system, and the seed it holds. */
interface Target {
  dataset: Dataset;
  query(query: string, variables: Record<string, unknown>, as: AsOptions): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

let hub: Target;

const province = (code: string) => `${code.slice(0, 2)}0000`;

async function data(query: string, variables: Record<string, unknown>, as: AsOptions) {
  const res = await hub.query(query, variables, as);
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!;
}

interface Group {
  keys: { value: string | null }[];
  count: number | null;
  ownRegionCount: number;
  suppressed: boolean;
}

const BY_REGION = `query($filter: TalentFilter) { talentStats(groupBy: [REGION], filter: $filter) {
  total ownRegionTotal suppressedGroups groups { keys { value } count ownRegionCount suppressed } } }`;

/** Published counts per province of `talentStats(groupBy: [REGION], filter)`: a number, or null when suppressed or left out. */
async function byRegion(filter: Record<string, unknown>, as: AsOptions): Promise<Map<string, number | null>> {
  const stats = (await data(BY_REGION, { filter }, as)).talentStats;
  return new Map((stats.groups as Group[]).map((g) => [g.keys[0]!.value!, g.count]));
}

/** The exact number of talents matching `filter` that `region` may see (what it could list with talent:read). */
async function truth(filter: Record<string, unknown>, region: string): Promise<number> {
  return (await data('query($f: TalentFilter) { talents(filter: $f) { totalCount } }', { f: filter }, { region, scopes: ['talent:read'] })).talents.totalCount;
}

function attacks(start: () => Promise<Target>) {
  beforeAll(async () => {
    hub = await start();
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('(a) a hidden cell is not the margin minus the published cells of its row', async () => {
    // The attacker's tables: the province margin, and the same margin split by availability,
    // one query per value (each answer protected on its own, which is what the attack exploits).
    const margin = await byRegion({}, STATS);
    const perValue = new Map<string, Map<string, number | null>>();
    for (const value of AVAILABILITY) perValue.set(value, await byRegion({ availability: value }, STATS));

    let attacked = 0;
    let recovered = 0;
    for (const [region, total] of margin) {
      if (region === QINGHAI || total === null) continue;
      for (const hidden of AVAILABILITY) {
        const cell = perValue.get(hidden)!.get(region);
        if (cell !== undefined && cell !== null) continue; // not hidden
        const others = AVAILABILITY.filter((s) => s !== hidden).map((s) => perValue.get(s)!.get(region));
        if (others.some((c) => c === undefined || c === null)) continue; // more than one hidden cell
        attacked++;
        const estimate = total - others.reduce<number>((n, c) => n + c!, 0);
        const actual = await truth({ homeRegion: region, availability: hidden }, QINGHAI);
        expect(actual, `${region} ${hidden} is hidden because it is small`).toBeLessThan(MIN);
        if (estimate === actual) recovered++;
        // What the attacker can conclude: every published count of others' talents is within
        // BASE - 1 of the truth, and the hidden one is below MIN. Several values stay possible.
        const low = Math.max(0, total - (BASE - 1) - others.reduce<number>((n, c) => n + c! + (BASE - 1), 0));
        const high = Math.min(MIN - 1, total + (BASE - 1) - others.reduce<number>((n, c) => n + Math.max(0, c! - (BASE - 1)), 0));
        expect(actual, `${region} ${hidden}: the truth is among the values the answers allow`).toBeGreaterThanOrEqual(low);
        expect(actual).toBeLessThanOrEqual(high);
        expect(high - low, `${region} ${hidden}: the answers must leave several values possible`).toBeGreaterThanOrEqual(1);
      }
    }
    expect(attacked, 'the seed has rows with exactly one hidden availability group to attack').toBeGreaterThanOrEqual(3);
    // Exact subtraction would recover every one of them; rounding leaves the estimate off in most.
    expect(recovered / attacked).toBeLessThan(0.5);
  });

  it('(b) engagements(homeRegion, hostRegion) gives neither rows nor a count of a flow talentFlows hides', async () => {
    const engagements = hub.dataset.coordination.engagements;
    const truthOf = new Map<string, string[]>();
    for (const e of engagements) {
      const key = `${province(e.homeRegion)}>${province(e.hostRegion)}`;
      truthOf.set(key, [...(truthOf.get(key) ?? []), e._id]);
    }
    const flows = (await data('{ talentFlows(byKind: false) { from { code } to { code } count suppressed } }', {}, STATS_AND_READ)).talentFlows as {
      from: { code: string };
      to: { code: string };
      count: number;
      suppressed: boolean;
    }[];
    const shown = new Set(flows.map((f) => `${f.from.code}>${f.to.code}`));
    const small = [...truthOf].filter(([key, ids]) => ids.length < MIN && !key.split('>').includes(QINGHAI));
    expect(small.length, 'the seed has small flows between other provinces').toBeGreaterThan(0);
    for (const [key, ids] of small.slice(0, 8)) {
      // A small flow is left out, exactly like a flow that does not exist.
      expect(shown.has(key), key).toBe(false);
      const [home, host] = key.split('>');
      const listed = await data(
        'query($home: ID, $host: ID) { engagements(homeRegion: $home, hostRegion: $host, first: 100) { totalCount edges { node { id } } } }',
        { home, host },
        STATS_AND_READ,
      );
      expect(listed.engagements.totalCount, `${key} has ${ids.length}`).toBe(0);
      expect(listed.engagements.edges).toEqual([]);
      // Ids are sequential: looking them up one by one must not count the flow either.
      const byId = await data('query($id: ID!) { engagement(id: $id) { id } }', { id: ids[0] }, STATS_AND_READ);
      expect(byId.engagement, `${ids[0]} of ${key}`).toBeNull();
    }
    // Other provinces' flows that are shown are rounded, never a small exact number.
    for (const f of flows.filter((x) => x.from.code !== QINGHAI && x.to.code !== QINGHAI)) {
      const actual = truthOf.get(`${f.from.code}>${f.to.code}`)!.length;
      expect(f.suppressed).toBe(false);
      expect(f.count % BASE, JSON.stringify(f)).toBe(0);
      expect(Math.abs(f.count - actual)).toBeLessThan(BASE);
    }
  });

  it("a party to an agreement in force reads the engagements made under it between its partners (rows, not counts of others')", async () => {
    const inForce = new Set(((await data('{ agreements(inForce: true) { id } }', {}, STATS_AND_READ)).agreements as { id: string }[]).map((a) => a.id));
    const agreements = hub.dataset.coordination.agreements.filter((a) => inForce.has(a._id));
    const cases = hub.dataset.coordination.engagements.flatMap((e) => {
      const agreement = agreements.find((a) => a._id === e.agreementId);
      const party = agreement?.partyCodes.map(province).find((p) => p !== province(e.homeRegion) && p !== province(e.hostRegion));
      return party ? [{ e, party }] : [];
    });
    expect(cases.length, 'the seed has engagements under a multi-party agreement').toBeGreaterThan(0);
    const { e, party } = cases[0]!;
    const as = { region: party, scopes: ['talent:read'] };
    const listed = await data(
      'query($home: ID, $host: ID) { engagements(homeRegion: $home, hostRegion: $host, first: 100) { edges { node { id agreement { id } } } } }',
      { home: province(e.homeRegion), host: province(e.hostRegion) },
      as,
    );
    const rows = listed.engagements.edges.map((x: { node: { id: string; agreement: { id: string } | null } }) => x.node);
    expect(rows.map((r: { id: string }) => r.id)).toContain(e._id);
    // Only the rows under agreements binding the party: the others of that flow stay counts.
    for (const row of rows) expect(inForce.has(row.agreement?.id ?? ''), row.id).toBe(true);
    expect((await data('query($id: ID!) { engagement(id: $id) { id } }', { id: e._id }, as)).engagement).toEqual({ id: e._id });
  });

  it('(c) a name filter cannot tell which provinces hold a person', async () => {
    const person = hub.dataset.experts.talents.find(
      (t) => t.homeRegion !== QINGHAI && t.sharing === 'NATIONAL' && hub.dataset.experts.talents.filter((x) => x.name === t.name).length === 1,
    )!;
    // With statistics alone, text, skill and pool filters are refused with a reason.
    for (const filter of [{ text: person.name }, { skill: person.skills[0] ?? '数据分析' }, { pool: person.poolIds[0] ?? 'pool-x' }]) {
      const res = await hub.query(BY_REGION, { filter }, STATS);
      expect(res.body.data ?? null, JSON.stringify(filter)).toBeNull();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.body.errors?.[0]?.message).toContain('talent:read');
    }
    // A caller that may read profiles may filter, but the person's province is not told apart
    // from a province without a match: the answer equals the one for a name nobody has.
    const named = (await data(BY_REGION, { filter: { text: person.name } }, STATS_AND_READ)).talentStats;
    const nobody = (await data(BY_REGION, { filter: { text: '无此人名-zz' } }, STATS_AND_READ)).talentStats;
    expect(named).toEqual(nobody);
    expect(await truth({ text: person.name }, QINGHAI)).toBe(1);
  });

  it('(d) asking twice, or for the same talents another way, gives the same answer; own counts stay exact', async () => {
    const first = await hub.query(BY_REGION, { filter: { sector: 'AGRICULTURE' } }, STATS);
    const second = await hub.query(BY_REGION, { filter: { sector: 'AGRICULTURE' } }, { ...STATS, sub: 'another-dashboard' });
    expect(second.body).toEqual(first.body);

    // The same set of talents through another question: a cell of a two-dimensional table, a
    // cell of a filtered table, a filtered total. Same talents, same rounding, nothing to average.
    const grid = (await data('{ talentStats(groupBy: [REGION, SECTOR]) { groups { keys { value } count suppressed } } }', {}, STATS)).talentStats.groups as Group[];
    const filtered = await byRegion({ sector: 'AGRICULTURE' }, STATS);
    let compared = 0;
    for (const g of grid.filter((x) => x.keys[1]!.value === 'AGRICULTURE' && !x.suppressed)) {
      const region = g.keys[0]!.value!;
      expect(filtered.get(region), region).toBe(g.count);
      const total = (await data(BY_REGION, { filter: { sector: 'AGRICULTURE', homeRegion: region } }, STATS)).talentStats.total;
      expect(total, region).toBe(g.count);
      if (region !== QINGHAI) {
        const actual = await truth({ sector: 'AGRICULTURE', homeRegion: region }, QINGHAI);
        expect(g.count! % BASE, region).toBe(0);
        expect(Math.abs(g.count! - actual), region).toBeLessThan(BASE);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(3);

    // The caller's own province: exact everywhere.
    const own = (await data(BY_REGION, {}, { region: SICHUAN, scopes: ['stats:read'] })).talentStats;
    const sichuan = (own.groups as Group[]).find((g) => g.keys[0]!.value === SICHUAN)!;
    const exact = hub.dataset.experts.talents.filter((t) => t.homeRegion === SICHUAN).length;
    expect(sichuan).toMatchObject({ count: exact, ownRegionCount: exact, suppressed: false });
    expect(own.ownRegionTotal).toBe(exact);
    const ownFlows = (await data('{ talentFlows(byKind: false) { from { code } to { code } count } }', {}, { region: SICHUAN, scopes: ['stats:read'] })).talentFlows;
    for (const f of ownFlows.filter((x: any) => x.from.code === SICHUAN || x.to.code === SICHUAN)) {
      const actual = hub.dataset.coordination.engagements.filter((e) => province(e.homeRegion) === f.from.code && province(e.hostRegion) === f.to.code).length;
      expect(f.count, JSON.stringify(f)).toBe(actual);
    }
  });
}

describe('differencing attacks on talentStats and talentFlows (in-process hub)', () => {
  // 1,500 talents: enough provinces with one small availability group among larger ones to attack.
  attacks(() => startHub({ talents: 1500 }));
});

describe('differencing attacks on talentStats and talentFlows (the hub as processes, its own HUB_STATS_KEY)', () => {
  attacks(async () => {
    const talents = 1500;
    const processes = await startHubProcesses({ HUB_SEED_TALENTS: String(talents), HUB_SEED: '20260101', HUB_STATS_KEY: 'differencing-test-stats-key-0123456789abcdef' });
    return {
      dataset: generateDataset({ talents, seed: 20260101 }),
      query: async (query, variables, as) => {
        const token = await clientToken({ region: as.region ?? '510000', scopes: as.scopes ?? ALL_SCOPES, ...(as.sub ? { sub: as.sub } : {}) });
        return post(processes.url, query, variables, { authorization: `Bearer ${token}` });
      },
      close: () => processes.close(),
    };
  });
});
