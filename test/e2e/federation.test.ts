import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgricultureTalentsDocument, TalentByIdDocument } from '../../schema/operations/generated.ts';
import { type Hub, startHub } from '../helpers/hub.ts';

describe('the federated graph end to end (three subgraphs behind the gateway, over HTTP)', () => {
  let hub: Hub;
  beforeAll(async () => {
    // Grants are fetched from coordination when the gateway's cache lapses; a long cache keeps that
    // refresh out of the store calls the batching test counts, however slow the machine is.
    hub = await startHub({ talents: 800, agreementCacheMs: 600_000, gateway: { grantsMaxStaleMs: 600_000 } });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('answers the cross-subgraph query with seeded data from all three subgraphs', async () => {
    const res = await hub.query(print(AgricultureTalentsDocument), { first: 20 });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const { talents, awards, programs } = { ...hub.dataset.experts, ...hub.dataset.projects };
    const regions = new Map(hub.dataset.coordination.regions.map((r) => [r._id, r]));
    // The caller is Sichuan: it sees its own talents, NATIONAL ones, and AGREEMENT ones of
    // Chongqing (the Sichuan–Chongqing agreement covers all three sectors).
    const chuanyu = hub.dataset.coordination.agreements.find((a) => a._id === 'agr-chuanyu')!;
    expect(chuanyu.scope.sectors).toContain('AGRICULTURE');
    const seen = (t: (typeof talents)[number]) => t.homeRegion === '510000' || t.sharing === 'NATIONAL' || (t.sharing === 'AGREEMENT' && t.homeRegion === '500000');
    const agri = talents.filter((t) => t.sectors.includes('AGRICULTURE') && seen(t)).sort((a, b) => (a._id < b._id ? -1 : 1));
    const page = res.body.data!.talents;
    expect(page.totalCount).toBe(agri.length);
    expect(page.pageInfo.hasNextPage).toBe(agri.length > 20);
    expect(page.edges.map((e: any) => e.node.id)).toEqual(agri.slice(0, 20).map((t) => t._id));
    let awardsSeen = 0;
    let engagementsSeen = 0;
    for (const { node } of page.edges) {
      const t = agri.find((x) => x._id === node.id)!;
      expect(node.homeRegion).toEqual({ code: t.homeRegion, name: regions.get(t.homeRegion)!.name });
      expect(node.disciplines.map((d: any) => d.code)).toEqual(t.disciplineCodes);
      const expectedAwards = awards.filter((a) => a.talentId === t._id);
      expect(node.awards).toHaveLength(expectedAwards.length);
      for (const a of node.awards) {
        const program = programs.find((p) => p._id === a.program.id)!;
        expect(a.program.name).toBe(program.name);
        expect(a.program.ownerRegion.name).toBe(regions.get(program.ownerRegion)!.name);
      }
      const expectedEngagements = hub.dataset.coordination.engagements.filter((e) => e.talentId === t._id);
      expect(node.engagements.map((e: any) => e.hostRegion.code).sort()).toEqual(expectedEngagements.map((e) => e.hostRegion).sort());
      awardsSeen += node.awards.length;
      engagementsSeen += node.engagements.length;
    }
    // Make sure the page exercised the joins, not just empty lists.
    const agriWithBoth = agri.filter((t) => awards.some((a) => a.talentId === t._id) && hub.dataset.coordination.engagements.some((e) => e.talentId === t._id));
    expect(agriWithBoth.length).toBeGreaterThan(0);
    expect(awardsSeen + engagementsSeen).toBeGreaterThan(0);
  });

  it('resolves one talent across subgraphs by id', async () => {
    const t = hub.dataset.experts.talents.find((x) => x.homeRegion === '510000' && hub.dataset.projects.awards.some((a) => a.talentId === x._id))!;
    const res = await hub.query(print(TalentByIdDocument), { id: t._id });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.talent).toMatchObject({ id: t._id, name: t.name, homeRegion: { code: t.homeRegion } });
    expect(res.body.data!.talent.awards.length).toBeGreaterThan(0);
  });

  it('costs the same store calls per subgraph whether the page holds 10 or 100 talents (batching)', async () => {
    const query = `query($first: Int) { talents(first: $first) { edges { node { id
      disciplines { name } pools { name } homeRegion { name }
      awards { year program { name ownerRegion { name } } }
      engagements { kind hostRegion { name } agreement { name } } } } } }`;
    const perSize: Record<number, Record<string, number>> = {};
    for (const first of [10, 100]) {
      hub.resetCalls();
      const res = await hub.query(query, { first });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.talents.edges).toHaveLength(first);
      // Each experts node on its own (the open search asks every node), projects and coordination.
      const counted = {
        ...Object.fromEntries(Object.entries(hub.nodeCalls).map(([node, calls]) => [`experts@${node}`, calls])),
        projects: hub.calls.projects,
        coordination: hub.calls.coordination,
      };
      const counts: Record<string, number> = {};
      for (const [subgraph, calls] of Object.entries(counted)) for (const c of calls) counts[`${subgraph}.${c.collection}`] = (counts[`${subgraph}.${c.collection}`] ?? 0) + 1;
      perSize[first] = counts;
    }
    expect(perSize[100]).toEqual(perSize[10]);
    // No hop is resolved talent by talent: each collection is read once per subgraph fetch of
    // the query plan (regions are reached by three fetches: home, host and programme-owner regions).
    for (const [key, n] of Object.entries(perSize[100]!)) expect(n, key).toBeLessThanOrEqual(3);
    expect(hub.expertsNodes.map((n) => n.name)).toEqual(['sichuan', 'chongqing', 'rest']);
    for (const node of hub.expertsNodes) expect(perSize[100]![`experts@${node.name}.talents`], node.name).toBe(1);
    expect(perSize[100]!['projects.awards']).toBe(1);
    expect(perSize[100]!['coordination.engagements']).toBe(1);
  });

  it('passes subgraph input errors through with their code and field', async () => {
    const res = await hub.query('{ talents(first: 500) { totalCount } }');
    expect(res.status).toBe(200);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('reports each subgraph on GET /health', async () => {
    const res = await fetch(hub.url.replace(/\/graphql$/, '/health'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.status).toBe('ok');
    expect(Object.keys(body.subgraphs).sort()).toEqual(['coordination', 'experts', 'projects']);
    for (const s of Object.values(body.subgraphs) as any[]) expect(s.status).toBe('up');
    // Each experts node on its own, by name and provinces (never its URL).
    expect(body.expertsNodes.map((n: any) => [n.node, n.status])).toEqual([
      ['sichuan', 'up'],
      ['chongqing', 'up'],
      ['rest', 'up'],
    ]);
    expect(JSON.stringify(body.expertsNodes)).not.toMatch(/127\.0\.0\.1|graphql/);
  });

  it('answers with partial data and a masked error when a subgraph is down, and /health says so', async () => {
    await hub.subgraphs.projects.close();
    const res = await hub.query('{ talents(first: 3) { edges { node { id name awards { year } } } } }');
    expect(res.status).toBe(200);
    expect(res.body.data!.talents.edges).toHaveLength(3);
    for (const e of res.body.data!.talents.edges) expect(e.node.name).toEqual(expect.any(String));
    const error = res.body.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'projects' });
    const port = new URL(hub.subgraphUrls.projects).port;
    expect(JSON.stringify(res.body.errors)).not.toContain(port);
    expect(JSON.stringify(res.body.errors)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|stack/i);
    const health = (await (await fetch(hub.url.replace(/\/graphql$/, '/health'))).json()) as any;
    expect(health.status).toBe('degraded');
    expect(health.subgraphs.projects).toMatchObject({ status: 'down', error: 'unreachable' });
  });
});
