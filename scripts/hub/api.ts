import { EXIT } from './help.ts';
import { type ApiError, printErrors } from './print.ts';
import type { CliIo } from './usage.ts';

/** One call of the registry's admin API. */
export interface AdminRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Under the gateway's base URL, e.g. `/admin/subgraphs`. */
  path: string;
  body?: unknown;
}

/**
 * Calls the admin API with the bearer `token`. Resolves to the parsed JSON answer and its HTTP
 * status, or to the exit code after saying on stderr why there is none: 3 when the gateway cannot
 * be reached, 1 when what answered is not the admin API (no JSON).
 */
export async function callAdminApi(io: CliIo, base: string, token: string, request: AdminRequest): Promise<{ ok: boolean; status: number; answer: unknown } | number> {
  const { body } = request;
  let res: Response;
  try {
    res = await (io.fetch ?? fetch)(`${base}${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    io.err(`Cannot reach the gateway at ${base}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.unreachable;
  }
  const text = await res.text();
  try {
    return { ok: res.ok, status: res.status, answer: JSON.parse(text) };
  } catch {
    io.err(`The gateway at ${base} answered HTTP ${res.status} without JSON: is the registry enabled (HUB_REGISTRY) and is this the gateway?`);
    return EXIT.refused;
  }
}

/** Says why the gateway refused `command` on `name` (a bad token, failed checks, anything else). */
export function printRefusal(io: CliIo, status: number, answer: { errors?: ApiError[] }, command: string, name: string | undefined): void {
  const errors = answer.errors;
  const message = errors?.[0]?.message ?? '';
  if (status === 403 && !message.includes('registry:admin')) {
    // The token has the scope; the gateway refused this change (another province's partner, a core subgraph's name).
    io.err(`The gateway refused to ${command}${name ? ` ${name}` : ''} (HTTP 403): ${message}`);
  } else if (status === 401 || status === 403) {
    io.err(`The gateway refused the token (HTTP ${status}): ${message}`);
    io.err('Use a token with the registry:admin scope: npm run -s token -- --region <your region> --scope registry:admin');
  } else if (status === 422) {
    io.err(`${name} was ${command === 'check' ? 'rejected by the checks' : 'not published: the checks failed'}; the graph is unchanged.`);
    printErrors(io, errors);
  } else {
    io.err(`The gateway answered HTTP ${status}:`);
    printErrors(io, errors);
  }
}
