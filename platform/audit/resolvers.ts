import { z } from 'zod';
import type { AuditLog } from './chain.ts';
import { type AuditCheckpoint, AuditCheckpointShape, checkpointFault } from './checkpoints.ts';
import type { AuditEventDoc } from './event.ts';
import { type PublicAuditKey, verifyKeysOf } from './keys.ts';
import type { AuditChainReport } from './verify.ts';
import { type Caller, requireScope } from '../caller.ts';
import { type Connection, parsePage, toConnection } from '../connection.ts';
import { badUserInput, parseArgs } from '../errors.ts';
import { EntityId } from '../model.ts';
import { audienceSubgraph } from '../nodes.ts';
import { provinceOf } from '../text.ts';

/** What the audit resolvers need from a subgraph's context. */
export interface AuditContext {
  caller: Caller | null;
  audit: AuditLog;
}

/**
 * The audit trail as every subgraph serves it: events about the caller's province's talents, made
 * by any region of its province, or about agreements it is party to; oldest first, for callers
 * with audit:read.
 */
export async function listAuditEvents(
  ctx: AuditContext,
  args: { talentId?: string | null; since?: Date | null; first?: number | null; after?: string | null },
): Promise<Connection<AuditEventDoc>> {
  const caller = requireScope(ctx.caller, 'audit:read');
  const talentId = parseArgs(EntityId.nullish(), args.talentId, 'talentId');
  const page = parsePage(args);
  const options = { region: provinceOf(caller.region), talentId, since: args.since ?? null };
  const rows = await ctx.audit.list({ ...options, page });
  return toConnection(rows, page.first, () => ctx.audit.count(options));
}

/** Field resolvers of AuditEvent, the same in every subgraph (Region references by code). */
export const auditEventFields = {
  id: (e: AuditEventDoc) => e._id,
  actor: (e: AuditEventDoc) => e.actorSub,
  actorRegion: (e: AuditEventDoc) => ({ code: e.actorRegion }),
  actorProvince: (e: AuditEventDoc) => ({ code: e.actorProvince }),
  talentHome: (e: AuditEventDoc) => (e.talentHome ? { code: e.talentHome } : null),
  parties: (e: AuditEventDoc) => e.parties.map((code) => ({ code })),
};

/** AuditChainReport as the resolvers return it: the report, the checkpoint log and the published keys. */
export type AuditChainAnswer = AuditChainReport & { checkpoints: AuditCheckpoint[]; signingKeys: PublicAuditKey[] };

const CheckpointsInput = z.array(AuditCheckpointShape).max(1000, 'give at most 1000 checkpoints').nullish();

/**
 * Verifies a subgraph's chain for `AuditVerification.<subgraph>(checkpoints:)` (needs audit:read).
 * Checkpoints a party kept are compared with the chain too; one that is not this subgraph's or
 * whose signature does not verify with a published key is refused (BAD_USER_INPUT naming it), so
 * a forged checkpoint is never taken as evidence either way.
 */
export async function verifyAuditChainOf(ctx: AuditContext, args: { checkpoints?: unknown }): Promise<AuditChainAnswer> {
  requireScope(ctx.caller, 'audit:read');
  const given = parseArgs(CheckpointsInput, args.checkpoints, 'checkpoints') ?? [];
  const keys = verifyKeysOf(ctx.audit.keyring);
  const issues = given.flatMap((checkpoint, i) => {
    const field = `checkpoints.${i}`;
    if (checkpoint.subgraph !== ctx.audit.subgraph)
      return [
        {
          field: `${field}.subgraph`,
          message: `is "${checkpoint.subgraph}", not this chain's ("${ctx.audit.subgraph}"); give it to AuditVerification.${audienceSubgraph(checkpoint.subgraph)}${checkpoint.subgraph.includes('@') ? ', which checks it against the node that signed it' : ''}`,
        },
      ];
    const fault = checkpointFault(checkpoint, keys);
    if (fault === 'UNKNOWN_KEY') return [{ field: `${field}.keyId`, message: `names no key this subgraph published; see signingKeys` }];
    if (fault)
      return [{ field: `${field}.signature`, message: `does not verify with key ${checkpoint.keyId}: this checkpoint was not signed by the ${ctx.audit.subgraph} subgraph` }];
    return [];
  });
  if (issues.length) throw badUserInput(issues);
  const report = await ctx.audit.verify(given);
  return { ...report, checkpoints: [...ctx.audit.checkpoints.list()], signingKeys: ctx.audit.signingKeys() };
}

const CheckpointPage = z.object({
  afterSeq: z.number().int().min(0, 'must be 0 or more').nullish(),
  first: z.number().int().min(0, 'must be 0 or more').max(1000, 'must be at most 1000').nullish(),
});

/** Field resolvers of AuditChainReport, the same in every subgraph. */
export const auditChainReportFields = {
  checkpoints: <C extends { seq: number }>(report: { checkpoints: C[] }, args: { afterSeq?: number | null; first?: number | null }): C[] => {
    const page = parseArgs(CheckpointPage, args);
    const after = page.afterSeq ?? 0;
    return report.checkpoints.filter((c) => c.seq > after).slice(0, page.first ?? 100);
  },
};

/** Field resolvers of AuditEventConnection, the same in every subgraph. */
export const auditEventConnectionFields = {
  totalCount: (c: Connection<AuditEventDoc>) => c.count(),
};

/**
 * The AuditVerification entity as a subgraph resolves it: the reference itself, and its own field
 * (named after the subgraph) reporting on its chain.
 */
export function auditVerification<const S extends string>(subgraph: S) {
  return {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    [subgraph]: (_ref: unknown, args: { checkpoints?: unknown }, ctx: AuditContext) => verifyAuditChainOf(ctx, args),
  } as { __resolveReference: (ref: { id: string }) => { id: string } } & Record<S, (ref: unknown, args: { checkpoints?: unknown }, ctx: AuditContext) => Promise<AuditChainAnswer>>;
}
