import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../data/generate.ts';
import { loadConfig } from '../../platform/config.ts';
import { nodeForProvince, provinceOfRecordId } from '../../platform/nodes.ts';
import { provinceOf } from '../../platform/text.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import type { DatabasePort } from '../../store/port.ts';
import { clientToken } from '../helpers/caller.ts';
import { post } from '../helpers/hub.ts';
import { type HubProcesses, startHubProcesses } from '../helpers/processes.ts';

/**
 * Residency (issue 14): on a fresh hub run as `npm start` runs it (three experts nodes: Sichuan,
 * Chongqing, the rest of the country, each its own process with its own data file), each node's
 * store, read straight from its file, holds its own provinces' talents and pools and no others';
 * every talent of the seed is on exactly one node; no other process of the hub (projects,
 * coordination, the gateway and its registry) holds a talent record. A talent registered through
 * the gateway is written to its home node's file only, and so is the audit event of the write.
 */
const SICHUAN = '510000';
const CHONGQING = '500000';
const REGISTER = 'mutation($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id homeRegion { code } } } }';

let hub: HubProcesses;
/** The seed the hub's processes made (HUB_SEED_TALENTS talents from HUB_SEED, as they read them). */
let dataset: ReturnType<typeof generateDataset>;

/** Reads a node's data file as it is on disk now (read-only: the node keeps running). */
function readStore(file: string): DatabasePort {
  return createEmbeddedDatabase({ file: join(hub.dataDir, file), readOnly: true });
}

