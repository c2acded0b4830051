import { parseArgs } from '../../../../platform/errors.ts';
import { ratify } from '../../lifecycle.ts';
import { RatifyAgreementInput } from '../../model.ts';
import { changeAgreement } from '../../agreement-writes.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const ratifyAgreement: NonNullable<MutationResolvers['ratifyAgreement']> = (_parent, args, ctx) => {
  const input = parseArgs(RatifyAgreementInput, args.input, 'input');
  return changeAgreement(ctx, input.id, (doc, caller, at, today) => ratify(doc, caller, input.version, at, today));
};
