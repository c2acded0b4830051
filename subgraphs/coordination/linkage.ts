import { auditWrite } from '../../platform/audit/chain.ts';
import { type Caller, forbidden, requireScope } from '../../platform/caller.ts';
import { chinaDate } from '../../platform/calendar.ts';
import { badUserInput, conflict, notFound } from '../../platform/errors.ts';
import type { LinkageSource } from '../../platform/linkage/contract.ts';
import { DEFAULT_THRESHOLDS, matchTokens } from '../../platform/linkage/match.ts';
import { provinceOf } from '../../platform/text.ts';
import type { CoordinationContext } from './context.ts';
import { candidateId, type LinkCandidateDoc, type LinkDecisionDoc } from './linkage-model.ts';
import type { RegionDoc } from './model.ts';

/**
 * Record linkage, coordination's part (issue 17). Coordination holds the agreements, so it decides
 * which records of two provinces may be compared, fetches their keyed tokens from the nodes that
 * own them (never the records), matches them with the linkage library and keeps the candidates.
 * A candidate becomes a confirmed link only when both home provinces accept it, like the
 * ratification of an agreement; either may reject it, or later undo the link. Every step is an
 * audit event on this subgraph's chain that both provinces read (`parties`).
 */

/** The scope of every linkage act of a client: running the matcher, deciding, listing candidates. */
export const LINKAGE_SCOPE = 'linkage:write';

const EVERY_LEVEL: LinkageSource['sharing'][] = ['PRIVATE', 'AGREEMENT', 'NATIONAL'];

/**
 * Which records of the two provinces may be compared: every record when an agreement in force
 * binds both provinces; otherwise NATIONAL records only, on both sides (a province that shares a
 * record with nobody else does not have it linked with a province it has no agreement with).
 */
export async function comparableLevels(ctx: CoordinationContext, own: string, counterpart: string): Promise<{ levels: LinkageSource['sharing'][]; agreementIds: string[] }> {
  const agreements = await ctx.store.agreementsBetweenProvinces(own, counterpart, chinaDate(ctx.now()));
  return agreements.length > 0 ? { levels: EVERY_LEVEL, agreementIds: agreements.map((a) => a._id) } : { levels: ['NATIONAL'], agreementIds: [] };
}

/** What a matching run did. */
export interface LinkageRun {
  counterpart: string;
  /** The agreements in force that let every record be compared; none: NATIONAL records only. */
  agreementIds: string[];
  compared: { own: number; counterpart: number };
  /** Candidates in the LINK and REVIEW bands found this run (NO_LINK ones are not kept). */
  found: number;
  added: number;
  updated: number;
  /** The candidates of this run, best first. */
  candidates: LinkCandidateDoc[];
}

/**
 * `findLinkCandidates`: matches the caller's province against `counterpart` and stores the LINK
 * and REVIEW candidates, idempotently (the same pair is the same candidate; a decided one is left
 * as it is). Fetches both provinces' tokens from their nodes with the owner-lookup token of this
 * request (it carries linkage:tokens only for a caller holding linkage:write).
 */
