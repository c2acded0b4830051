import type { Caller } from '../../platform/caller.ts';
import { forbidden } from '../../platform/caller.ts';
import { badUserInput, conflict } from '../../platform/errors.ts';
import { provinceOf } from '../../platform/text.ts';
import type { AgreementAction, AgreementDoc, AgreementScope, AgreementStatus, RatificationDoc } from './model.ts';

/**
 * The agreement lifecycle (issue 10, item 1): an agreement binds a province only when that
 * province agreed. Proposed by any system of a party province; in force only once every party
 * province ratified the same version of the terms with its own credentials; any party province
 * may suspend (and resume its own suspension) or terminate it; it expires after `validUntil`.
 * A change of scope is a new version that applies only once every party province ratified it
 * (the ratified scope stays in force meanwhile). These functions are pure: they decide and
 * compute the next document; the resolvers audit and store it.
 */

/** The provinces whose consent an agreement needs: a party binds its province (510100 binds 510000). */
export function partyProvinces(agreement: Pick<AgreementDoc, 'partyCodes'>): string[] {
  return [...new Set(agreement.partyCodes.map(provinceOf))];
}

/** True when a region code is a province's own (its system may act for the province). */
export function isProvince(code: string): boolean {
  return provinceOf(code) === code;
}

/** The status on `today` (YYYY-MM-DD, China Standard Time). A document without a state (written before lifecycles) is treated as proposed: it grants nothing. */
export function statusOf(agreement: AgreementDoc, today: string): AgreementStatus {
  if (agreement.state === 'TERMINATED') return 'TERMINATED';
  if (agreement.validUntil !== null && agreement.validUntil < today) return 'EXPIRED';
  if (agreement.state !== 'RATIFIED') return 'PROPOSED';
  if (agreement.suspendedBy.length > 0) return 'SUSPENDED';
  if (agreement.signedOn > today) return 'RATIFIED';
  return 'IN_FORCE';
}

/**
 * True when the agreement applies on `date`: ratified by every party, neither suspended nor
 * terminated now, and `date` between signedOn and validUntil (both included).
 */
export function inForceOn(agreement: AgreementDoc, date: string): boolean {
  return (
    agreement.state === 'RATIFIED' && (agreement.suspendedBy ?? []).length === 0 && agreement.signedOn <= date && (agreement.validUntil === null || date <= agreement.validUntil)
  );
}

/** What waits for ratification: the proposal itself, or a scope amendment of a ratified agreement; null when nothing does. */
export function awaitingTerms(agreement: AgreementDoc, today: string): { version: number; scope: AgreementScope; ratifications: RatificationDoc[] } | null {
  const status = statusOf(agreement, today);
  if (status === 'TERMINATED' || status === 'EXPIRED') return null;
  if (agreement.state === 'PROPOSED') return { version: agreement.version, scope: agreement.scope, ratifications: agreement.ratifications };
  return agreement.pendingAmendment;
}

/** The party provinces that have not yet ratified what waits for ratification. */
export function awaitingRatificationBy(agreement: AgreementDoc, today: string): string[] {
  const terms = awaitingTerms(agreement, today);
  if (!terms) return [];
  const ratified = new Set(terms.ratifications.map((r) => r.province));
  return partyProvinces(agreement).filter((p) => !ratified.has(p));
}

type Actor = Pick<Caller, 'sub' | 'region'>;

function event(action: AgreementAction, actor: Actor, at: string, version: number, reason: string | null = null) {
  return { action, at, region: actor.region, by: actor.sub, version, reason };
}

function ratification(actor: Actor, at: string, version: number): RatificationDoc {
  return { province: provinceOf(actor.region), at, by: actor.sub, version };
}

/** Refuses a caller outside every party province. */
function requireParty(agreement: AgreementDoc, caller: Actor, act: string): void {
  if (!partyProvinces(agreement).includes(provinceOf(caller.region))) {
    throw forbidden(
      `Only a system of a party province may ${act} agreement "${agreement._id}"; your token is for region ${caller.region}, which is not in ${partyProvinces(agreement).join(', ')}.`,
    );
  }
}

