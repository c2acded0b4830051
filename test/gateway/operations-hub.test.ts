import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationDocument, operationNames } from '../../dashboard/explorer/documents.ts';
import { readmeExamples } from '../../dashboard/explorer/examples.ts';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { FileOperationsStore } from '../../gateway/operations/store.ts';
import { TrustedDocuments } from '../../gateway/operations/trusted.ts';
import { documentIdOf, HUB_CLIENT } from '../../gateway/operations/model.ts';
import type { ServeGatewayOptions } from '../../gateway/serve.ts';
import { createLogger } from '../../platform/log.ts';
import type { RunningServer } from '../../platform/server.ts';
import { explorerOperations } from '../../scripts/dashboard-build.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type Hub, startGatewayOver, startHub } from '../helpers/hub.ts';
import { admin, removeDir, tempDataDir } from '../helpers/registry.ts';

/**
 * The hub applications' documents (client hub-dashboard) through real HTTP against in-process
 * gateways on port 0: the README's examples (the explorer's tabs) are registered at start and run
 * by id for a registered-only client, an edited one only for an open client; and a document no
 * longer in the files is retired, still runs within the grace period, and is gone after it, while
 * other clients' documents stay.
 */

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const LOCKED = 'locked-explorer';
const OPEN = 'open-system';
const SCOPES = [...ALL_SCOPES, 'linkage:write'];

let hub: Hub;
const dirs: string[] = [];
const gateways: RunningServer[] = [];

beforeAll(async () => {
  hub = await startHub({ talents: 200, nodes: 'single' });
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await hub?.close();
  for (const dir of dirs) await removeDir(dir);
});

/** A gateway over the hub's subgraphs with trusted documents in `dir`. */
async function gatewayWith(dir: string, options: Partial<ServeGatewayOptions> = {}): Promise<{ url: string; trusted: TrustedDocuments; gateway: RunningServer }> {
  const trusted = await TrustedDocuments.open(new FileOperationsStore(dir));
  const gateway = await startGatewayOver(hub, {
    operations: trusted,
    operationsPolicy: { clients: { [LOCKED]: 'registered-only', [OPEN]: 'open' }, default: 'registered-or-open' },
    ...options,
  });
  gateways.push(gateway);
  return { url: gateway.url, trusted, gateway };
}

