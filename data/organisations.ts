import type { RegionDoc } from '../subgraphs/coordination/model.ts';
import type { ProvinceContext } from './context.ts';
import type { NamePools } from './names.ts';
import { type Rng, Weighted } from './prng.ts';
import { DISCIPLINE_INFO, LEGAL_FORMS, type Family } from './vocabulary.ts';

/** Employers of talents (universities, institutes, hospitals, companies, extension stations, schools) and their title ladders. */

export type OrgKind = 'UNI' | 'INST' | 'HOSP' | 'COMP' | 'EXT' | 'VOC';

/** Title ladders: for each career stage (EARLY, MID, SENIOR, LEADING) the plausible 职称. */
export const LADDERS = {
  UNI: [['讲师', '助理研究员'], ['副教授'], ['教授'], ['教授']],
  RESEARCH: [['助理研究员'], ['副研究员'], ['研究员'], ['研究员']],
  DOCTOR: [['住院医师', '主治医师'], ['主治医师', '副主任医师'], ['主任医师', '副主任医师'], ['主任医师']],
  PHARMACIST: [['药师', '主管药师'], ['主管药师', '副主任药师'], ['主任药师'], ['主任药师']],
  TCM: [['中医师', '主治中医师'], ['主治中医师', '副主任中医师'], ['主任中医师'], ['主任中医师']],
  ENGINEER: [['助理工程师', '工程师'], ['工程师', '高级工程师'], ['高级工程师', '正高级工程师'], ['正高级工程师']],
  AGRONOMIST: [
    ['助理农艺师', '农艺师'],
    ['农艺师', '高级农艺师'],
    ['高级农艺师', '农业技术推广研究员'],
    ['正高级农艺师', '农业技术推广研究员'],
  ],
  VETERINARIAN: [
    ['助理兽医师', '兽医师'],
    ['兽医师', '高级兽医师', '高级畜牧师'],
    ['高级兽医师', '正高级畜牧师'],
    ['正高级兽医师', '正高级畜牧师'],
  ],
  ECONOMIST: [['助理经济师', '经济师'], ['经济师', '高级经济师', '高级会计师'], ['高级经济师', '正高级经济师', '正高级会计师'], ['正高级经济师']],
  LAWYER: [['四级律师', '三级律师'], ['三级律师', '二级律师'], ['二级律师', '一级律师'], ['一级律师']],
  SECONDARY: [['助理讲师', '讲师'], ['讲师', '高级讲师'], ['高级讲师', '正高级讲师'], ['正高级讲师']],
} as const satisfies Record<string, readonly (readonly string[])[]>;
export type Ladder = keyof typeof LADDERS;

const ORG_WEIGHTS: Readonly<Record<Family, ReadonlyArray<readonly [OrgKind, number]>>> = {
  agri: [
    ['UNI', 22],
    ['INST', 25],
    ['EXT', 33],
    ['COMP', 15],
    ['VOC', 5],
  ],
  med: [
    ['HOSP', 60],
    ['UNI', 22],
    ['INST', 8],
    ['COMP', 10],
  ],
  eng: [
    ['UNI', 25],
    ['INST', 15],
    ['COMP', 52],
    ['VOC', 8],
  ],
  soc: [
    ['UNI', 35],
    ['INST', 14],
    ['COMP', 37],
    ['VOC', 14],
  ],
};
const ORG_WEIGHT_TABLES: Readonly<Record<Family, Weighted<OrgKind>>> = {
  agri: new Weighted(ORG_WEIGHTS.agri),
  med: new Weighted(ORG_WEIGHTS.med),
  eng: new Weighted(ORG_WEIGHTS.eng),
  soc: new Weighted(ORG_WEIGHTS.soc),
};

export interface OrgChoice {
  kind: OrgKind;
  name: string;
  ladder: Ladder;
}

function cityOf(rng: Rng, p: ProvinceContext): { name: string; short: string } {
  if (p.prefectures.length === 0) return { name: p.name, short: p.info.short };
  // The capital (first prefecture) concentrates institutions.
  const pref = rng.chance(0.35) ? (p.prefectures[0] as RegionDoc) : rng.pick(p.prefectures);
  const short = pref.name.endsWith('市') && pref.name.length <= 4 ? pref.name.slice(0, -1) : p.info.short;
  return { name: pref.name, short };
}

/**
 * The organisation a talent works for, and the title ladder it uses, drawn for the talent's
 * province, discipline family and first discipline code.
 */
