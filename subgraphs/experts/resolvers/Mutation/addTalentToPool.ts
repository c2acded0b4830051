import { auditWrite } from '../../../../platform/audit/chain.ts';
import { requireOwnProvince, requireScope } from '../../../../platform/caller.ts';
import { badUserInput, notFound, parseArgs } from '../../../../platform/errors.ts';
import { provinceOfRecordId } from '../../../../platform/nodes.ts';
import { EntityId } from '../../../../platform/model.ts';
import { visible } from '../../visibility.ts';
import { talentWrite } from '../../writes.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const addTalentToPool: NonNullable<MutationResolvers['addTalentToPool']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'talent:write');
  const talentId = parseArgs(EntityId, args.talentId, 'talentId');
  const poolId = parseArgs(EntityId, args.poolId, 'poolId');
  const [found, pool] = await Promise.all([ctx.loaders.talentById.load(talentId), ctx.loaders.poolById.load(poolId)]);
  // The pool is the record written to: only its own province's systems add members. The talent
  // may be another province's, if the caller may see it (a hidden one does not exist for it);
  // its home province reads the event either way.
  // A node writes only its own provinces' records: another province's pool or talent is not here.
  if (!pool || !ctx.node.serves(pool.regionCode)) throw notFound('ExpertPool', poolId);
  requireOwnProvince(caller, pool.regionCode, "the pool's region");
  // Membership is kept on the talent's record, so a pool's node can add only talents it holds.
  const home = provinceOfRecordId(talentId);
  if (home && !ctx.node.serves(home)) {
    throw badUserInput([
      { field: 'talentId', message: `names a talent of province ${home}, held by another provincial node; a pool's members are talents of the provinces its node holds` },
    ]);
  }
  const talent = visible(caller, found);
  if (!talent || !ctx.node.serves(talent.homeRegion)) throw notFound('Talent', talentId);
  await auditWrite(ctx, caller, talentWrite(talentId, talent.homeRegion, ['poolIds']));
  const now = ctx.now();
  if (!(await ctx.store.addTalentToPool(talentId, poolId, now))) throw notFound('Talent', talentId);
  const poolIds = talent.poolIds.includes(poolId) ? talent.poolIds : [...talent.poolIds, poolId];
  return { talent: { ...talent, poolIds, updatedAt: now }, pool };
};
