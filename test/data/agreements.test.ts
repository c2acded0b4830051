import { describe, expect, it } from 'vitest';
import type { Sector } from '../../platform/model.ts';
import type { TalentDoc } from '../../subgraphs/experts/model.ts';
import { bindingAgreement } from '../../data/agreements.ts';
import { dayOf } from '../../data/days.ts';
import { ds, provinceOf } from './fixture.ts';

/** A seeded talent moved to `homeRegion` with the given sectors and disciplines. */
function talent(homeRegion: string, sectors: Sector[], disciplineCodes: string[] = ['520']): TalentDoc {
  return { ...ds.experts.talents[0]!, homeRegion, sectors, disciplineCodes };
}

describe('agreements', () => {
  it('has the named agreements with their parties and scopes', () => {
    const agreement = (id: string) => ds.coordination.agreements.find((a) => a._id === id)!;
    expect(agreement('agr-chuanyu')).toMatchObject({
      name: '川渝人才协同发展合作协议',
      partyCodes: ['510000', '500000'],
      validUntil: '2030-12-31',
      scope: { contactSharing: true, sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'] },
    });
    expect(agreement('agr-chuanyu').signedOn.startsWith('2020-')).toBe(true);
    expect(agreement('agr-chuanyu').measures).toEqual(expect.arrayContaining(['人才卡互认', '职称互认', '专家库共享']));
    expect(agreement('agr-yunhe-fujian')).toMatchObject({
      name: '浙闽两地干部互派交流协议',
      partyCodes: ['331125', '350725', '350724', '350924'],
      scope: { contactSharing: false, sectors: ['AGRICULTURE', 'SERVICES'] },
    });
    expect(agreement('agr-jingjinji')).toMatchObject({
      partyCodes: ['110000', '120000', '130000'],
      scope: { contactSharing: false, sectors: ['INDUSTRY', 'SERVICES'] },
    });
    expect(agreement('agr-yangtze-delta')).toMatchObject({
      partyCodes: ['310000', '320000', '330000', '340000'],
      scope: { contactSharing: true, sectors: ['INDUSTRY'] },
    });
    expect(agreement('agr-yangtze-delta').scope.disciplineCodes.length).toBeGreaterThan(0);
    expect(agreement('agr-expired-demo').validUntil! < '2026-11-01').toBe(true);
    const covered = new Set(ds.coordination.agreements.flatMap((a) => a.partyCodes.map(provinceOf)));
    expect(covered.has('630000')).toBe(false);
    expect(covered.has('650000')).toBe(false);
  });

  it('bindingAgreement binds an engagement between two parties while the agreement is in force', () => {
    const sichuan = talent('510000', ['INDUSTRY']);
    expect(bindingAgreement(sichuan, '500101', dayOf('2022-01-01'))).toBe('agr-chuanyu');
    expect(bindingAgreement(sichuan, '500101', dayOf('2020-04-28'))).toBe('agr-chuanyu');
    expect(bindingAgreement(sichuan, '500101', dayOf('2020-04-27'))).toBeNull();
    const gansu = talent('620000', ['AGRICULTURE']);
    expect(bindingAgreement(gansu, '640000', dayOf('2024-12-31'))).toBe('agr-expired-demo');
    expect(bindingAgreement(gansu, '640000', dayOf('2025-01-01'))).toBeNull();
  });

  it('bindingAgreement needs the talent in the scope and the host at another party', () => {
    const day = dayOf('2022-06-01');
    expect(bindingAgreement(talent('110000', ['AGRICULTURE']), '130000', day)).toBeNull();
    expect(bindingAgreement(talent('110000', ['INDUSTRY']), '130000', day)).toBe('agr-jingjinji');
    expect(bindingAgreement(talent('310000', ['INDUSTRY'], ['110']), '320000', day)).toBeNull();
    expect(bindingAgreement(talent('310000', ['INDUSTRY'], ['520']), '320000', day)).toBe('agr-yangtze-delta');
    expect(bindingAgreement(talent('510000', ['INDUSTRY']), '510100', day)).toBeNull();
    expect(bindingAgreement(talent('630000', ['INDUSTRY']), '510000', day)).toBeNull();
    // A province talent is covered by its county party: Zhejiang to a Fujian county of the 浙闽 exchange.
    expect(bindingAgreement(talent('330000', ['AGRICULTURE']), '350725', day)).toBe('agr-yunhe-fujian');
  });
});
