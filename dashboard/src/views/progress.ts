import type { DashboardProgramProgressQuery, ProgramProgressStatus } from '../../../schema/operations/generated.ts';
import { COLORS, chartIn, FONT } from '../echarts.ts';
import { formatCount, formatShare, STATUS_LABELS } from '../labels.ts';

type Progress = DashboardProgramProgressQuery['programProgress'][number];

const STATUS_COLORS: Record<ProgramProgressStatus, string> = {
  NOT_STARTED: COLORS.muted,
  ON_TRACK: COLORS.ok,
  BEHIND: COLORS.warn,
  ACHIEVED: COLORS.primary,
  ENDED: COLORS.bad,
};

/**
 * One bar per programme target: the share achieved (labelled "achieved/target"), coloured by the
 * programme's status, with a dark tick where the share of time gone by stands.
 */
export function renderProgress(element: HTMLElement, programs: Progress[]): void {
  const rows = programs.flatMap((p) =>
    p.targets.map((t) => ({
      name: p.targets.length > 1 ? `${p.program.name} · ${t.label}` : p.program.name,
      share: t.share,
      shown: `${formatCount(t.achieved)}/${formatCount(t.target)}${t.unit}`,
      time: p.timeElapsed,
      status: p.status,
      tooltip: `${p.program.name} · ${t.label}<br/>已完成 ${formatCount(t.achieved)} / 目标 ${formatCount(t.target)} ${t.unit}（${formatShare(t.share)}）<br/>时间进度 ${formatShare(p.timeElapsed)} · ${STATUS_LABELS[p.status]}`,
    })),
  );
  rows.reverse();
  chartIn(element).setOption(
    {
      textStyle: { fontFamily: FONT },
      animation: false,
      grid: { left: 8, right: 104, top: 28, bottom: 8, containLabel: true },
      legend: {
        top: 0,
        right: 8,
        textStyle: { fontFamily: FONT },
        data: [{ name: '完成进度' }, { name: '时间进度', icon: 'rect' }],
      },
      tooltip: { trigger: 'item', formatter: (p: { data: { tooltip: string } }) => p.data.tooltip },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontFamily: FONT }, splitLine: { lineStyle: { color: '#eef2f7' } } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisTick: { show: false },
        axisLabel: { fontFamily: FONT, color: COLORS.text, width: 150, overflow: 'truncate' },
      },
      series: [
        {
          name: '完成进度',
          type: 'bar',
          barMaxWidth: 14,
          itemStyle: { color: COLORS.ok },
          showBackground: true,
          backgroundStyle: { color: '#eef2f7', borderRadius: 4 },
          data: rows.map((r) => ({
            value: Math.min(100, r.share * 100),
            tooltip: r.tooltip,
            itemStyle: { color: STATUS_COLORS[r.status], borderRadius: 4 },
          })),
        },
        {
          // A full-width, invisible twin of each bar carries the "achieved/target" label past the
          // 100% end, where the time tick cannot cover it.
          name: '目标',
          type: 'bar',
          barMaxWidth: 14,
          barGap: '-100%',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: rows.map((r) => ({ value: 100, shown: r.shown })),
          label: { show: true, position: 'right', fontFamily: FONT, color: COLORS.text, formatter: (p: { data: { shown: string } }) => p.data.shown },
          z: 1,
        },
        {
          name: '时间进度',
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [3, 18],
          itemStyle: { color: COLORS.text },
          data: rows.map((r) => ({ value: [r.time * 100, r.name], tooltip: r.tooltip })),
        },
      ],
    },
    { notMerge: true },
  );
}
