import { forbidden, LINKAGE_TOKENS_SCOPE } from '../../platform/caller.ts';
import { badUserInput } from '../../platform/errors.ts';
import type { LinkageSource, LinkageTokens } from '../../platform/linkage/contract.ts';
import { tokenize } from '../../platform/linkage/tokens.ts';
import type { ExpertsContext } from './context.ts';
import type { TalentDoc } from './model.ts';

/**
 * The owning node's part of linkage (issue 17): it turns its own records into keyed tokens with the
 * linkage key (HUB_LINKAGE_KEY), which only experts nodes hold, and hands the tokens, never the
 * identity numbers, names or birth years they are made of, to the matcher (coordination) alone:
 * the request must carry the `linkage:tokens` scope, which the gateway puts only into the
 * owner-lookup token it gives coordination for a caller holding `linkage:write`, never into a
 * client's token. The field is @inaccessible: no client query can name it through the gateway.
 */

/** What a record is to the linkage library: the fields tokens are made of, nothing else. */
export function linkageSource(
  t: Pick<TalentDoc, '_id' | 'homeRegion' | 'sharing' | 'residentId' | 'name' | 'birthYear' | 'gender' | 'organization' | 'disciplineCodes'>,
): LinkageSource {
  return {
    id: t._id,
    province: t.homeRegion,
    residentId: t.residentId ?? null,
    name: t.name,
    birthYear: t.birthYear,
    gender: t.gender,
    organisation: t.organization,
    disciplines: t.disciplineCodes,
    sharing: t.sharing,
  };
}

/**
 * The tokens of this node's records of `province` with one of the `sharing` levels. FORBIDDEN
 * without the `linkage:tokens` scope; BAD_USER_INPUT for a province this node does not hold (it
 * answers for its own records only).
 */
export async function linkageTokensOf(ctx: ExpertsContext, province: string, sharing: readonly TalentDoc['sharing'][]): Promise<LinkageTokens[]> {
  if (!ctx.caller?.scopes.has(LINKAGE_TOKENS_SCOPE)) {
    throw forbidden(`linkageTokens needs the "${LINKAGE_TOKENS_SCOPE}" scope, which only the gateway gives the matcher.`);
  }
  if (!/^\d{2}0000$/.test(province) || !ctx.node.serves(province)) {
    throw badUserInput([{ field: 'province', message: `this node (${ctx.node.name}) does not hold the records of province ${province}` }]);
  }
  const talents = await ctx.store.talentsForLinkage(province, sharing);
  let cache = tokenCaches.get(ctx.linkage.key);
  if (!cache) {
    cache = new Map();
    tokenCaches.set(ctx.linkage.key, cache);
  }
  return talents.map((t) => {
    const source = linkageSource(t);
    const signature = JSON.stringify(source);
    const known = cache.get(source.id);
    if (known?.signature === signature) return known.tokens;
    const tokens = tokenize(source, ctx.linkage.key);
    if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
    cache.set(source.id, { signature, tokens });
    return tokens;
  });
}

/**
 * Tokens already made, per key, by record id with the fields they were made of: normalising names
 * (pinyin, variant characters) costs about a millisecond a record, and a province's records are
 * tokenised again at every matching run, while few of them changed. A changed record has another
 * signature and is tokenised anew. Bounded (cleared when full).
 */
const tokenCaches = new WeakMap<Uint8Array, Map<string, { signature: string; tokens: LinkageTokens }>>();
const MAX_CACHED_TOKENS = 200_000;
