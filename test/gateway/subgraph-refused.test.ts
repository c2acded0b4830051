import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUBGRAPH_POLICY, type SubgraphPolicy } from '../../gateway/datasource.ts';
import { createCallerSigner } from '../../gateway/signer.ts';
import type { RunningServer } from '../../platform/server.ts';
import { clientToken } from '../helpers/caller.ts';
import { type Hub, post, startGatewayOver, startHub } from '../helpers/hub.ts';

/**
 * A subgraph that refuses the hub's credentials (401/403: it does not trust the key the gateway
 * signs caller tokens with) is not down, and retrying will not help: the client learns that the
 * subgraph refused the hub (SUBGRAPH_REFUSED, naming it, telling the operator to check the signing
 * keys), without the subgraph's address or its own message; the fetch is sent once and does not
 * count toward the circuit breaker.
 */

// Opens after 3 fetches of which half failed, and stays open for the rest of the test.
const POLICY: SubgraphPolicy = {
  ...DEFAULT_SUBGRAPH_POLICY,
  retryBackoffMs: 10,
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 60_000 },
  dedupe: false,
};
const TIMES = 3 * POLICY.breaker.volumeThreshold;

describe('a gateway whose signing key the subgraphs do not trust (keys out of step)', () => {
  let hub: Hub;
  let stray: RunningServer;
  beforeAll(async () => {
    hub = await startHub({ talents: 40 });
    // A second gateway over the same subgraphs with a key of its own: every caller token it signs is refused.
    stray = await startGatewayOver(hub, { signer: await createCallerSigner(), subgraphPolicy: POLICY });
  });
  afterAll(async () => {
    await stray?.close();
    await hub?.close();
  });

  const headers = async () => ({ authorization: `Bearer ${await clientToken({ region: '510000', scopes: ['talent:read'] })}` });

  it('answers SUBGRAPH_REFUSED naming the subgraph, once per fetch, and never opens the breaker', async () => {
    const auth = await headers();
    const before = hub.graphqlRequests().projects;
    for (let i = 0; i < TIMES; i += 1) {
      const res = await post(stray.url, '{ programs { id } }', {}, auth);
      expect(res.body.data ?? null).toBeNull();
      const errors = res.body.errors ?? [];
      expect(
        errors.map((e) => e.extensions?.code),
        JSON.stringify(errors),
      ).toEqual(['SUBGRAPH_REFUSED']);
      const [error] = errors;
      expect(error!.extensions?.serviceName).toBe('projects');
      expect(error!.message).toContain('projects');
      expect(error!.message).toMatch(/signing key/);
      // No address, and not the subgraph's own words.
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b|https?:|caller token\.|relayed by the hub gateway|SUBGRAPH_UNAVAILABLE|stacktrace/);
    }
    // One request per fetch (no retry), and every one reached the subgraph: the breaker never opened.
    expect(hub.graphqlRequests().projects - before).toBe(TIMES);
  });

  it('an experts node refusing is SUBGRAPH_REFUSED too, and the right gateway is still answered', async () => {
    const auth = await headers();
    const id = hub.dataset.experts.talents.find((t) => t.homeRegion === '510000')!._id;
    const before = hub.graphqlRequests().nodes.sichuan!;
    for (let i = 0; i < TIMES; i += 1) {
      const res = await post(stray.url, 'query T($id: ID!) { talent(id: $id) { id } }', { id }, auth);
      const errors = res.body.errors ?? [];
      expect(
        errors.map((e) => e.extensions?.code),
        JSON.stringify(errors),
      ).toEqual(['SUBGRAPH_REFUSED']);
      expect(errors[0]!.extensions).toMatchObject({ serviceName: 'experts', node: 'sichuan' });
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b|https?:/);
    }
    expect(hub.graphqlRequests().nodes.sichuan! - before).toBe(TIMES);
    const good = await post(hub.url, 'query T($id: ID!) { talent(id: $id) { id } }', { id }, auth);
    expect(good.body.errors).toBeUndefined();
    expect(good.body.data?.talent?.id).toBe(id);
  });
});
