import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallerSigner } from '../../gateway/signer.ts';
import { exampleData } from '../../partners/hainan/data.ts';
import { hainanService } from '../../partners/hainan/server.ts';
import { loadConfig } from '../../platform/config.ts';
import { ConfigError } from '../../platform/env.ts';
import { processIdentity, startSubgraph } from '../../platform/runner.ts';
import type { RunningServer } from '../../platform/server.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { META_COLLECTION } from '../../store/seed-once.ts';
import { expertsService } from '../../subgraphs/experts/server.ts';
import { tempDirs } from '../helpers/temp.ts';

const started: RunningServer[] = [];
const temp = tempDirs();
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
  temp.remove();
});

async function start<T extends RunningServer>(running: Promise<T>): Promise<T> {
  const server = await running;
  started.push(server);
  return server;
}

describe('the subgraph runner', () => {
  it('gives a partner that asks for no capabilities no audit trail: no audit collections, no /audit/checkpoints', async () => {
    const signer = await createCallerSigner();
    const db = createEmbeddedDatabase();
    const partner = await start(startSubgraph(hainanService, { db, port: 0, host: '127.0.0.1', keys: signer.localKeys(), seed: exampleData }));
    expect(partner.audit).toBeNull();
    expect(partner.seeded).toBe('seeded');
    expect(await db.collection<{ _id: string; dataset: string; state: string }>(META_COLLECTION).find({ _id: 'seed' }).toArray()).toEqual([
      expect.objectContaining({ dataset: 'partner-hainan/1', state: 'done' }),
    ]);
    expect((await db.listCollections()).filter((name) => name.startsWith('audit'))).toEqual([]);
    expect((await fetch(new URL('/audit/checkpoints', partner.url))).status).toBe(404);
  });

  it('gives a core subgraph its audit trail, served at /audit/checkpoints', async () => {
    const signer = await createCallerSigner();
    const experts = await start(startSubgraph(expertsService, { db: createEmbeddedDatabase(), port: 0, host: '127.0.0.1', keys: signer.localKeys() }));
    expect(experts.audit).not.toBeNull();
    expect(experts.seeded).toBeNull();
    const res = await fetch(new URL('/audit/checkpoints', experts.url));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ subgraph: 'experts', checkpoints: [] });
  });

  it('names a node of experts in its audit chain, store file, database, checkpoint file and logs; the single node as before', async () => {
    const signer = await createCallerSigner();
    const nodes = [
      { name: 'sichuan', provinces: ['510000'], url: 'http://127.0.0.1:4011/graphql' },
      { name: 'rest', provinces: '*' as const, url: 'http://127.0.0.1:4013/graphql' },
    ];
    const node = await start(
      startSubgraph(expertsService, { db: createEmbeddedDatabase(), port: 0, host: '127.0.0.1', keys: signer.localKeys(), node: { name: 'sichuan', nodes } }),
    );
    expect(await (await fetch(new URL('/audit/checkpoints', node.url))).json()).toMatchObject({ subgraph: 'experts@sichuan' });
    await expect(
      startSubgraph(expertsService, { db: createEmbeddedDatabase(), port: 0, host: '127.0.0.1', keys: signer.localKeys(), node: { name: 'tibet', nodes } }),
    ).rejects.toThrow(/node "tibet" is not in the node map/);
    expect(processIdentity({ kind: 'core', name: 'experts' }, 'sichuan')).toEqual({
      file: 'experts-sichuan',
      database: 'experts_sichuan',
      checkpointFile: 'experts-sichuan-audit-checkpoints.jsonl',
      logName: 'experts@sichuan',
    });
    expect(processIdentity({ kind: 'core', name: 'experts' })).toEqual({
      file: 'experts',
      database: 'experts',
      checkpointFile: 'experts-audit-checkpoints.jsonl',
      logName: 'experts',
    });
    expect(processIdentity({ kind: 'partner', name: 'hainan' })).toMatchObject({ file: 'partner-hainan', database: 'partner_hainan' });
  });

  it('makes the seed only for a store that was never seeded: a seeded one never calls the seed function', async () => {
    const signer = await createCallerSigner();
    const file = join(temp.make('runner-'), 'hainan.sqlite');
    let made = 0;
    const seed = () => {
      made += 1;
      return exampleData();
    };
    const first = await startSubgraph(hainanService, { db: createEmbeddedDatabase({ file }), port: 0, host: '127.0.0.1', keys: signer.localKeys(), seed });
    expect(first.seeded).toBe('seeded');
    await first.close();
    const second = await start(startSubgraph(hainanService, { db: createEmbeddedDatabase({ file }), port: 0, host: '127.0.0.1', keys: signer.localKeys(), seed }));
    expect(second.seeded).toBe('already-seeded');
    expect(made).toBe(1);
  });
});

