import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { FileOperationsStore } from '../../gateway/operations/store.ts';
import { TrustedDocuments } from '../../gateway/operations/trusted.ts';
import { documentIdOf, HUB_CLIENT } from '../../gateway/operations/model.ts';
import { clientToken } from '../helpers/caller.ts';
import { type Hub, startGatewayOver, startHub } from '../helpers/hub.ts';
import { admin, removeDir, tempDataDir } from '../helpers/registry.ts';

/**
 * Trusted documents through real HTTP against an in-process gateway: publishing through the admin
 * API, running by documentId (POST and GET), the per-client policies (text and APQ), the refusals
 * (wrong client, id that does not match, invalid document, unknown id) and the store across a restart.
 */

const TALENTS = 'query TalentNames { talents(first: 3) { edges { node { id name } } } }';
const DISCIPLINES = 'query DisciplineCodes { disciplines { code } }';
const LOCKED = 'locked-system';

let hub: Hub;
let dir: string;
let trusted: TrustedDocuments;

async function tokenFor(sub: string, scopes = ['talent:read']): Promise<string> {
  return clientToken({ region: '510000', scopes, sub });
}

/** POSTs a GraphQL body as `sub`. */
async function send(sub: string, body: Record<string, unknown>) {
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(sub)}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const doc = (text: string) => ({ id: documentIdOf(text), text });

beforeAll(async () => {
  dir = await tempDataDir();
  trusted = await TrustedDocuments.open(new FileOperationsStore(dir));
  hub = await startHub({
    talents: 200,
    nodes: 'single',
    gateway: { operations: trusted, operationsPolicy: { clients: { [LOCKED]: 'registered-only', 'open-system': 'open' }, default: 'auto' } },
  });
});
afterAll(async () => {
  await hub?.close();
  await removeDir(dir);
});

