import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHubCli } from '../../scripts/hub.ts';

/**
 * The hub CLI's `subgraph` commands against a real HTTP server that answers as the admin API
 * would (status and body chosen per test): usage errors exit 2, refusals 1, and the text says
 * what happened. The commands against a real gateway are in test/e2e/registry-admin.test.ts.
 */
let server: Server;
let gateway: string;
let answer: { status: number; body: string } = { status: 200, body: '{}' };
const requests: { method: string; url: string; authorization: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHubCli(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('hub CLI: usage', () => {
  it('prints the usage with --help and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Usage: hub <command> <subcommand> \[options\]/);
  });

  it('exits 2, with the usage, on a missing or unknown command, a missing flag, an unknown option or no token', async () => {
    const cases: [string[], string][] = [
      [[], 'Name a command.'],
      [['subgraph', 'frob', '--token', 't'], 'Unknown command "subgraph frob".'],
      [['talent', 'list'], 'Unknown command "talent list".'],
      [['subgraph', 'publish', '--name', 'hainan', '--token', 't'], 'publish needs --url.'],
      [['subgraph', 'list'], 'No token: pass --token or set HUB_TOKEN (a client token with the registry:admin scope).'],
      [['subgraph', 'list', '--token', 't', '--gateway', 'ftp://x'], '--gateway must be an http:// or https:// URL, e.g. http://127.0.0.1:4000'],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err[0]).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n\\nUsage:`));
    }
    const unknownOption = await run(['subgraph', 'list', '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err[0]).toContain("Unknown option '--colour'");
  });
});

describe('hub CLI: calls and answers', () => {
  it('publishes with the token from HUB_TOKEN to HUB_GATEWAY_URL, and says what changed', async () => {
    answer = {
      status: 201,
      body: JSON.stringify({
        name: 'hainan',
        url: 'http://p/graphql',
        created: true,
        supergraphHash: 'a'.repeat(64),
        changes: [{ criticality: 'NON_BREAKING', type: 'FIELD_ADDED', message: "Field 'hainanX' was added" }],
      }),
    };
    requests.length = 0;
    const { code, out } = await run(['subgraph', 'publish', '--name', 'hainan', '--url', 'http://p/graphql'], { HUB_TOKEN: 'tok', HUB_GATEWAY_URL: gateway });
    expect(code).toBe(0);
    expect(requests).toEqual([{ method: 'POST', url: '/admin/subgraphs', authorization: 'Bearer tok', body: JSON.stringify({ name: 'hainan', url: 'http://p/graphql' }) }]);
    expect(out).toEqual([
      'Published hainan (http://p/graphql) as a new partner subgraph.',
      'The gateway now serves supergraph aaaaaaaaaaaa.',
      '1 change to the API schema (+ addition, ! dangerous, - breaking):',
      "  + Field 'hainanX' was added",
    ]);
  });

  it('exits 1 and lists the errors when the checks fail, naming check and publish apart', async () => {
    answer = { status: 422, body: JSON.stringify({ errors: [{ code: 'COMPOSITION_FAILED', compositionCode: 'INVALID_GRAPHQL', message: 'bad' }] }) };
    const published = await run(['subgraph', 'publish', '--name', 'hainan', '--url', 'http://p/graphql', '--gateway', gateway, '--token', 't']);
    expect(published).toMatchObject({ code: 1, err: ['hainan was not published: the checks failed; the graph is unchanged.', '  COMPOSITION_FAILED [INVALID_GRAPHQL]: bad'] });
    const checked = await run(['subgraph', 'check', '--name', 'hainan', '--url', 'http://p/graphql', '--gateway', gateway, '--token', 't']);
    expect(checked.err[0]).toBe('hainan was rejected by the checks; the graph is unchanged.');
    const json = await run(['subgraph', 'check', '--name', 'hainan', '--url', 'http://p/graphql', '--gateway', gateway, '--token', 't', '--json']);
    expect(json).toMatchObject({ code: 1, err: [] });
    expect(JSON.parse(json.out.join('\n'))).toEqual(JSON.parse(answer.body));
  });

  it('exits 1 on a refused token, and on an answer that is not JSON', async () => {
    answer = { status: 403, body: JSON.stringify({ errors: [{ code: 'FORBIDDEN', message: 'needs registry:admin' }] }) };
    expect(await run(['subgraph', 'remove', '--name', 'hainan', '--gateway', gateway, '--token', 't'])).toMatchObject({
      code: 1,
      err: [
        'The gateway refused the token (HTTP 403): needs registry:admin',
        'Use a token with the registry:admin scope: npm run -s token -- --region <your region> --scope registry:admin',
      ],
    });
    // Refused for another reason than the token (another province's partner): no advice to get the scope the token has.
    const message = 'Partner subgraph "hainan" belongs to region 460000; your token is for region 450000.';
    answer = { status: 403, body: JSON.stringify({ errors: [{ code: 'FORBIDDEN', message }] }) };
    expect(await run(['subgraph', 'remove', '--name', 'hainan', '--gateway', gateway, '--token', 't'])).toMatchObject({
      code: 1,
      err: [`The gateway refused to remove hainan (HTTP 403): ${message}`],
    });
    answer = { status: 200, body: '<html>' };
    const base = gateway.replace(/\/graphql$/, '');
    expect(await run(['subgraph', 'list', '--gateway', gateway, '--token', 't'])).toMatchObject({
      code: 1,
      err: [`The gateway at ${base} answered HTTP 200 without JSON: is the registry enabled (HUB_REGISTRY) and is this the gateway?`],
    });
  });

  it('lists the subgraphs as a table with the served supergraph and a failed reload', async () => {
    const health = { status: 'up', latencyMs: 3 };
    answer = {
      status: 200,
      body: JSON.stringify({
        subgraphs: [
          { name: 'experts', kind: 'core', ownerRegion: '000000', health, served: true, url: 'http://e/graphql' },
          { name: 'hainan', kind: 'partner', ownerRegion: '460000', health: { status: 'down' }, served: false, url: 'http://h/graphql' },
        ],
        supergraphHash: 'b'.repeat(64),
        supergraph: { source: 'composed', since: 'then', lastReload: { ok: false, trigger: 'publish of hainan', errors: [{ code: 'COMPOSITION_FAILED', message: 'x' }] } },
      }),
    };
    const { code, out, err } = await run(['subgraph', 'list', '--gateway', gateway, '--token', 't']);
    expect(code).toBe(0);
    expect(out).toEqual([
      'NAME     KIND     OWNER   HEALTH             LATENCY  URL',
      'experts  core     000000  up                 3 ms     http://e/graphql',
      'hainan   partner  460000  down (not served)  -        http://h/graphql',
      '\nSupergraph bbbbbbbbbbbb (composed, since then); last reload FAILED (publish of hainan): still serving the last good supergraph.',
    ]);
    expect(err).toEqual(['  COMPOSITION_FAILED: x']);
  });
});
