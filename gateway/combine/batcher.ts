import type { GraphQLFormattedError } from 'graphql';
import { combinable, type FetchBody, mergeFetches, type Unit } from './merge-document.ts';
import { planFetchCount, type QueryPlanShape } from './plan.ts';
import { type FetchAnswer, splitAnswer } from './split.ts';

/** The fetch function a data source sends its subgraph requests with (RemoteGraphQLDataSource's `fetcher`). */
type SubgraphFetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * How long a fetch waits at most for the other fetches of its client request in flight, so one
 * slow subgraph delays the other branches' next step by at most this much.
 */
const MAX_HOLD_MS = 250;

/**
 * An answer text longer than this is a string V8 puts on large-object pages of its own (over
 * 128 KiB less a 16-byte header, one byte a character): fresh memory on every answer, each of its
 * ~32 pages faulted in when the text is decoded. On the VMs this project runs on a fault costs
 * ~30 us, so one such answer costs ~1.2 ms of gateway CPU, more than the request that combining
 * saves (~0.4 ms). The varied federation workload's combined reviews fetch answers 145 KB where
 * each of its fetches alone stays under the limit.
 */
export const LARGE_ANSWER_CHARS = 128 * 1024 - 16;

/** Groups of fetches (by subgraph URL and the fetches' operation names) whose combined answer was large: sent apart since. */
const largeGroups = new Set<string>();
const MAX_LARGE_GROUPS = 1000;

/**
 * What identifies a group of fetches from one plan step to the next request of the same client
 * operation: the URL and each fetch's operation name (the planner names fetches
 * `<operation>__<subgraph>__<n>`), or its text when it has none.
 */
function groupSignature(list: readonly Pending[]): string {
  let signature = list[0]!.url;
  for (const p of list) signature += `\n${p.body!.operationName ?? p.body!.query}`;
  return signature;
}

interface Pending {
  /** The data source's own fetch (one combiner serves every subgraph's data source). */
  inner: SubgraphFetch;
  url: string;
  init: RequestInit | undefined;
  body: FetchBody | undefined;
  /** url + headers: fetches combine only when they go to the same place with the same caller token. */
  group: string;
  resolve: (response: Response) => void;
  reject: (error: unknown) => void;
}

/** One client request's fetches: how many are on the wire, and which wait for them. */
interface RequestState {
  inFlight: number;
  pending: Pending[];
  scheduled: boolean;
  timer: NodeJS.Timeout | undefined;
}

/** A buffered answer as a fetch Response: the data source reads its headers and JSON body. */
function answerResponse(from: { status: number; statusText: string; headers: Headers }, answer: FetchAnswer): Response {
  return {
    ok: from.status >= 200 && from.status < 300,
    status: from.status,
    statusText: from.statusText,
    headers: from.headers,
    url: '',
    json: async () => answer,
    text: async () => JSON.stringify(answer),
  } as unknown as Response;
}

/**
 * A fetch's answer read in full as a fetch Response: what the data source reads of one (status,
 * headers, text(), json()). Its body can be read once, as a fetch Response's, and is let go of then:
 * the data source keeps the response beside the parsed answer until the client request ends.
 */
function bufferedResponse(r: { status: number; statusText: string; headers: Headers; text: string }): Response {
  let body: string | undefined = r.text;
  const take = () => {
    if (body === undefined) throw new TypeError('the answer was already read');
    const text = body;
    body = undefined;
    return text;
  };
  return {
    ok: r.status >= 200 && r.status < 300,
    status: r.status,
    statusText: r.statusText,
    headers: r.headers,
    url: '',
    json: async () => JSON.parse(take()),
    text: async () => take(),
  } as unknown as Response;
}

function header(init: RequestInit | undefined, name: string): string | undefined {
  const headers = init?.headers;
  if (!headers) return undefined;
  // RemoteGraphQLDataSource sends a plain object with lower-case names; anything else goes through Headers.
  if (headers instanceof Headers || Array.isArray(headers)) return new Headers(headers).get(name) ?? undefined;
  const record = headers as Record<string, string>;
  const value = record[name];
  if (value !== undefined) return value;
  // Absent under its lower-case name (every fetch of a one-fetch plan, which the combiner skips):
  // any other spelling, found by a walk over the names (a WHATWG Headers built only for this
  // lookup was ~1 % of the gateway's CPU under talentById). `name` is lower-case.
  for (const key in record) if (key.length === name.length && key.toLowerCase() === name) return record[key];
  return undefined;
}