export async function findLinkCandidates(ctx: CoordinationContext, counterpart: string): Promise<LinkageRun> {
  const caller = requireScope(ctx.caller, LINKAGE_SCOPE);
  const own = provinceOf(caller.region);
  if (counterpart === own) throw badUserInput([{ field: 'input.counterpart', message: `is your own province (${own}); linkage pairs records of two provinces` }]);
  if (!(await ctx.loaders.regionByCode.load(counterpart))) throw badUserInput([{ field: 'input.counterpart', message: `${counterpart} is not a GB/T 2260 province code` }]);
  const { levels, agreementIds } = await comparableLevels(ctx, own, counterpart);
  const [left, right] = await Promise.all([ctx.linkageTokens.tokensOf(ctx, own, levels), ctx.linkageTokens.tokensOf(ctx, counterpart, levels)]);
  const thresholds = { ...DEFAULT_THRESHOLDS, ...ctx.linkage.thresholds };
  const { candidates } = matchTokens(left, right, { thresholds });
  const at = ctx.now().toISOString();
  const docs: LinkCandidateDoc[] = candidates
    .filter((c) => c.band !== 'NO_LINK')
    .map((c) => {
      const flip = c.left > c.right;
      return {
        _id: candidateId(c.left, c.right),
        recordIds: flip ? [c.right, c.left] : [c.left, c.right],
        provinces: flip ? [c.rightProvince, c.leftProvince] : [c.leftProvince, c.rightProvince],
        method: c.method,
        score: Math.round(c.score * 100) / 100,
        band: c.band as 'LINK' | 'REVIEW',
        evidence: c.evidence.map((e) => ({ field: e.field, outcome: e.outcome, weight: Math.round(e.weight * 100) / 100 })),
        state: 'PROPOSED',
        decisions: [],
        foundBy: { province: own, by: caller.sub, at },
        confirmedAt: null,
        revision: 0,
      };
    });
  // Evidence first: the run is recorded before anything it found is stored.
  await auditWrite(ctx, caller, { entityType: 'LinkageRun', entityId: `${own}-${counterpart}`, talentId: null, parties: [own, counterpart], fields: ['candidates'] });
  const { added, updated } = await ctx.store.links.recordFound(docs);
  return { counterpart, agreementIds, compared: { own: left.length, counterpart: right.length }, found: docs.length, added, updated, candidates: docs };
}

type Act = 'accept' | 'reject' | 'undo';

/** Refuses a caller whose province is not one of the candidate's two. */
function requireParty(doc: LinkCandidateDoc, caller: Caller, act: Act): string {
  const province = provinceOf(caller.region);
  if (!doc.provinces.includes(province)) {
    throw forbidden(`Only the provinces of the two records (${doc.provinces.join(', ')}) may ${act} link candidate "${doc._id}"; your token is for region ${caller.region}.`);
  }
  return province;
}

/**
 * The next state of a candidate after `act` by `caller` (pure; throws and changes nothing when the
 * act is not allowed): accept or reject a PROPOSED candidate once per province (both acceptances
 * confirm it, one rejection ends it); undo a CONFIRMED link.
 */
export function decide(doc: LinkCandidateDoc, caller: Caller, act: Act, at: string): LinkCandidateDoc {
  const province = requireParty(doc, caller, act);
  const decision = (kind: LinkDecisionDoc['decision']): LinkDecisionDoc => ({ province, decision: kind, by: caller.sub, region: caller.region, at });
  if (act === 'undo') {
    if (doc.state !== 'CONFIRMED') throw badUserInput([{ field: 'input.id', message: `link candidate "${doc._id}" is ${doc.state}: only a confirmed link can be undone` }]);
    return { ...doc, state: 'UNDONE', decisions: [...doc.decisions, decision('UNDONE')] };
  }
  if (doc.state !== 'PROPOSED') throw badUserInput([{ field: 'input.id', message: `link candidate "${doc._id}" is ${doc.state}: it cannot be decided any more` }]);
  if (doc.decisions.some((d) => d.province === province)) {
    throw badUserInput([{ field: 'input.id', message: `your province (${province}) has already decided on link candidate "${doc._id}"` }]);
  }
  if (act === 'reject') return { ...doc, state: 'REJECTED', decisions: [...doc.decisions, decision('REJECTED')] };
  const decisions = [...doc.decisions, decision('ACCEPTED')];
  const both = doc.provinces.every((p) => decisions.some((d) => d.province === p && d.decision === 'ACCEPTED'));
  return { ...doc, decisions, ...(both ? { state: 'CONFIRMED' as const, confirmedAt: at } : {}) };
}

