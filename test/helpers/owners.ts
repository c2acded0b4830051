import { type CallerSigner, createCallerSigner } from '../../gateway/signer.ts';
import { expertsService } from '../../subgraphs/experts/server.ts';
import type { TalentDoc } from '../../subgraphs/experts/model.ts';
import { OWNER_LOOKUP_SCOPE } from '../../platform/caller.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { createOwnerLookup, type OwnerLookup } from '../../platform/owners.ts';
import type { RequestInfo } from '../../platform/request.ts';
import { startSubgraph } from '../../platform/runner.ts';
import { recordCalls, type StoreCall } from '../../store/port.ts';

export interface OwnerDirectory {
  /** The experts subgraph's URL. */
  url: string;
  /** The owner client projects and coordination use, pointed at that experts subgraph. */
  owners: OwnerLookup;
  /** Store calls experts made since the last reset (to count lookups). */
  calls: StoreCall[];
  /** The gateway signer whose tokens experts trusts. */
  signer: CallerSigner;
  /**
   * The request as projects or coordination receive it from the gateway with a mutation: the
   * caller plus the owner-lookup token the gateway signs for it (audience experts, scope
   * talent:locate, the caller's grants).
   */
  withLookup(request: RequestInfo): Promise<RequestInfo>;
  close(): Promise<void>;
}

/**
 * A real experts subgraph on port 0 holding `talents`, verifying tokens of a gateway signer, for
 * in-process tests of projects and coordination writes: the owner lookup goes over real HTTP to
 * the real owner, as in production.
 */
export async function startOwnerDirectory(talents: TalentDoc[]): Promise<OwnerDirectory> {
  const signer = await createCallerSigner();
  const calls: StoreCall[] = [];
  const db = recordCalls(createEmbeddedDatabase(), (call) => calls.push(call));
  const experts = await startSubgraph(expertsService, { db, port: 0, host: '127.0.0.1', keys: signer.localKeys(), seed: { talents, pools: [], disciplines: [] } });
  calls.length = 0;
  return {
    url: experts.url,
    owners: createOwnerLookup({ url: experts.url }),
    calls,
    signer,
    withLookup: async (request) => {
      const caller = request.caller;
      if (!caller) return request;
      const token = await signer.sign({ audience: 'experts', sub: caller.sub, region: caller.region, scopes: [OWNER_LOOKUP_SCOPE], purpose: null, grants: caller.grants });
      return { ...request, ownerLookupToken: token };
    },
    close: () => experts.close(),
  };
}

/** A synthetic talent for owner lookups: `base` (any stored talent) with this id, home and sharing level. */
export function talentAt(base: TalentDoc, id: string, homeRegion: string, sharing: TalentDoc['sharing']): TalentDoc {
  return { ...base, _id: id, homeRegion, sharing };
}
