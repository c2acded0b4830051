/**
 * A GraphQL answer as the bytes Apollo's `prettyJSONStringify` gives (`JSON.stringify(value)` and a
 * newline), without ever holding the whole answer as one string.
 *
 * Why: V8 returns a large `JSON.stringify` result as a tree of parts, and encoding it (any of
 * `Buffer.from`, `Buffer.byteLength`, `buf.write`) first copies it into one flat string. A string
 * over 128 KB gets large-object pages of its own, fresh memory on every answer, and a first touch
 * of a page costs this project's VMs ~30 us: `perf record -e page-faults` on the gateway under the
 * varied federation workload (160 KB answers, 50 in flight) put half of its 78 faults per request in
 * that copy (`String::SlowFlatten` under `Buffer.byteLength`), ~1.2 ms of CPU per request. Here the
 * top levels of the answer are written piece by piece, each piece a `JSON.stringify` of a subtree
 * (under 128 KB in any answer the hub gives: a talent, a product, a page's edge), flattened where the
 * young generation's pages are already there, and encoded into one buffer.
 *
 * The bytes are exactly `JSON.stringify(value) + '\n'`: containers are split only when they are
 * plain objects or arrays without `toJSON`; anything else is a piece as JSON.stringify writes it.
 */

/** How deep the answer is split: `{"data": {field: [item, …]}}` puts each list item in a piece of its own. */
const SPLIT_DEPTH = 4;
/** Pieces are gathered into runs of at most this many characters before they are encoded. */
const RUN_CHARS = 32 * 1024;

function splittable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (value === null || typeof value !== 'object') return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Collects the answer's text in runs, none of them long enough to need pages of its own. */
class Runs {
  readonly done: string[] = [];
  private current = '';

  add(text: string): void {
    if (this.current.length + text.length > RUN_CHARS) {
      if (this.current.length > 0) this.done.push(this.current);
      this.current = '';
      // A long piece (a large list item) is a part of its own, never joined to another.
      if (text.length >= RUN_CHARS) {
        this.done.push(text);
        return;
      }
    }
    this.current += text;
  }

  finish(): string[] {
    if (this.current.length > 0) this.done.push(this.current);
    this.current = '';
    return this.done;
  }
}

/** Writes `value` (splittable, or at the depth where nothing is split) as JSON.stringify would; false when it gives undefined. */
function write(runs: Runs, value: unknown, depth: number): boolean {
  if (depth >= SPLIT_DEPTH || !splittable(value)) {
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined) return false;
    runs.add(text);
    return true;
  }
  if (Array.isArray(value)) {
    runs.add('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) runs.add(',');
      if (!write(runs, value[i], depth + 1)) runs.add('null');
    }
    runs.add(']');
    return true;
  }
  runs.add('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const name = `${first ? '' : ','}${JSON.stringify(key)}:`;
    if (depth + 1 < SPLIT_DEPTH && splittable(item)) {
      runs.add(name);
      write(runs, item, depth + 1);
    } else {
      // JSON.stringify leaves out a member it cannot write (undefined, a function, a symbol, a toJSON giving undefined), key and all.
      const text = JSON.stringify(item) as string | undefined;
      if (text === undefined) continue;
      runs.add(name);
      runs.add(text);
    }
    first = false;
  }
  runs.add('}');
  return true;
}

/** The bytes of `JSON.stringify(value) + '\n'` (UTF-8), written without one string of the whole answer. */
export function answerBytes(value: unknown): Buffer {
  const runs = new Runs();
  if (!write(runs, value, 0)) throw new TypeError('the answer cannot be written as JSON');
  const parts = runs.finish();
  const lengths = parts.map((part) => Buffer.byteLength(part, 'utf8'));
  const total = lengths.reduce((sum, n) => sum + n, 0);
  const bytes = Buffer.allocUnsafe(total + 1);
  let at = 0;
  parts.forEach((part, i) => {
    at += bytes.write(part, at, lengths[i] as number, 'utf8');
  });
  bytes[at] = 0x0a;
  return bytes;
}

/** What Apollo's stringifyResult was given for a request whose answer the HTTP handler writes itself. */
export interface AnswerSlot {
  value?: unknown;
}

/** The property of a request's context value that holds its slot (a symbol: Apollo's shallow copy of the context keeps it). */
const SLOT = Symbol('answer slot');
/** Answers the handler writes itself, by the `data` object Apollo hands to stringifyResult. */
const claimed = new WeakMap<object, AnswerSlot>();

/**
 * Called by the HTTP handler with a request's context value: a copy of it (same prototype and
 * properties) holding a slot, whose answer is then handed over to be written by `answerBytes`.
 */
export function claimAnswer<T extends object>(contextValue: T): { context: T; slot: AnswerSlot } {
  const slot: AnswerSlot = {};
  const context = Object.assign(Object.create(Object.getPrototypeOf(contextValue)) as T, contextValue, { [SLOT]: slot });
  return { context, slot };
}

/**
 * The Apollo plugin that hands a claimed request's answer to the handler: at willSendResponse (the
 * last hook before Apollo stringifies), an answer with data gets a data object of its own, marked for it.
 */
export const answerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse(requestContext: { contextValue: unknown; response: { body: { kind: string; singleResult?: { data?: unknown } } } }) {
        const slot = (requestContext.contextValue as { [SLOT]?: AnswerSlot } | null)?.[SLOT];
        const result = requestContext.response.body.singleResult;
        const data = result?.data;
        if (!slot || !result || data === null || typeof data !== 'object') return;
        // A data object of its own (a shallow copy of the top level): one object served to several
        // requests (a plugin's cached result) would otherwise be claimed by whichever came last, and
        // the others would hand their answers to its slot.
        const own = Object.assign(Object.create(Object.getPrototypeOf(data)) as object, data);
        result.data = own;
        claimed.set(own, slot);
      },
    };
  },
};

/**
 * Apollo's stringifyResult: a claimed answer goes to its slot and the string is empty (the handler
 * writes `answerBytes` of it); any other is Apollo's own `JSON.stringify(value) + '\n'`.
 */
export function stringifyAnswer(value: { data?: unknown }): string {
  const data = value.data;
  const slot = data !== null && typeof data === 'object' ? claimed.get(data) : undefined;
  if (slot) {
    slot.value = value;
    return '';
  }
  return `${JSON.stringify(value)}\n`;
}