/** Refuses anyone but a party province's own system: acts that bind or release a province are the province's. */
function requirePartyProvince(agreement: AgreementDoc, caller: Actor, act: string): void {
  requireParty(agreement, caller, act);
  if (!isProvince(caller.region)) {
    throw forbidden(
      `Only the province itself may ${act} an agreement: use a token of ${provinceOf(caller.region)} with coordination:write; your token is for ${caller.region}, which may propose but not bind or release the province.`,
    );
  }
}

function refuseEnded(agreement: AgreementDoc, today: string, act: string): void {
  const status = statusOf(agreement, today);
  if (status === 'TERMINATED' || status === 'EXPIRED') {
    throw conflict(`Agreement "${agreement._id}" is ${status}; it cannot be ${act}. Propose a new agreement instead.`);
  }
}

/** The new document of a proposal. A province proposing for itself ratifies the proposal with the same credentials. */
export function proposal(base: Pick<AgreementDoc, '_id' | 'name' | 'partyCodes' | 'signedOn' | 'validUntil' | 'scope' | 'measures'>, caller: Actor, at: string): AgreementDoc {
  const doc: AgreementDoc = {
    ...base,
    state: 'PROPOSED',
    version: 1,
    ratifications: isProvince(caller.region) ? [ratification(caller, at, 1)] : [],
    pendingAmendment: null,
    suspendedBy: [],
    history: [event('PROPOSED', caller, at, 1)],
    revision: 0,
  };
  return settle(doc);
}

/**
 * An agreement as if every party province had proposed and ratified it on its first day, by
 * the system `by`: how seed data and fixtures state agreements already in force.
 */
export function ratifiedByAll(terms: Pick<AgreementDoc, '_id' | 'name' | 'partyCodes' | 'signedOn' | 'validUntil' | 'scope' | 'measures'>, by: string): AgreementDoc {
  const at = `${terms.signedOn}T00:00:00.000Z`;
  const provinces = partyProvinces(terms);
  return {
    ...terms,
    state: 'RATIFIED',
    version: 1,
    ratifications: provinces.map((province) => ({ province, at, by, version: 1 })),
    pendingAmendment: null,
    suspendedBy: [],
    history: [
      { action: 'PROPOSED', at, region: provinces[0]!, by, version: 1, reason: null },
      ...provinces.map((region) => ({ action: 'RATIFIED' as const, at, region, by, version: 1, reason: null })),
    ],
    revision: 0,
  };
}

/** Once every party province ratified the awaiting terms, they take effect. */
function settle(doc: AgreementDoc): AgreementDoc {
  const provinces = partyProvinces(doc);
  if (doc.state === 'PROPOSED') {
    const ratified = new Set(doc.ratifications.map((r) => r.province));
    return provinces.every((p) => ratified.has(p)) ? { ...doc, state: 'RATIFIED' } : doc;
  }
  const pending = doc.pendingAmendment;
  if (doc.state === 'RATIFIED' && pending) {
    const ratified = new Set(pending.ratifications.map((r) => r.province));
    if (provinces.every((p) => ratified.has(p))) {
      return { ...doc, scope: pending.scope, version: pending.version, ratifications: pending.ratifications, pendingAmendment: null };
    }
  }
  return doc;
}

/** Ratification by the caller's province of `version` (the proposal or a pending amendment). */
export function ratify(agreement: AgreementDoc, caller: Actor, version: number, at: string, today: string): AgreementDoc {
  requirePartyProvince(agreement, caller, 'ratify');
  refuseEnded(agreement, today, 'ratified');
  const terms = awaitingTerms(agreement, today);
  if (!terms) throw conflict(`Agreement "${agreement._id}" has nothing awaiting ratification: version ${agreement.version} is already ratified by every party.`);
  if (terms.version !== version) {
    throw conflict(
      `Version ${version} of agreement "${agreement._id}" is not what awaits ratification (version ${terms.version} does); read the agreement again and ratify the terms you reviewed.`,
    );
  }
  const province = provinceOf(caller.region);
  if (terms.ratifications.some((r) => r.province === province)) {
    throw conflict(`Province ${province} already ratified version ${version} of agreement "${agreement._id}".`);
  }
  const ratifications = [...terms.ratifications, ratification(caller, at, version)];
  const next: AgreementDoc =
    agreement.state === 'PROPOSED' ? { ...agreement, ratifications } : { ...agreement, pendingAmendment: { ...agreement.pendingAmendment!, ratifications } };
  return settle({ ...next, history: [...agreement.history, event('RATIFIED', caller, at, version)] });
}

