import type { DashboardFlowsQuery } from '../../../schema/operations/generated.ts';
import { COLORS, chartIn, FONT } from '../echarts.ts';
import { formatCount } from '../labels.ts';
import { shortName } from '../provinces.ts';

type Flow = DashboardFlowsQuery['talentFlows'][number];

/** What the flow panel shows besides the diagram. */
export interface FlowSummary {
  /** Engagements in the flows that may be shown (all of them, drawn or not). */
  engagements: number;
  hiddenFlows: number;
  /** Province pairs left out of the diagram because they are small. */
  undrawnPairs: number;
}

const MAX_LINKS = 30;

/**
 * A sankey of engagements from home provinces (left) to host provinces (right), kinds added up.
 * A province that both sends and hosts appears on both sides, so the diagram has no cycles.
 * Suppressed flows have no count and are left out (the summary says how many).
 */
export function renderFlows(element: HTMLElement, flows: Flow[], own: string | null): FlowSummary {
  const links = new Map<string, { source: string; target: string; value: number }>();
  let hiddenFlows = 0;
  for (const f of flows) {
    if (f.suppressed || f.count === null) {
      hiddenFlows += 1;
      continue;
    }
    const key = `${f.from.code}>${f.to.code}`;
    const link = links.get(key) ?? { source: `from:${f.from.code}`, target: `to:${f.to.code}`, value: 0 };
    link.value += f.count;
    links.set(key, link);
  }
  const all = [...links.values()].sort((a, b) => b.value - a.value);
  // A readable diagram: the largest flows; the rest are counted in the summary.
  const linkList = all.slice(0, MAX_LINKS);
  const totals = new Map<string, number>();
  for (const l of linkList) {
    totals.set(l.source, (totals.get(l.source) ?? 0) + l.value);
    totals.set(l.target, (totals.get(l.target) ?? 0) + l.value);
  }
  const drawn = linkList.reduce((n, l) => n + l.value, 0);
  const nodes = [...totals].map(([id, total]) => {
    const code = id.slice(id.indexOf(':') + 1);
    return {
      name: id,
      display: shortName(code),
      itemStyle: { color: code === own ? COLORS.own : id.startsWith('from:') ? COLORS.primary : '#0d9488' },
      // Thin nodes sit too close for a readable name; the tooltip still names them.
      ...(total < drawn * 0.02 ? { label: { show: false } } : {}),
    };
  });
  chartIn(element).setOption(
    {
      textStyle: { fontFamily: FONT },
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataType: string; data: { source?: string; target?: string; value?: number; display?: string } }) => {
          if (p.dataType === 'edge') {
            const from = shortName(p.data.source!.slice(5));
            const to = shortName(p.data.target!.slice(3));
            return `${from} → ${to}：${formatCount(p.data.value ?? 0)} 人次`;
          }
          return p.data.display ?? '';
        },
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 64,
          top: 8,
          bottom: 12,
          nodeGap: 7,
          nodeWidth: 12,
          draggable: false,
          layoutIterations: 32,
          emphasis: { focus: 'adjacency' },
          data: nodes,
          links: linkList,
          lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
          label: { fontFamily: FONT, color: COLORS.text, fontSize: 12, formatter: (p: { data: { display: string } }) => p.data.display },
        },
      ],
    },
    { notMerge: true },
  );
  return { engagements: all.reduce((n, l) => n + l.value, 0), hiddenFlows, undrawnPairs: all.length - linkList.length };
}
