import { randomUUID } from 'node:crypto';
import { auditWrite } from '../../../platform/audit/chain.ts';
import { type Caller, forbidden, requireScope } from '../../../platform/caller.ts';
import { badUserInput, conflict, notFound, parseArgs } from '../../../platform/errors.ts';
import { provinceOf } from '../../../platform/text.ts';
import { chinaDate } from '../calendar.ts';
import type { CoordinationContext } from '../context.ts';
import { amendScope, partyProvinces, proposal, ratify, resume, suspend, terminate } from '../lifecycle.ts';
import {
  type AgreementDoc,
  AmendAgreementScopeInput,
  ProposeAgreementInput,
  RatifyAgreementInput,
  ResumeAgreementInput,
  SuspendAgreementInput,
  TerminateAgreementInput,
} from '../model.ts';
import { recordEngagement } from './recordEngagement.ts';
import type { MutationResolvers } from './types.generated.ts';

const hex = (n: number) => randomUUID().replaceAll('-', '').slice(0, n);

/** The audit entry of an agreement's lifecycle step: every party province reads it. */
function agreementAudit(doc: AgreementDoc) {
  return { entityType: 'CooperationAgreement', entityId: doc._id, talentId: null, talentHome: null, parties: partyProvinces(doc) };
}

/** The fields of the agreement a lifecycle step changed, named as the API shows them (for the audit event). */
function changedFields(before: AgreementDoc, after: AgreementDoc): string[] {
  const fields = ['history'];
  if (before.state !== after.state || before.suspendedBy.length !== after.suspendedBy.length) fields.push('status');
  if (before.ratifications !== after.ratifications) fields.push('ratifications');
  if (before.scope !== after.scope) fields.push('scope');
  if (before.pendingAmendment !== after.pendingAmendment) fields.push('pendingAmendment');
  if (before.suspendedBy !== after.suspendedBy) fields.push('suspendedBy');
  return fields;
}

/**
 * One lifecycle step on a stored agreement: read it afresh, let `step` decide (it throws
 * FORBIDDEN or CONFLICT, and then nothing is written), record the audit event that every party
 * reads, then write the new state only if nobody changed the agreement meanwhile.
 */
async function changeAgreement(
  ctx: CoordinationContext,
  id: string,
  step: (doc: AgreementDoc, caller: Caller, at: string, today: string) => AgreementDoc,
): Promise<{ agreement: AgreementDoc }> {
  const caller = requireScope(ctx.caller, 'coordination:write');
  return ctx.store.withAgreementLock(id, async () => {
    const doc = await ctx.store.agreementForChange(id);
    if (!doc) throw notFound('CooperationAgreement', id);
    const now = ctx.now();
    const next = step(doc, caller, now.toISOString(), chinaDate(now));
    await auditWrite(ctx, caller, { ...agreementAudit(doc), fields: changedFields(doc, next) });
    if (!(await ctx.store.replaceAgreementIf(doc.revision, next))) {
      throw conflict(`Agreement "${id}" was changed by someone else meanwhile; read it again and retry.`);
    }
    return { agreement: { ...next, revision: doc.revision + 1 } };
  });
}

export const Mutation: MutationResolvers = {
  proposeAgreement: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'coordination:write');
    const input = parseArgs(ProposeAgreementInput, args.input, 'input');
    const parties = await ctx.loaders.regionByCode.loadMany(input.partyCodes);
    const missing = parties.findIndex((r) => r === null || r instanceof Error);
    if (missing >= 0) {
      throw badUserInput([
        { field: `input.partyCodes.${missing}`, message: `"${input.partyCodes[missing]}" is not a region; see Query.regions` },
      ]);
    }
    if (!input.partyCodes.some((code) => provinceOf(code) === provinceOf(caller.region))) {
      throw forbidden(`Only a party may propose an agreement; none of its parties is in your province ${provinceOf(caller.region)}.`);
    }
    const now = ctx.now();
    if (input.validUntil !== null && input.validUntil < chinaDate(now)) {
      throw badUserInput([{ field: 'input.validUntil', message: `is in the past (today is ${chinaDate(now)} in China Standard Time); an agreement that is already over cannot be ratified` }]);
    }
    const at = now.toISOString();
    const doc = proposal(
      {
        _id: `agr-${hex(12)}`,
        name: input.name,
        partyCodes: input.partyCodes,
        signedOn: input.signedOn,
        validUntil: input.validUntil,
        scope: input.scope,
        measures: input.measures,
      },
      caller,
      at,
    );
    await auditWrite(ctx, caller, { ...agreementAudit(doc), fields: Object.keys(args.input) });
    await ctx.store.insertAgreement(doc);
    return { agreement: doc };
  },

  ratifyAgreement: (_parent, args, ctx) => {
    const input = parseArgs(RatifyAgreementInput, args.input, 'input');
    return changeAgreement(ctx, input.id, (doc, caller, at, today) => ratify(doc, caller, input.version, at, today));
  },

  amendAgreementScope: (_parent, args, ctx) => {
    const input = parseArgs(AmendAgreementScopeInput, args.input, 'input');
    return changeAgreement(ctx, input.id, (doc, caller, at, today) => amendScope(doc, caller, input.scope, at, today));
  },

  suspendAgreement: (_parent, args, ctx) => {
    const input = parseArgs(SuspendAgreementInput, args.input, 'input');
    return changeAgreement(ctx, input.id, (doc, caller, at, today) => suspend(doc, caller, input.reason, at, today));
  },

  resumeAgreement: (_parent, args, ctx) => {
    const input = parseArgs(ResumeAgreementInput, args.input, 'input');
    return changeAgreement(ctx, input.id, (doc, caller, at, today) => resume(doc, caller, at, today));
  },

  terminateAgreement: (_parent, args, ctx) => {
    const input = parseArgs(TerminateAgreementInput, args.input, 'input');
    return changeAgreement(ctx, input.id, (doc, caller, at, today) => terminate(doc, caller, input.reason, at, today));
  },

  recordEngagement,
};
