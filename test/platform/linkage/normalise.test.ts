import { describe, expect, it } from 'vitest';
import { nameForms, organisationForms } from '../../../platform/linkage/normalise.ts';

describe('name normal forms', () => {
  it('traditional, variant, spaced and full-width writings share the simplified form', () => {
    expect(nameForms('張偉')).toEqual(nameForms('张伟'));
    expect(nameForms('张 伟')).toEqual(nameForms('张伟'));
    expect(nameForms('张\u3000伟')).toEqual(nameForms('张伟'));
    expect(nameForms('陈峯').chars).toEqual(['陈峰']);
    expect(nameForms('李珎').chars).toEqual(['李珍']);
    expect(nameForms('阿依古丽·买买提').chars).toEqual(['阿依古丽买买提']);
    // A character standard in its own right is not folded into another.
    expect(nameForms('王喆').chars).toEqual(['王喆']);
  });

  it('pinyin without tones, surname readings first, ü as v', () => {
    expect(nameForms('张伟').pinyin).toEqual(['zhangwei']);
    expect(nameForms('单雄信').pinyin).toEqual(['shanxiongxin']);
    expect(nameForms('曾国藩').pinyin).toEqual(['zengguofan']);
    expect(nameForms('吕雪').pinyin).toEqual(['lvxue']);
  });

  it('a name in Latin letters: any case, spacing or order meets the pinyin of the characters', () => {
    for (const written of ['Zhang Wei', 'ZHANG Wei', 'zhangwei', 'Wei Zhang', 'ＺＨＡＮＧ ｗｅｉ']) {
      expect(nameForms(written).chars).toEqual([]);
      expect(nameForms(written).pinyin).toContain('zhangwei');
    }
    expect(nameForms('Lü Xue').pinyin).toContain('lvxue');
  });
});

describe('organisation normal forms', () => {
  it('a change of legal form, traditional characters or brackets keep the core', () => {
    const core = organisationForms('重庆瑞鑫矿业有限公司').core;
    expect(core).toBe('重庆瑞鑫矿业');
    expect(organisationForms('重庆瑞鑫矿业集团股份有限公司').core).toBe(core);
    expect(organisationForms('重慶瑞鑫礦業（集團）有限公司').core).toBe(core);
  });

  it('a renamed institution keeps most of its distinctive character pairs', () => {
    const before = organisationForms('贵州理工学院').words;
    const after = organisationForms('贵州理工大学').words;
    expect(before.filter((w) => after.includes(w))).toEqual(['贵州', '州理', '理工']);
  });
});
