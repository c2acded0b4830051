import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';
import { SignJWT } from 'jose';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DashboardFlowsDocument,
  type DashboardFlowsQuery,
  DashboardPoolCoverageDocument,
  type DashboardPoolCoverageQuery,
  DashboardTalentMapDocument,
  type DashboardTalentMapQuery,
} from '../../schema/operations/generated.ts';
import { clientToken, TEST_JWT_SECRET } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';

/**
 * The dashboard and the explorer in Debian's Chromium (headless, driven by playwright-core)
 * against a hub started in-process: a token is entered, the charts appear, the numbers shown are
 * the API's, and nothing is fetched from anywhere but the gateway on 127.0.0.1. The dashboard
 * screenshot in the README is taken here (`npm run screenshot` writes docs/dashboard.png).
 */
const CHROMIUM = '/usr/bin/chromium';
// `npm test` never rewrites a tracked file: the screenshot goes to a temporary file unless
// `npm run screenshot` asks for the README's picture (HUB_SCREENSHOT=docs/dashboard.png).
const SCREENSHOT = process.env.HUB_SCREENSHOT ? fileURLToPath(new URL(`../../${process.env.HUB_SCREENSHOT}`, import.meta.url)) : join(tmpdir(), `hub-dashboard-${process.pid}.png`);
const SICHUAN = '510000';
const SCOPES = ['talent:read', 'stats:read'];
const PANELS = ['panel-map', 'panel-breakdown', 'panel-flows', 'panel-progress', 'panel-coverage'];

let hub: Hub;
let base: string;
let userDataDir: string;
let browser: BrowserContext;
let page: Page;
/** Every request the browser made to anything but the gateway. */
const external: string[] = [];

const count = (n: number) => n.toLocaleString('zh-CN');

async function api<T>(document: Parameters<typeof print>[0], variables: Record<string, unknown>, region = SICHUAN): Promise<T> {
  const res = await hub.query<T>(print(document), variables, { region, scopes: SCOPES });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!;
}

/** The panels' states (data-state: idle, loading, ready, error). */
async function states(): Promise<Record<string, string | null>> {
  return Object.fromEntries(await Promise.all(PANELS.map(async (id) => [id, await page.locator(`#${id}`).getAttribute('data-state')] as const)));
}

/** Waits until every panel has finished loading (ready or error) and returns their states. */
async function settled(): Promise<Record<string, string | null>> {
  // Polled from here: the page's CSP forbids the string evaluation of page.waitForFunction.
  await expect.poll(async () => Object.values(await states()).every((s) => s === 'ready' || s === 'error'), { timeout: 20_000, interval: 100 }).toBe(true);
  return states();
}

/** Monaco renders spaces as no-break spaces. */
const text = async (selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\u00a0/g, ' ');

async function kpi(name: string): Promise<string> {
  return (await page.locator(`[data-kpi="${name}"] .value`).textContent())!.trim();
}

/**
 * A token whose expiry (shown on the page) does not depend on when the test runs, so the committed
 * screenshot only changes when the dashboard does.
 */
function screenshotToken(): Promise<string> {
  return new SignJWT({ region: SICHUAN, scope: SCOPES.join(' ') })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('dashboard-screenshot')
    .setIssuedAt(Date.UTC(2026, 0, 1) / 1000)
    .setExpirationTime(Date.UTC(2099, 0, 1) / 1000)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

async function enterToken(token: string) {
  await page.fill('#token-input', token);
  await page.click('#token-apply');
}

beforeAll(async () => {
  // The screenshot token is made to last until 2099 so the committed picture does not change with
  // the date; this hub accepts such a lifetime (the gateway's default maximum is 24 h).
  hub = await startHub({
    talents: 1500,
    gateway: { auth: { jwtSecret: TEST_JWT_SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined, maxAgeSeconds: 100 * 365 * 86_400 } },
  });
  base = hub.url.replace(/\/graphql$/, '');
  userDataDir = mkdtempSync(join(tmpdir(), 'hub-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  browser.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') external.push(request.url());
  });
  page = browser.pages()[0] ?? (await browser.newPage());
});

afterAll(async () => {
  await browser?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  if (!process.env.HUB_SCREENSHOT) rmSync(SCREENSHOT, { force: true });
  await hub?.close();
});

