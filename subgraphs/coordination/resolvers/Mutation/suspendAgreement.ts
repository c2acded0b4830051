import { parseArgs } from '../../../../platform/errors.ts';
import { suspend } from '../../lifecycle.ts';
import { SuspendAgreementInput } from '../../model.ts';
import { changeAgreement } from '../../agreement-writes.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const suspendAgreement: NonNullable<MutationResolvers['suspendAgreement']> = (_parent, args, ctx) => {
  const input = parseArgs(SuspendAgreementInput, args.input, 'input');
  return changeAgreement(ctx, input.id, (doc, caller, at, today) => suspend(doc, caller, input.reason, at, today));
};
