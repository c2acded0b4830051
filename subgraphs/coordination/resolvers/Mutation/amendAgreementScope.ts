import { parseArgs } from '../../../../platform/errors.ts';
import { amendScope } from '../../lifecycle.ts';
import { AmendAgreementScopeInput } from '../../model.ts';
import { changeAgreement } from '../../agreement-writes.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const amendAgreementScope: NonNullable<MutationResolvers['amendAgreementScope']> = (_parent, args, ctx) => {
  const input = parseArgs(AmendAgreementScopeInput, args.input, 'input');
  return changeAgreement(ctx, input.id, (doc, caller, at, today) => amendScope(doc, caller, input.scope, at, today));
};
