import type { Filter } from 'mongodb';
import type { Caller, Grant, OWNER_LOOKUP_SCOPE, Scope } from '../../platform/caller.ts';
import { provinceOf } from '../../platform/text.ts';
import type { TalentDoc } from './model.ts';

/**
 * The sharing rules, enforced here by the data owner (the experts subgraph), on every path:
 *
 * 1. The home region sees its own talents entirely (contact details with `talent:contact`).
 * 2. Another region sees the professional profile when the talent is NATIONAL, or AGREEMENT and
 *    an agreement in force binds both provinces and covers one of the talent's sectors or
 *    disciplines (the gateway attests those agreements as `grants` in the caller token).
 * 3. Personal fields (contact details, birth year, 户籍 household registration, external
 *    identifiers) go to another region only through an agreement that allows
 *    contact sharing, when the talent consented to it for the declared purpose and the caller
 *    holds `talent:contact`.
 * 4. A talent the caller may not see does not exist for it (null, left out of lists and counts).
 * Every read needs `talent:read`.
 */

export type Access = 'home' | 'profile' | 'none';

function covers(grant: Grant, talent: Pick<TalentDoc, 'homeRegion' | 'sectors' | 'disciplineCodes'>): boolean {
  return (
    grant.region === talent.homeRegion && (grant.sectors.some((s) => (talent.sectors as string[]).includes(s)) || grant.disciplines.some((d) => talent.disciplineCodes.includes(d)))
  );
}

/**
 * How much of `talent` the caller may see. `via` is the scope that lets the caller ask at all:
 * `talent:read` for reads; `talent:locate` (OWNER_LOOKUP_SCOPE) for the owner lookup of
 * projects and coordination, which applies the same rules without letting them read profiles.
 */
export function accessTo(caller: Caller | null, talent: TalentDoc, via: 'talent:read' | typeof OWNER_LOOKUP_SCOPE = 'talent:read'): Access {
  if (!caller?.scopes.has(via)) return 'none';
  if (talent.homeRegion === provinceOf(caller.region)) return 'home';
  if (talent.sharing === 'NATIONAL') return 'profile';
  if (talent.sharing === 'AGREEMENT' && caller.grants.some((g) => covers(g, talent))) return 'profile';
  return 'none';
}

/** The talent if the caller may see it at all, else null (rule 4). */
export function visible(caller: Caller | null, talent: TalentDoc | null): TalentDoc | null {
  return talent && accessTo(caller, talent) !== 'none' ? talent : null;
}

/**
 * Why personal fields (contact, birth year, household registration, external identifiers) may
 * not be given to this caller, or null when they may.
 */
export function personalDataRefusal(caller: Caller | null, talent: TalentDoc): string | null {
  const access = accessTo(caller, talent);
  if (access === 'none' || !caller) return 'This talent is not visible to your region.';
  if (!caller.scopes.has('talent:contact')) return 'Personal details need the "talent:contact" scope.';
  if (access === 'home') return null;
  if (!caller.grants.some((g) => g.contact && covers(g, talent))) {
    return "No agreement in force between your region and the talent's home region allows sharing contact details for this talent's field.";
  }
  if (!talent.consent.contactSharing) return 'The talent has not consented to sharing contact details with other regions.';
  if (!caller.purpose) return 'Declare the purpose of this request in the X-Hub-Purpose header (see README, "Purposes").';
  if (!talent.consent.purposes.includes(caller.purpose)) return `The talent has not consented to sharing contact details for ${caller.purpose}.`;
  return null;
}

/**
 * The same rule as a store filter, so lists, counts and aggregates leave out what the caller may
 * not see without loading it first. Each branch starts with an indexed equality, so the embedded
 * store answers it from its indexes. `via` is the scope that lets the caller read at all:
 * `talent:read` for profiles, `stats:read` for aggregates (a dashboard may count the talents its
 * province may see without being allowed to read their profiles).
 *
 * `homeRegion`: the home region the query itself asks for by equality (`talents(filter: {homeRegion})`),
 * when it will be ANDed with this filter. Then a branch naming another home region cannot match and
 * is left out, and the caller's own province needs no rule at all (`{}`): the same talents, a
 * smaller filter for the store to plan, evaluate and key its counts by.
 */
export function visibilityFilter(caller: Caller | null, via: Extract<Scope, 'talent:read' | 'stats:read'> = 'talent:read', homeRegion?: string | null): Filter<TalentDoc> {
  if (!caller?.scopes.has(via)) return { _id: { $in: [] } };
  const own = provinceOf(caller.region);
  if (homeRegion === own) return {};
  const branches: Filter<TalentDoc>[] = homeRegion ? [{ sharing: 'NATIONAL' }] : [{ homeRegion: own }, { sharing: 'NATIONAL' }];
  for (const grant of caller.grants) {
    if (homeRegion && grant.region !== homeRegion) continue;
    branches.push({
      homeRegion: grant.region,
      sharing: 'AGREEMENT',
      $or: [{ sectors: { $in: grant.sectors as TalentDoc['sectors'] } }, { disciplineCodes: { $in: grant.disciplines } }],
    });
  }
  return branches.length === 1 ? branches[0]! : { $or: branches };
}
