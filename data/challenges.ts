import type { ChallengeDoc } from '../subgraphs/projects/model.ts';

/** 揭榜挂帅 and other open challenges (fixed). Statuses assume the default `now`. */
export const CHALLENGES: readonly ChallengeDoc[] = (
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
