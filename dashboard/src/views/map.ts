import { COLORS, chartIn, FONT } from '../echarts.ts';
import { formatCount } from '../labels.ts';
import { GRID_COLUMNS, GRID_ROWS, PROVINCE_TILES, shortName } from '../provinces.ts';

/** What the map shows for one province: a count, a suppressed group, or nothing the caller may see. */
export interface ProvinceValue {
  count: number | null;
  suppressed: boolean;
  /** The caller's own talents in it (exact). */
  own: number;
}

type Tile = { name: string; code: string; value: [number, number, number]; shown: string };

/**
 * The tile map: one square per province on a grid (a cartogram, no boundary data), coloured by
 * count. Suppressed provinces are grey and say "<N", and so do provinces the answer leaves out
 * (none or too few to publish look alike); the caller's province has a red outline.
 */
export function renderTileMap(element: HTMLElement, values: Map<string, ProvinceValue>, options: { own: string | null; minGroup: number; metric: string }) {
  const counted: Tile[] = [];
  const hidden: Tile[] = [];
  const empty: Tile[] = [];
  for (const [code, name, col, row] of PROVINCE_TILES) {
    const v = values.get(code);
    if (v?.suppressed) hidden.push({ name, code, value: [col, row, 0], shown: `<${options.minGroup}` });
    else if (v?.count) counted.push({ name, code, value: [col, row, v.count], shown: formatCount(v.count) });
    // Not in the answer: none, or fewer than the minimum of other provinces' talents (the API leaves
    // both out alike), so the tile must not claim "0".
    else empty.push({ name, code, value: [col, row, 0], shown: `<${options.minGroup}` });
  }
  const max = Math.max(1, ...counted.map((t) => t.value[2]));
  const label = {
    show: true,
    fontFamily: FONT,
    formatter: (p: { data: Tile }) => `{n|${p.data.name}}\n{v|${p.data.shown}}`,
    rich: {
      n: { fontSize: 12, lineHeight: 16, fontFamily: FONT },
      v: { fontSize: 14, lineHeight: 18, fontWeight: 'bold' as const, fontFamily: FONT },
    },
  };
  const ownBorder = (t: Tile) => (t.code === options.own ? { borderColor: COLORS.own, borderWidth: 3 } : {});
  const withOwn = (tiles: Tile[], color?: string) => tiles.map((t) => ({ ...t, itemStyle: { ...(color ? { color } : {}), ...ownBorder(t) } }));
  const axis = (n: number, inverse: boolean) => ({
    type: 'category' as const,
    data: Array.from({ length: n }, (_, i) => String(i)),
    show: false,
    inverse,
  });
  const grid = tileGrid(element);
  // The heatmap's cells are the grid's cells less its 3 px white border on each side.
  const tile = [grid.width / GRID_COLUMNS - 6, grid.height / GRID_ROWS - 6];
  chartIn(element).setOption(
    {
      textStyle: { fontFamily: FONT },
      animation: false,
      tooltip: {
        formatter: (p: { data: Tile; seriesIndex: number }) => {
          const v = values.get(p.data.code);
          if (p.seriesIndex === 1) return `${shortName(p.data.code)}：少于 ${options.minGroup} 人，为保护个人信息不显示${v?.own ? `（本省 ${v.own} 人）` : ''}`;
          if (p.seriesIndex === 2) return `${shortName(p.data.code)}：没有可见人才或少于 ${options.minGroup} 人，不公布`;
          return `${shortName(p.data.code)}：${p.data.shown} 人（${options.metric}）`;
        },
      },
      grid,
      xAxis: axis(GRID_COLUMNS, false),
      yAxis: axis(GRID_ROWS, true),
      visualMap: {
        seriesIndex: 0,
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        itemWidth: 12,
        text: [formatCount(max), '0'],
        textStyle: { fontFamily: FONT, color: COLORS.text },
        inRange: { color: ['#dbeafe', '#93c5fd', '#3b82f6', '#1e3a8a'] },
      },
      series: [
        {
          name: 'counted',
          type: 'heatmap',
          // Dark tiles need light text: ECharts has no contrast rule, so the label colour follows the value.
          data: withOwn(counted).map((t) => ({ ...t, label: { color: t.value[2] > max * 0.55 ? '#ffffff' : '#0b1220' } })),
          label,
          itemStyle: { borderColor: '#fff', borderWidth: 3, borderRadius: 6 },
        },
        // Heatmap colours come only from the visual map: the grey tiles are plain rectangles.
        {
          name: 'suppressed',
          type: 'scatter',
          symbol: 'roundRect',
          symbolSize: tile,
          data: withOwn(hidden, COLORS.suppressed),
          label: { ...label, position: 'inside', color: '#64748b' },
        },
        { name: 'empty', type: 'scatter', symbol: 'roundRect', symbolSize: tile, data: withOwn(empty, COLORS.empty), label: { ...label, position: 'inside', color: '#94a3b8' } },
      ],
    },
    { notMerge: true },
  );
}

/**
 * A grid of tiles as large as the element allows, centred, with room for the colour legend below:
 * squares when space is short, up to half again as wide as tall when there is room (names fit better).
 */
function tileGrid(element: HTMLElement) {
  const width = element.clientWidth || 600;
  const height = (element.clientHeight || 400) - 44;
  const cellHeight = Math.floor(height / GRID_ROWS);
  const cellWidth = Math.floor(Math.min(width / GRID_COLUMNS, cellHeight * 1.5));
  return { left: Math.floor((width - cellWidth * GRID_COLUMNS) / 2), top: 2, width: cellWidth * GRID_COLUMNS, height: cellHeight * GRID_ROWS };
}

/** The provinces as a ranked list with exact numbers (what the map colours, readable and findable). */
export function renderRanking(list: HTMLElement, values: Map<string, ProvinceValue>, options: { own: string | null; minGroup: number; limit: number }) {
  const shown = [...values.entries()].filter(([, v]) => !v.suppressed && v.count);
  shown.sort((a, b) => b[1].count! - a[1].count! || (a[0] < b[0] ? -1 : 1));
  const max = Math.max(1, ...shown.map(([, v]) => v.count!));
  const items = shown.slice(0, options.limit).map(([code, v], i) => {
    const li = document.createElement('li');
    li.dataset.region = code;
    li.dataset.count = String(v.count);
    if (code === options.own) li.classList.add('own');
    li.innerHTML = `<span class="rank">${i + 1}</span><span class="name"></span><span class="bar"><i style="width:${((v.count! / max) * 100).toFixed(1)}%"></i></span><span class="num">${formatCount(v.count!)}</span>`;
    li.querySelector('.name')!.textContent = shortName(code);
    return li;
  });
  const hidden = [...values.values()].filter((v) => v.suppressed).length;
  const note = document.createElement('li');
  note.className = 'note';
  // Provinces left out of the answer (none, or too few to publish) cannot be counted here, and
  // saying "nothing hidden" would be false: the note states the rule instead.
  note.textContent = `外省人数经一致随机舍入取整；不足 ${options.minGroup} 人的省份不公布${hidden ? `（本省所在的 ${hidden} 个小组只显示本省部分）` : ''}`;
  list.replaceChildren(...items, note);
}
