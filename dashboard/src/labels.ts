/** The dashboard's words: Chinese labels of the API's codes, and error codes in words a user can act on. */
import type { PoolCoverageStatus, ProgramProgressStatus, RegionLevel, Sector, TalentDimension } from '../../schema/operations/generated.ts';

export const SECTOR_LABELS: Record<Sector, string> = { AGRICULTURE: '农业', INDUSTRY: '工业', SERVICES: '服务业' };

export const DIMENSION_LABELS: Record<Exclude<TalentDimension, 'REGION'>, string> = {
  SECTOR: '行业',
  DISCIPLINE: '学科',
  CAREER_STAGE: '职业阶段',
  TITLE: '职称',
  AVAILABILITY: '可参与度',
};

export const STATUS_LABELS: Record<ProgramProgressStatus, string> = {
  NOT_STARTED: '未开始',
  ON_TRACK: '按期推进',
  BEHIND: '进度滞后',
  ACHIEVED: '已完成',
  ENDED: '已结束未达标',
};

export const COVERAGE_LABELS: Record<PoolCoverageStatus, string> = { NONE: '无专家库', PARTIAL: '部分行业', FULL: '全覆盖' };

export const LEVEL_LABELS: Record<RegionLevel, string> = { PROVINCE: '省级', PREFECTURE: '地级', COUNTY: '县级' };

/** Error codes of the hub in words a dashboard user can act on. */
export function describeError(code: string | null, message: string): string {
  switch (code) {
    case 'UNAUTHENTICATED':
      return `令牌无效或已过期，请重新输入。（${message}）`;
    case 'FORBIDDEN':
      return `当前令牌没有所需权限（需要 stats:read）。（${message}）`;
    case 'BAD_USER_INPUT':
      return `查询参数有误：${message}`;
    case 'RATE_LIMITED':
      return '请求过于频繁，请稍后重试。';
    case 'SUBGRAPH_UNAVAILABLE':
      return `部分数据源暂不可用：${message}`;
    default:
      return message;
  }
}

/** 12,345 */
export const formatCount = (n: number) => n.toLocaleString('zh-CN');

/** 63% */
export const formatShare = (share: number) => `${Math.round(share * 100)}%`;
