import '@fontsource-variable/noto-sans-sc';
import {
  DashboardContextDocument,
  type DashboardContextQuery,
  DashboardFlowsDocument,
  DashboardPoolCoverageDocument,
  DashboardProgramProgressDocument,
  DashboardTalentDimensionDocument,
  DashboardTalentMapDocument,
  type EngagementKind,
  type Sector,
  type TalentDimension,
  type TalentFilter,
} from '../../schema/operations/generated.ts';
import { ApiError, readToken, request, type TokenInfo } from './api.ts';
import { resizeCharts } from './echarts.ts';
import { DIMENSION_LABELS, formatCount, SECTOR_LABELS } from './labels.ts';
import { Panel } from './panel.ts';
import { PROVINCE_TILES, shortName } from './provinces.ts';
import './style.css';
import { renderBreakdown } from './views/breakdown.ts';
import { renderCoverage } from './views/coverage.ts';
import { renderFlows } from './views/flows.ts';
import { type ProvinceValue, renderRanking, renderTileMap } from './views/map.ts';
import { renderProgress } from './views/progress.ts';

type Dimension = Exclude<TalentDimension, 'REGION'>;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
};

/** Where the token lives: the browser tab's session only (never localStorage). */
const TOKEN_KEY = 'talent-hub.dashboard.token';
/** Coverage defaults to a province with prefecture and county pools when the caller's own has no areas. */
const COVERAGE_FALLBACK = '520000';

const state = {
  token: sessionStorage.getItem(TOKEN_KEY) ?? '',
  info: null as TokenInfo | null,
  sector: '' as Sector | '',
  discipline: '',
  dimension: 'SECTOR' as Dimension,
  value: '',
  flowYear: '',
  flowKind: '' as EngagementKind | '',
  coverageRegion: '',
  context: null as DashboardContextQuery | null,
  /** The hub's smallest shown group (HUB_STATS_MIN_GROUP), as the last answer said. */
  minGroup: 5,
};

const panels = {
  map: new Panel($('panel-map')),
  breakdown: new Panel($('panel-breakdown')),
  flows: new Panel($('panel-flows')),
  progress: new Panel($('panel-progress')),
  coverage: new Panel($('panel-coverage')),
};

function setKpi(name: string, value: string, sub?: string) {
  const kpi = document.querySelector<HTMLElement>(`[data-kpi="${name}"]`)!;
  kpi.querySelector('.value')!.textContent = value;
  kpi.dataset.value = value;
  if (sub !== undefined) kpi.querySelector('.sub')!.textContent = sub;
}

function filter(): TalentFilter | null {
  const f: TalentFilter = {};
  if (state.sector) f.sector = state.sector;
  if (state.discipline) f.discipline = state.discipline;
  return Object.keys(f).length ? f : null;
}

function regionName(code: string): string {
  return state.context?.regions.find((r) => r.code === code)?.name ?? shortName(code);
}

// ---- token ---------------------------------------------------------------------------------

function showCaller() {
  const caller = $('caller');
  if (!state.info) {
    caller.textContent = state.token ? '令牌格式无法识别' : '尚未输入令牌';
    return;
  }
  const exp = state.info.exp ? `，有效至 ${new Date(state.info.exp * 1000).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })}` : '';
  caller.textContent = `${regionName(state.info.region)}（${state.info.region}）· ${state.info.scopes.join(' ') || '无权限范围'}${exp}`;
  caller.dataset.region = state.info.region;
}

function useToken(token: string) {
  state.token = token.trim();
  state.info = readToken(state.token);
  if (state.token) sessionStorage.setItem(TOKEN_KEY, state.token);
  else sessionStorage.removeItem(TOKEN_KEY);
  state.context = null;
  showCaller();
  void loadAll();
}

