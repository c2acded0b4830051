import { randomUUID } from 'node:crypto';
import { auditWrite } from '../../../../platform/audit/chain.ts';
import { forbidden, requireScope } from '../../../../platform/caller.ts';
import { badUserInput, parseArgs } from '../../../../platform/errors.ts';
import { provinceOf } from '../../../../platform/text.ts';
import { chinaDate } from '../../../../platform/calendar.ts';
import { proposal } from '../../lifecycle.ts';
import { ProposeAgreementInput } from '../../model.ts';
import { agreementAudit } from '../../agreement-writes.ts';
import type { MutationResolvers } from '../types.generated.ts';

const hex = (n: number) => randomUUID().replaceAll('-', '').slice(0, n);

export const proposeAgreement: NonNullable<MutationResolvers['proposeAgreement']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'coordination:write');
  const input = parseArgs(ProposeAgreementInput, args.input, 'input');
  const parties = await ctx.loaders.regionByCode.loadMany(input.partyCodes);
  const missing = parties.findIndex((r) => r === null || r instanceof Error);
  if (missing >= 0) {
    throw badUserInput([{ field: `input.partyCodes.${missing}`, message: `"${input.partyCodes[missing]}" is not a region; see Query.regions` }]);
  }
  if (!input.partyCodes.some((code) => provinceOf(code) === provinceOf(caller.region))) {
    throw forbidden(`Only a party may propose an agreement; none of its parties is in your province ${provinceOf(caller.region)}.`);
  }
  const now = ctx.now();
  if (input.validUntil !== null && input.validUntil < chinaDate(now)) {
    throw badUserInput([
      { field: 'input.validUntil', message: `is in the past (today is ${chinaDate(now)} in China Standard Time); an agreement that is already over cannot be ratified` },
    ]);
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
};
