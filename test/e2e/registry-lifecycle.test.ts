import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hainanService } from '../../partners/hainan/server.ts';
import type { HainanStore } from '../../partners/hainan/store.ts';
import { sdl as hainanSdl } from '../../partners/hainan/server.ts';
import { resolvers as hainanResolvers } from '../../partners/hainan/resolvers/resolvers.generated.ts';
import type { StartedSubgraph } from '../../platform/runner.ts';
import { createSubgraphServer, type RunningServer } from '../../platform/server.ts';
import type { HainanContext } from '../../partners/hainan/context.ts';
import { type Hub, startHub } from '../helpers/hub.ts';
import { admin, collectingLogger, hainanDataFor, removeDir, serveSdl, startHainan, tempDataDir, withRegistry } from '../helpers/registry.ts';
import { parse } from 'graphql';

/**
 * The partner lifecycle against a live gateway: check, publish, query (joined with core data),
 * update, break-and-be-rejected (each with its code, while the graph keeps serving), remove.
 */

const JOINED = `query HainanServices($id: ID!) {
  talent(id: $id) {
    id name homeRegion { code name }
    awards { year }
    hainanServiceRecords { id kind status centre city { code name } appliedOn closedOn }
    hainanTalentCard { number tier validUntil }
  }
}`;

const CENTRES_FIELD = '  "The talent service centres of the free-trade port."\n  hainanServiceCentres: [String!]!\n';
/** Version 2: adds a root field (an addition: it passes every check). */
const V2_SDL = hainanSdl.replace('type Query {\n', `type Query {\n${CENTRES_FIELD}`);

let hub: Hub;
let hainan: StartedSubgraph<HainanStore, never>;
let dataDir: string;
const stubs: RunningServer[] = [];
const log = collectingLogger();

async function stub(sdl: string): Promise<string> {
  const server = await serveSdl(sdl);
  stubs.push(server);
  return server.url;
}

/** The graph still serves core and (when published) Hainan data, on the same supergraph. */
async function expectServing(hash: string, withHainan: boolean, talentId: string) {
  const list = await admin(hub.url, 'GET', '/subgraphs');
  expect(list.body.supergraphHash).toBe(hash);
  const res = await hub.query(withHainan ? JOINED : 'query($id: ID!) { talent(id: $id) { id name homeRegion { name } awards { year } } }', { id: talentId });
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data!.talent.id).toBe(talentId);
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  hub = await startHub({ talents: 600, registry: withRegistry({ dataDir, logger: log }) });
  hainan = await startHainan(hub);
});
afterAll(async () => {
  await Promise.all(stubs.map((s) => s.close()));
  await hainan?.close();
  await hub?.close();
  await removeDir(dataDir);
});

