import { randomUUID } from 'node:crypto';
import { talentId } from '../../../../platform/nodes.ts';
import { auditWrite } from '../../../../platform/audit/chain.ts';
import { requireScope } from '../../../../platform/caller.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { RegisterTalentInput, type TalentDoc } from '../../model.ts';
import { checkDisciplines, requireHome, requireServedHome, talentWrite } from '../../writes.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const registerTalent: NonNullable<MutationResolvers['registerTalent']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'talent:write');
  const input = parseArgs(RegisterTalentInput, args.input, 'input');
  requireHome(caller, input.homeRegion);
  requireServedHome(ctx, input.homeRegion);
  await checkDisciplines(ctx, input.disciplineCodes, 'input.disciplineCodes');
  const now = ctx.now();
  const doc: TalentDoc = {
    // The id names the home province, so the hub routes every later request for it to this node.
    _id: talentId(input.homeRegion, randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()),
    ...input,
    consent: {
      contactSharing: input.consent.contactSharing,
      consentedAt: input.consent.contactSharing ? now : null,
      purposes: input.consent.purposes,
    },
    contact: { phone: input.contact.phone ?? null, email: input.contact.email ?? null },
    poolIds: [],
    createdAt: now,
    updatedAt: now,
  };
  await auditWrite(ctx, caller, talentWrite(doc._id, doc.homeRegion, Object.keys(args.input)));
  await ctx.store.insertTalent(doc);
  return { talent: doc };
};
