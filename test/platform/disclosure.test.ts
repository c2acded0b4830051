import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { DEVELOPMENT_STATS_KEY, type DisclosureSettings, discloseCount, type OthersCount, roundCount, roundingDraw } from '../../platform/disclosure.ts';
import { ConfigError } from '../../platform/env.ts';

const SETTINGS: DisclosureSettings = { minGroup: 5, roundingBase: 5, key: 'unit-test-key-0123456789abcdefghijklmnop' };
const others = (n: number, fingerprint = n * 7919): OthersCount => ({ n, fingerprint });

describe('roundCount (consistent random rounding)', () => {
  it('publishes multiples of the base exactly and everything else as a neighbouring multiple', () => {
    for (let n = 0; n <= 200; n++) {
      for (let fingerprint = 0; fingerprint < 20; fingerprint++) {
        const r = roundCount({ n, fingerprint }, 'talents', SETTINGS);
        expect(r % SETTINGS.roundingBase, `${n}`).toBe(0);
        if (n % 5 === 0) expect(r).toBe(n);
        else expect([n - (n % 5), n - (n % 5) + 5]).toContain(r);
      }
    }
  });

  it('gives the same answer for the same records every time (no averaging over repeated questions)', () => {
    const first = Array.from({ length: 100 }, (_, i) => roundCount(others(11 + (i % 4), i), 'engagements', SETTINGS));
    const again = Array.from({ length: 100 }, (_, i) => roundCount(others(11 + (i % 4), i), 'engagements', { ...SETTINGS }));
    expect(again).toEqual(first);
  });

  it('is unbiased: a count rounds up with probability remainder / base, over different sets of records', () => {
    for (const n of [11, 12, 13, 14]) {
      const trials = 4000;
      let up = 0;
      for (let fingerprint = 0; fingerprint < trials; fingerprint++) if (roundCount({ n, fingerprint }, 'talents', SETTINGS) > n) up++;
      // Deterministic (HMAC), so not flaky: 4000 draws keep the share within 0.03 of r/b.
      expect(Math.abs(up / trials - (n % 5) / 5), `${n}`).toBeLessThan(0.03);
    }
  });

  it('depends on the secret key, the domain and which records form the count', () => {
    const draws = (key: string, domain: 'talents' | 'engagements', shift = 0) =>
      Array.from({ length: 200 }, (_, i) => roundingDraw(key, domain, { n: 12, fingerprint: i + shift }));
    const base = draws(SETTINGS.key, 'talents');
    expect(base.every((u) => u >= 0 && u < 1)).toBe(true);
    // Without the key, the draws (and so which counts went up) cannot be predicted.
    expect(draws(DEVELOPMENT_STATS_KEY, 'talents')).not.toEqual(base);
    expect(draws(SETTINGS.key, 'engagements')).not.toEqual(base);
    expect(draws(SETTINGS.key, 'talents', 1)).not.toEqual(base);
  });

  it('rounds to the configured base', () => {
    const ten = { ...SETTINGS, roundingBase: 10 };
    for (let n = 0; n < 100; n++) expect(roundCount(others(n), 'talents', ten) % 10).toBe(0);
  });
});

describe('discloseCount (small and empty groups look the same)', () => {
  it("publishes the caller's own records exactly and other provinces' records rounded", () => {
    const published = discloseCount({ own: 7, others: others(23), ownOnly: false }, 'talents', SETTINGS);
    expect(published!.suppressed).toBe(false);
    expect(published!.count! - 7).toBe(roundCount(others(23), 'talents', SETTINGS));
    expect(discloseCount({ own: 3, others: others(0), ownOnly: true }, 'talents', SETTINGS)).toEqual({ count: 3, suppressed: false });
  });

  it('answers "none" and "a few" of other provinces alike: suppressed beside own records, left out without', () => {
    for (const n of [0, 1, 2, 3, 4]) {
      expect(discloseCount({ own: 2, others: others(n), ownOnly: false }, 'talents', SETTINGS), `${n}`).toEqual({ count: null, suppressed: true });
      expect(discloseCount({ own: 0, others: others(n), ownOnly: false }, 'talents', SETTINGS), `${n}`).toBeNull();
    }
  });

  it('never publishes other provinces records exactly in a cell that should only hold own ones', () => {
    expect(discloseCount({ own: 2, others: others(3), ownOnly: true }, 'talents', SETTINGS)).toEqual({ count: null, suppressed: true });
  });

  it('shows groups at the minimum and above, with HUB_STATS_MIN_GROUP as the threshold', () => {
    expect(discloseCount({ own: 0, others: others(5), ownOnly: false }, 'talents', SETTINGS)).toEqual({ count: 5, suppressed: false });
    const two = { ...SETTINGS, minGroup: 2 };
    expect(discloseCount({ own: 0, others: others(2), ownOnly: false }, 'talents', two)).not.toBeNull();
  });
});

describe('settings', () => {
  it('HUB_STATS_MIN_GROUP defaults to 5 and is parsed like every setting', () => {
    expect(loadConfig({}).statsMinGroup).toBe(5);
    expect(loadConfig({ HUB_STATS_MIN_GROUP: '10' }).statsMinGroup).toBe(10);
    expect(loadConfig({ HUB_STATS_MIN_GROUP: '' }).statsMinGroup).toBe(5);
    expect(() => loadConfig({ HUB_STATS_MIN_GROUP: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ HUB_STATS_MIN_GROUP: 'five' })).toThrow(/HUB_STATS_MIN_GROUP/);
  });

  it('HUB_STATS_ROUNDING_BASE defaults to 5 and refuses 1 (exact counts); HUB_STATS_KEY defaults to the documented development key', () => {
    expect(loadConfig({}).statsRounding).toEqual({ roundingBase: 5, key: DEVELOPMENT_STATS_KEY });
    expect(loadConfig({ HUB_STATS_ROUNDING_BASE: '10' }).statsRounding.roundingBase).toBe(10);
    expect(() => loadConfig({ HUB_STATS_ROUNDING_BASE: '1' })).toThrow(/HUB_STATS_ROUNDING_BASE/);
    const key = 'k'.repeat(40);
    expect(loadConfig({ HUB_STATS_KEY: key }).statsRounding.key).toBe(key);
    expect(() => loadConfig({ HUB_STATS_KEY: 'short' })).toThrow(/HUB_STATS_KEY.*32/);
  });

  it('refuses to start in production without a real HUB_STATS_KEY (the development key is public)', () => {
    const production = {
      NODE_ENV: 'production',
      HUB_AUDIT_KEY: 'a'.repeat(40),
      HUB_GATEWAY_PUBLIC_JWKS: undefined,
      HUB_GATEWAY_JWKS_URL: 'https://gateway.example/.well-known/jwks.json',
      HUB_EXPERTS_URL: 'https://experts.example/graphql',
    };
    expect(() => loadConfig(production)).toThrow(/HUB_STATS_KEY.*production/);
    expect(loadConfig({ ...production, HUB_STATS_KEY: 's'.repeat(40) }).statsRounding.key).toBe('s'.repeat(40));
  });
});