/**
 * The header that tells the combiner which client request a fetch belongs to: a key of the
 * gateway's own per client request (withCombining), never sent on. Not the request id, which a
 * client may choose (x-request-id) and so may send on two requests at once.
 */
const CLIENT_REQUEST_HEADER = 'x-hub-client-request';

function withoutClientRequest(init: RequestInit): RequestInit {
  const headers = init.headers;
  if (headers instanceof Headers || Array.isArray(headers)) {
    const copy = new Headers(headers);
    copy.delete(CLIENT_REQUEST_HEADER);
    return { ...init, headers: copy };
  }
  const { [CLIENT_REQUEST_HEADER]: _key, ...rest } = headers as Record<string, string>;
  return { ...init, headers: rest };
}

/**
 * A fetch's headers as text, for its group key. RemoteGraphQLDataSource passes a plain object, read
 * as it is: building a WHATWG Headers from it (which validates every name and value) cost about
 * half of what the combiner spent on a fetch before it was sent. Header values hold no line breaks.
 */
function headerText(init: RequestInit | undefined): string {
  const headers = init?.headers;
  if (!headers) return '';
  if (headers instanceof Headers || Array.isArray(headers)) return JSON.stringify([...new Headers(headers)]);
  let text = '';
  for (const name in headers as Record<string, string>) text += `${name.toLowerCase()}:${(headers as Record<string, string>)[name]}\n`;
  return text;
}

/** A unit's variables in the combined document are `$_c<n>_<name>` (merge-document.ts). */
const UNIT_VARIABLE = /\$(_c\d+_)/g;

/**
 * The errors of a refusal (a 4xx answer with GraphQL errors: Apollo Server answers 400 for a
 * variable it cannot coerce) by the unit whose variables each names, as that unit's fetches would
 * have seen them alone (their own variable names, no locations into the combined document).
 * Undefined when an error names no unit's variable or several (a request-level refusal): the
 * caller then sends each fetch alone.
 */
function refusalOf(units: readonly Unit[], text: string): Map<Unit, GraphQLFormattedError[]> | undefined {
  let errors: unknown;
  try {
    errors = (JSON.parse(text) as { errors?: unknown } | null)?.errors;
  } catch {
    return undefined;
  }
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const byPrefix = new Map(units.map((u) => [u.prefix, u]));
  const refused = new Map<Unit, GraphQLFormattedError[]>();
  for (const error of errors as GraphQLFormattedError[]) {
    if (typeof error?.message !== 'string') return undefined;
    const named = new Set([...error.message.matchAll(UNIT_VARIABLE)].map((m) => m[1]!));
    const unit = named.size === 1 ? byPrefix.get([...named][0]!) : undefined;
    if (!unit) return undefined;
    const { locations: _locations, ...rest } = error;
    const own = { ...rest, message: error.message.replaceAll(`$${unit.prefix}`, '$') };
    const list = refused.get(unit);
    if (list) list.push(own);
    else refused.set(unit, [own]);
  }
  return refused;
}

/**
 * Combines the subgraph fetches of one client request (keyed by the gateway's own key for it,
 * which withCombining puts on every fetch; not the request id, which a client may reuse) that go to the same subgraph with the same headers (so the same caller token: two
 * callers' fetches never share a request) into one request per subgraph.
 *
 * When to send: a query plan starts parallel fetches together (Promise.all), and each branch's
 * next fetch only once its previous one has answered. So a fetch waits while other fetches of its
 * client request are on the wire (at most MAX_HOLD_MS), and the waiting ones go together a
 * `setImmediate` after the last answer came in: by then every branch that answer released has
 * issued its next fetch. The plan's steps in parallel branches thus meet, and what meets at the
 * same subgraph goes as one request. A fetch alone goes out as it is.
 *
 * Mutations are never held or combined (their order matters), and neither is a fetch without a
 * request id or JSON body. Answers are buffered before the next step starts, so a branch's next
 * fetch is issued in the same turn as its siblings'.
 */
