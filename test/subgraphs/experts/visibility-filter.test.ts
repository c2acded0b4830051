import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import type { Grant } from '../../../platform/caller.ts';
import type { RequestInfo } from '../../../platform/request.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { recordCalls } from '../../../store/port.ts';
import { createContext } from '../../../subgraphs/experts/context.ts';
import { createExpertsServer } from '../../../subgraphs/experts/server.ts';
import { ExpertsStore } from '../../../subgraphs/experts/store.ts';
import { callerFor } from '../../helpers/caller.ts';

/**
 * talents(filter: { homeRegion }) ANDs the query's home region with the sharing rule, and the rule's
 * branches for other home regions are left out (the caller's own province needs none at all): the
 * same talents and totalCount as the whole rule, with a smaller filter sent to the store.
 */
const dataset = generateDataset({ talents: 500, seed: 5 });
const OWN = '510000';
const QUERY = 'query($f: TalentFilter) { talents(filter: $f, first: 100) { totalCount edges { node { id } } } }';

async function setup() {
  const finds: Record<string, unknown>[] = [];
  const db = recordCalls(createEmbeddedDatabase(), (call, args) => {
    if (call.collection === 'talents' && (call.method === 'find' || call.method === 'countDocuments')) finds.push(args[0] as Record<string, unknown>);
  });
  const store = await ExpertsStore.open(db);
  await store.seed(dataset.experts);
  const audit = await AuditLog.open(db);
  const { server } = createExpertsServer({ logError: () => {} });
  const run = async (variables: Record<string, unknown>, request: RequestInfo) => {
    finds.length = 0;
    const res = await server.executeOperation({ query: QUERY, variables }, { contextValue: createContext({ store, audit }, request) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = res.body.singleResult as { data?: any; errors?: unknown[] };
    expect(errors).toBeUndefined();
    return { totalCount: data.talents.totalCount as number, ids: data.talents.edges.map((e: { node: { id: string } }) => e.node.id) as string[], filters: [...finds] };
  };
  return { run };
}

// The sharing rule written out on the seed's talents, independently of the store filter.
type Talent = (typeof dataset.experts.talents)[number];
const covers = (g: Grant, t: Talent) =>
  g.region === t.homeRegion && (g.sectors.some((s) => (t.sectors as string[]).includes(s)) || g.disciplines.some((d) => t.disciplineCodes.includes(d)));
const sees = (region: string, grants: Grant[], t: Talent) => t.homeRegion === region || t.sharing === 'NATIONAL' || (t.sharing === 'AGREEMENT' && grants.some((g) => covers(g, t)));

describe('talents(filter: { homeRegion }) and the sharing rule', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });

  const provinces = [...new Set(dataset.experts.talents.map((t) => t.homeRegion))].sort();
  const other = provinces.find((p) => p !== OWN && dataset.experts.talents.some((t) => t.homeRegion === p && t.sharing === 'AGREEMENT'))!;
  const third = provinces.find((p) => p !== OWN && p !== other)!;
  // An agreement with `other` (one sector, one discipline) and one with `third`.
  const grants: Grant[] = [
    { region: other, agreementId: 'agr-test-1', sectors: ['INDUSTRY'], disciplines: ['520'], contact: false },
    { region: third, agreementId: 'agr-test-2', sectors: ['SERVICES', 'AGRICULTURE'], disciplines: [], contact: false },
  ];
  const caller = callerFor(OWN, ['talent:read'], { grants });

  it('answers every home region and sector exactly as the whole rule does', async () => {
    for (const homeRegion of provinces) {
      for (const sector of [undefined, 'AGRICULTURE', 'INDUSTRY', 'SERVICES']) {
        const filter = sector ? { homeRegion, sector } : { homeRegion };
        const got = await env.run({ f: filter }, caller);
        const expected = dataset.experts.talents
          .filter((t) => t.homeRegion === homeRegion && (!sector || (t.sectors as string[]).includes(sector)) && sees(OWN, grants, t))
          .map((t) => t._id)
          .sort();
        expect(got.totalCount, JSON.stringify(filter)).toBe(expected.length);
        expect(got.ids, JSON.stringify(filter)).toEqual(expected.slice(0, 100));
      }
    }
  });

  it("sends the store no sharing branch for the caller's own province, and only that region's for another", async () => {
    const own = await env.run({ f: { homeRegion: OWN, sector: 'INDUSTRY' } }, caller);
    expect(own.filters.length).toBeGreaterThan(0);
    for (const filter of own.filters) expect(filter).toEqual({ homeRegion: OWN, sectors: 'INDUSTRY' });

    const theirs = await env.run({ f: { homeRegion: other } }, caller);
    for (const filter of theirs.filters) {
      expect(filter).toEqual({
        homeRegion: other,
        $and: [
          {
            $or: [{ sharing: 'NATIONAL' }, { homeRegion: other, sharing: 'AGREEMENT', $or: [{ sectors: { $in: ['INDUSTRY'] } }, { disciplineCodes: { $in: ['520'] } }] }],
          },
        ],
      });
    }

    // No grant for this province: NATIONAL talents only.
    const none = provinces.find((p) => p !== OWN && p !== other && p !== third)!;
    const nationalOnly = await env.run({ f: { homeRegion: none } }, caller);
    for (const filter of nationalOnly.filters) expect(filter).toEqual({ homeRegion: none, $and: [{ sharing: 'NATIONAL' }] });
    expect(nationalOnly.totalCount).toBe(dataset.experts.talents.filter((t) => t.homeRegion === none && t.sharing === 'NATIONAL').length);
  });

  it('keeps the whole rule for an open search', async () => {
    const open = await env.run({ f: { sector: 'SERVICES' } }, caller);
    for (const filter of open.filters) expect((filter.$and as { $or: unknown[] }[])[0]!.$or).toHaveLength(2 + grants.length);
    const expected = dataset.experts.talents.filter((t) => (t.sectors as string[]).includes('SERVICES') && sees(OWN, grants, t));
    expect(open.totalCount).toBe(expected.length);
  });
});
