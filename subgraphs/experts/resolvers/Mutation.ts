import { randomUUID } from 'node:crypto';
import { auditWrite } from '../../../platform/audit/chain.ts';
import { type Caller, requireOwnProvince, requireScope } from '../../../platform/caller.ts';
import { badUserInput, notFound, parseArgs } from '../../../platform/errors.ts';
import { EntityId } from '../../../platform/model.ts';
import type { ExpertsContext } from '../context.ts';
import { RegisterTalentInput, type TalentDoc, UpdateTalentInput } from '../model.ts';
import { visible } from '../visibility.ts';
import type { MutationResolvers } from './types.generated.ts';

/** Every discipline code must exist; reports the index of the first unknown one. */
async function checkDisciplines(ctx: ExpertsContext, codes: string[] | undefined, field: string): Promise<void> {
  if (!codes) return;
  const found = await ctx.loaders.disciplineByCode.loadMany(codes);
  const bad = found.findIndex((d) => d === null || d instanceof Error);
  if (bad >= 0) throw badUserInput([{ field: `${field}.${bad}`, message: `"${codes[bad]}" is not a GB/T 13745 discipline code; see Query.disciplines` }]);
}

/** Only the home province changes its talents (rule 5); `homeRegion` is the stored one (or the new record's). */
const requireHome = (caller: Caller, homeRegion: string) => requireOwnProvince(caller, homeRegion, "the talent's home region");

const talentWrite = (talentId: string, homeRegion: string, fields: string[]) => ({
  entityType: 'Talent',
  entityId: talentId,
  talentId,
  talentHome: homeRegion,
  fields,
});

export const Mutation: MutationResolvers = {
  registerTalent: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'talent:write');
    const input = parseArgs(RegisterTalentInput, args.input, 'input');
    requireHome(caller, input.homeRegion);
    await checkDisciplines(ctx, input.disciplineCodes, 'input.disciplineCodes');
    const now = ctx.now();
    const doc: TalentDoc = {
      _id: `T${randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}`,
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
  },

  updateTalent: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'talent:write');
    const id = parseArgs(EntityId, args.id, 'id');
    const input = parseArgs(UpdateTalentInput, args.input, 'input');
    await checkDisciplines(ctx, input.disciplineCodes, 'input.disciplineCodes');
    const current = visible(caller, await ctx.loaders.talentById.load(id));
    if (!current) throw notFound('Talent', id);
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
  },

  addTalentToPool: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'talent:write');
    const talentId = parseArgs(EntityId, args.talentId, 'talentId');
    const poolId = parseArgs(EntityId, args.poolId, 'poolId');
    const [found, pool] = await Promise.all([ctx.loaders.talentById.load(talentId), ctx.loaders.poolById.load(poolId)]);
    // The pool is the record written to: only its own province's systems add members. The talent
    // may be another province's, if the caller may see it (a hidden one does not exist for it);
    // its home province reads the event either way.
    if (!pool) throw notFound('ExpertPool', poolId);
    requireOwnProvince(caller, pool.regionCode, "the pool's region");
    const talent = visible(caller, found);
    if (!talent) throw notFound('Talent', talentId);
    await auditWrite(ctx, caller, talentWrite(talentId, talent.homeRegion, ['poolIds']));
    const now = ctx.now();
    if (!(await ctx.store.addTalentToPool(talentId, poolId, now))) throw notFound('Talent', talentId);
    const poolIds = talent.poolIds.includes(poolId) ? talent.poolIds : [...talent.poolIds, poolId];
    return { talent: { ...talent, poolIds, updatedAt: now }, pool };
  },
};
