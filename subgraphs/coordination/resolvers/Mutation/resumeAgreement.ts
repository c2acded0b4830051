import { parseArgs } from '../../../../platform/errors.ts';
import { resume } from '../../lifecycle.ts';
import { ResumeAgreementInput } from '../../model.ts';
import { changeAgreement } from '../../agreement-writes.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const resumeAgreement: NonNullable<MutationResolvers['resumeAgreement']> = (_parent, args, ctx) => {
  const input = parseArgs(ResumeAgreementInput, args.input, 'input');
  return changeAgreement(ctx, input.id, (doc, caller, at, today) => resume(doc, caller, at, today));
};
