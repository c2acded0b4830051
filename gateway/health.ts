/** The state of one subgraph as the last probe saw it. */
export interface SubgraphHealth {
  status: 'up' | 'down';
  latencyMs: number;
  /** Why it is down, in words safe to show (no host or port). */
  error?: string;
}

/**
 * Probes a subgraph with `{ __typename }` over HTTP: up when it answers a GraphQL response in
 * time, down otherwise.
 */
export async function probeSubgraph(url: string, timeoutMs: number): Promise<SubgraphHealth> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: 'query HealthProbe { __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
      // A partner's URL is probed every round: following its redirects would let it aim the
      // gateway at addresses inside the hub (and read the outcome in /health).
      redirect: 'manual',
    });
    const latencyMs = Math.round(performance.now() - started);
    if (!res.ok) return { status: 'down', latencyMs, error: `answered HTTP ${res.status}` };
    const body = (await res.json()) as { data?: unknown };
    return body.data ? { status: 'up', latencyMs } : { status: 'down', latencyMs, error: 'answered without data' };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { status: 'down', latencyMs, error: timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable' };
  }
}
