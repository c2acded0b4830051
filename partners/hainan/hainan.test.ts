import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPartnerPolicy } from '../../gateway/registry/policy.ts';
import { type CallerSigner, createCallerSigner } from '../../gateway/signer.ts';
import { compose, coreSubgraphSources } from '../../schema/compose.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { startSubgraph, type StartedSubgraph } from '../../platform/runner.ts';
import { recordCalls, type StoreCall } from '../../store/port.ts';
import { exampleData, seedTalentIds } from './data.ts';
import { HainanServiceRecordDoc, HainanTalentCardDoc, OWNER_REGION } from './model.ts';
import { hainanService, sdl } from './server.ts';
import type { HainanStore } from './store.ts';

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const SICHUAN = '510000';

describe('the Hainan free-trade-port talent service subgraph', () => {
  let signer: CallerSigner;
  let partner: StartedSubgraph<HainanStore, never>;
  const calls: StoreCall[] = [];
  const data = exampleData();

  beforeAll(async () => {
    signer = await createCallerSigner();
    const db = recordCalls(createEmbeddedDatabase(), (call) => calls.push(call));
    partner = await startSubgraph(hainanService, { db, port: 0, host: '127.0.0.1', keys: signer.localKeys(), seed: data });
  });
  afterAll(async () => {
    await partner?.close();
  });

  /** Asks the subgraph as the gateway would for a caller of `region` (no token when region is null). */
  async function ask(query: string, variables: Record<string, unknown>, region: string | null): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (region) headers.authorization = `Bearer ${await signer.sign({ audience: 'hainan', sub: 'test-system', region, scopes: ['talent:read'], purpose: null, grants: [] })}`;
    const res = await fetch(partner.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as Answer;
  }

  it('ships valid synthetic example data', () => {
    expect(data.records.length).toBeGreaterThan(500);
    // For every fifth talent of the hub's default seed data, by the ids that name their province.
    const seed = seedTalentIds();
    expect([...new Set(data.records.map((r) => r.talentId))]).toEqual(seed.filter((_, i) => (i + 1) % 5 === 0));
    expect(data.records[0]!.talentId).toMatch(/^T-\d{2}0000-000005$/);
    for (const r of data.records) expect(HainanServiceRecordDoc.safeParse(r).error).toBeUndefined();
    for (const c of data.cards) expect(HainanTalentCardDoc.safeParse(c).error).toBeUndefined();
  });

  it('composes with the hub core and keeps to the hainan namespace', () => {
    const core = coreSubgraphSources();
    expect(
      checkPartnerPolicy(
        { name: 'hainan', doc: parse(sdl) },
        core.map((c) => ({ name: c.name, doc: parse(c.sdl) })),
        [],
      ),
    ).toEqual([]);
    const composition = compose([...core, { name: 'hainan', url: partner.url, sdl }]);
    expect(composition.ok ? [] : composition.errors).toEqual([]);
  });

  it('adds services and the talent card to many talents with one store call per hop', async () => {
    const talentIds = [...new Set(data.records.map((r) => r.talentId))].slice(0, 30);
    calls.length = 0;
    const body = await ask(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id hainanServiceRecords { id kind status centre city { code } } hainanTalentCard { number tier } } } }',
      { r: talentIds.map((id) => ({ __typename: 'Talent', id })) },
      SICHUAN,
    );
    expect(body.errors).toBeUndefined();
    const entities = body.data!._entities as { id: string; hainanServiceRecords: { id: string; city: { code: string } }[]; hainanTalentCard: { number: string } | null }[];
    for (const entity of entities) {
      const expected = data.records.filter((r) => r.talentId === entity.id);
      expect(entity.hainanServiceRecords.map((r) => r.id).sort()).toEqual(expected.map((r) => r._id).sort());
      for (const r of entity.hainanServiceRecords) expect(r.city.code).toMatch(/^46/);
      expect(entity.hainanTalentCard?.number ?? null).toBe(data.cards.find((c) => c.talentId === entity.id)?._id ?? null);
    }
    expect(
      calls
        .filter((c) => c.method === 'find')
        .map((c) => c.collection)
        .sort(),
    ).toEqual(['service_records', 'talent_cards']);
  });

  it("lists records only for Hainan's own systems", async () => {
    const query = '{ hainanServiceRecords(kind: SETTLEMENT, first: 5) { totalCount edges { node { id kind } } pageInfo { hasNextPage } } }';
    const own = await ask(query, {}, OWNER_REGION);
    expect(own.errors).toBeUndefined();
    expect(own.data!.hainanServiceRecords.totalCount).toBe(data.records.filter((r) => r.kind === 'SETTLEMENT').length);
    expect(own.data!.hainanServiceRecords.edges).toHaveLength(5);
    const other = await ask(query, {}, SICHUAN);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await ask('{ hainanServiceRecords(first: 500) { totalCount } }', {}, OWNER_REGION);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers nothing without the gateway caller token', async () => {
    const body = await ask(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { hainanServiceRecords { id } } } }',
      { r: [{ __typename: 'Talent', id: data.records[0]!.talentId }] },
      null,
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
