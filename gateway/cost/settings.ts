import { z } from 'zod';

/** The most an operation's estimated cost may be: `default` for every client, `clients` by token `sub`. */
export interface CostLimits {
  default: number;
  clients: Readonly<Record<string, number>>;
}

/** Demand control (gateway/cost): the limits per client and the size assumed for a list nobody sized. */
export interface CostSettings {
  limits: CostLimits;
  /** Items assumed in a list field without @listSize or slicing argument (HUB_COST_LIST_SIZE). */
  defaultListSize: number;
}

/**
 * The default limit: above every registered operation (the costliest, the dashboard's pool
 * coverage, is about 1,000; a 100-talent page with profiles about 1,300) and the benchmark's
 * TestQuery over its unpriced supergraph (24,420: every list assumed 10), below nested pages
 * (`talents(first: 100) { pools { members(first: 100) ... } }` is about 100,000).
 */
const DEFAULT_COST_LIMIT = 50_000;

export const DEFAULT_COST_SETTINGS: CostSettings = { limits: { default: DEFAULT_COST_LIMIT, clients: {} }, defaultListSize: 10 };

const Limit = z.number().int().min(1, 'must be 1 or more');

/**
 * HUB_COST_LIMITS: JSON `{ "default": 50000, "<client sub>": 200000, ... }`. `default` applies to
 * every client not named (DEFAULT_COST_LIMIT when left out).
 */
export const CostLimitsSetting = z.string().transform((text, ctx): CostLimits => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON such as {"default": 50000, "sichuan-talent-system": 200000}' });
    return z.NEVER;
  }
  const result = z.record(z.string().min(1), Limit).safeParse(parsed);
  if (!result.success) {
    for (const issue of result.error.issues)
      ctx.addIssue({
        code: 'custom',
        message: `${issue.path.length ? `"${issue.path.join('.')}" ` : ''}${issue.message} (a JSON object of client sub -> positive whole number; "default" for the rest)`,
      });
    return z.NEVER;
  }
  const { default: fallback, ...clients } = result.data;
  return { default: fallback ?? DEFAULT_COST_LIMIT, clients };
});

/** The limit that applies to a client (its own, else the default). */
export function costLimitFor(limits: CostLimits, client: string | undefined): number {
  return (client !== undefined && Object.hasOwn(limits.clients, client) ? limits.clients[client] : undefined) ?? limits.default;
}
