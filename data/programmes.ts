import type { ProgramDoc } from '../subgraphs/projects/model.ts';

/** Talent programmes (fixed content): real programme names, illustrative targets and periods. */

export interface ProgramSpec {
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

/** The talent programmes with the share of awards each gets, in a fixed order (award draws depend on it). */
export function buildPrograms(): ProgramSpec[] {
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
