import { BarChart, HeatmapChart, PieChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the dashboard draws is bundled. The SVG renderer keeps every label a DOM text node:
// crisp on any screen, findable by the browser test, readable by screen readers.
echarts.use([HeatmapChart, SankeyChart, BarChart, ScatterChart, PieChart, GridComponent, TooltipComponent, VisualMapComponent, LegendComponent, SVGRenderer]);

export const FONT = "'Noto Sans SC Variable', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

export const COLORS = {
  primary: '#1d4ed8',
  own: '#b91c1c',
  muted: '#94a3b8',
  suppressed: '#e2e8f0',
  empty: '#f1f5f9',
  text: '#0f172a',
  ok: '#059669',
  warn: '#d97706',
  bad: '#dc2626',
};

const charts = new Map<HTMLElement, echarts.ECharts>();

/** The chart drawn in `element`, created on first use (SVG renderer, the dashboard's font). */
export function chartIn(element: HTMLElement): echarts.ECharts {
  let chart = charts.get(element);
  if (!chart) {
    chart = echarts.init(element, null, { renderer: 'svg' });
    charts.set(element, chart);
  }
  return chart;
}

/** Charts follow the window's size. */
export function resizeCharts(): void {
  for (const chart of charts.values()) chart.resize();
}

export { echarts };
