import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import { LINKAGE_TOKENS_SCOPE } from '../../../platform/caller.ts';
import { loadConfig } from '../../../platform/config.ts';
import { DEVELOPMENT_LINKAGE_KEY, type LinkageSettings, linkageKeyBytes } from '../../../platform/linkage/fetch.ts';
import type { RequestInfo } from '../../../platform/request.ts';
import { nodeScope } from '../../../platform/runner.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { createContext } from '../../../subgraphs/experts/context.ts';
import { createExpertsServer } from '../../../subgraphs/experts/server.ts';
import { ExpertsStore } from '../../../subgraphs/experts/store.ts';
import { nodesOf } from '../../../scripts/lib/topology.ts';
import { callerFor } from '../../helpers/caller.ts';

/**
 * The owning node's part of linkage (issue 17), in-process: the tokens it serves, to whom, of which
 * records, and the settings that key them.
 */

const dataset = generateDataset({ talents: 300, seed: 17 });
const SICHUAN = '510000';
const TOKENS =
  'query T($p: ID!, $s: [SharingLevel!]!) { linkageTokens(province: $p, sharing: $s) { id province sharing residentId name birthYear gender organisation disciplines } }';

async function sichuanNode(linkage: LinkageSettings) {
  const store = await ExpertsStore.open(createEmbeddedDatabase());
  const nodes = nodesOf('three', [4011, 4012, 4013]);
  const node = nodeScope({ name: 'sichuan', nodes });
  await store.seed({ ...dataset.experts, talents: dataset.experts.talents.filter((t) => node.serves(t.homeRegion)) });
  const audit = await AuditLog.open(createEmbeddedDatabase());
  const { server } = createExpertsServer({ logError: () => {} });
  return async (query: string, variables: Record<string, unknown>, request: RequestInfo) => {
    const res = await server.executeOperation({ query, variables }, { contextValue: createContext({ store, audit, node, linkage }, request) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult as { data?: any; errors?: any[] };
  };
}

describe('linkage tokens served by the owning node', () => {
  const matcher = callerFor('500000', [LINKAGE_TOKENS_SCOPE]);
  let run: Awaited<ReturnType<typeof sichuanNode>>;
  let otherKey: Awaited<ReturnType<typeof sichuanNode>>;
  beforeAll(async () => {
    run = await sichuanNode({ key: linkageKeyBytes('a first linkage key of 32+ characters!!') });
    otherKey = await sichuanNode({ key: linkageKeyBytes('another linkage key of 32+ characters!!') });
  });

  it('serves the tokens of its own records of the sharing levels asked, and nothing they were made of', async () => {
    const own = dataset.experts.talents.filter((t) => t.homeRegion === SICHUAN && t.sharing === 'NATIONAL');
    const res = await run(TOKENS, { p: SICHUAN, s: ['NATIONAL'] }, matcher);
    expect(res.errors).toBeUndefined();
    const tokens = res.data.linkageTokens as Record<string, any>[];
    expect(tokens.map((t) => t.id).sort()).toEqual(own.map((t) => t._id).sort());
    const text = JSON.stringify(tokens);
    for (const t of own) {
      const { residentId } = t as { residentId?: string | null };
      if (residentId) expect(text).not.toContain(residentId);
      expect(text).not.toContain(t.name);
      expect(text).not.toContain(t.organization);
      expect(text).not.toContain(`"${t.birthYear}"`);
    }
    expect(tokens.some((t) => t.residentId)).toBe(true);
    // Another key: no token in common (a holder of one key's tokens learns nothing from another's).
    const other = (await otherKey(TOKENS, { p: SICHUAN, s: ['NATIONAL'] }, matcher)).data.linkageTokens as Record<string, any>[];
    const firstNames = new Set(tokens.flatMap((t) => t.name));
    expect(other.flatMap((t) => t.name).filter((n: string) => firstNames.has(n))).toEqual([]);
  });

  it('refuses a caller without the linkage:tokens scope (every client scope, or the owner lookup alone), and a province it does not hold', async () => {
    for (const scopes of [['talent:read', 'talent:contact', 'talent:write', 'linkage:write', 'stats:read'], ['talent:locate']]) {
      const res = await run(TOKENS, { p: SICHUAN, s: ['PRIVATE'] }, callerFor(SICHUAN, scopes));
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data ?? null).toBeNull();
    }
    const elsewhere = await run(TOKENS, { p: '500000', s: ['NATIONAL'] }, matcher);
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('linkage settings', () => {
  const production = {
    NODE_ENV: 'production',
    HUB_GATEWAY_JWKS_URL: 'https://gateway.hub.example.gov.cn/.well-known/jwks.json',
    HUB_AUDIT_KEY: 'x'.repeat(40),
    HUB_STATS_KEY: 'y'.repeat(40),
  };

  it('an experts node needs HUB_LINKAGE_KEY in production; coordination, which never holds it, does not', () => {
    expect(() => loadConfig(production, [], 'experts')).toThrow(/HUB_LINKAGE_KEY: is required when NODE_ENV=production/);
    expect(() => loadConfig(production, [], 'coordination')).not.toThrow();
    const keyed = loadConfig({ ...production, HUB_LINKAGE_KEY: 'z'.repeat(40) }, [], 'experts');
    expect(keyed.linkage.usingDevelopmentKey).toBe(false);
    expect(keyed.linkage.key).toEqual(linkageKeyBytes('z'.repeat(40)));
    expect(() => loadConfig({ ...production, HUB_LINKAGE_KEY: 'short' }, [], 'experts')).toThrow(/HUB_LINKAGE_KEY: must be at least 32 characters/);
  });

  it('development uses the public key (and says so); thresholds are numbers with review not above link', () => {
    const dev = loadConfig({}, [], 'experts');
    expect(dev.linkage).toMatchObject({ usingDevelopmentKey: true, thresholds: {} });
    expect(dev.linkage.key).toEqual(linkageKeyBytes(DEVELOPMENT_LINKAGE_KEY));
    expect(loadConfig({ HUB_LINKAGE_LINK_THRESHOLD: '14', HUB_LINKAGE_REVIEW_THRESHOLD: '7.5' }).linkage.thresholds).toEqual({ link: 14, review: 7.5 });
    expect(() => loadConfig({ HUB_LINKAGE_LINK_THRESHOLD: '5', HUB_LINKAGE_REVIEW_THRESHOLD: '9' })).toThrow(
      /HUB_LINKAGE_REVIEW_THRESHOLD: must not be above HUB_LINKAGE_LINK_THRESHOLD/,
    );
    expect(() => loadConfig({ HUB_LINKAGE_LINK_THRESHOLD: 'high' })).toThrow(/HUB_LINKAGE_LINK_THRESHOLD/);
  });
});
