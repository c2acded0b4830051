import { randomUUID } from 'node:crypto';
import { auditWrite } from '../../../../platform/audit/chain.ts';
import { forbidden, inSameProvince, requireScope } from '../../../../platform/caller.ts';
import { badUserInput, notFound, parseArgs } from '../../../../platform/errors.ts';
import { provinceOf } from '../../../../platform/text.ts';
import { inForceOn, statusOf } from '../../lifecycle.ts';
import { type EngagementDoc, RecordEngagementInput } from '../../model.ts';
import type { MutationResolvers } from '../types.generated.ts';

/**
 * `Mutation.recordEngagement`. The talent's home is read from its owner (experts), never taken
 * from the input: the caller must be the host region or the talent's real home province, and
 * must be allowed to see the talent (a hidden one is NOT_FOUND, as if it did not exist). A
 * `homeRegion` in the input is a claim to check, not a fact: one outside the real home province
 * is refused with FORBIDDEN (a caller that misstates the home is either mistaken or pretending to
 * be it, and silently correcting it would hide the attempt); left out, the home province is used.
 */
export const recordEngagement: NonNullable<MutationResolvers['recordEngagement']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'coordination:write');
  const input = parseArgs(RecordEngagementInput, args.input, 'input');
  const [home, host, agreement] = await Promise.all([
    input.homeRegion ? ctx.loaders.regionByCode.load(input.homeRegion) : null,
    ctx.loaders.regionByCode.load(input.hostRegion),
    input.agreementId ? ctx.loaders.agreementById.load(input.agreementId) : null,
  ]);
  if (input.homeRegion && !home) throw badUserInput([{ field: 'input.homeRegion', message: `"${input.homeRegion}" is not a region; see Query.regions` }]);
  if (!host) throw badUserInput([{ field: 'input.hostRegion', message: `"${input.hostRegion}" is not a region; see Query.regions` }]);

  const owner = (await ctx.owners.locate(ctx, [input.talentId])).get(input.talentId);
  if (!owner) throw notFound('Talent', input.talentId);
  if (!inSameProvince(caller.region, owner.homeRegion) && !inSameProvince(caller.region, input.hostRegion)) {
    throw forbidden(
      `Only the host region or the talent's home province may record an engagement; your token is for region ${caller.region}, neither the host ${input.hostRegion} nor the talent's home.`,
    );
  }
  if (input.homeRegion && !inSameProvince(input.homeRegion, owner.homeRegion)) {
    throw forbidden(`input.homeRegion ${input.homeRegion} is not the talent's home province as its owner records it; leave homeRegion out to use the recorded one.`);
  }
  const homeRegion = input.homeRegion ?? owner.homeRegion;
  if (homeRegion === input.hostRegion) {
    throw badUserInput([{ field: 'input.hostRegion', message: "must differ from the talent's home region: an engagement serves a region other than home" }]);
  }
  if (input.agreementId) {
    if (!agreement) throw notFound('CooperationAgreement', input.agreementId);
    // A party binds its whole province, as in Query.agreementsBetween.
    const bound = new Set(agreement.partyCodes.map(provinceOf));
    const unbound = [homeRegion, input.hostRegion].map(provinceOf).filter((p) => !bound.has(p));
    if (unbound.length) {
      throw badUserInput([
        {
          field: 'input.agreementId',
          message: `agreement "${agreement._id}" does not bind province ${unbound.join(' or ')}; see Query.agreementsBetween`,
        },
      ]);
    }
    // Only an agreement every party ratified (and none suspended or ended) can carry an
    // engagement: a proposal must not lend its name to one.
    if (!inForceOn(agreement, input.start)) {
      throw badUserInput([
        {
          field: 'input.agreementId',
          message: `agreement "${agreement._id}" is not in force on ${input.start} (it is ${statusOf(agreement, input.start)}); record the engagement under an agreement in force, or without one`,
        },
      ]);
    }
  }
  const doc: EngagementDoc = {
    _id: `E${randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}`,
    talentId: input.talentId,
    homeRegion,
    hostRegion: input.hostRegion,
    kind: input.kind,
    start: input.start,
    end: input.end,
    agreementId: input.agreementId,
  };
  // The talent's home province (from experts) reads this event too.
  await auditWrite(ctx, caller, { entityType: 'Engagement', entityId: doc._id, talentId: doc.talentId, talentHome: owner.homeRegion, fields: Object.keys(args.input) });
  await ctx.store.insertEngagement(doc);
  return { engagement: doc };
};