/**
 * One step on a stored candidate: read it afresh under its lock, decide, record the audit event
 * that both provinces read, then write only over the revision decided on (CONFLICT otherwise).
 */
export async function changeCandidate(ctx: CoordinationContext, id: string, act: Act): Promise<LinkCandidateDoc> {
  const caller = requireScope(ctx.caller, LINKAGE_SCOPE);
  return ctx.store.links.withLock(id, async () => {
    const doc = await ctx.store.links.candidateForChange(id);
    if (!doc) throw notFound('LinkCandidate', id);
    const next = decide(doc, caller, act, ctx.now().toISOString());
    // The secondary record's node learns of the change first (a failure there changes nothing);
    // if the change is then not committed, its mark is put back as it was.
    const marking = next.state === 'CONFIRMED' && doc.state !== 'CONFIRMED' ? true : next.state === 'UNDONE' ? false : null;
    if (marking !== null) await markSecondary(ctx, doc, marking);
    try {
      await auditWrite(ctx, caller, {
        entityType: 'LinkCandidate',
        entityId: id,
        talentId: null,
        parties: doc.provinces,
        fields: next.state === doc.state ? ['decisions'] : ['decisions', 'state'],
      });
      if (!(await ctx.store.links.replaceCandidateIf(doc.revision, next))) throw conflict(`Link candidate "${id}" was changed by someone else meanwhile; read it again and retry.`);
    } catch (error) {
      if (marking !== null) await markSecondary(ctx, doc, !marking).catch(() => undefined);
      throw error;
    }
    return { ...next, revision: doc.revision + 1 };
  });
}

/**
 * Sets or clears the mark of link `doc` on its secondary record, the one with the higher talent id
 * (`recordIds[1]`), on the node holding it, so `talentStats(unit: PERSONS)` counts the person once,
 * in the groups of the primary record. The rule needs nothing but ids, which coordination holds.
 */
function markSecondary(ctx: CoordinationContext, doc: LinkCandidateDoc, secondary: boolean): Promise<void> {
  return ctx.linkageTokens.markRecord(ctx, doc.provinces[1], doc.recordIds[1], doc._id, secondary);
}

/** Candidates of the caller's province; `awaiting`: only those still PROPOSED that its province has not decided on. */
export async function candidatesOf(ctx: CoordinationContext, awaiting: boolean): Promise<LinkCandidateDoc[]> {
  const province = provinceOf(requireScope(ctx.caller, LINKAGE_SCOPE).region);
  if (!awaiting) return ctx.store.links.candidatesOfProvince(province);
  const proposed = await ctx.store.links.candidatesOfProvince(province, 'PROPOSED');
  return proposed.filter((c) => !c.decisions.some((d) => d.province === province));
}

/**
 * The confirmed links of a talent (one the caller may see: experts gave its home region), each as
 * the other record with the link's provenance; listed only to a province of the link, so a third
 * province does not learn where else the person is recorded.
 */
export async function linkedRecords(ctx: CoordinationContext, talentId: string): Promise<{ id: string; recordId: string; province: string; candidate: LinkCandidateDoc }[]> {
  if (!ctx.caller) return [];
  const province = provinceOf(ctx.caller.region);
  const links = await ctx.loaders.confirmedLinksByTalentId.load(talentId);
  return links
    .filter((c) => c.provinces.includes(province))
    .map((c) => {
      const other = c.recordIds[0] === talentId ? 1 : 0;
      const recordId = c.recordIds[other];
      return { id: `${c._id}:${recordId}`, recordId, province: c.provinces[other], candidate: c };
    });
}

/** A province a candidate names; provinces come from the token answers of the nodes, so a missing one is broken data (an internal error). */
export async function provinceRegion(ctx: CoordinationContext, code: string): Promise<RegionDoc> {
  const region = await ctx.loaders.regionByCode.load(code);
  if (!region) throw new Error(`a link candidate names region ${code}, which is not stored`);
  return region;
}