async function ids(db: DatabasePort, collection: string, filter: Record<string, unknown> = {}): Promise<string[]> {
  return (await db.collection<{ _id: string }>(collection).find(filter).toArray()).map((d) => d._id).sort();
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const talentInput = (name: string, homeRegion: string) => ({
  name,
  gender: 'MALE',
  birthYear: 1980,
  degree: 'MASTER',
  title: '高级工程师',
  careerStage: 'SENIOR',
  organization: '驻地测试单位',
  disciplineCodes: ['210'],
  sectors: ['INDUSTRY'],
  skills: ['驻地'],
  homeRegion,
  sharing: 'PRIVATE',
  source: '驻地测试',
  contact: { phone: '13800000000', email: `${homeRegion}@residency.example.cn` },
});

beforeAll(async () => {
  hub = await startHubProcesses();
  const { seed } = loadConfig(hub.env, []);
  dataset = generateDataset(seed);
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('each experts node holds its own provinces only', () => {
  it('runs three nodes, each with its own data file named after it', () => {
    expect(hub.nodes.map((n) => [n.name, n.provinces])).toEqual([
      ['sichuan', [SICHUAN]],
      ['chongqing', [CHONGQING]],
      ['rest', '*'],
    ]);
    const files = readdirSync(hub.dataDir).filter((f) => f.endsWith('.sqlite'));
    expect(files.sort()).toEqual(['coordination.sqlite', 'experts-chongqing.sqlite', 'experts-rest.sqlite', 'experts-sichuan.sqlite', 'projects.sqlite']);
  });

  it("stores each node's provinces' talents and pools, every seeded talent on exactly one node", async () => {
    const held = new Map<string, string[]>();
    for (const node of hub.nodes) {
      const db = readStore(`experts-${node.name}.sqlite`);
      try {
        const talents = await db.collection<{ _id: string; homeRegion: string }>('talents').find({}).toArray();
        const pools = await db.collection<{ _id: string; regionCode: string }>('pools').find({}).toArray();
        expect(talents.length, `talents on ${node.name}`).toBeGreaterThan(0);
        expect(pools.length, `pools on ${node.name}`).toBeGreaterThan(0);
        // Every record is of a province this node serves, by its stored home and by its id.
        for (const t of talents) {
          expect(nodeForProvince(hub.nodes, t.homeRegion)?.name, `${t._id} (home ${t.homeRegion}) on ${node.name}`).toBe(node.name);
          expect(provinceOfRecordId(t._id), t._id).toBe(provinceOf(t.homeRegion));
        }
        for (const p of pools) expect(nodeForProvince(hub.nodes, p.regionCode)?.name, `${p._id} (${p.regionCode}) on ${node.name}`).toBe(node.name);
        // Exactly the seed's records of those provinces: none missing, none added.
        const expectedTalents = dataset.experts.talents.filter((t) => nodeForProvince(hub.nodes, t.homeRegion)?.name === node.name).map((t) => t._id);
        const expectedPools = dataset.experts.pools.filter((p) => nodeForProvince(hub.nodes, p.regionCode)?.name === node.name).map((p) => p._id);
        expect(talents.map((t) => t._id).sort()).toEqual(expectedTalents.sort());
        expect(pools.map((p) => p._id).sort()).toEqual(expectedPools.sort());
        held.set(
          node.name,
          talents.map((t) => t._id),
        );
      } finally {
        await db.close();
      }
    }
    // Sichuan's node holds Sichuan's talents and nothing else; the rest holds neither province's.
    expect(
      dataset.experts.talents
        .filter((t) => t.homeRegion === SICHUAN)
        .map((t) => t._id)
        .sort(),
    ).toEqual([...held.get('sichuan')!].sort());
    expect(held.get('rest')!.some((id) => provinceOfRecordId(id) === SICHUAN || provinceOfRecordId(id) === CHONGQING)).toBe(false);
    const all = [...held.values()].flat();
    expect(new Set(all).size, 'no talent on two nodes').toBe(all.length);
    expect(all.sort()).toEqual(dataset.experts.talents.map((t) => t._id).sort());
  });

  it('leaves no talent record in any other process of the hub (projects, coordination, the gateway and its registry)', async () => {
    const nodeFiles = new Set(hub.nodes.map((n) => join(hub.dataDir, `experts-${n.name}.sqlite`)));
    const others = filesUnder(hub.dataDir).filter((f) => ![...nodeFiles].some((n) => f.startsWith(n)));
    expect(others.length).toBeGreaterThan(0);
    for (const file of others.filter((f) => f.endsWith('.sqlite'))) {
      const db = createEmbeddedDatabase({ file, readOnly: true });
      try {
        const collections = await db.listCollections();
        expect(collections, file).not.toContain('talents');
        expect(collections, file).not.toContain('pools');
      } finally {
        await db.close();
      }
    }
    // What would identify a person (name with contact details) appears in no other file at all.
    const personal = dataset.experts.talents.flatMap((t) => [t.contact.phone, t.contact.email].filter((v): v is string => typeof v === 'string' && v.length > 0));
    expect(personal.length).toBeGreaterThan(0);
    for (const file of others) {
      const text = readFileSync(file).toString('utf8');
      const found = personal.filter((p) => text.includes(p));
      expect(found, `${file} holds contact details of talents`).toEqual([]);
    }
  });
});

describe('a write through the gateway', () => {
  it("lands in the home node's store only, with its audit event", async () => {
    const written: Record<string, string> = {};
    for (const region of [SICHUAN, CHONGQING]) {
      const token = await clientToken({ region, scopes: ['talent:read', 'talent:write'], sub: `residency-${region}` });
      const res = await post(hub.url, REGISTER, { input: talentInput(`驻地测试-${region}`, region) }, { authorization: `Bearer ${token}` });
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      const talent = res.body.data!.registerTalent.talent as { id: string; homeRegion: { code: string } };
      expect(talent.homeRegion.code).toBe(region);
      expect(provinceOfRecordId(talent.id)).toBe(region);
      written[region] = talent.id;
    }
    const home: Record<string, string> = { [SICHUAN]: 'sichuan', [CHONGQING]: 'chongqing' };
    for (const node of hub.nodes) {
      const db = readStore(`experts-${node.name}.sqlite`);
      try {
        for (const [region, id] of Object.entries(written)) {
          const here = home[region] === node.name;
          expect(await ids(db, 'talents', { _id: id }), `${id} on ${node.name}`).toEqual(here ? [id] : []);
          const events = await db.collection<{ talentId: string | null }>('audit_events').countDocuments({ talentId: id });
          expect(events > 0, `audit event of ${id} on ${node.name}`).toBe(here);
        }
      } finally {
        await db.close();
      }
    }
  });
});
