import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallerSigner } from '../../gateway/signer.ts';
import { exampleData } from '../../partners/hainan/data.ts';
import { hainanService } from '../../partners/hainan/server.ts';
import { loadConfig } from '../../platform/config.ts';
import { startSubgraph } from '../../platform/runner.ts';
import type { RunningServer } from '../../platform/server.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { META_COLLECTION } from '../../store/seed-once.ts';
import { expertsService } from '../../subgraphs/experts/server.ts';

const started: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
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

  it('makes the seed only for a store that was never seeded: a seeded one never calls the seed function', async () => {
    const signer = await createCallerSigner();
    const file = join(mkdtempSync(join(tmpdir(), 'runner-')), 'hainan.sqlite');
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