export function chooseOrg(rng: Rng, p: ProvinceContext, family: Family, code: string, pools: NamePools): OrgChoice {
  const kind = ORG_WEIGHT_TABLES[family].pick(rng);
  const P = p.name;
  const city = cityOf(rng, p);
  const unis = p.info.unis;
  switch (kind) {
    case 'UNI': {
      const list = family === 'agri' ? unis.agri : family === 'med' ? unis.med : family === 'eng' ? unis.tech : unis.comp;
      return { kind, name: rng.pick(list), ladder: 'UNI' };
    }
    case 'INST': {
      if (family === 'agri') {
        const academy = p.info.agriAcademy ?? `${P}农业科学院`;
        if (code === '220') return { kind, name: `${P}林业科学研究院`, ladder: 'RESEARCH' };
        if (code === '230') return { kind, name: `${academy}畜牧兽医研究所`, ladder: 'RESEARCH' };
        if (code === '240') return { kind, name: `${P}水产研究所`, ladder: 'RESEARCH' };
        if (code === '550') return { kind, name: `${academy}农产品加工研究所`, ladder: 'RESEARCH' };
        return { kind, name: academy + rng.pick(['', '作物研究所', '植物保护研究所', '土壤肥料研究所', '园艺研究所']), ladder: 'RESEARCH' };
      }
      if (family === 'med') {
        if (code === '330') return { kind, name: `${P}疾病预防控制中心`, ladder: 'DOCTOR' };
        if (code === '360') return { kind, name: `${P}中医药科学院`, ladder: 'RESEARCH' };
        return { kind, name: `${P}医学科学院`, ladder: 'RESEARCH' };
      }
      if (family === 'eng') {
        if (code === '560') return { kind, name: `${P}建筑科学研究院`, ladder: 'ENGINEER' };
        if (code === '170' || code === '440') return { kind, name: `${P}地质调查院`, ladder: 'ENGINEER' };
        if (code === '610') return { kind, name: `${P}环境科学研究院`, ladder: 'RESEARCH' };
        if (code === '570') return { kind, name: `${P}水利科学研究院`, ladder: 'ENGINEER' };
        return { kind, name: `${P}${rng.pick(['产业技术研究院', '工业技术研究院', '计量测试研究院'])}`, ladder: 'RESEARCH' };
      }
      return { kind, name: `${P}${rng.pick(['社会科学院', '科学技术信息研究所', '发展规划研究院'])}`, ladder: 'RESEARCH' };
    }
    case 'HOSP': {
      if (code === '360') return { kind, name: `${city.name}中医医院`, ladder: 'TCM' };
      const ladder: Ladder = code === '350' ? 'PHARMACIST' : 'DOCTOR';
      if (p.counties.length > 0 && rng.chance(0.3)) return { kind, name: `${rng.pick(p.counties).name}人民医院`, ladder };
      const name = rng.pick([`${P}人民医院`, `${city.name}第一人民医院`, `${city.name}中心医院`, `${city.name}人民医院`]);
      return { kind, name, ladder };
    }
    case 'COMP': {
      const info = DISCIPLINE_INFO[code];
      const trade = info ? rng.pick(info.trades) : '科技';
      if (code === '820') return { kind, name: `${city.short}${rng.pick(pools.brands)}律师事务所`, ladder: 'LAWYER' };
      const name = `${city.short}${rng.pick(pools.brands)}${trade}${rng.pick(LEGAL_FORMS)}`;
      const ladder: Ladder = family === 'soc' ? 'ECONOMIST' : family === 'agri' ? (code === '230' ? 'VETERINARIAN' : 'AGRONOMIST') : 'ENGINEER';
      return { kind, name, ladder };
    }
    case 'EXT': {
      if (code === '230') return { kind, name: `${city.name}畜牧兽医站`, ladder: 'VETERINARIAN' };
      if (code === '240') return { kind, name: `${city.name}水产技术推广站`, ladder: 'ENGINEER' };
      if (code === '220') return { kind, name: `${city.name}林业工作站`, ladder: 'ENGINEER' };
      if (p.counties.length > 0 && rng.chance(0.4)) {
        return { kind, name: `${rng.pick(p.counties).name}农业技术推广中心`, ladder: 'AGRONOMIST' };
      }
      const name = rng.pick([`${city.name}农业技术推广站`, `${city.name}农业技术推广中心`, `${P}农业技术推广总站`]);
      return { kind, name, ladder: 'AGRONOMIST' };
    }
    case 'VOC': {
      if (rng.chance(0.5)) return { kind, name: `${city.short}职业技术学院`, ladder: 'UNI' };
      const line = family === 'agri' ? '农业' : family === 'eng' ? '工业' : '商贸';
      return { kind, name: `${city.name}${line}学校`, ladder: 'SECONDARY' };
    }
  }
}