/** What the gateway serves besides the dashboard (development token, explorer); nothing when unknown. */
async function runtimeConfig(): Promise<{ devToken: boolean; explorer: boolean }> {
  try {
    const res = await fetch('/ui/config.json');
    if (res.ok) return (await res.json()) as { devToken: boolean; explorer: boolean };
  } catch {
    // The dashboard works without it.
  }
  return { devToken: false, explorer: false };
}

async function fetchDevelopmentToken() {
  const button = $<HTMLButtonElement>('dev-token-button');
  button.disabled = true;
  try {
    const region = $<HTMLSelectElement>('dev-region').value;
    const res = await fetch(`/dev/token?region=${encodeURIComponent(region)}`, { headers: { accept: 'application/json' } });
    const body = (await res.json()) as { token?: string; errors?: { message: string }[] };
    if (!res.ok || !body.token) throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
    $<HTMLInputElement>('token-input').value = body.token;
    useToken(body.token);
  } catch (error) {
    $('caller').textContent = `无法获取开发令牌：${error instanceof Error ? error.message : String(error)}`;
  } finally {
    button.disabled = false;
  }
}

// ---- loading -------------------------------------------------------------------------------

async function loadContext(signal: AbortSignal) {
  if (state.context) return;
  state.context = await request(DashboardContextDocument, {}, state.token, signal);
  const disciplines = $<HTMLSelectElement>('filter-discipline');
  disciplines.replaceChildren(new Option('全部学科', ''), ...state.context.disciplines.map((d) => new Option(`${d.code} ${d.name}`, d.code, false, d.code === state.discipline)));
  const coverage = $<HTMLSelectElement>('coverage-region');
  if (!state.coverageRegion) {
    const own = state.info?.region ? `${state.info.region.slice(0, 2)}0000` : '';
    state.coverageRegion = own && !['110000', '120000', '310000', '710000', '810000', '820000'].includes(own) ? own : COVERAGE_FALLBACK;
  }
  coverage.replaceChildren(...state.context.regions.map((r) => new Option(r.name ?? r.code, r.code, false, r.code === state.coverageRegion)));
  showCaller();
}

/**
 * Other provinces whose count the map publishes. Small groups of other provinces' talents are left
 * out of the answer like empty ones (so small cannot be told from none), so this is what can be
 * counted honestly; a count of hidden provinces would always be about zero.
 */
function publishedProvinces(groups: readonly { keys: readonly { value?: string | null }[]; suppressed: boolean }[], own: string | null): number {
  return groups.filter((g) => !g.suppressed && g.keys[0]?.value !== own).length;
}

async function loadMap() {
  await panels.map.run(async (signal) => {
    await loadContext(signal);
    const own = state.info ? `${state.info.region.slice(0, 2)}0000` : null;
    const values = new Map<string, ProvinceValue>();
    let minGroup = state.minGroup;
    let metric = '全部人才';
    if (!state.value) {
      const { talentStats } = await request(DashboardTalentMapDocument, { filter: filter() }, state.token, signal);
      minGroup = state.minGroup = talentStats.minGroupSize;
      $('privacy-hint').textContent = `行业与学科筛选作用于人才分布与构成；外省人才计数经一致随机舍入取整，不足 ${minGroup} 人的分组不公布，本省人才精确计数。`;
      for (const g of talentStats.groups) values.set(g.keys[0]!.value!, { count: g.count ?? null, suppressed: g.suppressed, own: g.ownRegionCount });
      setKpi('total', talentStats.total === null ? '—' : formatCount(talentStats.total), talentStats.total === null ? '为保护小组而不显示' : '按共享规则可见');
      setKpi('own', formatCount(talentStats.ownRegionTotal));
      setKpi('provinces', formatCount(publishedProvinces(talentStats.groups, own)), `不足 ${minGroup} 人的省份不公布`);
    } else {
      const { byRegion } = await request(DashboardTalentDimensionDocument, { dimension: state.dimension, filter: filter() }, state.token, signal);
      for (const g of byRegion.groups) {
        if ((g.keys[1]!.value ?? '') !== state.value) continue;
        values.set(g.keys[0]!.value!, { count: g.count ?? null, suppressed: g.suppressed, own: g.ownRegionCount });
        metric = g.keys[1]!.label ?? state.value;
      }
    }
    $('panel-map').dataset.metric = state.value || 'ALL';
    $('ranking-title').textContent = state.value ? `人数排名 · ${metric}` : '人数排名';
    renderTileMap($('chart-map'), values, { own, minGroup, metric });
    renderRanking($('ranking'), values, { own, minGroup, limit: 12 });
  }, loadMap);
}

