import { auditWrite } from '../../../../platform/audit/chain.ts';
import { requireScope } from '../../../../platform/caller.ts';
import { notFound, parseArgs } from '../../../../platform/errors.ts';
import { EntityId } from '../../../../platform/model.ts';
import { UpdateTalentInput, type TalentDoc } from '../../model.ts';
import { visible } from '../../visibility.ts';
import { checkDisciplines, requireHome, talentWrite } from '../../writes.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const updateTalent: NonNullable<MutationResolvers['updateTalent']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'talent:write');
  const id = parseArgs(EntityId, args.id, 'id');
  const input = parseArgs(UpdateTalentInput, args.input, 'input');
  await checkDisciplines(ctx, input.disciplineCodes, 'input.disciplineCodes');
  // A talent of a province this node does not serve is not its record, even if a stale copy lies here.
  const current = visible(caller, await ctx.loaders.talentById.load(id));
  if (!current || !ctx.node.serves(current.homeRegion)) throw notFound('Talent', id);
  requireHome(caller, current.homeRegion);
  const now = ctx.now();
  const { consent, contact, ...rest } = input;
  const set: Partial<TalentDoc> = { ...rest, updatedAt: now };
  if (consent) {
    set.consent = {
      contactSharing: consent.contactSharing,
      // A renewed consent is a new consent; withdrawing it clears the timestamp.
      consentedAt: consent.contactSharing ? now : null,
      purposes: consent.purposes,
    };
  }
  if (contact) set.contact = { phone: contact.phone ?? current.contact.phone, email: contact.email ?? current.contact.email };
  await auditWrite(ctx, caller, talentWrite(id, current.homeRegion, Object.keys(args.input)));
  if (!(await ctx.store.updateTalent(id, set))) throw notFound('Talent', id);
  return { talent: { ...current, ...set } };
};
