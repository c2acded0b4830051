import type { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../data/generate.ts';
import { type CallerSigner, createCallerSigner } from '../../gateway/signer.ts';
import { OWNER_LOOKUP_SCOPE } from '../../platform/caller.ts';
import { type ExpertsNode, nodeAudience } from '../../platform/nodes.ts';
import { createOwnerLookup } from '../../platform/owners.ts';
import type { RequestInfo } from '../../platform/request.ts';
import { type StartedSubgraph, startSubgraph } from '../../platform/runner.ts';
import type { TalentDoc } from '../../subgraphs/experts/model.ts';
import { expertsService } from '../../subgraphs/experts/server.ts';
import type { ExpertsStore } from '../../subgraphs/experts/store.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { recordCalls, type StoreCall } from '../../store/port.ts';
import { callerFor } from '../helpers/caller.ts';

/**
 * The owner lookup of projects and coordination against two experts nodes over real HTTP (issue
 * 14): each node is asked, in parallel, only for the ids it holds, the answers come back in the
 * order asked, an id no node holds is null, and a node that cannot answer refuses the lookup.
 */
const dataset = generateDataset({ talents: 400, seed: 11 });
const SICHUAN = '510000';
const CHONGQING = '500000';
const QINGHAI = '630000';

function pick(predicate: (t: TalentDoc) => boolean, what: string): TalentDoc {
  const t = dataset.experts.talents.find(predicate);
  if (!t) throw new Error(`no seeded talent: ${what}`);
  return t;
}

const sichuanNational = pick((t) => t.homeRegion === SICHUAN && t.sharing === 'NATIONAL', 'Sichuan NATIONAL');
const sichuanPrivate = pick((t) => t.homeRegion === SICHUAN && t.sharing === 'PRIVATE', 'Sichuan PRIVATE');
const chongqingNational = pick((t) => t.homeRegion === CHONGQING && t.sharing === 'NATIONAL', 'Chongqing NATIONAL');
const qinghaiOwn = pick((t) => t.homeRegion === QINGHAI, 'Qinghai');

describe('owner lookups across experts nodes', () => {
  let signer: CallerSigner;
  const calls: Record<string, StoreCall[]> = { sichuan: [], rest: [] };
  const running: Record<string, StartedSubgraph<ExpertsStore>> = {};
  let nodes: ExpertsNode[];

  beforeAll(async () => {
    signer = await createCallerSigner();
    // A node needs the map only for its own provinces; the URLs are known once they listen.
    const map: ExpertsNode[] = [
      { name: 'sichuan', provinces: [SICHUAN], url: 'http://127.0.0.1:9/graphql' },
      { name: 'rest', provinces: '*', url: 'http://127.0.0.1:9/graphql' },
    ];
    for (const node of map) {
      running[node.name] = (await startSubgraph(expertsService, {
        db: recordCalls(createEmbeddedDatabase(), (call) => calls[node.name]!.push(call)),
        port: 0,
        host: '127.0.0.1',
        keys: signer.localKeys(),
        seed: dataset.experts,
        node: { name: node.name, nodes: map },
      })) as StartedSubgraph<ExpertsStore>;
    }
    nodes = map.map((n) => ({ ...n, url: running[n.name]!.url }));
  });
  afterAll(async () => {
    await Promise.all(Object.values(running).map((r) => r.close()));
  });

  /** The request as projects receives it with a mutation: the caller and its owner-lookup token for every node. */
  async function request(region: string): Promise<RequestInfo> {
    const base = callerFor(region);
    const token = await signer.sign({
      audience: ['sichuan', 'rest'].map((n) => nodeAudience('experts', n)),
      sub: base.caller!.sub,
      region,
      scopes: [OWNER_LOOKUP_SCOPE],
      purpose: null,
      grants: [],
    });
    return { ...base, ownerLookupToken: token };
  }

  const talentFinds = () => Object.fromEntries(Object.entries(calls).map(([name, list]) => [name, list.filter((c) => c.collection === 'talents' && c.method === 'find').length]));
  const resetCalls = () => {
    for (const list of Object.values(calls)) list.length = 0;
  };

  it('asks each node once for its own ids and answers in the order asked', async () => {
    const ids = [
      chongqingNational._id,
      sichuanNational._id,
      'T-510000-999999',
      sichuanPrivate._id,
      qinghaiOwn._id,
      'LEGACY1', // names no province: the `*` node's
      sichuanNational._id,
    ];
    resetCalls();
    const owners = await createOwnerLookup({ nodes }).locate(await request(QINGHAI), ids);
    expect([...owners.entries()]).toEqual([
      [chongqingNational._id, { id: chongqingNational._id, homeRegion: CHONGQING }],
      [sichuanNational._id, { id: sichuanNational._id, homeRegion: SICHUAN }],
      ['T-510000-999999', null],
      // Hidden from Qinghai: a PRIVATE talent of Sichuan looks missing.
      [sichuanPrivate._id, null],
      [qinghaiOwn._id, { id: qinghaiOwn._id, homeRegion: QINGHAI }],
      ['LEGACY1', null],
    ]);
    expect(talentFinds()).toEqual({ sichuan: 1, rest: 1 });
  });

  it('asks only the nodes that hold the ids', async () => {
    resetCalls();
    const owners = await createOwnerLookup({ nodes }).locate(await request(SICHUAN), [sichuanPrivate._id]);
    expect(owners.get(sichuanPrivate._id)).toEqual({ id: sichuanPrivate._id, homeRegion: SICHUAN });
    expect(talentFinds()).toEqual({ sichuan: 1, rest: 0 });
  });

  it('answers null, asking nobody, for an id of a province no node serves', async () => {
    resetCalls();
    const sichuanOnly = nodes.filter((n) => n.name === 'sichuan');
    const owners = await createOwnerLookup({ nodes: sichuanOnly }).locate(await request(SICHUAN), [chongqingNational._id, sichuanNational._id]);
    expect(owners.get(chongqingNational._id)).toBeNull();
    expect(owners.get(sichuanNational._id)).toEqual({ id: sichuanNational._id, homeRegion: SICHUAN });
    expect(talentFinds()).toEqual({ sichuan: 1, rest: 0 });
  });

  it('refuses the whole lookup when a node it needs cannot answer, naming its provinces, never its address', async () => {
    const down = nodes.map((n) => (n.name === 'rest' ? { ...n, url: 'http://127.0.0.1:9/graphql' } : n));
    const lookup = createOwnerLookup({ nodes: down, timeoutMs: 1000 });
    const error = (await lookup.locate(await request(SICHUAN), [sichuanNational._id, chongqingNational._id]).catch((e: unknown) => e)) as GraphQLError;
    expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'experts', retryable: true });
    expect(error.message).toContain('every province but 510000');
    expect(error.message).not.toContain('127.0.0.1');
    // A lookup that needs only the node that is up still works.
    const owners = await lookup.locate(await request(SICHUAN), [sichuanNational._id]);
    expect(owners.get(sichuanNational._id)).toEqual({ id: sichuanNational._id, homeRegion: SICHUAN });
  });

  it('is refused by a node for a token made for another node only', async () => {
    const base = callerFor(SICHUAN);
    const token = await signer.sign({ audience: 'experts@sichuan', sub: base.caller!.sub, region: SICHUAN, scopes: [OWNER_LOOKUP_SCOPE], purpose: null, grants: [] });
    const lookup = createOwnerLookup({ nodes });
    const error = (await lookup.locate({ ...base, ownerLookupToken: token }, [chongqingNational._id]).catch((e: unknown) => e)) as GraphQLError;
    expect(error.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(error.message).toContain('refused the lookup (UNAUTHENTICATED)');
  });
});