async function send(url: string, sub: string, body: Record<string, unknown>) {
  const token = await clientToken({ region: '510000', scopes: SCOPES, sub });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe("the explorer's examples", () => {
  let url: string;
  let trusted: TrustedDocuments;
  const examples = async () => readmeExamples(await readFile(README, 'utf8'));

  beforeAll(async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    ({ url, trusted } = await gatewayWith(dir));
  });

  it('registers every README example at start, each runnable by id by a registered-only client', async () => {
    const registered = new Set(trusted.list(HUB_CLIENT).map((d) => d.id));
    let ran = 0;
    for (const example of await examples()) {
      if (example.partner) continue;
      for (const name of operationNames(example.query)) {
        // As the explorer computes it in the browser: the tab's operation, printed.
        const id = documentIdOf(operationDocument(example.query, name)!);
        expect(registered.has(id), `README example "${example.title}" (${name}) is registered`).toBe(true);
        const res = await send(url, LOCKED, { documentId: id, operationName: name });
        expect(res.status, `${example.title}: ${JSON.stringify(res.body.errors)}`).toBe(200);
        expect(res.body.errors, example.title).toBeUndefined();
        expect(res.body.data, example.title).toBeTruthy();
        ran++;
      }
    }
    expect(ran).toBeGreaterThanOrEqual(8);
  });

  it('refuses an edited example to a registered-only client and runs it for an open one; comments and layout are no edit', async () => {
    const example = (await examples()).find((e) => operationNames(e.query).includes('Talents'))!;
    // A tab that differs only in comments and layout prints to the registered text.
    expect(operationDocument(`# my notes\n${example.query.replace(/^#.*\n/gm, '').replace(/\s+/g, ' ')}`, 'Talents')).toBe(operationDocument(example.query, 'Talents'));
    const edited = example.query.replace('first: 20', 'first: 2');
    expect(edited).not.toBe(example.query);
    const text = operationDocument(edited, 'Talents')!;
    expect(trusted.lookup(LOCKED, documentIdOf(text))).toBeUndefined();
    const refused = await send(url, LOCKED, { query: edited, operationName: 'Talents' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_REGISTERED');
    const byId = await send(url, LOCKED, { documentId: documentIdOf(text) });
    expect(byId.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const open = await send(url, OPEN, { query: edited, operationName: 'Talents' });
    expect(open.status).toBe(200);
    expect(open.body.data.talents.edges).toHaveLength(2);
  });

  it('leaves out, by name, an example marked as needing a partner subgraph; one that does not validate fails the generation naming it', async () => {
    const file = await readFile(fileURLToPath(new URL('../../schema/operations/explorer.graphql', import.meta.url)), 'utf8');
    const partner = (await examples()).find((e) => e.partner === 'hainan')!;
    expect(file).toContain(`"${partner.title}" (needs partners/hainan; sent as text)`);
    expect(trusted.list(HUB_CLIENT).some((d) => d.text.includes('hainanServiceRecords'))).toBe(false);
    const readme = '# Hub\n\nTalents with a misspelt field:\n\n```graphql\n{ talents { totalCountt } }\n```\n\nRegions:\n\n```graphql\n{ regions { code } }\n```\n';
    expect(() => explorerOperations(readme)).toThrow(/README example "Talents with a misspelt field": Talents does not validate .*Cannot query field "totalCountt"/);
    expect(() => explorerOperations('Taken name:\n\n```graphql\nquery TalentById { disciplines { code } }\n```\n')).toThrow(
      /README example "Taken name": another operation is already named TalentById/,
    );
  });
});

describe('stale hub documents', () => {
  const OLD = 'query HubRetiring { disciplines { code } }';
  const KEPT = 'query HubKept { regions(level: PROVINCE) { code } }';
  const NEW = 'query HubArriving { disciplines { code name } }';
  const printed = (source: string) => operationDocument(source)!;
  const RETIRE_AFTER_MS = 1000;

  it('retires a document no longer in the files, runs it within the grace period, removes it after, and leaves other clients` documents', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const [v1, v2] = [join(dir, 'v1.graphql'), join(dir, 'v2.graphql')];
    await writeFile(v1, `${OLD}\n${KEPT}\n`);
    await writeFile(v2, `${KEPT}\n${NEW}\n`);
    const oldId = documentIdOf(printed(OLD));
    const other = 'query OtherClientDisciplines { disciplines { code } }';

    // Version 1 of the applications, and documents of others: a provincial system's, and a hub document an administrator published.
    const first = await gatewayWith(dir, { hubDocuments: { files: [v1], retireAfterMs: RETIRE_AFTER_MS } });
    expect((await admin(first.url, 'POST', '/operations', { client: 'sichuan-system', documents: [{ id: documentIdOf(other), text: other }] })).status).toBe(201);
    const adminHub = 'query AdminPublished { regions(level: PROVINCE) { name } }';
    expect((await admin(first.url, 'POST', '/operations', { client: HUB_CLIENT, documents: [{ id: documentIdOf(adminHub), text: adminHub }] })).status).toBe(201);
    expect((await send(first.url, 'any-system', { documentId: oldId })).status).toBe(200);
    await first.gateway.close();

    // Version 2 starts on the same store: the old document is retired, not removed.
    const lines: string[] = [];
    const logger = createLogger('gateway', 'info', {
      format: 'json',
      destination: new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    const second = await gatewayWith(dir, { hubDocuments: { files: [v2], retireAfterMs: RETIRE_AFTER_MS }, logger });
    const within = await send(second.url, LOCKED, { documentId: oldId });
    expect(within.status).toBe(200);
    expect(within.body.data.disciplines.length).toBeGreaterThan(0);
    const byName = () => new Map(second.trusted.list(HUB_CLIENT).map((d) => [d.name, d]));
    expect(byName().get('HubRetiring')?.retiredAt).toBeInstanceOf(Date);
    expect(byName().get('HubKept')?.retiredAt).toBeUndefined();
    expect((await send(second.url, LOCKED, { documentId: documentIdOf(printed(NEW)) })).status).toBe(200);
    expect(lines.join('')).toMatch(/hub documents retired.*HubRetiring/);

    // After the grace period the running gateway's sweep removes it (bounded wait, no fixed sleep).
    const deadline = Date.now() + 10_000;
    let after = await send(second.url, LOCKED, { documentId: oldId });
    while (after.status === 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = await send(second.url, LOCKED, { documentId: oldId });
    }
    expect(after.status).toBe(404);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(lines.join('')).toMatch(/hub documents removed.*HubRetiring/);
    const stored = JSON.parse(await readFile(join(dir, 'operations.json'), 'utf8')) as { documents: { id: string; client: string; name: string }[] };
    expect(stored.documents.some((d) => d.id === oldId)).toBe(false);

    // Untouched: the kept and new hub documents, the administrator's hub document, the other client's document.
    expect([...byName().keys()].sort()).toEqual(['AdminPublished', 'HubArriving', 'HubKept']);
    expect(second.trusted.list('sichuan-system').map((d) => d.name)).toEqual(['OtherClientDisciplines']);
    expect((await send(second.url, 'sichuan-system', { documentId: documentIdOf(other) })).status).toBe(200);
    expect((await send(second.url, LOCKED, { documentId: documentIdOf(printed(KEPT)) })).status).toBe(200);
  });

  it('restores a retired document that is in the files again (a rollback) and counts the grace period from its last retirement', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const file = join(dir, 'v1.graphql');
    await writeFile(file, `${OLD}\n${KEPT}\n`);
    // A long grace period: the gateway's own sweep stays out of the way of the steps below.
    const { url, trusted } = await gatewayWith(dir, { hubDocuments: { files: [file], retireAfterMs: 3_600_000 } });
    const doc = (source: string) => ({ id: documentIdOf(printed(source)), text: printed(source) });
    const v1 = [doc(OLD), doc(KEPT)];
    const v2 = [doc(KEPT), doc(NEW)];
    const at = (ms: number) => ({ retireAfterMs: 60_000, now: new Date(Date.UTC(2026, 0, 1) + ms) });
    expect((await trusted.syncHubDocuments(v2, at(0))).retired.map((d) => d.name)).toEqual(['HubRetiring']);
    expect((await trusted.syncHubDocuments(v1, at(1000))).restored.map((d) => d.name)).toEqual(['HubRetiring']);
    expect((await trusted.syncHubDocuments(v2, at(50_000))).retired.map((d) => d.name)).toEqual(['HubRetiring']);
    // 70 s after the first retirement but 20 s after the last one: still there.
    expect((await trusted.syncHubDocuments(v2, at(70_000))).removed).toEqual([]);
    expect((await send(url, LOCKED, { documentId: doc(OLD).id })).status).toBe(200);
    expect((await trusted.syncHubDocuments(v2, at(110_000))).removed.map((d) => d.name)).toEqual(['HubRetiring']);
    expect((await send(url, LOCKED, { documentId: doc(OLD).id })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // A document that does not validate changes nothing.
    const bad = 'query Broken { talentz { id } }';
    await expect(trusted.syncHubDocuments([...v2, { id: documentIdOf(bad), text: bad }], at(120_000))).rejects.toThrow(/INVALID_DOCUMENT.*talentz/);
    expect(
      trusted
        .list(HUB_CLIENT)
        .map((d) => d.name)
        .sort(),
    ).toEqual(['HubArriving', 'HubKept']);
  });

  it('takes its grace period from HUB_OPERATIONS_HUB_RETIRE_AFTER_MS (default 24 h), refusing one too short for a rolling deploy', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).operationsHubRetireAfterMs).toBe(86_400_000);
    expect(loadGatewayConfig({ NODE_ENV: 'development', HUB_OPERATIONS_HUB_RETIRE_AFTER_MS: '3600000' }).operationsHubRetireAfterMs).toBe(3_600_000);
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_OPERATIONS_HUB_RETIRE_AFTER_MS: '1000' })).toThrow(/HUB_OPERATIONS_HUB_RETIRE_AFTER_MS: must be at least 60000/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_OPERATIONS_HUB_RETIRE_AFTER_MS: 'a day' })).toThrow(/HUB_OPERATIONS_HUB_RETIRE_AFTER_MS/);
  });
});
