import { randomUUID } from 'node:crypto';
import { auditWrite } from '../../kit/audit.ts';
import { forbidden, requireScope } from '../../kit/caller.ts';
import { badUserInput, notFound, parseArgs } from '../../kit/errors.ts';
import { provinceOf } from '../../kit/text.ts';
import { type AgreementDoc, CreateAgreementInput, type EngagementDoc, RecordEngagementInput } from '../model.ts';
import type { MutationResolvers } from './types.generated.ts';

const hex = (n: number) => randomUUID().replaceAll('-', '').slice(0, n);

export const Mutation: MutationResolvers = {
  createAgreement: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'coordination:write');
    const input = parseArgs(CreateAgreementInput, args.input, 'input');
    const parties = await ctx.loaders.regionByCode.loadMany(input.partyCodes);
    const missing = parties.findIndex((r) => r === null || r instanceof Error);
    if (missing >= 0) {
      throw badUserInput([
        { field: `input.partyCodes.${missing}`, message: `"${input.partyCodes[missing]}" is not a region; see Query.regions` },
      ]);
    }
    if (!input.partyCodes.some((code) => provinceOf(code) === provinceOf(caller.region))) {
      throw forbidden(`Only a party to the agreement may record it; none of its parties is in your region ${caller.region}.`);
    }
    const doc: AgreementDoc = {
      _id: `agr-${hex(12)}`,
      name: input.name,
      partyCodes: input.partyCodes,
      signedOn: input.signedOn,
      validUntil: input.validUntil,
      scope: input.scope,
      measures: input.measures,
    };
    await auditWrite(ctx, caller, { entityType: 'CooperationAgreement', entityId: doc._id, talentId: null, talentHome: null, fields: Object.keys(args.input) });
    await ctx.store.insertAgreement(doc);
    return { agreement: doc };
  },

  recordEngagement: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'coordination:write');
    const input = parseArgs(RecordEngagementInput, args.input, 'input');
    const [home, host, agreement] = await Promise.all([
      ctx.loaders.regionByCode.load(input.homeRegion),
      ctx.loaders.regionByCode.load(input.hostRegion),
      input.agreementId ? ctx.loaders.agreementById.load(input.agreementId) : null,
    ]);
    if (!home) throw badUserInput([{ field: 'input.homeRegion', message: `"${input.homeRegion}" is not a region; see Query.regions` }]);
    if (!host) throw badUserInput([{ field: 'input.hostRegion', message: `"${input.hostRegion}" is not a region; see Query.regions` }]);
    if (![input.homeRegion, input.hostRegion].some((code) => provinceOf(code) === provinceOf(caller.region))) {
      throw forbidden(`Only the host or the home region may record an engagement; your token is for region ${caller.region}.`);
    }
    if (input.agreementId) {
      if (!agreement) throw notFound('CooperationAgreement', input.agreementId);
      // A party binds its whole province, as in Query.agreementsBetween.
      const bound = new Set(agreement.partyCodes.map(provinceOf));
      const unbound = [input.homeRegion, input.hostRegion].map(provinceOf).filter((p) => !bound.has(p));
      if (unbound.length) {
        throw badUserInput([
          {
            field: 'input.agreementId',
            message: `agreement "${agreement._id}" does not bind province ${unbound.join(' or ')}; see Query.agreementsBetween`,
          },
        ]);
      }
    }
    const doc: EngagementDoc = {
      _id: `E${hex(16).toUpperCase()}`,
      talentId: input.talentId,
      homeRegion: input.homeRegion,
      hostRegion: input.hostRegion,
      kind: input.kind,
      start: input.start,
      end: input.end,
      agreementId: input.agreementId,
    };
    // The talent's home province reads this event too (the home region is part of the engagement).
    await auditWrite(ctx, caller, { entityType: 'Engagement', entityId: doc._id, talentId: doc.talentId, talentHome: provinceOf(doc.homeRegion), fields: Object.keys(args.input) });
    await ctx.store.insertEngagement(doc);
    return { engagement: doc };
  },
};
