import { chinaDate } from '../../../platform/calendar.ts';
import type { CoordinationContext } from '../context.ts';
import { awaitingRatificationBy, awaitingTerms, inForceOn, partyProvinces, statusOf } from '../lifecycle.ts';
import type { RatificationDoc, RegionDoc } from '../model.ts';
import type { CooperationAgreementResolvers } from './types.generated.ts';

const present = <T>(values: (T | null | Error)[]): T[] => values.filter((v): v is T => v !== null && !(v instanceof Error));

const regions = async (codes: string[], ctx: CoordinationContext) => present<RegionDoc>(await ctx.loaders.regionByCode.loadMany(codes));

/** A region the agreement names; parties were checked to exist when proposed, so a missing one is a data fault. */
async function region(code: string, ctx: CoordinationContext): Promise<RegionDoc> {
  const found = await ctx.loaders.regionByCode.load(code);
  if (!found) throw new Error(`an agreement names region ${code}, which is not stored`);
  return found;
}

// Ratifications and events are stored with ISO instants and region codes; the API serves
// DateTimes and regions (looked up through the request's loader, one batch for the answer).
const ratifications = (list: RatificationDoc[], ctx: CoordinationContext) =>
  Promise.all(list.map(async (r) => ({ ...r, at: new Date(r.at), province: await region(r.province, ctx) })));

export const CooperationAgreement: CooperationAgreementResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.agreementById.load(ref.id),
  id: (a) => a._id,
  parties: (a, _args, ctx) => regions(a.partyCodes, ctx),
  partyProvinces: (a, _args, ctx) => regions(partyProvinces(a), ctx),
  inForce: (a, _args, ctx) => inForceOn(a, chinaDate(ctx.now())),
  status: (a, _args, ctx) => statusOf(a, chinaDate(ctx.now())),
  ratifications: (a, _args, ctx) => ratifications(a.ratifications, ctx),
  pendingAmendment: async (a, _args, ctx) => (a.pendingAmendment ? { ...a.pendingAmendment, ratifications: await ratifications(a.pendingAmendment.ratifications, ctx) } : null),
  awaitingRatificationBy: (a, _args, ctx) => regions(awaitingRatificationBy(a, chinaDate(ctx.now())), ctx),
  awaitingVersion: (a, _args, ctx) => awaitingTerms(a, chinaDate(ctx.now()))?.version ?? null,
  suspendedBy: (a, _args, ctx) => regions(a.suspendedBy, ctx),
  history: (a, _args, ctx) => Promise.all(a.history.map(async (e) => ({ ...e, at: new Date(e.at), region: await region(e.region, ctx) }))),
};
