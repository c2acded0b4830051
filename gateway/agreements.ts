import type { Grant } from '../platform/caller.ts';
import { provinceOf } from '../platform/text.ts';

/** An agreement in force as the coordination subgraph reports it. */
export interface AgreementInForce {
  id: string;
  /** IN_FORCE for every agreement that grants anything; anything else is ignored. */
  status?: string;
  parties: { code: string }[];
  scope: { sectors: string[]; disciplineCodes: string[]; contactSharing: boolean };
}

// `agreements(inForce: true)` means ratified by every party province, suspended by none, not
// terminated and within its dates; `status` is asked for too, so a grant is never made from an
// agreement the subgraph does not itself report IN_FORCE.
const AGREEMENTS_QUERY = 'query HubAgreementsInForce { agreements(inForce: true) { id status parties { code } scope { sectors disciplineCodes contactSharing } } }';

/** How long cross-region grants outlive the last answer from coordination (HUB_GRANTS_MAX_STALE_MS). */
/** What the agreements in `list` grant province `own`: one grant per other party province of each agreement it is party to. */
function grantsOf(list: AgreementInForce[], own: string): Grant[] {
  const grants: Grant[] = [];
  for (const agreement of list) {
    const provinces = [...new Set(agreement.parties.map((p) => provinceOf(p.code)))];
    if (!provinces.includes(own)) continue;
    for (const region of provinces) {
      if (region === own) continue;
      grants.push({
        region,
        agreementId: agreement.id,
        sectors: [...agreement.scope.sectors],
        disciplines: [...agreement.scope.disciplineCodes],
        contact: agreement.scope.contactSharing,
      });
    }
  }
  return grants;
}

function deepFreeze(grants: Grant[]): Grant[] {
  for (const grant of grants) Object.freeze(Object.assign(grant, { sectors: Object.freeze(grant.sectors), disciplines: Object.freeze(grant.disciplines) }));
  return Object.freeze(grants) as Grant[];
}

export const DEFAULT_GRANTS_MAX_STALE_MS = 30_000;

/**
 * The agreements in force, fetched from the coordination subgraph and kept for `ttlMs`, so a new,
 * ratified, suspended, terminated or expired agreement takes effect within that time without a
 * restart. Grants fail closed: when coordination cannot be reached the last answer is kept only
 * until it is `maxStaleMs` old, then there are no cross-region grants until coordination answers
 * again; before any answer there are none either. Own-region and NATIONAL access need no grant.
 */
export function createAgreementDirectory(options: {
  fetchAgreements: () => Promise<AgreementInForce[]>;
  ttlMs: number;
  /** Default DEFAULT_GRANTS_MAX_STALE_MS. */
  maxStaleMs?: number;
  onError?: (error: unknown) => void;
  /** Called once each time the kept answer grows too old while coordination cannot be reached. */
  onLapse?: () => void;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const maxStaleMs = options.maxStaleMs ?? DEFAULT_GRANTS_MAX_STALE_MS;
  // An answer is reused without asking again only while it is younger than both bounds, so the
  // staleness bound holds even when it is set below the cache time.
  const reuseMs = Math.min(options.ttlMs, maxStaleMs);
  let cached: { at: number; agreements: AgreementInForce[] } | null = null;
  let inflight: Promise<AgreementInForce[]> | null = null;
  let lapsed = false;
  let memo: { from: AgreementInForce[]; byProvince: Map<string, Grant[]> } | undefined;

  /** The kept answer while it is within the staleness bound; none after. */
  function fresh(): AgreementInForce[] {
    if (cached && now() - cached.at <= maxStaleMs) return cached.agreements;
    if (cached && !lapsed) {
      lapsed = true;
      options.onLapse?.();
    }
    return [];
  }

  async function agreements(): Promise<AgreementInForce[]> {
    if (cached && now() - cached.at < reuseMs) return cached.agreements;
    inflight ??= options
      .fetchAgreements()
      .then((list) => {
        const inForce = list.filter((a) => a.status === undefined || a.status === 'IN_FORCE');
        cached = { at: now(), agreements: inForce };
        lapsed = false;
        return inForce;
      })
      .catch((error: unknown) => {
        options.onError?.(error);
        return fresh();
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }

  return {
    /** What agreements in force let the caller's province see of each other province. */
    async grantsFor(callerRegion: string): Promise<Grant[]> {
      const own = provinceOf(callerRegion);
      const list = await agreements();
      // Worked out once per province and list of agreements (every request asks), frozen as it is shared.
      if (memo?.from !== list) memo = { from: list, byProvince: new Map() };
      let grants = memo.byProvince.get(own);
      if (!grants) {
        grants = deepFreeze(grantsOf(list, own));
        memo.byProvince.set(own, grants);
      }
      return grants;
    },
  };
}

/** Fetches agreements in force from the coordination subgraph over HTTP with the gateway's own caller token. */
export function coordinationAgreementFetcher(url: () => string, token: () => Promise<string>, timeoutMs: number) {
  return async (): Promise<AgreementInForce[]> => {
    const res = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify({ query: AGREEMENTS_QUERY }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { data?: { agreements: AgreementInForce[] }; errors?: { message: string }[] };
    if (!body.data) throw new Error(`coordination answered without agreements: ${body.errors?.[0]?.message ?? res.status}`);
    return body.data.agreements;
  };
}
