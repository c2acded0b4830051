import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileOperationsStore } from '../../gateway/operations/store.ts';
import { TrustedDocuments } from '../../gateway/operations/trusted.ts';
import { type Hub, startHub } from '../helpers/hub.ts';
import { removeDir, tempDataDir } from '../helpers/registry.ts';

/**
 * The explorer in Debian's Chromium against a hub whose development token's client is
 * `registered-only`: a README example runs, because the explorer sends it by documentId (the
 * gateway registered the README's examples at start), not as text.
 */
const CHROMIUM = '/usr/bin/chromium';
/** The `sub` of the gateway's /dev/token for Sichuan (gateway/static.ts). */
const DEV_CLIENT = 'dev-dashboard-510000';

let hub: Hub;
let dir: string;
let userDataDir: string;
let browser: BrowserContext;
let page: Page;
/** The bodies the page POSTed to /graphql. */
const bodies: Record<string, unknown>[] = [];

/** Monaco renders spaces as no-break spaces. */
const text = async (selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\u00a0/g, ' ');

beforeAll(async () => {
  dir = await tempDataDir();
  const trusted = await TrustedDocuments.open(new FileOperationsStore(dir));
  hub = await startHub({
    talents: 300,
    nodes: 'single',
    gateway: { operations: trusted, operationsPolicy: { clients: { [DEV_CLIENT]: 'registered-only' }, default: 'registered-or-open' } },
  });
  userDataDir = mkdtempSync(join(tmpdir(), 'hub-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
  });
  browser.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') bodies.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
  });
  page = browser.pages()[0] ?? (await browser.newPage());
});

afterAll(async () => {
  await browser?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await hub?.close();
  await removeDir(dir);
});

describe('/explorer with a registered-only development token', () => {
  it('runs an unchanged README example by documentId', async () => {
    await page.goto(`${hub.url.replace(/\/graphql$/, '')}/explorer`);
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    // A click that lands while the editors are still starting up is lost: click until the Talents example is shown.
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
    const sent = bodies.filter((b) => b.operationName === 'Talents');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(sent[0]!.query).toBeUndefined();
  });
});
