import { z } from 'zod';
import { forbidden, OWNER_LOOKUP_SCOPE } from '../../../../platform/caller.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { EntityId } from '../../../../platform/model.ts';
import { accessTo } from '../../visibility.ts';
import type { QueryResolvers } from '../types.generated.ts';

const Ids = z.array(EntityId).min(1, 'must name at least one talent').max(100, 'must name at most 100 talents');

/**
 * `Query.talentOwners`, for projects and coordination only (inaccessible in the client API): the
 * home province of each talent the caller may see, under the same rules as every read, so a
 * write elsewhere can be checked against the real owner without the writer learning anything
 * about a talent hidden from its caller.
 */
export const talentOwners: NonNullable<QueryResolvers['talentOwners']> = async (_parent, args, ctx) => {
  if (!ctx.caller?.scopes.has(OWNER_LOOKUP_SCOPE)) {
    throw forbidden(`talentOwners needs the "${OWNER_LOOKUP_SCOPE}" scope of a gateway owner-lookup token.`);
  }
  const ids = parseArgs(Ids, args.ids, 'ids');
  const talents = await ctx.loaders.talentById.loadMany(ids);
  return talents.map((t) => {
    // A store failure is an error, never an answer: "hidden" would misreport it.
    if (t instanceof Error) throw t;
    if (t === null || accessTo(ctx.caller, t, OWNER_LOOKUP_SCOPE) === 'none') return null;
    return { id: t._id, homeRegion: t.homeRegion };
  });
};