describe('publishing', () => {
  it('registers a client`s documents through the admin API; registering them again changes nothing', async () => {
    const first = await admin(hub.url, 'POST', '/operations', { client: 'sichuan-system', documents: [doc(TALENTS), doc(DISCIPLINES)] });
    expect(first.status).toBe(201);
    expect(first.body.documents).toEqual([
      { id: documentIdOf(TALENTS), name: 'TalentNames', status: 'added' },
      { id: documentIdOf(DISCIPLINES), name: 'DisciplineCodes', status: 'added' },
    ]);
    const again = await admin(hub.url, 'POST', '/operations', { client: 'sichuan-system', documents: [doc(TALENTS)] });
    expect(again.body.documents).toEqual([{ id: documentIdOf(TALENTS), name: 'TalentNames', status: 'unchanged' }]);
    const listed = await admin(hub.url, 'GET', '/operations?client=sichuan-system');
    expect(listed.body.documents.map((d: { name: string; registeredBy: string }) => [d.name, d.registeredBy])).toEqual([
      ['DisciplineCodes', 'hainan-admin'],
      ['TalentNames', 'hainan-admin'],
    ]);
  });

  it('refuses a whole publish when one document does not validate, saying what to fix, and stores nothing', async () => {
    const bad = 'query Broken { talentz { id } }';
    const res = await admin(hub.url, 'POST', '/operations', { client: 'chongqing-system', documents: [doc(DISCIPLINES), doc(bad)] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({ code: 'INVALID_DOCUMENT', id: documentIdOf(bad) });
    expect(res.body.errors[0].message).toContain('Cannot query field "talentz"');
    expect((await admin(hub.url, 'GET', '/operations?client=chongqing-system')).body.documents).toEqual([]);
  });

  it('refuses a document whose text does not hash to its id, and an anonymous or several-operation document', async () => {
    const mismatch = await admin(hub.url, 'POST', '/operations', { client: 'chongqing-system', documents: [{ id: documentIdOf(TALENTS), text: DISCIPLINES }] });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors[0].code).toBe('DOCUMENT_ID_MISMATCH');
    expect(mismatch.body.errors[0].message).toContain(documentIdOf(DISCIPLINES));
    const anonymous = await admin(hub.url, 'POST', '/operations', { client: 'chongqing-system', documents: [doc('{ disciplines { code } }')] });
    expect(anonymous.body.errors[0].message).toMatch(/no name/);
    const two = await admin(hub.url, 'POST', '/operations', { client: 'chongqing-system', documents: [doc(`${TALENTS}\n${DISCIPLINES}`)] });
    expect(two.body.errors[0].message).toMatch(/exactly one operation/);
    const malformed = await admin(hub.url, 'POST', '/operations', { client: 'chongqing-system', documents: [{ id: 'md5:abc', text: TALENTS }] });
    expect(malformed.status).toBe(400);
    expect((await admin(hub.url, 'GET', '/operations?client=chongqing-system')).body.documents).toEqual([]);
  });

  it('lets a client with operations:publish register for itself only: for another client 403 and nothing stored', async () => {
    const own = await admin(hub.url, 'POST', '/operations', { client: 'guizhou-system', documents: [doc(DISCIPLINES)] }, { scopes: ['operations:publish'], sub: 'guizhou-system' });
    expect(own.status).toBe(201);
    const other = await admin(
      hub.url,
      'POST',
      '/operations',
      { client: 'yunnan-system', documents: [doc(DISCIPLINES)] },
      { scopes: ['operations:publish'], sub: 'guizhou-system' },
    );
    expect(other.status).toBe(403);
    expect(other.body.errors[0].message).toContain('"guizhou-system" only');
    expect(trusted.list('yunnan-system')).toEqual([]);
    const listOther = await admin(hub.url, 'GET', '/operations?client=yunnan-system', undefined, { scopes: ['operations:publish'], sub: 'guizhou-system' });
    expect(listOther.status).toBe(403);
    expect(listOther.body.errors[0].message).toContain('may read and publish the documents of "guizhou-system"');
    expect(listOther.body.errors[0].message).toContain('"yunnan-system" need registry:admin');
    // Reading the hub applications' documents: the answer says what the caller may do, not that they are "changed" with admin only.
    const readHub = await admin(hub.url, 'GET', `/operations?client=${HUB_CLIENT}`, undefined, { scopes: ['operations:publish'], sub: 'guizhou-system' });
    expect(readHub.status).toBe(403);
    expect(readHub.body.errors[0].message).toContain('may read and publish the documents of "guizhou-system"');
    expect(readHub.body.errors[0].message).not.toContain('changed with');
    // The hub applications' documents run for every client: a token that merely bears their name cannot change them.
    const hubDocs = await admin(hub.url, 'POST', '/operations', { client: HUB_CLIENT, documents: [doc(TALENTS)] }, { scopes: ['operations:publish'], sub: HUB_CLIENT });
    expect(hubDocs.status).toBe(403);
    expect(trusted.list(HUB_CLIENT).some((d) => d.id === documentIdOf(TALENTS))).toBe(false);
    const noScope = await admin(hub.url, 'POST', '/operations', { client: 'guizhou-system', documents: [doc(TALENTS)] }, { scopes: ['talent:read'], sub: 'guizhou-system' });
    expect(noScope.status).toBe(403);
  });
});

describe('running by id', () => {
  it('runs a registered document by documentId (POST and GET) with the same answer as its text, without parsing it', async () => {
    const byText = await send('sichuan-system', { query: TALENTS });
    const hits = trusted.documentStore.pinnedHits;
    const byId = await send('sichuan-system', { documentId: documentIdOf(TALENTS) });
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(byText.body);
    expect(byId.body.data.talents.edges.length).toBeGreaterThan(0);
    // Apollo found it parsed and validated in its document store (pinned at registration).
    expect(trusted.documentStore.pinnedHits).toBeGreaterThan(hits);
    const url = `${hub.url}?documentId=${encodeURIComponent(documentIdOf(DISCIPLINES))}`;
    const get = await fetch(url, { headers: { authorization: `Bearer ${await tokenFor('sichuan-system')}`, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: { disciplines: unknown[] } }).data.disciplines.length).toBeGreaterThan(0);
  });

  it('never parses or validates a registered document run by id, not even the first request of a fresh gateway (counted)', async () => {
    const freshDir = await tempDataDir();
    const fresh = await TrustedDocuments.open(new FileOperationsStore(freshDir));
    // The fast path (gateway/fast) answers repeats of a known operation without Apollo's document store: off, so every request reaches it.
    const gateway = await startGatewayOver(hub, { operations: fresh, operationsPolicy: { clients: {}, default: 'open' }, fastPath: false });
    try {
      await fresh.publish({ client: 'sichuan-system', documents: [doc(TALENTS)] }, 'sichuan-system');
      const post = async (body: Record<string, unknown>) => {
        const res = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('sichuan-system')}` },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(200);
        return (await res.json()) as { data: Record<string, unknown[]> };
      };
      const store = fresh.documentStore;
      for (let i = 0; i < 3; i++) expect((await post({ documentId: documentIdOf(TALENTS) })).data.talents).toBeDefined();
      // Apollo stores each document it parses and validates itself: none so far, 3 pinned hits.
      expect({ parsed: store.parsed, pinnedHits: store.pinnedHits }).toEqual({ parsed: 0, pinnedHits: 3 });
      // The same gateway does parse a text it has not seen (so the count can move), once.
      await post({ query: DISCIPLINES });
      await post({ query: DISCIPLINES });
      expect({ parsed: store.parsed, pinnedHits: store.pinnedHits }).toEqual({ parsed: 1, pinnedHits: 3 });
    } finally {
      await gateway.close();
      await removeDir(freshDir);
    }
  });

  it('answers an unknown id, or another client`s document, with PERSISTED_QUERY_NOT_FOUND', async () => {
    const unknown = await send('sichuan-system', { documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.body.errors?.[0]?.message).toContain('hub operations publish --client sichuan-system');
    // Documents are the owner's: chongqing-system registered nothing.
    const foreign = await send('chongqing-system', { documentId: documentIdOf(TALENTS) });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const both = await send('sichuan-system', { documentId: documentIdOf(TALENTS), query: TALENTS });
    expect(both.status).toBe(400);
  });

  it('refuses a malformed documentId (POST and GET) with 400 BAD_REQUEST saying what an id looks like', async () => {
    for (const documentId of ['abc', 123, `sha256:${'A'.repeat(64)}`]) {
      const res = await send('sichuan-system', { documentId });
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(res.body.errors?.[0]?.message).toContain('sha256:');
      expect(res.body.errors?.[0]?.message).toContain('64 lower-case hex');
    }
    const get = await fetch(`${hub.url}?documentId=abc`, { headers: { authorization: `Bearer ${await tokenFor('sichuan-system')}` } });
    expect(get.status).toBe(400);
    const body = (await get.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]?.message).toContain('sha256:');
  });

  it('refuses over HTTP a token for a region the hub does not know (401 UNKNOWN_REGION), before any document is looked up', async () => {
    const token = await clientToken({ region: '999999', scopes: ['talent:read'], sub: 'sichuan-system' });
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: TALENTS }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNKNOWN_REGION');
  });

  it('registers the dashboard`s operations at start, runnable by id by any client', async () => {
    const names = trusted.list(HUB_CLIENT).map((d) => d.name);
    expect(names).toContain('DashboardContext');
    const context = trusted.list(HUB_CLIENT).find((d) => d.name === 'DashboardContext')!;
    const res = await send('any-provincial-system', { documentId: context.id });
    expect(res.status).toBe(200);
    expect(res.body.data.regions.length).toBeGreaterThan(0);
  });
});

describe('policies', () => {
  it('lets a registered-only client run its registered documents, by id or by text, and nothing else', async () => {
    expect((await admin(hub.url, 'POST', '/operations', { client: LOCKED, documents: [doc(DISCIPLINES)] })).status).toBe(201);
    expect((await send(LOCKED, { documentId: documentIdOf(DISCIPLINES) })).body.data.disciplines.length).toBeGreaterThan(0);
    expect((await send(LOCKED, { query: DISCIPLINES })).status).toBe(200);
    const other = await send(LOCKED, { query: TALENTS, operationName: 'TalentNames' });
    expect(other.status).toBe(400);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_REGISTERED');
    expect(other.body.errors?.[0]?.message).toContain(`Client "${LOCKED}"`);
    expect(other.body.errors?.[0]?.message).toContain(`hub operations publish --client ${LOCKED}`);
    expect(other.body.data).toBeUndefined();
  });

  it('refuses a registered-only client`s automatic persisted queries unless the hash is of a registered document', async () => {
    const hash = createHash('sha256').update(TALENTS).digest('hex');
    const register = await send(LOCKED, { query: TALENTS, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(register.status).toBe(400);
    expect(register.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_REGISTERED');
    // Another (open) client has put the text in the APQ cache: the locked client still cannot run it by hash.
    await send('open-system', { query: TALENTS, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    const byHash = await send(LOCKED, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(byHash.status).toBe(400);
    const registered = createHash('sha256').update(DISCIPLINES).digest('hex');
    const own = await send(LOCKED, { extensions: { persistedQuery: { version: 1, sha256Hash: registered } } });
    expect(own.status).toBe(200);
    expect(own.body.data.disciplines.length).toBeGreaterThan(0);
  });

  it('locks a client under the production default (auto) to its documents once it registers any', async () => {
    const client = 'auto-system';
    expect((await send(client, { query: TALENTS })).status).toBe(200);
    expect((await admin(hub.url, 'POST', '/operations', { client, documents: [doc(DISCIPLINES)] })).status).toBe(201);
    const refused = await send(client, { query: TALENTS });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_REGISTERED');
    expect((await send(client, { documentId: documentIdOf(DISCIPLINES) })).status).toBe(200);
  });

  it('keeps automatic persisted queries working for an open client', async () => {
    const text = 'query RegionCodes { regions(level: PROVINCE) { code } }';
    const hash = createHash('sha256').update(text).digest('hex');
    const apq = { persistedQuery: { version: 1, sha256Hash: hash } };
    const miss = await send('open-system', { extensions: apq });
    expect(miss.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send('open-system', { query: text, extensions: apq })).body.data.regions.length).toBeGreaterThan(0);
    const hit = await send('open-system', { extensions: apq });
    expect(hit.status).toBe(200);
    expect(hit.body.data.regions.length).toBeGreaterThan(0);
  });
});

describe('removing and restarting', () => {
  it('removes a document explicitly; the store keeps the rest across a restart', async () => {
    const removed = await admin(hub.url, 'DELETE', `/operations/${documentIdOf(DISCIPLINES)}?client=sichuan-system`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ client: 'sichuan-system', name: 'DisciplineCodes', removed: true });
    expect((await send('sichuan-system', { documentId: documentIdOf(DISCIPLINES) })).status).toBe(404);
    expect((await admin(hub.url, 'DELETE', `/operations/${documentIdOf(DISCIPLINES)}?client=sichuan-system`)).status).toBe(404);
    const reopened = await TrustedDocuments.open(new FileOperationsStore(dir));
    expect(reopened.list().map((d) => `${d.client}/${d.name}`)).toEqual(trusted.list().map((d) => `${d.client}/${d.name}`));
    expect(reopened.list('sichuan-system').map((d) => d.name)).toEqual(['TalentNames']);
  });
});

describe('HUB_OPERATIONS_POLICY', () => {
  const production = { NODE_ENV: 'production', HUB_JWT_SECRET: 'x'.repeat(40), HUB_JWT_ISSUER: 'idp', HUB_JWT_AUDIENCE: 'hub' };

  it('defaults to registered-or-open in development and, in production, to registered-only once a client registered (auto)', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).operationsPolicy).toEqual({ clients: {}, default: 'registered-or-open' });
    expect(loadGatewayConfig(production).operationsPolicy).toEqual({ clients: {}, default: 'auto' });
    expect(loadGatewayConfig({ ...production, HUB_OPERATIONS_POLICY: '{"a-system":"open"}' }).operationsPolicy).toEqual({ clients: { 'a-system': 'open' }, default: 'auto' });
    expect(loadGatewayConfig({ NODE_ENV: 'development', HUB_OPERATIONS_POLICY: '{"default":"registered-only","b":"open"}' }).operationsPolicy).toEqual({
      clients: { b: 'open' },
      default: 'registered-only',
    });
  });

  it('lists every client whose policy is not one, and a value that is not a JSON object', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_OPERATIONS_POLICY: '{"a":"closed","b":"registered-only","c":1}' })).toThrow(
      /"a": "closed" is not a policy[\s\S]*"c": 1 is not a policy/,
    );
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_OPERATIONS_POLICY: 'registered-only' })).toThrow(/HUB_OPERATIONS_POLICY: must be a JSON object/);
  });
});