describe('a partner subgraph through the registry (Hainan free-trade-port talent service)', () => {
  // A Sichuan talent with Hainan services, visible to the Sichuan caller hub.query uses.
  let talentId: string;
  let hash0: string;
  let hash1: string;

  it('lists the core subgraphs with their health before any partner is added', async () => {
    const list = await admin(hub.url, 'GET', '/subgraphs');
    expect(list.status).toBe(200);
    expect(list.body.subgraphs.map((s: any) => [s.name, s.kind, s.ownerRegion])).toEqual([
      ['experts', 'core', '000000'],
      ['projects', 'core', '000000'],
      ['coordination', 'core', '000000'],
    ]);
    for (const s of list.body.subgraphs) expect(s.health).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
    hash0 = list.body.supergraphHash;
    expect(hash0).toMatch(/^[0-9a-f]{64}$/);
  });

  it('checks the partner: composes, passes the policy, only additions', async () => {
    const check = await admin(hub.url, 'POST', '/subgraphs/check', { name: 'hainan', url: hainan.url });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.ok).toBe(true);
    expect(check.body.changes.length).toBeGreaterThan(5);
    expect(check.body.changes.every((c: any) => c.criticality !== 'BREAKING')).toBe(true);
    expect(check.body.changes.map((c: any) => c.path)).toContain('Talent.hainanServiceRecords');
    // Nothing was stored or served.
    expect((await admin(hub.url, 'GET', '/subgraphs')).body.supergraphHash).toBe(hash0);
    const res = await hub.query(`{ talent(id: "${hub.dataset.experts.talents[4]!._id}") { hainanTalentCard { number } } }`);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('publishes it: 201 with the new supergraph hash, listed with owner and health', async () => {
    const published = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body).toMatchObject({ name: 'hainan', url: hainan.url, created: true });
    hash1 = published.body.supergraphHash;
    expect(hash1).not.toBe(hash0);
    const list = await admin(hub.url, 'GET', '/subgraphs');
    expect(list.body.supergraphHash).toBe(hash1);
    const entry = list.body.subgraphs.find((s: any) => s.name === 'hainan');
    expect(entry).toMatchObject({ kind: 'partner', ownerRegion: '460000', addedBy: 'hainan-admin', url: hainan.url, served: true });
    expect(entry.addedAt).toEqual(expect.any(String));
    const health = (await (await fetch(hub.url.replace(/\/graphql$/, '/health'))).json()) as any;
    expect(health.supergraph).toMatchObject({ hash: hash1, source: 'composed', lastReload: { ok: true } });
  });

  it('answers its fields through the gateway, joined with core data from all three core subgraphs', async () => {
    const data = hainanDataFor(hub);
    const visible = hub.dataset.experts.talents.find(
      (t) => t.homeRegion === '510000' && data.cards.some((c) => c.talentId === t._id) && hub.dataset.projects.awards.some((a) => a.talentId === t._id),
    );
    const fallback = hub.dataset.experts.talents.find((t) => t.homeRegion === '510000' && data.records.some((r) => r.talentId === t._id))!;
    talentId = (visible ?? fallback)._id;
    const res = await hub.query(JOINED, { id: talentId });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const talent = res.body.data!.talent;
    const expected = data.records.filter((r) => r.talentId === talentId);
    expect(talent.homeRegion).toEqual({ code: '510000', name: '四川省' });
    expect(talent.hainanServiceRecords.map((r: any) => r.id).sort()).toEqual(expected.map((r) => r._id).sort());
    for (const r of talent.hainanServiceRecords) {
      const region = hub.dataset.coordination.regions.find((x) => x._id === r.city.code)!;
      expect(r.city.name).toBe(region.name); // resolved by the coordination subgraph
    }
    expect(talent.hainanTalentCard?.number ?? null).toBe(data.cards.find((c) => c.talentId === talentId)?._id ?? null);

    // The sharing rules still hold: another province's PRIVATE talent is null, Hainan data included.
    const hidden = hub.dataset.experts.talents.find((t) => t.homeRegion === '110000' && t.sharing === 'PRIVATE' && data.records.some((r) => r.talentId === t._id))!;
    const refused = await hub.query(JOINED, { id: hidden._id });
    expect(refused.body.data!.talent).toBeNull();

    // Hainan's own systems list records; other provinces may not.
    const own = await hub.query('{ hainanServiceRecords(kind: SETTLEMENT, first: 3) { totalCount edges { node { id kind city { name } } } } }', {}, { region: '460000' });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.hainanServiceRecords.totalCount).toBe(data.records.filter((r) => r.kind === 'SETTLEMENT').length);
    const other = await hub.query('{ hainanServiceRecords(first: 3) { totalCount } }');
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  let v2: StartedSubgraph<HainanStore, never>;
  it('updates it (same name, a new version at a new URL) under the same checks', async () => {
    v2 = await startHainan(hub, {
      ...hainanService,
      createServer: () =>
        createSubgraphServer<HainanContext>({
          name: 'hainan',
          typeDefs: parse(V2_SDL),
          resolvers: { ...hainanResolvers, Query: { ...hainanResolvers.Query, hainanServiceCentres: () => ['海南省人才服务中心', '三亚市人才服务中心'] } },
        }),
    });
    const updated = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: v2.url });
    expect(updated.status, JSON.stringify(updated.body)).toBe(201);
    expect(updated.body.created).toBe(false);
    expect(updated.body.changes).toEqual([
      { criticality: 'NON_BREAKING', type: 'FIELD_ADDED', message: "Field 'hainanServiceCentres' was added to object type 'Query'", path: 'Query.hainanServiceCentres' },
      expect.objectContaining({ criticality: 'NON_BREAKING', type: 'FIELD_DESCRIPTION_ADDED', path: 'Query.hainanServiceCentres' }),
    ]);
    hash1 = updated.body.supergraphHash;
    const res = await hub.query('{ hainanServiceCentres }');
    expect(res.body).toEqual({ data: { hainanServiceCentres: ['海南省人才服务中心', '三亚市人才服务中心'] } });
    const entry = (await admin(hub.url, 'GET', '/subgraphs')).body.subgraphs.find((s: any) => s.name === 'hainan');
    expect(entry).toMatchObject({ url: v2.url, addedBy: 'hainan-admin' });
    await expectServing(hash1, true, talentId);
  });

  it('rejects a breaking change (BREAKING_CHANGE, with the inspector messages) and keeps serving', async () => {
    const withoutCard = V2_SDL.replace(/\n {2}"The talent's Hainan talent service card[^\n]*\n {2}hainanTalentCard: HainanTalentCard\n/, '\n');
    expect(withoutCard).not.toContain('hainanTalentCard');
    const res = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: await stub(withoutCard) });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ code: 'BREAKING_CHANGE', message: "Field 'hainanTalentCard' was removed from object type 'Talent'", path: 'Talent.hainanTalentCard' }]);
    await expectServing(hash1, true, talentId);
  });

  it('rejects a schema that does not compose (COMPOSITION_FAILED, with the composition codes) and keeps serving', async () => {
    const mismatched = V2_SDL.replace('type Talent @key(fields: "id") {\n  id: ID!', 'type Talent @key(fields: "id") {\n  id: String!');
    const res = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: await stub(mismatched) });
    expect(res.status).toBe(422);
    expect(res.body.errors.length).toBeGreaterThan(0);
    for (const e of res.body.errors) expect(e).toMatchObject({ code: 'COMPOSITION_FAILED', compositionCode: expect.any(String), message: expect.any(String) });
    expect(res.body.errors.map((e: any) => e.compositionCode)).toContain('FIELD_TYPE_MISMATCH');
    await expectServing(hash1, true, talentId);
  });

  it('rejects fields that collide with the core (POLICY_VIOLATION) and keeps serving', async () => {
    const colliding = V2_SDL.replace('type Talent @key(fields: "id") {\n  id: ID!', 'type Talent @key(fields: "id") {\n  id: ID!\n  name: String!').replace(
      'type Query {\n',
      'type Query {\n  talent(id: ID!): Talent\n',
    );
    const res = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: await stub(colliding) });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => e.code)).toEqual(['POLICY_VIOLATION', 'POLICY_VIOLATION']);
    expect(res.body.errors.map((e: any) => e.message).join('\n')).toMatch(/Query\.talent collides with the root field of experts[\s\S]*Talent\.name is owned by experts/);
    await expectServing(hash1, true, talentId);
  });

  it('rejects @override (POLICY_VIOLATION) and keeps serving', async () => {
    const overriding = V2_SDL.replace('import: ["@key", "@listSize"]', 'import: ["@key", "@listSize", "@override"]').replace(
      'type Talent @key(fields: "id") {\n  id: ID!',
      'type Talent @key(fields: "id") {\n  id: ID!\n  organization: String! @override(from: "experts")',
    );
    const res = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: await stub(overriding) });
    expect(res.status).toBe(422);
    expect(res.body.errors.every((e: any) => e.code === 'POLICY_VIOLATION')).toBe(true);
    expect(res.body.errors.map((e: any) => e.message).join('\n')).toContain('@override on Talent.organization');
    await expectServing(hash1, true, talentId);
  });

  it('rejects names outside the namespace (POLICY_VIOLATION) and unreachable subgraphs (UNREACHABLE)', async () => {
    const outside = `${V2_SDL.replace('type Query {\n', 'type Query {\n  serviceCards: [ServiceCard!]!\n')}\ntype ServiceCard {\n  number: ID!\n}\n`;
    const res = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: await stub(outside) });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => e.message)).toEqual([
      'Query.serviceCards is outside the hainan namespace: name it hainanServiceCards.',
      'Type ServiceCard is outside the hainan namespace: name it HainanServiceCard.',
    ]);
    const closed = await serveSdl(V2_SDL);
    await closed.close();
    const unreachable = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: closed.url });
    expect(unreachable.status).toBe(422);
    expect(unreachable.body.errors).toEqual([{ code: 'UNREACHABLE', message: expect.stringContaining('cannot be reached') }]);
    await expectServing(hash1, true, talentId);
  });

  it("refuses another province's administrator (403) and core names (409)", async () => {
    const foreign = await admin(hub.url, 'DELETE', '/subgraphs/hainan', undefined, { region: '440000', sub: 'guangdong-admin' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors[0].code).toBe('FORBIDDEN');
    const core = await admin(hub.url, 'DELETE', '/subgraphs/experts');
    expect(core.status).toBe(409);
    expect(core.body.errors[0].code).toBe('CORE_SUBGRAPH');
    const publishCore = await admin(hub.url, 'POST', '/subgraphs', { name: 'projects', url: hainan.url });
    expect(publishCore.status).toBe(409);
    await expectServing(hash1, true, talentId);
  });

  it('removes it: the graph recomposes without it and core data keeps flowing', async () => {
    const removed = await admin(hub.url, 'DELETE', '/subgraphs/hainan');
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body).toEqual({ name: 'hainan', removed: true, supergraphHash: hash0 });
    const gone = await hub.query(JOINED, { id: talentId });
    expect(gone.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await expectServing(hash0, false, talentId);
    const list = await admin(hub.url, 'GET', '/subgraphs');
    expect(list.body.subgraphs.map((s: any) => s.name)).toEqual(['experts', 'projects', 'coordination']);
    expect((await admin(hub.url, 'DELETE', '/subgraphs/hainan')).status).toBe(404);
    await v2.close();
    // The swaps are in the log.
    expect(log.lines.filter((l) => l.message.startsWith('serving supergraph')).length).toBe(3);
  });
});