/**
 * A change of scope by a system of a party province. Of a proposal: the proposal's terms change
 * and every ratification is asked again. Of a ratified agreement: a pending amendment (replacing
 * an earlier pending one) that applies once every party province ratified it.
 */
export function amendScope(agreement: AgreementDoc, caller: Actor, scope: AgreementScope, at: string, today: string): AgreementDoc {
  requireParty(agreement, caller, 'amend');
  refuseEnded(agreement, today, 'amended');
  // Asking every party to ratify terms that change nothing would only cost them a ratification.
  const current = agreement.pendingAmendment?.scope ?? agreement.scope;
  if (sameScope(current, scope)) {
    throw badUserInput([
      {
        field: 'input.scope',
        message: `is the scope agreement "${agreement._id}" already ${agreement.pendingAmendment ? 'awaits ratification for' : 'has'}; change something to amend it`,
      },
    ]);
  }
  const version = Math.max(agreement.version, agreement.pendingAmendment?.version ?? 0) + 1;
  const own = isProvince(caller.region) ? [ratification(caller, at, version)] : [];
  const history = [...agreement.history, event('AMENDMENT_PROPOSED', caller, at, version)];
  if (agreement.state === 'PROPOSED') {
    return settle({ ...agreement, scope, version, ratifications: own, history });
  }
  return settle({ ...agreement, pendingAmendment: { version, scope, ratifications: own }, history });
}

/** Scopes with the same sectors, disciplines and contact sharing, in any order. */
function sameScope(a: AgreementScope, b: AgreementScope): boolean {
  const key = (scope: AgreementScope) => JSON.stringify([[...scope.sectors].sort(), [...scope.disciplineCodes].sort(), scope.contactSharing]);
  return key(a) === key(b);
}

/** Suspension by a party province: the agreement stops applying until that province resumes it. */
export function suspend(agreement: AgreementDoc, caller: Actor, reason: string, at: string, today: string): AgreementDoc {
  requirePartyProvince(agreement, caller, 'suspend');
  refuseEnded(agreement, today, 'suspended');
  if (agreement.state === 'PROPOSED') throw conflict(`Agreement "${agreement._id}" is not ratified yet, so there is nothing to suspend; terminate it to decline the proposal.`);
  const province = provinceOf(caller.region);
  if (agreement.suspendedBy.includes(province)) throw conflict(`Province ${province} has already suspended agreement "${agreement._id}".`);
  return {
    ...agreement,
    suspendedBy: [...agreement.suspendedBy, province],
    history: [...agreement.history, event('SUSPENDED', caller, at, agreement.version, reason)],
  };
}

/** A province lifts its own suspension (only its own: another party's suspension stands). */
export function resume(agreement: AgreementDoc, caller: Actor, at: string, today: string): AgreementDoc {
  requirePartyProvince(agreement, caller, 'resume');
  refuseEnded(agreement, today, 'resumed');
  const province = provinceOf(caller.region);
  if (!agreement.suspendedBy.includes(province)) {
    throw conflict(`Province ${province} has not suspended agreement "${agreement._id}"; only the province that suspended it can resume it.`);
  }
  return {
    ...agreement,
    suspendedBy: agreement.suspendedBy.filter((p) => p !== province),
    history: [...agreement.history, event('RESUMED', caller, at, agreement.version)],
  };
}

/** Termination by a party province, for good (of a proposal: declining it). */
export function terminate(agreement: AgreementDoc, caller: Actor, reason: string, at: string, today: string): AgreementDoc {
  requirePartyProvince(agreement, caller, 'terminate');
  refuseEnded(agreement, today, 'terminated');
  return {
    ...agreement,
    state: 'TERMINATED',
    pendingAmendment: null,
    history: [...agreement.history, event('TERMINATED', caller, at, agreement.version, reason)],
  };
}
