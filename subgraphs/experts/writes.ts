import { requireOwnProvince, type Caller } from '../../platform/caller.ts';
import { badUserInput } from '../../platform/errors.ts';
import { provinceOf } from '../../platform/text.ts';
import type { ExpertsContext } from './context.ts';

/**
 * Every discipline code must exist, and each be named once (statistics count a talent once per
 * discipline); reports the index of the first unknown or repeated one.
 */
export async function checkDisciplines(ctx: ExpertsContext, codes: string[] | undefined, field: string): Promise<void> {
  if (!codes) return;
  const repeated = codes.findIndex((code, i) => codes.indexOf(code) !== i);
  if (repeated >= 0) throw badUserInput([{ field: `${field}.${repeated}`, message: `repeats "${codes[repeated]}"; name each discipline once` }]);
  const found = await ctx.loaders.disciplineByCode.loadMany(codes);
  const bad = found.findIndex((d) => d === null || d instanceof Error);
  if (bad >= 0) throw badUserInput([{ field: `${field}.${bad}`, message: `"${codes[bad]}" is not a GB/T 13745 discipline code; see Query.disciplines` }]);
}

/** Only the home province changes its talents (rule 5); `homeRegion` is the stored one (or the new record's). */
export const requireHome = (caller: Caller, homeRegion: string) => requireOwnProvince(caller, homeRegion, "the talent's home region");

/** The audit entry of a write to a talent: the talent is its own subject, stewarded by its home region. */
export const talentWrite = (talentId: string, homeRegion: string, fields: string[]) => ({
  entityType: 'Talent',
  entityId: talentId,
  talentId,
  talentHome: homeRegion,
  fields,
});

/**
 * A node registers only talents of the provinces it serves (README, "Topology"): one homed
 * elsewhere belongs in its home province's database, which the hub routes the write to.
 */
export function requireServedHome(ctx: ExpertsContext, homeRegion: string): void {
  if (ctx.node.serves(homeRegion)) return;
  throw badUserInput([
    {
      field: 'input.homeRegion',
      message: `a talent of province ${provinceOf(homeRegion)} is registered by its home province's node, through the hub; this node (${ctx.node.name}) does not hold that province's talents`,
    },
  ]);
}
