import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/log.ts';
import { clientToken } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';

/**
 * The gateway's line per request, over real HTTP: what it holds (request id, calling system,
 * region, operation, outcome, duration, error codes) and what it never holds (the variables sent,
 * the bearer token), whatever the request carried.
 */

const NAME = 'Synthetica Lianhe'; // synthetic
let hub: Hub;
const lines: string[] = [];
beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  hub = await startHub({ talents: 20, nodes: 'single', gateway: { logger: createLogger('gateway', 'info', { format: 'json', destination }) } });
});
afterAll(async () => {
  await hub?.close();
});

const requestLine = (requestId: string) =>
  lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request' && l.requestId === requestId) as Record<string, unknown> | undefined;

describe('the request log line', () => {
  it('names the request, caller, operation, outcome, duration and error codes, never the variables or the token', async () => {
    const token = await clientToken({ region: '510000', scopes: ['talent:read'], sub: 'dashboard-log' });
    const send = async (requestId: string, query: string, variables: Record<string, unknown>) => {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ query, variables }),
      });
      await res.text();
    };
    await send('log-test-ok-0001', 'query TalentsBySkill($skill: String) { talents(first: 1, filter: { skill: $skill }) { totalCount } }', { skill: NAME });
    await send('log-test-bad-0002', 'query Broken($id: ID!) { talentById(id: $id) { nope } }', { id: NAME });

    const ok = requestLine('log-test-ok-0001');
    expect(ok).toMatchObject({ service: 'gateway', caller: 'dashboard-log', region: '510000', operation: 'TalentsBySkill', outcome: 'ok' });
    expect(ok?.ms).toEqual(expect.any(Number));
    // A document that does not validate has no operation resolved: counted as anonymous.
    const bad = requestLine('log-test-bad-0002');
    expect(bad).toMatchObject({ caller: 'dashboard-log', operation: 'anonymous', outcome: 'error', codes: ['GRAPHQL_VALIDATION_FAILED'] });

    const all = lines.join('\n');
    expect(all).not.toContain(NAME);
    expect(all).not.toContain(token);
  });
});
