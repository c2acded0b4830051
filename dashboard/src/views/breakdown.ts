import { COLORS, chartIn, FONT } from '../echarts.ts';
import { formatCount } from '../labels.ts';

export interface BreakdownGroup {
  value: string | null;
  label: string;
  count: number | null;
  /** The caller's own province's talents in the group (exact, also when suppressed). */
  own: number;
  suppressed: boolean;
}

/**
 * Counts by the chosen dimension as horizontal bars, largest on top, split into the caller's own
 * province (red, exact) and the others (blue); a suppressed group shows only its own part and is
 * labelled "<N" for the rest. Clicking a bar shows that value on the map.
 */
export function renderBreakdown(element: HTMLElement, groups: BreakdownGroup[], options: { minGroup: number; selected: string; limit: number; onSelect: (value: string) => void }) {
  const shown = groups.slice(0, options.limit).reverse();
  const chart = chartIn(element);
  const item = (g: BreakdownGroup, value: number, color: string) => ({
    value,
    group: g.value ?? '',
    tooltip: g.suppressed
      ? `${g.label}：本省 ${formatCount(g.own)} 人，外省不足 ${options.minGroup} 人（不显示）`
      : `${g.label}：${formatCount(g.count ?? 0)} 人（本省 ${formatCount(g.own)} 人）`,
    itemStyle: { color, opacity: options.selected && (g.value ?? '') !== options.selected ? 0.45 : 1 },
  });
  chart.setOption(
    {
      textStyle: { fontFamily: FONT },
      animation: false,
      grid: { left: 8, right: 64, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0, right: 8, textStyle: { fontFamily: FONT }, data: ['本省', '外省'] },
      tooltip: { trigger: 'item', formatter: (p: { data: { tooltip: string } }) => p.data.tooltip },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        data: shown.map((g) => g.label),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { fontFamily: FONT, color: COLORS.text, width: 110, overflow: 'truncate' },
      },
      series: [
        // Series colours are for the legend; each bar's own colour dims the values not selected.
        { name: '本省', type: 'bar', stack: 'count', barMaxWidth: 18, itemStyle: { color: COLORS.own }, data: shown.map((g) => item(g, g.own, COLORS.own)) },
        {
          name: '外省',
          type: 'bar',
          stack: 'count',
          barMaxWidth: 18,
          data: shown.map((g) => ({
            ...item(g, g.suppressed ? 0 : (g.count ?? 0) - g.own, COLORS.primary),
            shown: g.suppressed ? `${formatCount(g.own)} + <${options.minGroup}` : formatCount(g.count ?? 0),
          })),
          itemStyle: { color: COLORS.primary, borderRadius: [0, 4, 4, 0] },
          label: { show: true, position: 'right', fontFamily: FONT, color: COLORS.text, formatter: (p: { data: { shown: string } }) => p.data.shown },
        },
      ],
    },
    { notMerge: true },
  );
  chart.off('click');
  chart.on('click', (p) => options.onSelect(String((p.data as { group: string }).group)));
}
