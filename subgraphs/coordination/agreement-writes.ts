import { auditWrite } from '../../platform/audit/chain.ts';
import { requireScope, type Caller } from '../../platform/caller.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { chinaDate } from '../../platform/calendar.ts';
import type { CoordinationContext } from './context.ts';
import { partyProvinces } from './lifecycle.ts';
import type { AgreementDoc } from './model.ts';

/** The audit entry of an agreement's lifecycle step: every party province reads it. */
export function agreementAudit(doc: AgreementDoc) {
  return { entityType: 'CooperationAgreement', entityId: doc._id, talentId: null, talentHome: null, parties: partyProvinces(doc) };
}

/** The fields of the agreement a lifecycle step changed, named as the API shows them (for the audit event). */
export function changedFields(before: AgreementDoc, after: AgreementDoc): string[] {
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
export async function changeAgreement(
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
