import type { DashboardPoolCoverageQuery, Sector } from '../../../schema/operations/generated.ts';
import { COLORS, chartIn, FONT } from '../echarts.ts';
import { COVERAGE_LABELS, LEVEL_LABELS, SECTOR_LABELS } from '../labels.ts';

type Coverage = NonNullable<DashboardPoolCoverageQuery['poolCoverage']>;

/**
 * Pool coverage of the areas under a region: a donut of none/partial/full and the list of gaps,
 * which matter more than the totals. With a sector chosen, a gap is an area without a pool for it.
 */
export function renderCoverage(chartElement: HTMLElement, list: HTMLElement, coverage: Coverage, options: { sector: Sector | ''; limit: number }): number {
  const { summary } = coverage;
  chartIn(chartElement).setOption(
    {
      textStyle: { fontFamily: FONT },
      animation: false,
      tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
      legend: { bottom: 0, textStyle: { fontFamily: FONT } },
      series: [
        {
          type: 'pie',
          radius: ['48%', '72%'],
          center: ['50%', '44%'],
          label: { show: true, fontFamily: FONT, formatter: '{c}', color: COLORS.text },
          data: [
            { name: COVERAGE_LABELS.NONE, value: summary.none, itemStyle: { color: COLORS.bad } },
            { name: COVERAGE_LABELS.PARTIAL, value: summary.partial, itemStyle: { color: COLORS.warn } },
            { name: COVERAGE_LABELS.FULL, value: summary.full, itemStyle: { color: COLORS.ok } },
          ],
        },
      ],
    },
    { notMerge: true },
  );

  const gaps = coverage.areas.filter((a) => (options.sector ? a.missingSectors.includes(options.sector) : a.status === 'NONE'));
  const items = gaps.slice(0, options.limit).map((a) => {
    const li = document.createElement('li');
    li.dataset.region = a.region.code;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = a.region.name ?? a.region.code;
    const level = document.createElement('span');
    level.className = 'tag';
    level.textContent = a.region.level ? LEVEL_LABELS[a.region.level] : '';
    const missing = document.createElement('span');
    missing.className = 'missing';
    missing.textContent = a.status === 'NONE' ? '无专家库' : `缺：${a.missingSectors.map((s) => SECTOR_LABELS[s]).join('、')}`;
    li.append(name, level, missing);
    return li;
  });
  if (gaps.length > options.limit) {
    const more = document.createElement('li');
    more.className = 'note';
    more.textContent = `…… 另有 ${gaps.length - options.limit} 个地区`;
    items.push(more);
  }
  if (gaps.length === 0) {
    const none = document.createElement('li');
    none.className = 'note';
    none.textContent = options.sector ? `所有地区均有${SECTOR_LABELS[options.sector]}专家库` : '所有地区均有专家库';
    items.push(none);
  }
  list.replaceChildren(...items);
  return gaps.length;
}
