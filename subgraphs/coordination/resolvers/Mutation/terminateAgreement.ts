import { parseArgs } from '../../../../platform/errors.ts';
import { terminate } from '../../lifecycle.ts';
import { TerminateAgreementInput } from '../../model.ts';
import { changeAgreement } from '../../agreement-writes.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const terminateAgreement: NonNullable<MutationResolvers['terminateAgreement']> = (_parent, args, ctx) => {
  const input = parseArgs(TerminateAgreementInput, args.input, 'input');
  return changeAgreement(ctx, input.id, (doc, caller, at, today) => terminate(doc, caller, input.reason, at, today));
};