export function createFetchCombiner(options: { held?: { inc(): void } } = {}) {
  const requests = new Map<string, RequestState>();
  // Client requests (by context) whose query plan has at most one fetch: nothing can meet it, so it is sent at once.
  const alone = new WeakSet<object>();

  /** Sends one request (as the inner fetch does), counted on the wire until its body is read. */
  async function send(state: RequestState, inner: SubgraphFetch, url: string, init: RequestInit | undefined) {
    state.inFlight++;
    try {
      const res = await inner(url, init);
      return { status: res.status, statusText: res.statusText, headers: res.headers, text: await res.text() };
    } finally {
      state.inFlight--;
    }
  }

  function settle(id: string, state: RequestState) {
    if (state.inFlight > 0) return;
    if (state.pending.length === 0) {
      if (state.timer) clearTimeout(state.timer);
      requests.delete(id);
      return;
    }
    schedule(id, state);
  }

  function schedule(id: string, state: RequestState) {
    if (state.scheduled) return;
    state.scheduled = true;
    setImmediate(() => flush(id, state));
  }

  function flush(id: string, state: RequestState) {
    state.scheduled = false;
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    const batch = state.pending;
    state.pending = [];
    // A timer and a scheduled turn can both fire; the second finds nothing (and may be the last word on this request).
    if (batch.length === 0) return settle(id, state);
    const groups = new Map<string, Pending[]>();
    for (const p of batch) {
      const list = groups.get(p.group);
      if (list) list.push(p);
      else groups.set(p.group, [p]);
    }
    for (const list of groups.values()) {
      const together = list.filter((p) => p.body !== undefined);
      for (const p of list) if (p.body === undefined) void sendAlone(id, state, p);
      if (together.length === 1) void sendAlone(id, state, together[0]!);
      else if (together.length > 1 && largeGroups.has(groupSignature(together))) for (const p of together) void sendAlone(id, state, p);
      else if (together.length > 1) void sendCombined(id, state, together);
    }
  }

  async function sendAlone(id: string, state: RequestState, p: Pending) {
    try {
      const r = await send(state, p.inner, p.url, p.init);
      // A plain object over the buffered text, not a WHATWG Response (a body stream per fetch).
      p.resolve(bufferedResponse(r));
    } catch (error) {
      p.reject(error);
    } finally {
      settle(id, state);
    }
  }

  async function sendCombined(id: string, state: RequestState, list: Pending[]) {
    const merged = mergeFetches(list.map((p) => p.body!));
    const first = list[0]!;
    let answers: FetchAnswer[] | undefined;
    let response: Awaited<ReturnType<typeof send>> | undefined;
    try {
      response = await send(state, first.inner, first.url, { ...first.init, body: JSON.stringify(merged.body) });
      if (response.text.length > LARGE_ANSWER_CHARS) {
        // Bounded: a flood of distinct operations starts the set over (those groups combine once more, then learn again).
        if (largeGroups.size >= MAX_LARGE_GROUPS) largeGroups.clear();
        largeGroups.add(groupSignature(list));
      }
      if (response.status >= 200 && response.status < 300) answers = splitAnswer(merged.units, list.length, JSON.parse(response.text));
    } catch (error) {
      if (!(error instanceof SyntaxError)) {
        for (const p of list) p.reject(error);
        settle(id, state);
        return;
      }
    }
    if (answers && response) {
      for (const [i, p] of list.entries()) p.resolve(answerResponse(response, answers[i]!));
      settle(id, state);
      return;
    }
    // 401/403: the subgraph refused the caller token, which every fetch of the group carries: each would be refused alone too.
    if (response && (response.status === 401 || response.status === 403)) {
      for (const p of list) p.resolve(bufferedResponse(response));
      settle(id, state);
      return;
    }
    const refused = response && response.status >= 400 && response.status < 500 ? refusalOf(merged.units, response.text) : undefined;
    if (refused && response) {
      // The subgraph refused the request for some fetches' variables: those fetches get its refusal as
      // they would have alone (an entity unit pooling several fetches' representations cannot tell
      // whose was refused: its fetches go alone); the others are sent again, together.
      const again: Pending[] = [];
      for (const unit of merged.units) {
        const errors = refused.get(unit);
        const alone = errors !== undefined && unit.entityIndexes !== undefined && unit.fetches.length > 1;
        for (const f of unit.fetches) {
          const p = list[f]!;
          if (errors && !alone) p.resolve(bufferedResponse({ ...response, text: JSON.stringify({ errors }) }));
          else if (alone) void sendAlone(id, state, p);
          else again.push(p);
        }
      }
      if (again.length === 1) await sendAlone(id, state, again[0]!);
      else if (again.length > 1) await sendCombined(id, state, again);
      settle(id, state);
      return;
    }
    // An answer that does not split (a request-level error, data voided by an error): each fetch on its own.
    await Promise.all(list.map((p) => sendAlone(id, state, p)));
    settle(id, state);
  }

  return {
    /**
     * Told each client request's query plan (the gateway's experimental_didResolveQueryPlan): a
     * plan with at most one fetch has nothing to combine, so its fetch skips the combiner (no parse of
     * its body, no turn waited for siblings). An owner check a partner fetch makes is the only other
     * fetch such a request sends, to experts, after that fetch: it has nothing to meet either.
     */
    planResolved(plan: QueryPlanShape, context: object): void {
      if (planFetchCount(plan) <= 1) alone.add(context);
    },
    /** Whether the client request of `context` sends its fetches without the combiner (planResolved). */
    sendsAlone(context: object): boolean {
      return alone.has(context);
    },
    /** Wraps a data source's fetch so its fetches join the combiner's per-request batches. */
    wrap(inner: SubgraphFetch): SubgraphFetch {
      return (url: string, init?: RequestInit): Promise<Response> => {
        const id = header(init, CLIENT_REQUEST_HEADER);
        if (id !== undefined) init = withoutClientRequest(init!);
        const text = typeof init?.body === 'string' ? init.body : undefined;
        if (id === undefined || text === undefined || /^\{"query":"\s*mutation\b/.test(text)) return inner(url, init);
        let body: FetchBody | undefined;
        try {
          const parsed = JSON.parse(text) as FetchBody;
          body = combinable(parsed) ? parsed : undefined;
        } catch {
          body = undefined;
        }
        let state = requests.get(id);
        if (!state) {
          state = { inFlight: 0, pending: [], scheduled: false, timer: undefined };
          requests.set(id, state);
        }
        const s = state;
        options.held?.inc();
        return new Promise<Response>((resolve, reject) => {
          const p: Pending = { inner, url, init, body, group: `${url}\n${headerText(init)}`, resolve, reject };
          s.pending.push(p);
          if (s.inFlight === 0) schedule(id, s);
          else s.timer ??= setTimeout(() => flush(id, s), MAX_HOLD_MS);
        });
      };
    },
  };
}

/** The combiner a gateway shares between its data sources. */
type FetchCombiner = ReturnType<typeof createFetchCombiner>;

/**
 * Makes a data source send its fetches through the combiner (none: unchanged). Combining sits
 * below the data source's own work (caller tokens, partner trimming and owner checks, retries and
 * breaker), so each fetch is still checked and trimmed as the fetch it is; only the HTTP request
 * is shared.
 */
export function withCombining<T extends CombinableSource>(source: T, combiner: FetchCombiner | undefined): T {
  if (!combiner) return source;
  source.fetcher = combiner.wrap(source.fetcher as SubgraphFetch);
  const willSendRequest = source.willSendRequest.bind(source);
  source.willSendRequest = async (options) => {
    await willSendRequest(options);
    const context = options.context as object | undefined;
    if (context === undefined || context === null || combiner.sendsAlone(context)) return;
    let key = clientRequests.get(context);
    if (key === undefined) clientRequests.set(context, (key = String(++clientRequestCount)));
    options.request.http?.headers.set(CLIENT_REQUEST_HEADER, key);
  };
  return source;
}

/** What withCombining needs of a data source: its fetch, and the hook that sets each fetch's headers. */
interface CombinableSource {
  fetcher: unknown;
  willSendRequest(options: { context?: unknown; request: { http?: { headers: { set(name: string, value: string): void } } } }): Promise<void> | void;
}

/** Each client request's key (its context object is the same for all of its fetches). */
const clientRequests = new WeakMap<object, string>();
let clientRequestCount = 0;