describe('/dashboard', () => {
  it('asks for a token, then shows the four views with the numbers of the API', async () => {
    await page.goto(`${base}/dashboard`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#panel-map').getAttribute('data-state')).toBe('idle');
    await expect.poll(() => page.locator('#panel-map .panel-status').textContent()).toContain('令牌');

    await enterToken(await screenshotToken());
    expect(Object.values(await settled())).toEqual(PANELS.map(() => 'ready'));
    await expect.poll(() => page.locator('#caller').textContent()).toContain('四川省');

    // Key figures and the ranking beside the tile map: the API's talentStats by region.
    const { talentStats } = await api<DashboardTalentMapQuery>(DashboardTalentMapDocument, { filter: null });
    expect(await kpi('total')).toBe(talentStats.total === null ? '—' : count(talentStats.total));
    expect(await kpi('own')).toBe(count(talentStats.ownRegionTotal));
    // Other provinces whose (rounded) count is published; small and empty ones are left out alike.
    expect(await kpi('provinces')).toBe(count(talentStats.groups.filter((g) => !g.suppressed && g.keys[0]!.value !== '510000').length));
    const ranking = await page
      .locator('#ranking li[data-region]')
      .evaluateAll((items) => items.map((li) => [li.getAttribute('data-region'), Number(li.getAttribute('data-count'))]));
    const shown = talentStats.groups.filter((g) => !g.suppressed).map((g) => [g.keys[0]!.value, g.count]);
    expect(ranking).toEqual(shown.slice(0, 12));
    // The tile map: every province has a tile; Sichuan's carries its exact count.
    const map = (await page.locator('#chart-map svg').textContent())!;
    for (const name of ['新疆', '四川', '重庆', '广东', '黑龙江', '台湾', '香港', '澳门']) expect(map).toContain(name);
    expect(map).toContain(count(talentStats.ownRegionTotal));
    if (talentStats.suppressedGroups > 0) expect(map).toContain(`<${talentStats.minGroupSize}`);

    // Flows: engagements of the flows that may be shown, kinds added up.
    const { talentFlows } = await api<DashboardFlowsQuery>(DashboardFlowsDocument, { period: null, kind: null });
    const engagements = talentFlows.reduce((n, f) => n + (f.count ?? 0), 0);
    expect(await page.locator('#flows-summary').getAttribute('data-engagements')).toBe(String(engagements));
    expect(await kpi('flows')).toBe(count(engagements));
    expect((await page.locator('#chart-flows svg').textContent())!).toContain('四川');

    // Programme progress: 佛山专项编制池 126 of 200, 河北双千计划 against 1,000 and 1,000.
    const progress = (await page.locator('#chart-progress svg').textContent())!;
    expect(progress).toContain('126/200个');
    const awards = hub.dataset.projects.awards.filter((a) => a.programId === 'prog-hebei-shuangqian');
    for (const category of ['INTRODUCED', 'TRAINED']) expect(progress).toContain(`${count(awards.filter((a) => a.category === category).length)}/1,000人`);
    expect(await kpi('programs')).toBe(String(hub.dataset.projects.programs.length));

    // Pool coverage of Sichuan: the gaps listed are the areas without a pool, in the API's order.
    const { poolCoverage } = await api<DashboardPoolCoverageQuery>(DashboardPoolCoverageDocument, { region: SICHUAN });
    const gaps = poolCoverage!.areas.filter((a) => a.status === 'NONE').map((a) => a.region.code);
    expect(await page.locator('#gaps li[data-region]').evaluateAll((items) => items.map((li) => li.getAttribute('data-region')))).toEqual(gaps.slice(0, 36));
    expect(await page.locator('#gaps-title').textContent()).toContain(`${gaps.length} 个 / 共 ${poolCoverage!.summary.areas} 个`);

    // The bundled Chinese font loads per glyph range: let every range in use arrive.
    await page.evaluate('document.fonts.ready.then(() => true)');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('filters by sector and discipline, and the numbers follow', async () => {
    await page.selectOption('#filter-sector', 'AGRICULTURE');
    await page.selectOption('#filter-discipline', '210');
    await settled();
    const filter = { sector: 'AGRICULTURE', discipline: '210' };
    const { talentStats } = await api<DashboardTalentMapQuery>(DashboardTalentMapDocument, { filter });
    await expect.poll(() => kpi('own')).toBe(count(talentStats.ownRegionTotal));
    expect(await kpi('total')).toBe(talentStats.total === null ? '—' : count(talentStats.total));
    const ranking = await page.locator('#ranking li[data-region]').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-count'))));
    expect(ranking).toEqual(
      talentStats.groups
        .filter((g) => !g.suppressed)
        .slice(0, 12)
        .map((g) => g.count),
    );
    await page.selectOption('#filter-sector', '');
    await page.selectOption('#filter-discipline', '');
    await settled();
  });

  it('shows what went wrong when the token lacks stats:read', async () => {
    await enterToken(await clientToken({ region: SICHUAN, scopes: ['talent:read'] }));
    const states = await settled();
    expect(states['panel-map']).toBe('error');
    expect(states['panel-progress']).toBe('error');
    expect(await page.locator('#panel-progress .panel-error').textContent()).toContain('stats:read');
    await expect.poll(() => page.locator('#panel-progress .panel-error button').textContent()).toBe('重试');
  });

  it('gets a development token from the gateway in development', async () => {
    expect(await page.locator('#dev-token').isVisible()).toBe(true);
    await page.selectOption('#dev-region', '500000');
    await page.click('#dev-token-button');
    await expect.poll(() => page.locator('#caller').textContent()).toContain('重庆市');
    expect(Object.values(await settled())).toEqual(PANELS.map(() => 'ready'));
    expect(await page.locator('#caller').textContent()).toContain('stats:read');
  });
});

describe('/explorer', () => {
  it('renders GraphiQL with the README examples and a development token, and runs one', async () => {
    await page.goto(`${base}/explorer`);
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    const tabs = await page.locator('.graphiql-tab-button').allTextContents();
    expect(tabs.join(' ')).toContain('Talents');
    expect(tabs.join(' ')).toContain('Program');
    // GraphiQL opens on the README's first example; a click that lands while its editors are still
    // starting up is lost, so click until the Talents example is the one shown.
    await expect
      .poll(
        async () => {
          await page.locator('.graphiql-tab-button[title="Talents"]').click();
          return text('.graphiql-query-editor');
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('query Talents');
    await expect.poll(() => text('.graphiql-editor-tool')).toContain('"Authorization": "Bearer ey');
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => text('.graphiql-response'), { timeout: 15_000 }).toContain('"totalCount"');
    expect(await text('.graphiql-response')).not.toContain('"errors"');
  });

  it('loaded nothing from anywhere but 127.0.0.1', () => {
    expect(external).toEqual([]);
  });
});