async function loadBreakdown() {
  await panels.breakdown.run(async (signal) => {
    await loadContext(signal);
    const { breakdown } = await request(DashboardTalentDimensionDocument, { dimension: state.dimension, filter: filter() }, state.token, signal);
    const groups = breakdown.groups.map((g) => ({
      value: g.keys[0]!.value ?? null,
      label: g.keys[0]!.label ?? g.keys[0]!.value ?? '未填写',
      count: g.count ?? null,
      own: g.ownRegionCount,
      suppressed: g.suppressed,
    }));
    $('breakdown-title').textContent = `人才构成 · 按${DIMENSION_LABELS[state.dimension]}`;
    $('breakdown-meta').textContent = groups.length > 12 ? `前 12 项，共 ${groups.length} 项` : `共 ${groups.length} 项`;
    // The value select lists what the breakdown found, largest first.
    const values = $<HTMLSelectElement>('map-value');
    values.replaceChildren(new Option('全部', ''), ...groups.map((g) => new Option(g.label, g.value ?? '', false, (g.value ?? '') === state.value)));
    state.minGroup = breakdown.minGroupSize;
    renderBreakdown($('chart-breakdown'), groups, {
      minGroup: breakdown.minGroupSize,
      selected: state.value,
      limit: 12,
      onSelect: (value) => {
        state.value = state.value === value ? '' : value;
        values.value = state.value;
        void loadMap();
        void loadBreakdown();
      },
    });
  }, loadBreakdown);
}

async function loadFlows() {
  await panels.flows.run(async (signal) => {
    const period = state.flowYear ? { start: `${state.flowYear}-01-01`, end: `${state.flowYear}-12-31` } : null;
    const { talentFlows } = await request(DashboardFlowsDocument, { period, kind: state.flowKind || null }, state.token, signal);
    const own = state.info ? `${state.info.region.slice(0, 2)}0000` : null;
    const summary = renderFlows($('chart-flows'), talentFlows, own);
    const foot = $('flows-summary');
    foot.dataset.engagements = String(summary.engagements);
    const notes = [
      summary.undrawnPairs ? `图中为最大的 30 组省际流动（另有 ${summary.undrawnPairs} 组较小的未画出）` : '',
      summary.hiddenFlows ? `${summary.hiddenFlows} 条不足 ${state.minGroup} 人次的外省间流动已隐藏` : '',
    ].filter(Boolean);
    foot.textContent = `可见流动 ${formatCount(summary.engagements)} 人次，左为派出省份，右为服务省份${notes.length ? `；${notes.join('；')}` : ''}。`;
    setKpi('flows', formatCount(summary.engagements), state.flowYear ? `${state.flowYear} 年 · 人次` : '人次');
  }, loadFlows);
}

async function loadProgress() {
  await panels.progress.run(async (signal) => {
    const { programProgress } = await request(DashboardProgramProgressDocument, { region: null, kind: null }, state.token, signal);
    renderProgress($('chart-progress'), programProgress);
    const onTrack = programProgress.filter((p) => p.status === 'ON_TRACK' || p.status === 'ACHIEVED').length;
    setKpi('programs', formatCount(programProgress.length), `${onTrack} 个按期或已完成`);
  }, loadProgress);
}

