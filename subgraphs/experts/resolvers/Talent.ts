import { forbidden } from '../../../platform/caller.ts';
import type { ExpertsContext } from '../context.ts';
import type { DisciplineDoc, ExpertPoolDoc, TalentDoc } from '../model.ts';
import { accessTo, personalDataRefusal, visible } from '../visibility.ts';
import type { TalentResolvers } from './types.generated.ts';

const present = <T>(values: (T | null | Error)[]): T[] => values.filter((v): v is T => v !== null && !(v instanceof Error));

/**
 * Personal fields (contact, birth year, household registration, external identifiers): refused
 * with FORBIDDEN on their path unless the sharing rules allow them (even when the value is empty,
 * so a refusal does not tell whether anything is recorded); when another region receives them,
 * the read is audited first.
 */
async function personal<T>(t: TalentDoc, ctx: ExpertsContext, field: string, value: T): Promise<T> {
  const refusal = personalDataRefusal(ctx.caller, t);
  if (refusal) throw forbidden(`${field}: ${refusal}`);
  if (accessTo(ctx.caller, t) !== 'home') await ctx.loaders.personalRead.load({ talent: t, field });
  return value;
}

export const Talent: TalentResolvers = {
  __resolveReference: async (ref, ctx) => visible(ctx.caller, await ctx.loaders.visibleTalentById.load(ref.id)),
  id: (t) => t._id,
  disciplines: async (t, _args, ctx) => present<DisciplineDoc>(await ctx.loaders.disciplineByCode.loadMany(t.disciplineCodes)),
  pools: async (t, _args, ctx) => present<ExpertPoolDoc>(await ctx.loaders.poolById.loadMany(t.poolIds)),
  homeRegion: (t) => ({ code: t.homeRegion }),
  hukouRegion: (t, _args, ctx) => personal(t, ctx, 'hukouRegion', t.hukouRegion ? { code: t.hukouRegion } : null),
  externalIds: (t, _args, ctx) => personal(t, ctx, 'externalIds', t.externalIds),
  birthYear: (t, _args, ctx) => personal(t, ctx, 'birthYear', t.birthYear),
  contact: (t, _args, ctx) => personal(t, ctx, 'contact', t.contact),
  // The identity number stays with the home province (issue 17): no agreement or consent shares it; linkage uses keyed tokens.
  residentId: (t, _args, ctx) => {
    if (accessTo(ctx.caller, t) !== 'home') throw forbidden("residentId: only the talent's home region reads the identity number.");
    if (!ctx.caller?.scopes.has('talent:contact')) throw forbidden('residentId: Personal details need the "talent:contact" scope.');
    return t.residentId ?? null;
  },
  consent: (t, _args, ctx) => {
    if (accessTo(ctx.caller, t) !== 'home') throw forbidden("consent: only the talent's home region sees the consent record.");
    return t.consent;
  },
};
