import autocannon from 'autocannon';

/** One request to send: its body and how to check the answer to it. */
export interface Probe {
  body: string;
  /** True when the response body is a correct answer to this request. */
  check: (body: string) => boolean;
  /** Headers of this request on top of the spec's (read when the request is built). */
  headers?: Record<string, string>;
}

export interface LoadSpec {
  /** Full URL of the GraphQL endpoint. */
  url: string;
  headers?: Record<string, string>;
  /** The same request every time, or a new one per request (e.g. a different id). */
  probe: Probe | (() => Probe);
  connections: number;
  durationS: number;
}

export interface LoadResult {
  /**
   * Correct answers per second, counted from the first correct answer to the last: the time the
   * first requests take to come back (the connections filling up) is not steady-state throughput,
   * and for a slow target it is a large part of a short window.
   */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Wrong answers + non-2xx answers + connection errors and timeouts. */
  errors: number;
  wrong: number;
  non2xx: number;
  timeouts: number;
  /** Requests sent, answered and answered correctly. */
  sent: number;
  answered: number;
  correct: number;
  durationS: number;
  /**
   * CPU time (user + system) of this process, the load generator, per request sent, in ms. It runs
   * on the same cores as the processes measured: what it takes, a target of several processes
   * (gateway and node) cannot have, while one process (a node straight) is bound by its own thread.
   */
  loadCpuMsPerRequest: number;
  /** The first wrong or non-2xx answer seen (truncated), to say what went wrong. */
  firstWrong?: string;
}

interface QueuedResponse {
  chunks?: Buffer[];
  body: string | Buffer[];
}
interface ClientInternals {
  pipelinedRequests: {
    peek(): QueuedResponse | undefined;
    addBody(data: Buffer): void;
    terminateRequest(): QueuedResponse | undefined;
  };
}

/**
 * autocannon decodes each TCP chunk of a body to a string on its own, which garbles a multi-byte
 * UTF-8 character split between two chunks (the hub's answers are full of Chinese text). Keep the
 * chunks as bytes (views of the socket's reads, which are not reused) and hand them on as they
 * came: `runLoad` compares them with answers already accepted and joins and decodes only the others.
 * This reaches into autocannon's client (9.x).
 */
function keepBodiesAsBytes(client: autocannon.Client) {
  const queue = (client as unknown as ClientInternals).pipelinedRequests;
  queue.addBody = (data: Buffer) => {
    const pending = queue.peek();
    if (pending) (pending.chunks ??= []).push(data);
  };
  const terminate = queue.terminateRequest.bind(queue);
  queue.terminateRequest = () => {
    const done = terminate();
    if (done?.chunks) done.body = done.chunks;
    return done;
  };
}

/** Byte forms of a correct answer remembered per request (a target may write the same answer in a few ways). */
const ACCEPTED_FORMS = 8;

/** Whether `chunks`, one after the other, are the bytes of `form` (compared in place, nothing copied). */
function sameBytes(form: Buffer, chunks: readonly Buffer[]): boolean {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  if (length !== form.length) return false;
  let offset = 0;
  for (const chunk of chunks) {
    if (form.compare(chunk, 0, chunk.length, offset, offset + chunk.length) !== 0) return false;
    offset += chunk.length;
  }
  return true;
}

interface IteratorInternals {
  requestIterator: { requestBuilder: (request: autocannon.Request, context: object) => Buffer | null };
}

/**
 * autocannon turns a request with `setupRequest` into its bytes again for every request it sends
 * (headers assembled, the body's length taken, a Buffer made): about a tenth of this process's
 * CPU for the hub's varied requests, on the same two cores as the processes measured. `take`
 * gives the next probe (and records it against the request's context); each distinct request (its
 * body and headers) is built once per run by autocannon's own builder and its bytes sent again
 * after that. This reaches into autocannon's client (9.x), as `keepBodiesAsBytes` does.
 */
function buildEachOnce(client: autocannon.Client, take: (context: object) => Probe, built: Map<string, Buffer>) {
  const iterator = (client as unknown as IteratorInternals).requestIterator;
  const build = iterator.requestBuilder;
  iterator.requestBuilder = (request, context) => {
    const probe = take(context);
    const key = probe.headers ? `${probe.body}\0${Object.values(probe.headers).join('\0')}` : probe.body;
    let bytes = built.get(key);
    if (!bytes) {
      const plain: autocannon.Request = { ...request, setupRequest: (r: autocannon.Request) => r, body: probe.body };
      if (probe.headers) plain.headers = { ...request.headers, ...probe.headers };
      bytes = build(plain, context) ?? undefined;
      if (!bytes) throw new Error('autocannon built no request for a probe');
      built.set(key, bytes);
    }
    return bytes;
  };
}

