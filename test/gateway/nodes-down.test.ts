import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFailure } from '../../gateway/nodes/router.ts';
import { type Hub, startHub } from '../helpers/hub.ts';

/**
 * A provincial node that is down costs only its own provinces: the gateway still answers with the
 * other nodes' data, and the error names the missing provinces (never a URL, host or port).
 */
describe('an experts node that is down', () => {
  let hub: Hub;
  let chongqingTalent: string;
  let sichuanTalent: string;
  beforeAll(async () => {
    hub = await startHub({
      talents: 400,
      seed: 5,
      gateway: { subgraphPolicy: { timeoutMs: 1000, retryBackoffMs: 10, breaker: { errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 60_000 }, dedupe: true } },
    });
    const talents = hub.dataset.experts.talents;
    chongqingTalent = talents.find((t) => t.homeRegion === '500000')!._id;
    sichuanTalent = talents.find((t) => t.homeRegion === '510000')!._id;
    await hub.nodes.chongqing!.close();
  });
  afterAll(async () => {
    await hub?.close();
  });

  function expectNamesChongqing(errors: any[] | undefined) {
    const error = errors?.find((e) => e.extensions?.node === 'chongqing');
    expect(error, JSON.stringify(errors)).toBeDefined();
    expect(error.extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(error.extensions.provinces).toEqual(['500000']);
    expect(error.message).toContain('500000');
    expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b|ECONNREFUSED/);
  }

  it('answers an open search with every other province, and says which province is missing', async () => {
    const res = await hub.query('{ talents(first: 100) { totalCount edges { node { id homeRegion { code } } } } }');
    expect(res.status).toBe(200);
    const homes = new Set(res.body.data!.talents.edges.map((e: any) => e.node.homeRegion.code));
    expect(homes.has('500000')).toBe(false);
    expect(homes.has('510000')).toBe(true);
    expect(homes.size).toBeGreaterThan(2);
    expectNamesChongqing(res.body.errors);
  });

  it('answers lookups of the other nodes in full and nulls only the missing province', async () => {
    const res = await hub.query(`{ a: talent(id: "${sichuanTalent}") { id } b: talent(id: "${chongqingTalent}") { id } }`);
    expect(res.body.data).toEqual({ a: { id: sichuanTalent }, b: null });
    expectNamesChongqing(res.body.errors);
    const fine = await hub.query(`{ talent(id: "${sichuanTalent}") { id name } }`);
    expect(fine.body.errors).toBeUndefined();
  });

  it('refuses a write for the missing province and keeps writing for the others', async () => {
    const input = (homeRegion: string) => ({
      name: '测试人员',
      gender: 'FEMALE',
      birthYear: 1980,
      degree: 'DOCTORATE',
      title: '研究员',
      careerStage: 'SENIOR',
      organization: '测试研究院',
      disciplineCodes: ['210'],
      sectors: ['INDUSTRY'],
      homeRegion,
      source: 'test',
    });
    const REGISTER = 'mutation R($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id homeRegion { code } } } }';
    const down = await hub.query(REGISTER, { input: input('500000') }, { region: '500000' });
    expect(down.body.data).toBeNull();
    expectNamesChongqing(down.body.errors);
    const up = await hub.query(REGISTER, { input: input('510000') }, { region: '510000' });
    expect(up.body.errors).toBeUndefined();
    expect(up.body.data!.registerTalent.talent.id).toMatch(/^T-510000-/);
  });

  it('names the provinces of a node serving "the rest" in words, and a slow node as a timeout', () => {
    const rest = hub.expertsNodes.find((n) => n.provinces === '*')!;
    const error = nodeFailure(hub.expertsNodes, rest, new GraphQLError('slow', { extensions: { code: 'SUBGRAPH_TIMEOUT' } }));
    expect(error.message).toBe(
      'The experts node for every province but 510000, 500000 did not answer in time: talent records of every province but 510000, 500000 are missing from this answer. Retry later.',
    );
    expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', node: 'rest', provinces: '*' });
  });

  it('shows each node in /health, the missing one down', async () => {
    const res = await fetch(hub.url.replace(/\/graphql$/, '/health'));
    const body = (await res.json()) as any;
    expect(body.status).toBe('degraded');
    const byName = Object.fromEntries(body.expertsNodes.map((n: any) => [n.node, n]));
    expect(byName.chongqing.status).toBe('down');
    expect(byName.sichuan.status).toBe('up');
    expect(byName.rest.status).toBe('up');
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
  });
});
