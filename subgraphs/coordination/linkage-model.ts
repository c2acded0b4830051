import { z } from 'zod';
import { EntityId, RegionCode } from '../../platform/model.ts';

/**
 * Stored documents of record linkage (issue 17). A candidate is a pair of records of one person
 * in two provinces, found by the matcher from keyed tokens: it holds ids, provinces, the method,
 * the score and the evidence (which tokens agreed), never a name, a birth year or an identity
 * number. It becomes a confirmed link only when both home provinces accept it.
 */

export const LinkState = z.enum(['PROPOSED', 'CONFIRMED', 'REJECTED', 'UNDONE']);
export type LinkState = z.infer<typeof LinkState>;

export const LinkDecisionKind = z.enum(['ACCEPTED', 'REJECTED', 'UNDONE']);

/** One province's step on a candidate: who decided, for which province, when. */
export const LinkDecisionDoc = z.object({
  province: RegionCode,
  decision: LinkDecisionKind,
  /** The calling system (token `sub`) and its region. */
  by: z.string(),
  region: RegionCode,
  at: z.string(),
});
export type LinkDecisionDoc = z.infer<typeof LinkDecisionDoc>;

export const LinkEvidenceDoc = z.object({
  field: z.enum(['residentId', 'name', 'birthYear', 'gender', 'organisation', 'disciplines']),
  outcome: z.enum(['AGREE', 'PARTIAL', 'DISAGREE', 'MISSING']),
  weight: z.number(),
});

export const LinkCandidateDoc = z.object({
  /** `LC-<lower id>-<higher id>`: the same pair found again is the same candidate. */
  _id: z.string(),
  /** The two records, lower id first. */
  recordIds: z.tuple([EntityId, EntityId]),
  /** Their home provinces, in the order of `recordIds`. */
  provinces: z.tuple([RegionCode, RegionCode]),
  method: z.enum(['IDENTITY_NUMBER', 'PROBABILISTIC']),
  score: z.number(),
  band: z.enum(['LINK', 'REVIEW']),
  evidence: z.array(LinkEvidenceDoc),
  state: LinkState,
  decisions: z.array(LinkDecisionDoc),
  /** Who ran the matching that found (or last rescored) it. */
  foundBy: z.object({ province: RegionCode, by: z.string(), at: z.string() }),
  /** When both provinces had accepted; null until then. */
  confirmedAt: z.string().nullable(),
  /** Bumped by every change: a change is written only over the revision it was decided on. */
  revision: z.number().int(),
});
export type LinkCandidateDoc = z.infer<typeof LinkCandidateDoc>;

/** A province code other than the caller's: `findLinkCandidates(input: { counterpart })`. */
export const FindLinkCandidatesInput = z.object({
  counterpart: RegionCode.refine((code) => code.endsWith('0000'), 'must be a province-level code ending in 0000, e.g. 510000'),
});

export const LinkCandidateId = z.object({ id: z.string().regex(/^LC-[A-Za-z0-9-]+$/, 'must be a link candidate id (LC-...)') });

/** The id of the candidate of two records: the same whichever side found it. */
export function candidateId(a: string, b: string): string {
  const [low, high] = a < b ? [a, b] : [b, a];
  return `LC-${low}-${high}`;
}

/** The RecordLink id of `recordId` seen from the other record of candidate `candidate`. */
export const recordLinkId = (candidate: string, recordId: string) => `${candidate}:${recordId}`;
