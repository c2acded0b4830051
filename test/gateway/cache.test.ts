import { describe, expect, it } from 'vitest';
import { callerViewKey } from '../../gateway/cache.ts';

const caller = { sub: 'dashboard-a', region: '510000', scopes: ['stats:read', 'talent:read'], purpose: null };
const chongqing = { region: '500000', agreementId: 'agr-1', sectors: ['INDUSTRY', 'SERVICES'], disciplines: [], contact: true };
const yunnan = { region: '530000', agreementId: 'agr-2', sectors: ['AGRICULTURE'], disciplines: ['0902', '0901'], contact: false };

describe('the response cache key of a caller view', () => {
  it('is the same for callers who see the same (another calling system, scopes and grants in another order)', () => {
    const key = callerViewKey(caller, [chongqing, yunnan]);
    expect(callerViewKey({ ...caller, sub: 'dashboard-b', scopes: ['talent:read', 'stats:read'] }, [yunnan, chongqing])).toBe(key);
    expect(
      callerViewKey(caller, [
        { ...yunnan, disciplines: ['0901', '0902'] },
        { ...chongqing, sectors: ['SERVICES', 'INDUSTRY'] },
      ]),
    ).toBe(key);
    // Asked again (a known view is not hashed again): the same key.
    expect(callerViewKey(caller, [chongqing, yunnan])).toBe(key);
  });

  it('differs for any difference in what the caller may see', () => {
    const key = callerViewKey(caller, [chongqing, yunnan]);
    const others = [
      callerViewKey({ ...caller, region: '500000' }, [chongqing, yunnan]),
      callerViewKey({ ...caller, scopes: ['stats:read'] }, [chongqing, yunnan]),
      callerViewKey({ ...caller, purpose: 'EXPERT_CONSULTATION' }, [chongqing, yunnan]),
      callerViewKey(caller, [chongqing]),
      callerViewKey(caller, [chongqing, { ...yunnan, contact: true }]),
      callerViewKey(caller, [chongqing, { ...yunnan, sectors: ['AGRICULTURE', 'INDUSTRY'] }]),
      callerViewKey(caller, [chongqing, { ...yunnan, agreementId: 'agr-3' }]),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });
});