/**
 * Drives `spec.connections` keep-alive connections at the endpoint for `spec.durationS` seconds
 * with autocannon, checking every answer. Latency percentiles are autocannon's (all answers).
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let wrong = 0;
  let correct = 0;
  let firstAt = 0;
  let lastAt = 0;
  let firstWrong: string | undefined;
  const fixed = typeof spec.probe === 'function' ? undefined : spec.probe;
  const next = typeof spec.probe === 'function' ? spec.probe : undefined;
  type Context = { check?: (body: string) => boolean; sent?: string };
  // Per request body: the answers (bytes) its check accepted, at most ACCEPTED_FORMS. The same
  // request to the same target has the same correct answer, so a body byte-identical to one
  // accepted is correct without decoding it (87.6 KB for the federation workload: its decoding
  // and the garbage of the string were most of this process's CPU); any other is decoded and checked.
  const accepted = new Map<string, Buffer[]>();
  const onResponse = (status: number, raw: Buffer[] | string, context: Context) => {
    const chunks = typeof raw === 'string' ? [Buffer.from(raw, 'utf8')] : raw;
    if (status < 200 || status >= 300) {
      const bytes = Buffer.concat(chunks);
      // Counted by autocannon as non2xx; keep the first one to say what went wrong.
      firstWrong ??= `HTTP ${status}: ${bytes.toString('utf8', 0, 600)}`;
      return;
    }
    const check = fixed?.check ?? context.check;
    const sent = fixed?.body ?? context.sent ?? '';
    let forms = accepted.get(sent);
    let ok = forms?.some((form) => sameBytes(form, chunks)) ?? false;
    if (!ok && check) {
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const text = bytes.toString('utf8');
      ok = check(text);
      if (ok) {
        if (!forms) accepted.set(sent, (forms = []));
        if (forms.length < ACCEPTED_FORMS) forms.push(bytes);
      } else firstWrong ??= text.slice(0, 600);
    }
    if (ok) {
      correct++;
      lastAt = performance.now();
      if (correct === 1) firstAt = lastAt;
    } else wrong++;
  };
  // With one request in the list and no pipelining, the context the response is recorded
  // against is the one set up for its request.
  const take = (context: object): Probe => {
    const probe = next!();
    (context as Context).check = probe.check;
    (context as Context).sent = probe.body;
    return probe;
  };
  const built = new Map<string, Buffer>();
  const url = new URL(spec.url);
  const request: autocannon.Request = {
    method: 'POST',
    path: url.pathname + url.search,
    headers: { 'content-type': 'application/json', ...spec.headers },
    ...(fixed
      ? { body: fixed.body }
      : {
          // Each client's first request (built before setupClient runs); buildEachOnce builds the rest.
          setupRequest: (req: autocannon.Request, context: object) => {
            const probe = take(context);
            return { ...req, body: probe.body, ...(probe.headers ? { headers: { ...req.headers, ...probe.headers } } : {}) };
          },
        }),
    onResponse: onResponse as unknown as autocannon.Request['onResponse'],
  };
  const cpu0 = process.cpuUsage();
  const result = await autocannon({
    url: `${url.protocol}//${url.host}`,
    connections: spec.connections,
    duration: spec.durationS,
    pipelining: 1,
    timeout: 30,
    requests: [request],
    setupClient: (client: autocannon.Client) => {
      keepBodiesAsBytes(client);
      if (next) buildEachOnce(client, take, built);
    },
  });
  const cpu = process.cpuUsage(cpu0);
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const errors = wrong + result.non2xx + result.errors;
  return {
    rps: correct >= 10 && lastAt > firstAt ? (correct - 1) / ((lastAt - firstAt) / 1000) : correct / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors,
    wrong,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    sent: result.requests.sent,
    answered,
    correct,
    durationS: result.duration,
    loadCpuMsPerRequest: result.requests.sent ? (cpu.user + cpu.system) / 1000 / result.requests.sent : 0,
    ...(firstWrong !== undefined ? { firstWrong } : {}),
  };
}
