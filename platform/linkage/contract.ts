/**
 * The contract between the linkage library (tokens, model, matching) and the services that use it
 * (issue 17). The owning experts node turns each of its records into keyed tokens; only tokens cross
 * a province boundary. The matcher (coordination) sees tokens, never names or identity numbers.
 */

/** What the owning node knows of a record. Never leaves the node: it is turned into tokens there. */
export interface LinkageSource {
  /** Talent id, e.g. T-510000-000085. */
  id: string;
  /** Province code of the record's home (owning) province, e.g. 510000. */
  province: string;
  /** Resident identity number (GB 11643, 18 characters), when the record has one. */
  residentId?: string | null;
  name: string;
  birthYear?: number | null;
  gender?: 'MALE' | 'FEMALE' | null;
  organisation?: string | null;
  disciplines: readonly string[];
  /** The record's sharing level: candidates outside an agreement in force are offered only for NATIONAL records. */
  sharing: 'PRIVATE' | 'AGREEMENT' | 'NATIONAL';
}

/**
 * A record as keyed tokens: HMAC-SHA256 under the linkage key of a tagged, normalised value
 * (truncated, base64url). The only form in which a record is compared with another province's.
 */
export interface LinkageTokens {
  id: string;
  province: string;
  sharing: LinkageSource['sharing'];
  /** Token of the whole identity number, when present and valid. */
  residentId?: string;
  /** Tokens of parts of the identity number that survive a mistyped digit (e.g. region+birth date), when present. */
  residentIdParts?: string[];
  /** One token per normalised form of the name (simplified characters, variant forms, pinyin, spacing removed). */
  name: string[];
  /** The tokens of `name` that are pinyin forms: agreeing only on these is a partial name agreement (张伟 vs Zhang Wei, or 张伟 vs 章伟). */
  namePinyin?: string[];
  birthYear?: string;
  /** Tokens of birthYear-1 and birthYear+1, so "off by one" agrees partially without revealing the year. */
  birthYearNear?: string[];
  gender?: string;
  /** Tokens of the normalised organisation name and its distinctive words: the first is the name without its legal form, the rest its character pairs. */
  organisation?: string[];
  disciplines: string[];
}

export type LinkMethod = 'IDENTITY_NUMBER' | 'PROBABILISTIC';
export type LinkBand = 'LINK' | 'REVIEW' | 'NO_LINK';
export type FieldOutcome = 'AGREE' | 'PARTIAL' | 'DISAGREE' | 'MISSING';

/** One field's part of a candidate's score: what agreed, and the log2 weight it contributed. */
export interface LinkEvidence {
  field: 'residentId' | 'name' | 'birthYear' | 'gender' | 'organisation' | 'disciplines';
  outcome: FieldOutcome;
  weight: number;
}

/** A scored pair of records of two provinces (left and right as given to the matcher). */
export interface LinkCandidate {
  left: string;
  right: string;
  leftProvince: string;
  rightProvince: string;
  method: LinkMethod;
  /** Sum of the evidence weights (log2 likelihood ratio); +Infinity is not used: an identity-number match scores the model's maximum. */
  score: number;
  band: LinkBand;
  evidence: LinkEvidence[];
}

/** Scores at or above `link` are LINK, at or above `review` REVIEW, below NO_LINK (settings). */
export interface LinkageThresholds {
  link: number;
  review: number;
}
