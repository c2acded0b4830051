import type { Grant } from '../subgraphs/kit/caller.ts';
import { provinceOf } from '../subgraphs/kit/text.ts';

/** An agreement in force as the coordination subgraph reports it. */
export interface AgreementInForce {
  id: string;
  parties: { code: string }[];
  scope: { sectors: string[]; disciplineCodes: string[]; contactSharing: boolean };
}

const AGREEMENTS_QUERY = 'query HubAgreementsInForce { agreements(inForce: true) { id parties { code } scope { sectors disciplineCodes contactSharing } } }';

/**
 * The agreements in force, fetched from the coordination subgraph and kept for `ttlMs`, so a new
 * or expired agreement takes effect within that time without a restart. When coordination cannot
 * be reached the last answer is kept; before any answer there are no grants (fail closed).
 */
export function createAgreementDirectory(options: {
  fetchAgreements: () => Promise<AgreementInForce[]>;
  ttlMs: number;
  onError?: (error: unknown) => void;
}) {
  let cached: { at: number; agreements: AgreementInForce[] } | null = null;
  let inflight: Promise<AgreementInForce[]> | null = null;

  async function agreements(): Promise<AgreementInForce[]> {
    if (cached && Date.now() - cached.at < options.ttlMs) return cached.agreements;
    inflight ??= options
      .fetchAgreements()
      .then((list) => {
        cached = { at: Date.now(), agreements: list };
        return list;
      })
      .catch((error: unknown) => {
        options.onError?.(error);
        return cached?.agreements ?? [];
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
      const grants: Grant[] = [];
      for (const agreement of await agreements()) {
        const provinces = [...new Set(agreement.parties.map((p) => provinceOf(p.code)))];
        if (!provinces.includes(own)) continue;
        for (const region of provinces) {
          if (region === own) continue;
          grants.push({
            region,
            agreementId: agreement.id,
            sectors: agreement.scope.sectors,
            disciplines: agreement.scope.disciplineCodes,
            contact: agreement.scope.contactSharing,
          });
        }
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
