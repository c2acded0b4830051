import { describe, expect, it } from 'vitest';
import { type AgreementInForce, createAgreementDirectory, DEFAULT_GRANTS_MAX_STALE_MS } from '../../gateway/agreements.ts';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { createCallerSigner } from '../../gateway/signer.ts';

const chuanyu: AgreementInForce = {
  id: 'agr-chuanyu',
  status: 'IN_FORCE',
  parties: [{ code: '510000' }, { code: '500000' }],
  scope: { sectors: ['AGRICULTURE'], disciplineCodes: [], contactSharing: true },
};

/** A directory over a coordination that can be switched off, on a clock the test moves. */
function directoryWithClock(options: { ttlMs: number; maxStaleMs?: number }) {
  let clock = 1_000_000;
  let up = true;
  let fetches = 0;
  let lapses = 0;
  let current: AgreementInForce[] = [chuanyu];
  const directory = createAgreementDirectory({
    ...options,
    now: () => clock,
    fetchAgreements: async () => {
      fetches++;
      if (!up) throw new Error('coordination unreachable');
      return current;
    },
    onError: () => {},
    onLapse: () => lapses++,
  });
  return {
    directory,
    advance: (ms: number) => (clock += ms),
    setUp: (value: boolean) => (up = value),
    setAgreements: (list: AgreementInForce[]) => (current = list),
    fetches: () => fetches,
    lapses: () => lapses,
  };
}

describe('agreement directory: grants fail closed', () => {
  it('keeps the last answer while coordination is unreachable only until it is maxStaleMs old, then grants nothing, and recovers', async () => {
    const hub = directoryWithClock({ ttlMs: 500, maxStaleMs: 2000 });
    expect(await hub.directory.grantsFor('500000')).toHaveLength(1);
    hub.setUp(false);
    hub.advance(1999);
    expect(await hub.directory.grantsFor('500000')).toHaveLength(1);
    hub.advance(2);
    expect(await hub.directory.grantsFor('500000')).toEqual([]);
    expect(await hub.directory.grantsFor('510000')).toEqual([]);
    expect(hub.lapses()).toBe(1);
    hub.setUp(true);
    expect(await hub.directory.grantsFor('500000')).toHaveLength(1);
    // A second outage lapses again, and says so again.
    hub.setUp(false);
    hub.advance(2001);
    expect(await hub.directory.grantsFor('500000')).toEqual([]);
    expect(hub.lapses()).toBe(2);
  });

  it('asks again before the answer is maxStaleMs old even when the cache time is longer', async () => {
    const hub = directoryWithClock({ ttlMs: 5000, maxStaleMs: 1000 });
    await hub.directory.grantsFor('500000');
    hub.advance(999);
    await hub.directory.grantsFor('500000');
    expect(hub.fetches()).toBe(1);
    hub.advance(2);
    hub.setAgreements([]); // terminated meanwhile
    expect(await hub.directory.grantsFor('500000')).toEqual([]);
    expect(hub.fetches()).toBe(2);
  });

  it('defaults to 30 s', async () => {
    expect(DEFAULT_GRANTS_MAX_STALE_MS).toBe(30_000);
    const hub = directoryWithClock({ ttlMs: 2000 });
    await hub.directory.grantsFor('500000');
    hub.setUp(false);
    hub.advance(30_000);
    expect(await hub.directory.grantsFor('500000')).toHaveLength(1);
    hub.advance(1);
    expect(await hub.directory.grantsFor('500000')).toEqual([]);
  });

  it('grants nothing from an agreement that coordination does not report IN_FORCE', async () => {
    const hub = directoryWithClock({ ttlMs: 0 });
    hub.setAgreements([{ ...chuanyu, id: 'agr-proposed', status: 'PROPOSED' }, { ...chuanyu, id: 'agr-suspended', status: 'SUSPENDED' }, chuanyu]);
    expect((await hub.directory.grantsFor('500000')).map((g) => g.agreementId)).toEqual(['agr-chuanyu']);
  });
});

describe('grants and the caller tokens made from them, worked out once per list of agreements', () => {
  it('gives every request of a province the same frozen grants until the agreements change, and the tokens follow them', async () => {
    const hub = directoryWithClock({ ttlMs: 10_000 });
    const signer = await createCallerSigner();
    const claims = { audience: 'experts@chongqing', sub: 'cq-system', region: '500000', scopes: ['talent:read'], purpose: null };
    const first = await hub.directory.grantsFor('500000');
    expect(await hub.directory.grantsFor('500100')).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.sectors)).toBe(true);
    expect(() => (first as unknown as string[]).push('x')).toThrow(TypeError);
    const token = await signer.sign({ ...claims, grants: first });
    expect(await signer.sign({ ...claims, grants: await hub.directory.grantsFor('500000') })).toBe(token);
    // Another province's grants are its own list and its own token.
    const sichuan = await hub.directory.grantsFor('510000');
    expect(sichuan).not.toBe(first);
    expect(sichuan.map((g) => g.region)).toEqual(['500000']);
    expect(await signer.sign({ ...claims, grants: sichuan })).not.toBe(token);

    // The agreements change: a new list, and a token carrying the new grants (not the one cached for the old).
    hub.setAgreements([{ ...chuanyu, scope: { ...chuanyu.scope, sectors: ['INDUSTRY'] } }]);
    hub.advance(10_001);
    const changed = await hub.directory.grantsFor('500000');
    expect(changed).not.toBe(first);
    expect(changed[0]!.sectors).toEqual(['INDUSTRY']);
    const changedToken = await signer.sign({ ...claims, grants: changed });
    expect(changedToken).not.toBe(token);
    const payload = JSON.parse(Buffer.from(changedToken.split('.')[1]!, 'base64url').toString('utf8')) as { grants: { sectors: string[] }[] };
    expect(payload.grants.map((g) => g.sectors)).toEqual([['INDUSTRY']]);
    // The agreement the directory read is not frozen by it (its grants are copies).
    expect(Object.isFrozen(chuanyu.scope.sectors)).toBe(false);
  });

  it('keys a grants list that is not frozen by its content, so changing it changes the token', async () => {
    const signer = await createCallerSigner();
    const claims = { audience: 'experts', sub: 'cq-system', region: '500000', scopes: ['talent:read'], purpose: null };
    const grants = [{ region: '510000', agreementId: 'agr-chuanyu', sectors: ['AGRICULTURE'], disciplines: [], contact: true }];
    const token = await signer.sign({ ...claims, grants });
    expect(await signer.sign({ ...claims, grants: structuredClone(grants) })).toBe(token);
    grants[0]!.sectors.push('INDUSTRY');
    expect(await signer.sign({ ...claims, grants })).not.toBe(token);
  });
});

describe('HUB_GRANTS_MAX_STALE_MS', () => {
  it('defaults to 30 s, is read from the environment and is bounded', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).grantsMaxStaleMs).toBe(30_000);
    expect(loadGatewayConfig({ NODE_ENV: 'development', HUB_GRANTS_MAX_STALE_MS: '2000' }).grantsMaxStaleMs).toBe(2000);
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_GRANTS_MAX_STALE_MS: '700000' })).toThrow(/HUB_GRANTS_MAX_STALE_MS: must be at most 600000/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_GRANTS_MAX_STALE_MS: 'soon' })).toThrow(/HUB_GRANTS_MAX_STALE_MS/);
  });
});