async function loadCoverage() {
  await panels.coverage.run(async (signal) => {
    await loadContext(signal);
    const { poolCoverage } = await request(DashboardPoolCoverageDocument, { region: state.coverageRegion }, state.token, signal);
    if (!poolCoverage) throw new ApiError(`地区 ${state.coverageRegion} 不存在。`, 'NOT_FOUND');
    const gaps = renderCoverage($('chart-coverage'), $('gaps'), poolCoverage, { sector: state.sector, limit: 36 });
    $('gaps-title').textContent =
      `${poolCoverage.region.name ?? ''}空白地区${state.sector ? `（缺${SECTOR_LABELS[state.sector]}专家库）` : ''} · ${gaps} 个 / 共 ${poolCoverage.summary.areas} 个地市和区县`;
  }, loadCoverage);
}

async function loadAll() {
  if (!state.token) {
    for (const panel of Object.values(panels)) panel.idle('请在右上角粘贴访问令牌，或在开发环境中获取开发令牌。');
    return;
  }
  // The context (disciplines, provinces) is loaded once, by the first panel that needs it.
  await loadMap();
  await Promise.all([loadBreakdown(), loadFlows(), loadProgress(), loadCoverage()]);
}

// ---- wiring --------------------------------------------------------------------------------

function setUp() {
  const dimension = $<HTMLSelectElement>('map-dimension');
  dimension.replaceChildren(...(Object.keys(DIMENSION_LABELS) as Dimension[]).map((d) => new Option(DIMENSION_LABELS[d], d, false, d === state.dimension)));
  dimension.addEventListener('change', () => {
    state.dimension = dimension.value as Dimension;
    state.value = '';
    void loadMap();
    void loadBreakdown();
  });
  $<HTMLSelectElement>('map-value').addEventListener('change', (e) => {
    state.value = (e.target as HTMLSelectElement).value;
    void loadMap();
    void loadBreakdown();
  });
  $<HTMLSelectElement>('filter-sector').addEventListener('change', (e) => {
    state.sector = (e.target as HTMLSelectElement).value as Sector | '';
    void loadMap();
    void loadBreakdown();
    void loadCoverage();
  });
  $<HTMLSelectElement>('filter-discipline').addEventListener('change', (e) => {
    state.discipline = (e.target as HTMLSelectElement).value;
    void loadMap();
    void loadBreakdown();
  });
  const year = $<HTMLSelectElement>('flow-year');
  const thisYear = new Date().getFullYear();
  for (let y = thisYear; y >= 2019; y--) year.append(new Option(`${y} 年`, String(y)));
  year.addEventListener('change', () => {
    state.flowYear = year.value;
    void loadFlows();
  });
  $<HTMLSelectElement>('flow-kind').addEventListener('change', (e) => {
    state.flowKind = (e.target as HTMLSelectElement).value as EngagementKind | '';
    void loadFlows();
  });
  $<HTMLSelectElement>('coverage-region').addEventListener('change', (e) => {
    state.coverageRegion = (e.target as HTMLSelectElement).value;
    void loadCoverage();
  });
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    useToken($<HTMLInputElement>('token-input').value);
  });
  const devRegion = $<HTMLSelectElement>('dev-region');
  devRegion.replaceChildren(...PROVINCE_TILES.map(([code, name]) => new Option(name, code, false, code === '510000')));
  $('dev-token-button').addEventListener('click', () => void fetchDevelopmentToken());
  let resizing: number | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = window.setTimeout(resizeCharts, 100);
  });
}

async function main() {
  setUp();
  $<HTMLInputElement>('token-input').value = state.token;
  state.info = readToken(state.token);
  showCaller();
  const config = await runtimeConfig();
  $('dev-token').hidden = !config.devToken;
  $('explorer-link').hidden = !config.explorer;
  // Charts measure their labels when drawn: wait (briefly) for the bundled Chinese font.
  await Promise.race([document.fonts.load('14px "Noto Sans SC Variable"', '人才数据看板省份流动'), new Promise((r) => setTimeout(r, 1500))]);
  document.body.dataset.ready = 'true';
  await loadAll();
}

void main();
