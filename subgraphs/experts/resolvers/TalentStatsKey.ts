import type { TalentDimension } from '../store.ts';
import type { TalentStatsKeyResolvers } from './types.generated.ts';

/** Chinese labels of the enum-valued dimensions, as a dashboard shows them. */
const LABELS: Partial<Record<TalentDimension, Record<string, string>>> = {
  SECTOR: { AGRICULTURE: '农业', INDUSTRY: '工业', SERVICES: '服务业' },
  CAREER_STAGE: { EARLY: '青年人才', MID: '骨干人才', SENIOR: '资深人才', LEADING: '领军人才' },
  AVAILABILITY: { AVAILABLE: '可参与', LIMITED: '有限参与', UNAVAILABLE: '暂不可参与' },
};
export const TalentStatsKey: TalentStatsKeyResolvers = {
  label: async (key, _args, ctx) => {
    if (key.value === null) return key.dimension === 'DISCIPLINE' ? '未填写学科' : '未填写';
    switch (key.dimension) {
      case 'REGION':
        return null;
      case 'TITLE':
        return key.value;
      case 'DISCIPLINE':
        return (await ctx.loaders.disciplineByCode.load(key.value))?.name ?? null;
      default:
        return LABELS[key.dimension]?.[key.value] ?? null;
    }
  },
  region: (key) => (key.dimension === 'REGION' && key.value ? { code: key.value } : null),
};