describe('subgraph settings in production', () => {
  const production = { NODE_ENV: 'production', HUB_GATEWAY_JWKS_URL: 'https://gateway.hub.example.gov.cn/.well-known/jwks.json' };

  it('require the secrets of the capabilities a subgraph uses, and only those', () => {
    expect(() => loadConfig(production)).toThrow(/HUB_AUDIT_KEY: is required[\s\S]*HUB_STATS_KEY: is required/);
    expect(() => loadConfig(production, ['audit'])).toThrow(/HUB_AUDIT_KEY: is required/);
    expect(() => loadConfig(production, ['audit'])).not.toThrow(/HUB_STATS_KEY/);
    expect(() => loadConfig(production, ['stats'])).toThrow(/HUB_STATS_KEY: is required/);
    expect(() => loadConfig({ ...production, HUB_EXPERTS_URL: 'http://experts.hub.internal:4001/graphql' }, ['owners'])).toThrow(
      /HUB_EXPERTS_URL: NODE_ENV=production needs an https/,
    );
    expect(loadConfig({ ...production, HUB_EXPERTS_URL: 'http://experts.hub.internal:4001/graphql' }, []).ports.partner).toBe(4100);
  });
});

describe('experts node settings', () => {
  const NODES = JSON.stringify([
    { name: 'sichuan', provinces: ['510000'], url: 'http://127.0.0.1:4011/graphql' },
    { name: 'chongqing', provinces: ['500000'], url: 'http://127.0.0.1:4012/graphql' },
    { name: 'rest', provinces: '*', url: 'http://127.0.0.1:4013/graphql' },
  ]);

  it('default to one node, experts, at HUB_EXPERTS_URL serving every province', () => {
    expect(loadConfig({ HUB_EXPERTS_URL: 'http://127.0.0.1:5001/graphql' }, [], 'experts')).toMatchObject({
      expertsNodes: [{ name: 'experts', provinces: '*', url: 'http://127.0.0.1:5001/graphql' }],
      node: 'experts',
    });
  });

  it('read the node map, and which node an experts process is', () => {
    const config = loadConfig({ HUB_EXPERTS_NODES: NODES, HUB_EXPERTS_NODE: 'chongqing' }, [], 'experts');
    expect(config.expertsNodes.map((n) => [n.name, n.provinces])).toEqual([
      ['sichuan', ['510000']],
      ['chongqing', ['500000']],
      ['rest', '*'],
    ]);
    expect(config.node).toBe('chongqing');
    // Projects and coordination only read the map: they are no node.
    expect(loadConfig({ HUB_EXPERTS_NODES: NODES }, [], 'projects').expertsNodes).toHaveLength(3);
  });

  it('refuse an experts process that names no node of the map, naming both settings', () => {
    for (const env of [{ HUB_EXPERTS_NODES: NODES }, { HUB_EXPERTS_NODES: NODES, HUB_EXPERTS_NODE: 'tibet' }, { HUB_EXPERTS_NODE: 'sichuan' }]) {
      expect(() => loadConfig(env, [], 'experts'), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => loadConfig(env, [], 'experts')).toThrow(/HUB_EXPERTS_NODE: names no node of HUB_EXPERTS_NODES/);
    }
    expect(() => loadConfig({ HUB_EXPERTS_NODES: 'not json' }, [])).toThrow(/HUB_EXPERTS_NODES: must be a JSON list/);
    expect(() => loadConfig({ HUB_EXPERTS_NODES: JSON.stringify([{ name: 'a', provinces: ['510000'], url: 'ftp://x' }]) }, [])).toThrow(/HUB_EXPERTS_NODES/);
  });

  it('hold every node URL to the production https rule when the process asks experts who owns a talent', () => {
    const production = {
      NODE_ENV: 'production',
      HUB_GATEWAY_JWKS_URL: 'https://gateway.hub.example.gov.cn/.well-known/jwks.json',
      HUB_EXPERTS_NODES: JSON.stringify([
        { name: 'sichuan', provinces: ['510000'], url: 'https://experts.sc.example.gov.cn/graphql' },
        { name: 'rest', provinces: '*', url: 'http://experts.hub.internal:4013/graphql' },
      ]),
    };
    expect(() => loadConfig(production, ['owners'])).toThrow(/HUB_EXPERTS_NODES: node "rest": NODE_ENV=production needs an https/);
    expect(() => loadConfig(production, ['owners'])).not.toThrow(/node "sichuan"/);
    expect(() => loadConfig(production, [])).not.toThrow();
    const loopback = { ...production, HUB_EXPERTS_NODES: JSON.stringify([{ name: 'rest', provinces: '*', url: 'http://127.0.0.1:4013/graphql' }]) };
    expect(() => loadConfig(loopback, ['owners'])).not.toThrow();
  });
});
