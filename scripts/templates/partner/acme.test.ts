import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPartnerPolicy } from '../../../gateway/registry/policy.ts';
import { type CallerSigner, createCallerSigner } from '../../../gateway/signer.ts';
import { compose, coreSubgraphSources } from '../../../schema/compose.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { startSubgraph, type StartedSubgraph } from '../../../platform/runner.ts';
import { exampleRecords } from './data.ts';
import { OWNER_REGION } from './model.ts';
import { acmeService, sdl } from './server.ts';
import type { AcmeStore } from './store.ts';

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('the acme partner subgraph', () => {
  let signer: CallerSigner;
  let partner: StartedSubgraph<AcmeStore, never>;
  beforeAll(async () => {
    signer = await createCallerSigner();
    partner = await startSubgraph(acmeService, { db: createEmbeddedDatabase(), port: 0, host: '127.0.0.1', keys: signer.localKeys(), seed: exampleRecords });
  });
  afterAll(async () => {
    await partner?.close();
  });

  /** Asks the subgraph as the gateway would for a caller of `region` (no token when region is null). */
  async function ask(query: string, variables: Record<string, unknown>, region: string | null): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (region) headers.authorization = `Bearer ${await signer.sign({ audience: 'acme', sub: 'test-system', region, scopes: ['talent:read'], purpose: null, grants: [] })}`;
    const res = await fetch(partner.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as Answer;
  }

  it('composes with the hub core and keeps to its namespace', () => {
    const core = coreSubgraphSources();
    const others = core.map((c) => ({ name: c.name, doc: parse(c.sdl) }));
    expect(checkPartnerPolicy({ name: 'acme', doc: parse(sdl) }, others, [])).toEqual([]);
    const composition = compose([...core, { name: 'acme', url: partner.url, sdl }]);
    expect(composition.ok ? [] : composition.errors).toEqual([]);
  });

  it('adds its records to talents (the gateway asks with _entities)', async () => {
    const record = exampleRecords()[0]!;
    const body = await ask(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { acmeRecords { id title talentId } } } }',
      { r: [{ __typename: 'Talent', id: record.talentId }] },
      '110000',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities[0].acmeRecords).toContainEqual({ id: record._id, title: record.title, talentId: record.talentId });
  });

  it("lets only its own region's systems read records directly", async () => {
    const record = exampleRecords()[0]!;
    const own = await ask('query($id: ID!) { acmeRecord(id: $id) { id } }', { id: record._id }, OWNER_REGION);
    expect(own.data?.acmeRecord).toEqual({ id: record._id });
    const other = await ask('query($id: ID!) { acmeRecord(id: $id) { id } }', { id: record._id }, OWNER_REGION === '110000' ? '120000' : '110000');
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers nothing without the gateway caller token', async () => {
    const record = exampleRecords()[0]!;
    const body = await ask(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { acmeRecords { id } } } }',
      { r: [{ __typename: 'Talent', id: record.talentId }] },
      null,
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
