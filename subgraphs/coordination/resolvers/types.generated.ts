import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RegionMapper, CooperationAgreementMapper, EngagementMapper, EngagementConnectionMapper, TalentMapper, AuditVerificationMapper, AuditEventMapper, AuditEventConnectionMapper, TalentFlowMapper, PoolCoverageMapper } from '../schema.mappers.ts';
import type { CoordinationContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 8601 date-time, e.g. 2026-11-26T08:00:00.000Z. */
  DateTime: { input: Date; output: Date; }
  /** A calendar date, YYYY-MM-DD. */
  LocalDate: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type AgreementAction =
  | 'AMENDMENT_PROPOSED'
  | 'PROPOSED'
  | 'RATIFIED'
  | 'RESUMED'
  | 'SUSPENDED'
  | 'TERMINATED';

/** A scope change of a ratified agreement, waiting for every party province's ratification. */
export type AgreementAmendment = {
  __typename?: 'AgreementAmendment';
  ratifications: Array<AgreementRatification>;
  scope: AgreementScope;
  version: Scalars['Int']['output'];
};

/** One step of an agreement's lifecycle. */
export type AgreementEvent = {
  __typename?: 'AgreementEvent';
  action: AgreementAction;
  at: Scalars['DateTime']['output'];
  /** The acting system (its token's sub). */
  by: Scalars['String']['output'];
  /** Why it was suspended or terminated; null otherwise. */
  reason: Maybe<Scalars['String']['output']>;
  /** The acting region (the province itself for everything but proposals and amendments). */
  region: Region;
  /** The version of the terms concerned. */
  version: Scalars['Int']['output'];
};

/** One party province's consent to one version of an agreement's terms. */
export type AgreementRatification = {
  __typename?: 'AgreementRatification';
  at: Scalars['DateTime']['output'];
  /** The ratifying system (its token's sub). */
  by: Scalars['String']['output'];
  province: Region;
  version: Scalars['Int']['output'];
};

/** What an agreement covers. */
export type AgreementScope = {
  __typename?: 'AgreementScope';
  /** Whether contact details of consenting talents may be provided between the parties. */
  contactSharing: Scalars['Boolean']['output'];
  /** GB/T 13745 discipline codes. */
  disciplineCodes: Array<Scalars['ID']['output']>;
  sectors: Array<Sector>;
};

export type AgreementScopeInput = {
  contactSharing?: Scalars['Boolean']['input'];
  /** GB/T 13745 discipline codes. */
  disciplineCodes?: Array<Scalars['ID']['input']>;
  sectors?: Array<Sector>;
};

/** Where an agreement stands on a day (China Standard Time). */
export type AgreementStatus =
  /** Past validUntil. */
  | 'EXPIRED'
  /** Ratified by every party province, suspended by none, within its dates: it grants access. */
  | 'IN_FORCE'
  /** Waiting for the ratification of every party province; grants nothing. */
  | 'PROPOSED'
  /** Ratified by every party province; its first day (signedOn) is still ahead. */
  | 'RATIFIED'
  /** Ratified, but suspended by at least one party province; grants nothing. */
  | 'SUSPENDED'
  /** Ended by a party province, for good. */
  | 'TERMINATED';

export type AmendAgreementScopeInput = {
  id: Scalars['ID']['input'];
  /** The whole new scope (at least one sector or discipline). */
  scope: AgreementScopeInput;
};

export type AmendAgreementScopePayload = {
  __typename?: 'AmendAgreementScopePayload';
  agreement: CooperationAgreement;
};

export type AuditAction =
  /** Personal fields (contact, birth year) of another region's talent were provided. */
  | 'READ_PERSONAL'
  | 'WRITE';

/**
 * The result of verifying one audit chain: every event's hash, MAC (HMAC-SHA256 under the audit key)
 * and link, and the chain against every signed checkpoint in the subgraph's log and those given.
 */
export type AuditChainReport = {
  __typename?: 'AuditChainReport';
  /** The subgraph's checkpoints with seq above afterSeq, oldest first (at most first, up to 1000): fetch and keep them. */
  checkpoints: Array<AuditCheckpoint>;
  /** How many signed checkpoints the chain was compared with. */
  checkpointsChecked: Scalars['Int']['output'];
  /** What was found, in a sentence (sequence numbers, key ids and hashes only). */
  detail: Maybe<Scalars['String']['output']>;
  events: Scalars['Int']['output'];
  /**
   * The first event found broken; null when the chain is intact. For CHECKPOINT_MISMATCH, the first
   * event that may have been rewritten (the one after the last checkpoint that still matches).
   */
  firstBrokenSeq: Maybe<Scalars['Int']['output']>;
  headHash: Maybe<Scalars['String']['output']>;
  intact: Scalars['Boolean']['output'];
  /** The newest signed checkpoint that verified and matches the chain. */
  lastCheckpoint: Maybe<AuditCheckpoint>;
  /** Whether event MACs were checked (the subgraph always does; a verifier with public keys only cannot). */
  macsChecked: Scalars['Boolean']['output'];
  /** What was found wrong first; null when the chain is intact. */
  problem: Maybe<AuditProblem>;
  /** The public keys that verify this subgraph's checkpoints (current and retired). */
  signingKeys: Array<AuditSigningKey>;
};


/**
 * The result of verifying one audit chain: every event's hash, MAC (HMAC-SHA256 under the audit key)
 * and link, and the chain against every signed checkpoint in the subgraph's log and those given.
 */
export type AuditChainReportCheckpointsArgs = {
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * A signed statement that a subgraph's audit chain had seq events ending in headHash at time at.
 * Keep them: whoever holds one can show later that the chain was rewritten or cut back.
 */
export type AuditCheckpoint = {
  __typename?: 'AuditCheckpoint';
  /** ISO 8601 time of signing, exactly as signed. */
  at: Scalars['String']['output'];
  headHash: Scalars['String']['output'];
  /** The audit key generation whose Ed25519 key signed it (see AuditChainReport.signingKeys). */
  keyId: Scalars['String']['output'];
  seq: Scalars['Int']['output'];
  /**
   * Ed25519 signature, base64url, over the UTF-8 JSON array
   * ["talent-hub audit checkpoint v1", subgraph, seq, headHash, at, keyId].
   */
  signature: Scalars['String']['output'];
  subgraph: Scalars['String']['output'];
};

/** A checkpoint a party kept, given back to compare the chain with; its signature must verify. */
export type AuditCheckpointInput = {
  at: Scalars['String']['input'];
  headHash: Scalars['String']['input'];
  keyId: Scalars['String']['input'];
  seq: Scalars['Int']['input'];
  signature: Scalars['String']['input'];
  subgraph: Scalars['String']['input'];
};

/**
 * One processing record. Append-only and chained: each event's hash covers its content and the hash of
 * the one before, and is authenticated with a key kept outside the database (see README, "Evidence").
 */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  action: AuditAction;
  /** The calling system (token sub). */
  actor: Scalars['String']['output'];
  /** The province of actorRegion: every region of it reads this event. */
  actorProvince: Region;
  actorRegion: Region;
  at: Scalars['DateTime']['output'];
  entityId: Scalars['ID']['output'];
  entityType: Scalars['String']['output'];
  /** Names of the fields read or written (never their values). */
  fields: Array<Scalars['String']['output']>;
  hash: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The audit key generation that authenticated this event. */
  keyId: Scalars['String']['output'];
  /** The client's operation name. */
  operation: Maybe<Scalars['String']['output']>;
  /** Provinces party to the agreement this event is about; each reads it. */
  parties: Array<Region>;
  prevHash: Scalars['String']['output'];
  /** The purpose declared in X-Hub-Purpose. */
  purpose: Maybe<Scalars['String']['output']>;
  seq: Scalars['Int']['output'];
  /** The home province of the talent concerned, from the stored talent record. */
  talentHome: Maybe<Region>;
  talentId: Maybe<Scalars['ID']['output']>;
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

/** What an audit verification found wrong first. */
export type AuditProblem =
  /** A checkpoint whose signature does not verify, or a checkpoint log line that is no checkpoint. */
  | 'CHECKPOINT_FORGED'
  /** The chain's hash at a checkpoint's seq is not the one signed: events up to it were rewritten. */
  | 'CHECKPOINT_MISMATCH'
  /** An event's content does not match its hash, or its hash does not match its MAC (rewritten without the audit key). */
  | 'EVENT_ALTERED'
  /** A sequence number is missing: an event was deleted. */
  | 'EVENT_MISSING'
  /** An event does not link to the one before it: one of them was replaced. */
  | 'LINK_BROKEN'
  /** The chain ends before a signed checkpoint: events at its end were deleted. */
  | 'TRUNCATED'
  /** An event or checkpoint names an audit key the verifier does not hold. */
  | 'UNKNOWN_KEY';

/** A public key that verifies audit checkpoints. */
export type AuditSigningKey = {
  __typename?: 'AuditSigningKey';
  /** Always Ed25519. */
  algorithm: Scalars['String']['output'];
  keyId: Scalars['String']['output'];
  /** The raw 32-byte public key in base64url (the x of an OKP JWK). */
  publicKey: Scalars['String']['output'];
};

/** Verification of the hub's audit chains; every subgraph that keeps one adds its report. */
export type AuditVerification = {
  __typename?: 'AuditVerification';
  /** The coordination chain: every write in this subgraph (needs audit:read). */
  coordination: Maybe<AuditChainReport>;
  id: Scalars['ID']['output'];
};


/** Verification of the hub's audit chains; every subgraph that keeps one adds its report. */
export type AuditVerificationCoordinationArgs = {
  checkpoints?: InputMaybe<Array<AuditCheckpointInput>>;
};

export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/**
 * A cooperation agreement (合作协议) between regions on sharing and exchanging talent. It binds a
 * province only once that province has ratified it: see `status`.
 */
export type CooperationAgreement = {
  __typename?: 'CooperationAgreement';
  /** The party provinces that have not yet ratified what awaits ratification (the proposal or the pending amendment). */
  awaitingRatificationBy: Array<Region>;
  /** The version to pass to ratifyAgreement; null when nothing awaits ratification. */
  awaitingVersion: Maybe<Scalars['Int']['output']>;
  /** Every lifecycle step (proposal, ratifications, amendments, suspensions, termination), oldest first. */
  history: Array<AgreementEvent>;
  id: Scalars['ID']['output'];
  /**
   * True when it applies today (China Standard Time): ratified by every party province, suspended by
   * none, not terminated, and today between signedOn and validUntil, both included.
   */
  inForce: Scalars['Boolean']['output'];
  /** The measures agreed, e.g. 互认人才评价结果. */
  measures: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** The regions that are party to it, in the order recorded. */
  parties: Array<Region>;
  /** The provinces the parties belong to: each must ratify (a party binds its whole province). */
  partyProvinces: Array<Region>;
  /** A scope change awaiting ratification by every party province; null when there is none. */
  pendingAmendment: Maybe<AgreementAmendment>;
  /** The party provinces' ratifications of `version`, in order. */
  ratifications: Array<AgreementRatification>;
  /** The scope in force once ratified (version `version`); a pending amendment is in `pendingAmendment`. */
  scope: AgreementScope;
  /** First day it applies once ratified by every party province. */
  signedOn: Scalars['LocalDate']['output'];
  /** Where it stands in its lifecycle today. */
  status: AgreementStatus;
  /** The party provinces that suspended it (it applies again once each has resumed it). */
  suspendedBy: Array<Region>;
  /** Last day in force; null when open-ended. */
  validUntil: Maybe<Scalars['LocalDate']['output']>;
  /** The version of `scope`: 1 for the proposal, one more for each amendment that took effect or replaced the proposal's terms. */
  version: Scalars['Int']['output'];
};

/** A talent serving a region other than their home. */
export type Engagement = {
  __typename?: 'Engagement';
  /** The agreement the engagement is made under, if any. */
  agreement: Maybe<CooperationAgreement>;
  /** Last day; null while ongoing or open-ended. */
  end: Maybe<Scalars['LocalDate']['output']>;
  homeRegion: Region;
  hostRegion: Region;
  id: Scalars['ID']['output'];
  kind: EngagementKind;
  start: Scalars['LocalDate']['output'];
  /** The talent. Resolved by the experts subgraph from `talentId` under the sharing rules: null when the caller may not see that talent. */
  talentId: Scalars['ID']['output'];
};

export type EngagementConnection = {
  __typename?: 'EngagementConnection';
  edges: Array<EngagementEdge>;
  pageInfo: PageInfo;
  /** How many engagements match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

export type EngagementEdge = {
  __typename?: 'EngagementEdge';
  cursor: Scalars['String']['output'];
  node: Engagement;
};

export type EngagementKind =
  /** 互派交流: exchange of staff between provinces. */
  | 'CROSS_PROVINCE_EXCHANGE'
  /** 专家服务: expert service (consultation, review, guidance). */
  | 'EXPERT_SERVICE'
  /** 柔性引进: the talent serves the host without moving their employment. */
  | 'FLEXIBLE_INTRODUCTION'
  /** 挂职: a temporary post in the host region. */
  | 'SECONDMENT';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Proposes a new scope (needs coordination:write and your province a party). Of a proposal: its
   * terms change and every ratification is asked again. Of a ratified agreement: the new scope is a
   * pending amendment (it replaces an earlier pending one) that takes effect only once every party
   * province has ratified it; until then the ratified scope stays in force.
   */
  amendAgreementScope: AmendAgreementScopePayload;
  /**
   * Proposes a cooperation agreement between two or more regions (needs coordination:write and a
   * party in your province; a province, prefecture or county system may propose). It is PROPOSED,
   * and grants nothing, until every party province has ratified it. A province proposing with its
   * own token (region = the province's code) ratifies the proposal for itself at the same time.
   */
  proposeAgreement: ProposeAgreementPayload;
  /**
   * Ratifies, for your province, the terms awaiting ratification (the proposal, or a scope
   * amendment). Only the province itself may ratify (a token whose region is the province's code,
   * with coordination:write): a prefecture or county may propose but not bind its province.
   * `version` must be the `awaitingVersion` you reviewed (CONFLICT otherwise). When the last party
   * province ratifies, the terms take effect.
   */
  ratifyAgreement: RatifyAgreementPayload;
  /** Records a talent serving a region other than their home, optionally under a cooperation agreement. */
  recordEngagement: RecordEngagementPayload;
  /** Lifts your province's own suspension of an agreement (the province itself, with coordination:write). */
  resumeAgreement: ResumeAgreementPayload;
  /**
   * Suspends a ratified agreement for every party (the province itself, a party, with
   * coordination:write). It stops granting anything until your province resumes it; other
   * parties' suspensions stand on their own.
   */
  suspendAgreement: SuspendAgreementPayload;
  /**
   * Ends an agreement for good (the province itself, a party, with coordination:write); of a
   * proposal, declines it. It stops granting anything at once in this subgraph and at the gateway
   * within HUB_AGREEMENT_CACHE_MS (see the README, "Sharing").
   */
  terminateAgreement: TerminateAgreementPayload;
};


export type MutationAmendAgreementScopeArgs = {
  input: AmendAgreementScopeInput;
};


export type MutationProposeAgreementArgs = {
  input: ProposeAgreementInput;
};


export type MutationRatifyAgreementArgs = {
  input: RatifyAgreementInput;
};


export type MutationRecordEngagementArgs = {
  input: RecordEngagementInput;
};


export type MutationResumeAgreementArgs = {
  input: ResumeAgreementInput;
};


export type MutationSuspendAgreementArgs = {
  input: SuspendAgreementInput;
};


export type MutationTerminateAgreementArgs = {
  input: TerminateAgreementInput;
};

/** Relay page information, shared by every connection in the graph. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A span of calendar days, both ends included. */
export type PeriodInput = {
  end: Scalars['LocalDate']['input'];
  start: Scalars['LocalDate']['input'];
};

export type PoolCoverage = {
  __typename?: 'PoolCoverage';
  /** Codes of every stored region under `region` (prefectures and counties), in code order; handed to the experts subgraph. */
  areaCodes: Array<Scalars['ID']['output']>;
  region: Region;
  regionCode: Scalars['ID']['output'];
};

export type ProposeAgreementInput = {
  measures?: Array<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** GB/T 2260 codes of the parties: at least two distinct regions that exist, one of them in your province. */
  partyCodes: Array<Scalars['ID']['input']>;
  /** At least one sector or discipline. */
  scope: AgreementScopeInput;
  /** First day it applies once ratified by every party province. */
  signedOn: Scalars['LocalDate']['input'];
  /** Last day in force, not before signedOn; leave out for an open-ended agreement. */
  validUntil?: InputMaybe<Scalars['LocalDate']['input']>;
};

export type ProposeAgreementPayload = {
  __typename?: 'ProposeAgreementPayload';
  agreement: CooperationAgreement;
};

/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type Query = {
  __typename?: 'Query';
  /** One cooperation agreement by id; null when it does not exist. */
  agreement: Maybe<CooperationAgreement>;
  /**
   * Cooperation agreements in signing order (oldest first). `region` keeps the agreements whose
   * territory overlaps the region: a party is the region itself, a region under it (a prefecture or
   * county of a province) or a region above it (its prefecture or province). `inForce` keeps the
   * agreements in force today (true: ratified by every party province, suspended by none, not
   * terminated, today within its dates) or not in force today (false). `status` keeps one status.
   */
  agreements: Array<CooperationAgreement>;
  /**
   * What waits for your province's ratification (needs coordination:write): proposals and scope
   * amendments of agreements your province is a party to that it has not ratified yet, in signing
   * order. Ratify with `ratifyAgreement(input: { id, version: awaitingVersion })` using a token of
   * the province itself.
   */
  agreementsAwaitingRatification: Array<CooperationAgreement>;
  /**
   * Agreements in force on `on` (default today, China Standard Time) that bind the provinces of both
   * regions: a party counts for its province, so an agreement between 成都市 and 重庆市 binds 四川省
   * and 重庆市. When both regions are in one province, the agreements with a party in that province.
   * In force means ratified by every party province and, as of now, neither suspended nor
   * terminated, with `on` within its dates. In signing order.
   */
  agreementsBetween: Array<CooperationAgreement>;
  /**
   * Processing records of this subgraph: every write of agreements and engagements, made by your region or
   * about a talent, oldest first (needs audit:read). Experts' records are in Query.auditEvents.
   */
  coordinationAuditEvents: AuditEventConnection;
  /** One engagement by id (needs talent:read); null when it does not exist or is not yours to read (see engagements). */
  engagement: Maybe<Engagement>;
  /**
   * Engagements in id order, optionally hosted at or under `hostRegion`, of talents whose home is at
   * or under `homeRegion`, and of one kind (needs talent:read). Only engagements your province may
   * read are listed and counted: those it hosts or sends (host or talent home at or under it) and
   * those under an agreement in force to which it is a party; `totalCount` counts exactly those.
   * Engagements between other provinces are counted only by talentFlows (rounded). The talent is
   * named under the sharing rules. `first` is at most 100 (default 20); `after` is an opaque cursor.
   */
  engagements: EngagementConnection;
  /**
   * Expert-pool coverage of the prefectures and counties under a region (needs stats:read); null
   * when the region does not exist. This subgraph answers which areas lie under the region; the
   * experts subgraph adds which pools they have (see PoolCoverage). Cached for 5 minutes.
   */
  poolCoverage: Maybe<PoolCoverage>;
  /** One region by its six-digit GB/T 2260 code; null when it does not exist. */
  region: Maybe<Region>;
  /** Regions, optionally of one level and/or directly under one parent, in code order. */
  regions: Array<Region>;
  /**
   * Engagements counted per home province, host province and kind (all kinds together with
   * `byKind: false`), for flow diagrams (needs stats:read), largest first. `period` keeps engagements
   * active at some time in it (started by its end, not ended before its start); `homeRegion` and
   * `hostRegion` keep those at or under a region; `kind` keeps one kind. Counted in the store by one
   * aggregation pipeline. Flows with your province at one end are exact. Flows between two other
   * provinces are rounded to a multiple of HUB_STATS_ROUNDING_BASE (default 5) by consistent random
   * rounding (the same engagements always give the same answer), and left out, like absent ones,
   * when they hold fewer than HUB_STATS_MIN_GROUP (default 5) engagements. Cached for 60 s per
   * calling province.
   */
  talentFlows: Array<TalentFlow>;
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryAgreementArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryAgreementsArgs = {
  inForce?: InputMaybe<Scalars['Boolean']['input']>;
  region?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<AgreementStatus>;
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryAgreementsBetweenArgs = {
  on?: InputMaybe<Scalars['LocalDate']['input']>;
  regionA: Scalars['ID']['input'];
  regionB: Scalars['ID']['input'];
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryCoordinationAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  talentId?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryEngagementArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryEngagementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  homeRegion?: InputMaybe<Scalars['ID']['input']>;
  hostRegion?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<EngagementKind>;
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryPoolCoverageArgs = {
  region: Scalars['ID']['input'];
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryRegionArgs = {
  code: Scalars['ID']['input'];
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryRegionsArgs = {
  level?: InputMaybe<RegionLevel>;
  parent?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Regional coordination (区域人才协同): the GB/T 2260 region tree, cooperation agreements between
 * regions (e.g. 成渝地区双城经济圈人才协同发展), and engagements of talents serving a region other
 * than their home (柔性引进, 挂职, 互派交流, 专家服务).
 */
export type QueryTalentFlowsArgs = {
  byKind?: InputMaybe<Scalars['Boolean']['input']>;
  homeRegion?: InputMaybe<Scalars['ID']['input']>;
  hostRegion?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<EngagementKind>;
  period?: InputMaybe<PeriodInput>;
};

export type RatifyAgreementInput = {
  id: Scalars['ID']['input'];
  /** The version you reviewed: the agreement's `awaitingVersion`. */
  version: Scalars['Int']['input'];
};

export type RatifyAgreementPayload = {
  __typename?: 'RatifyAgreementPayload';
  agreement: CooperationAgreement;
};

export type RecordEngagementInput = {
  /** An agreement that binds the provinces of both regions. */
  agreementId?: InputMaybe<Scalars['ID']['input']>;
  /** Last day, not before start; leave out while ongoing. */
  end?: InputMaybe<Scalars['LocalDate']['input']>;
  /**
   * Optional: the talent's home comes from the experts subgraph. When given (the province, or a
   * prefecture or county of it), it must lie in the talent's recorded home province, otherwise the
   * request is refused with FORBIDDEN.
   */
  homeRegion?: InputMaybe<Scalars['ID']['input']>;
  /** GB/T 2260 code of the region served; must differ from the talent's home region. */
  hostRegion: Scalars['ID']['input'];
  kind: EngagementKind;
  start: Scalars['LocalDate']['input'];
  /** Id of the talent in the experts subgraph. */
  talentId: Scalars['ID']['input'];
};

export type RecordEngagementPayload = {
  __typename?: 'RecordEngagementPayload';
  engagement: Engagement;
};

export type Region = {
  __typename?: 'Region';
  /** Agreements this region is itself a party to (not those of its sub-regions), in signing order. */
  agreements: Array<CooperationAgreement>;
  /** Agreements this region is itself a party to that are in force on `on` (default today, China Standard Time). */
  agreementsInForce: Array<CooperationAgreement>;
  /** The regions directly under this one, in code order. */
  children: Array<Region>;
  /** Six-digit GB/T 2260 code, e.g. 510000 for 四川省. */
  code: Scalars['ID']['output'];
  level: Maybe<RegionLevel>;
  /** Nullable, like `level`: other subgraphs hand out regions by code, and their answers must survive this subgraph being down. */
  name: Maybe<Scalars['String']['output']>;
  /** The region directly above; null for a province. Counties of a municipality hang off the municipality. */
  parent: Maybe<Region>;
};


export type RegionAgreementsInForceArgs = {
  on?: InputMaybe<Scalars['LocalDate']['input']>;
};

export type RegionLevel =
  /** County level (县级). */
  | 'COUNTY'
  /** Prefectural level (地级). */
  | 'PREFECTURE'
  /** Provincial level (省级): provinces, autonomous regions, municipalities, SARs. */
  | 'PROVINCE';

export type ResumeAgreementInput = {
  id: Scalars['ID']['input'];
};

export type ResumeAgreementPayload = {
  __typename?: 'ResumeAgreementPayload';
  agreement: CooperationAgreement;
};

export type Sector =
  | 'AGRICULTURE'
  | 'INDUSTRY'
  | 'SERVICES';

export type SuspendAgreementInput = {
  id: Scalars['ID']['input'];
  /** Why (every party reads it); at most 500 characters. */
  reason: Scalars['String']['input'];
};

export type SuspendAgreementPayload = {
  __typename?: 'SuspendAgreementPayload';
  agreement: CooperationAgreement;
};

export type Talent = {
  __typename?: 'Talent';
  /** The talent's engagements, latest start first (nullable, so the rest of a talent still arrives when this subgraph is down). */
  engagements: Maybe<Array<Engagement>>;
  homeRegion: Region;
  id: Scalars['ID']['output'];
};

/** Engagements from one home province to one host province of one kind. */
export type TalentFlow = {
  __typename?: 'TalentFlow';
  /** Engagements: exact when your province is an end, otherwise rounded to a multiple of HUB_STATS_ROUNDING_BASE. */
  count: Maybe<Scalars['Int']['output']>;
  /** The talents' home province. */
  from: Region;
  /** The kind; null when the flows are not split by kind (`byKind: false`). */
  kind: Maybe<EngagementKind>;
  /** Always false: a flow too small to show is left out of the list, so that it looks like no flow (kept for existing clients). */
  suppressed: Scalars['Boolean']['output'];
  /** The province served (engagements hosted by its prefectures and counties count for it). */
  to: Region;
};

export type TerminateAgreementInput = {
  id: Scalars['ID']['input'];
  /** Why (every party reads it); at most 500 characters. */
  reason: Scalars['String']['input'];
};

export type TerminateAgreementPayload = {
  __typename?: 'TerminateAgreementPayload';
  agreement: CooperationAgreement;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  AuditVerification: AuditVerification;
  CooperationAgreement: CooperationAgreement;
  Engagement: Engagement;
  PoolCoverage: PoolCoverage;
  Region: Region;
  Talent: Talent;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  AuditVerification:
    ( { __typename: 'AuditVerification' }
    & GraphQLRecursivePick<FederationTypes['AuditVerification'], {"id":true}> );
  CooperationAgreement:
    ( { __typename: 'CooperationAgreement' }
    & GraphQLRecursivePick<FederationTypes['CooperationAgreement'], {"id":true}> );
  Engagement:
    ( { __typename: 'Engagement' }
    & GraphQLRecursivePick<FederationTypes['Engagement'], {"id":true}> );
  PoolCoverage:
    ( { __typename: 'PoolCoverage' }
    & GraphQLRecursivePick<FederationTypes['PoolCoverage'], {"regionCode":true}> );
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"code":true}> );
  Talent:
    ( { __typename: 'Talent' }
    & GraphQLRecursivePick<FederationTypes['Talent'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Talent'], {"homeRegion":{"code":true}}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AgreementAction: AgreementAction;
  AgreementAmendment: ResolverTypeWrapper<Omit<AgreementAmendment, 'ratifications'> & { ratifications: Array<ResolversTypes['AgreementRatification']> }>;
  AgreementEvent: ResolverTypeWrapper<Omit<AgreementEvent, 'region'> & { region: ResolversTypes['Region'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AgreementRatification: ResolverTypeWrapper<Omit<AgreementRatification, 'province'> & { province: ResolversTypes['Region'] }>;
  AgreementScope: ResolverTypeWrapper<AgreementScope>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AgreementScopeInput: AgreementScopeInput;
  AgreementStatus: AgreementStatus;
  AmendAgreementScopeInput: AmendAgreementScopeInput;
  AmendAgreementScopePayload: ResolverTypeWrapper<Omit<AmendAgreementScopePayload, 'agreement'> & { agreement: ResolversTypes['CooperationAgreement'] }>;
  AuditAction: AuditAction;
  AuditChainReport: ResolverTypeWrapper<AuditChainReport>;
  AuditCheckpoint: ResolverTypeWrapper<AuditCheckpoint>;
  AuditCheckpointInput: AuditCheckpointInput;
  AuditEvent: ResolverTypeWrapper<AuditEventMapper>;
  AuditEventConnection: ResolverTypeWrapper<AuditEventConnectionMapper>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditProblem: AuditProblem;
  AuditSigningKey: ResolverTypeWrapper<AuditSigningKey>;
  AuditVerification: ResolverTypeWrapper<AuditVerificationMapper>;
  CacheControlScope: CacheControlScope;
  CooperationAgreement: ResolverTypeWrapper<CooperationAgreementMapper>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Engagement: ResolverTypeWrapper<EngagementMapper>;
  EngagementConnection: ResolverTypeWrapper<EngagementConnectionMapper>;
  EngagementEdge: ResolverTypeWrapper<Omit<EngagementEdge, 'node'> & { node: ResolversTypes['Engagement'] }>;
  EngagementKind: EngagementKind;
  LocalDate: ResolverTypeWrapper<Scalars['LocalDate']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PeriodInput: PeriodInput;
  PoolCoverage: ResolverTypeWrapper<PoolCoverageMapper>;
  ProposeAgreementInput: ProposeAgreementInput;
  ProposeAgreementPayload: ResolverTypeWrapper<Omit<ProposeAgreementPayload, 'agreement'> & { agreement: ResolversTypes['CooperationAgreement'] }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RatifyAgreementInput: RatifyAgreementInput;
  RatifyAgreementPayload: ResolverTypeWrapper<Omit<RatifyAgreementPayload, 'agreement'> & { agreement: ResolversTypes['CooperationAgreement'] }>;
  RecordEngagementInput: RecordEngagementInput;
  RecordEngagementPayload: ResolverTypeWrapper<Omit<RecordEngagementPayload, 'engagement'> & { engagement: ResolversTypes['Engagement'] }>;
  Region: ResolverTypeWrapper<RegionMapper>;
  RegionLevel: RegionLevel;
  ResumeAgreementInput: ResumeAgreementInput;
  ResumeAgreementPayload: ResolverTypeWrapper<Omit<ResumeAgreementPayload, 'agreement'> & { agreement: ResolversTypes['CooperationAgreement'] }>;
  Sector: Sector;
  SuspendAgreementInput: SuspendAgreementInput;
  SuspendAgreementPayload: ResolverTypeWrapper<Omit<SuspendAgreementPayload, 'agreement'> & { agreement: ResolversTypes['CooperationAgreement'] }>;
  Talent: ResolverTypeWrapper<TalentMapper>;
  TalentFlow: ResolverTypeWrapper<TalentFlowMapper>;
  TerminateAgreementInput: TerminateAgreementInput;
  TerminateAgreementPayload: ResolverTypeWrapper<Omit<TerminateAgreementPayload, 'agreement'> & { agreement: ResolversTypes['CooperationAgreement'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AgreementAmendment: Omit<AgreementAmendment, 'ratifications'> & { ratifications: Array<ResolversParentTypes['AgreementRatification']> };
  AgreementEvent: Omit<AgreementEvent, 'region'> & { region: ResolversParentTypes['Region'] };
  String: Scalars['String']['output'];
  AgreementRatification: Omit<AgreementRatification, 'province'> & { province: ResolversParentTypes['Region'] };
  AgreementScope: AgreementScope;
  ID: Scalars['ID']['output'];
  AgreementScopeInput: AgreementScopeInput;
  AmendAgreementScopeInput: AmendAgreementScopeInput;
  AmendAgreementScopePayload: Omit<AmendAgreementScopePayload, 'agreement'> & { agreement: ResolversParentTypes['CooperationAgreement'] };
  AuditChainReport: AuditChainReport;
  AuditCheckpoint: AuditCheckpoint;
  AuditCheckpointInput: AuditCheckpointInput;
  AuditEvent: AuditEventMapper;
  AuditEventConnection: AuditEventConnectionMapper;
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditSigningKey: AuditSigningKey;
  AuditVerification: AuditVerificationMapper;
  CooperationAgreement: CooperationAgreementMapper;
  DateTime: Scalars['DateTime']['output'];
  Engagement: EngagementMapper;
  EngagementConnection: EngagementConnectionMapper;
  EngagementEdge: Omit<EngagementEdge, 'node'> & { node: ResolversParentTypes['Engagement'] };
  LocalDate: Scalars['LocalDate']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PeriodInput: PeriodInput;
  PoolCoverage: PoolCoverageMapper;
  ProposeAgreementInput: ProposeAgreementInput;
  ProposeAgreementPayload: Omit<ProposeAgreementPayload, 'agreement'> & { agreement: ResolversParentTypes['CooperationAgreement'] };
  Query: Record<PropertyKey, never>;
  RatifyAgreementInput: RatifyAgreementInput;
  RatifyAgreementPayload: Omit<RatifyAgreementPayload, 'agreement'> & { agreement: ResolversParentTypes['CooperationAgreement'] };
  RecordEngagementInput: RecordEngagementInput;
  RecordEngagementPayload: Omit<RecordEngagementPayload, 'engagement'> & { engagement: ResolversParentTypes['Engagement'] };
  Region: RegionMapper;
  ResumeAgreementInput: ResumeAgreementInput;
  ResumeAgreementPayload: Omit<ResumeAgreementPayload, 'agreement'> & { agreement: ResolversParentTypes['CooperationAgreement'] };
  SuspendAgreementInput: SuspendAgreementInput;
  SuspendAgreementPayload: Omit<SuspendAgreementPayload, 'agreement'> & { agreement: ResolversParentTypes['CooperationAgreement'] };
  Talent: TalentMapper;
  TalentFlow: TalentFlowMapper;
  TerminateAgreementInput: TerminateAgreementInput;
  TerminateAgreementPayload: Omit<TerminateAgreementPayload, 'agreement'> & { agreement: ResolversParentTypes['CooperationAgreement'] };
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
};

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = CoordinationContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AgreementAmendmentResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AgreementAmendment'] = ResolversParentTypes['AgreementAmendment']> = {
  ratifications?: Resolver<Array<ResolversTypes['AgreementRatification']>, ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['AgreementScope'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AgreementEventResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AgreementEvent'] = ResolversParentTypes['AgreementEvent']> = {
  action?: Resolver<ResolversTypes['AgreementAction'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AgreementRatificationResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AgreementRatification'] = ResolversParentTypes['AgreementRatification']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  province?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AgreementScopeResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AgreementScope'] = ResolversParentTypes['AgreementScope']> = {
  contactSharing?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  disciplineCodes?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  sectors?: Resolver<Array<ResolversTypes['Sector']>, ParentType, ContextType>;
};

export type AmendAgreementScopePayloadResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AmendAgreementScopePayload'] = ResolversParentTypes['AmendAgreementScopePayload']> = {
  agreement?: Resolver<ResolversTypes['CooperationAgreement'], ParentType, ContextType>;
};

export type AuditChainReportResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AuditChainReport'] = ResolversParentTypes['AuditChainReport']> = {
  checkpoints?: Resolver<Array<ResolversTypes['AuditCheckpoint']>, ParentType, ContextType, RequireFields<AuditChainReportCheckpointsArgs, 'afterSeq' | 'first'>>;
  checkpointsChecked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBrokenSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  headHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  intact?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lastCheckpoint?: Resolver<Maybe<ResolversTypes['AuditCheckpoint']>, ParentType, ContextType>;
  macsChecked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['AuditProblem']>, ParentType, ContextType>;
  signingKeys?: Resolver<Array<ResolversTypes['AuditSigningKey']>, ParentType, ContextType>;
};

export type AuditCheckpointResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AuditCheckpoint'] = ResolversParentTypes['AuditCheckpoint']> = {
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  headHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subgraph?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  action?: Resolver<ResolversTypes['AuditAction'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorProvince?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  actorRegion?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  entityId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  entityType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  parties?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  talentHome?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  talentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type AuditEventConnectionResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditEventEdgeResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
};

export type AuditSigningKeyResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AuditSigningKey'] = ResolversParentTypes['AuditSigningKey']> = {
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publicKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditVerificationResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['AuditVerification'] = ResolversParentTypes['AuditVerification'], FederationReferenceType extends FederationReferenceTypes['AuditVerification'] = FederationReferenceTypes['AuditVerification']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AuditVerification']> | FederationReferenceType, FederationReferenceType, ContextType>;
  coordination?: Resolver<Maybe<ResolversTypes['AuditChainReport']>, ParentType, ContextType, Partial<AuditVerificationCoordinationArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CooperationAgreementResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['CooperationAgreement'] = ResolversParentTypes['CooperationAgreement'], FederationReferenceType extends FederationReferenceTypes['CooperationAgreement'] = FederationReferenceTypes['CooperationAgreement']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CooperationAgreement']> | FederationReferenceType, FederationReferenceType, ContextType>;
  awaitingRatificationBy?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  awaitingVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['AgreementEvent']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inForce?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  measures?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parties?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  partyProvinces?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  pendingAmendment?: Resolver<Maybe<ResolversTypes['AgreementAmendment']>, ParentType, ContextType>;
  ratifications?: Resolver<Array<ResolversTypes['AgreementRatification']>, ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['AgreementScope'], ParentType, ContextType>;
  signedOn?: Resolver<ResolversTypes['LocalDate'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AgreementStatus'], ParentType, ContextType>;
  suspendedBy?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['LocalDate']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EngagementResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['Engagement'] = ResolversParentTypes['Engagement'], FederationReferenceType extends FederationReferenceTypes['Engagement'] = FederationReferenceTypes['Engagement']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Engagement']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agreement?: Resolver<Maybe<ResolversTypes['CooperationAgreement']>, ParentType, ContextType>;
  end?: Resolver<Maybe<ResolversTypes['LocalDate']>, ParentType, ContextType>;
  homeRegion?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  hostRegion?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EngagementKind'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['LocalDate'], ParentType, ContextType>;
  talentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type EngagementConnectionResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['EngagementConnection'] = ResolversParentTypes['EngagementConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EngagementEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EngagementEdgeResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['EngagementEdge'] = ResolversParentTypes['EngagementEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Engagement'], ParentType, ContextType>;
};

export interface LocalDateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['LocalDate'], any> {
  name: 'LocalDate';
}

export type MutationResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  amendAgreementScope?: Resolver<ResolversTypes['AmendAgreementScopePayload'], ParentType, ContextType, RequireFields<MutationAmendAgreementScopeArgs, 'input'>>;
  proposeAgreement?: Resolver<ResolversTypes['ProposeAgreementPayload'], ParentType, ContextType, RequireFields<MutationProposeAgreementArgs, 'input'>>;
  ratifyAgreement?: Resolver<ResolversTypes['RatifyAgreementPayload'], ParentType, ContextType, RequireFields<MutationRatifyAgreementArgs, 'input'>>;
  recordEngagement?: Resolver<ResolversTypes['RecordEngagementPayload'], ParentType, ContextType, RequireFields<MutationRecordEngagementArgs, 'input'>>;
  resumeAgreement?: Resolver<ResolversTypes['ResumeAgreementPayload'], ParentType, ContextType, RequireFields<MutationResumeAgreementArgs, 'input'>>;
  suspendAgreement?: Resolver<ResolversTypes['SuspendAgreementPayload'], ParentType, ContextType, RequireFields<MutationSuspendAgreementArgs, 'input'>>;
  terminateAgreement?: Resolver<ResolversTypes['TerminateAgreementPayload'], ParentType, ContextType, RequireFields<MutationTerminateAgreementArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PoolCoverageResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['PoolCoverage'] = ResolversParentTypes['PoolCoverage'], FederationReferenceType extends FederationReferenceTypes['PoolCoverage'] = FederationReferenceTypes['PoolCoverage']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PoolCoverage']> | FederationReferenceType, FederationReferenceType, ContextType>;
  areaCodes?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ProposeAgreementPayloadResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['ProposeAgreementPayload'] = ResolversParentTypes['ProposeAgreementPayload']> = {
  agreement?: Resolver<ResolversTypes['CooperationAgreement'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  agreement?: Resolver<Maybe<ResolversTypes['CooperationAgreement']>, ParentType, ContextType, RequireFields<QueryAgreementArgs, 'id'>>;
  agreements?: Resolver<Array<ResolversTypes['CooperationAgreement']>, ParentType, ContextType, Partial<QueryAgreementsArgs>>;
  agreementsAwaitingRatification?: Resolver<Array<ResolversTypes['CooperationAgreement']>, ParentType, ContextType>;
  agreementsBetween?: Resolver<Array<ResolversTypes['CooperationAgreement']>, ParentType, ContextType, RequireFields<QueryAgreementsBetweenArgs, 'regionA' | 'regionB'>>;
  coordinationAuditEvents?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, RequireFields<QueryCoordinationAuditEventsArgs, 'first'>>;
  engagement?: Resolver<Maybe<ResolversTypes['Engagement']>, ParentType, ContextType, RequireFields<QueryEngagementArgs, 'id'>>;
  engagements?: Resolver<ResolversTypes['EngagementConnection'], ParentType, ContextType, RequireFields<QueryEngagementsArgs, 'first'>>;
  poolCoverage?: Resolver<Maybe<ResolversTypes['PoolCoverage']>, ParentType, ContextType, RequireFields<QueryPoolCoverageArgs, 'region'>>;
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType, RequireFields<QueryRegionArgs, 'code'>>;
  regions?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType, Partial<QueryRegionsArgs>>;
  talentFlows?: Resolver<Array<ResolversTypes['TalentFlow']>, ParentType, ContextType, RequireFields<QueryTalentFlowsArgs, 'byKind'>>;
};

export type RatifyAgreementPayloadResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['RatifyAgreementPayload'] = ResolversParentTypes['RatifyAgreementPayload']> = {
  agreement?: Resolver<ResolversTypes['CooperationAgreement'], ParentType, ContextType>;
};

export type RecordEngagementPayloadResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['RecordEngagementPayload'] = ResolversParentTypes['RecordEngagementPayload']> = {
  engagement?: Resolver<ResolversTypes['Engagement'], ParentType, ContextType>;
};

export type RegionResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agreements?: Resolver<Array<ResolversTypes['CooperationAgreement']>, ParentType, ContextType>;
  agreementsInForce?: Resolver<Array<ResolversTypes['CooperationAgreement']>, ParentType, ContextType, Partial<RegionAgreementsInForceArgs>>;
  children?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<Maybe<ResolversTypes['RegionLevel']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
};

export type ResumeAgreementPayloadResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['ResumeAgreementPayload'] = ResolversParentTypes['ResumeAgreementPayload']> = {
  agreement?: Resolver<ResolversTypes['CooperationAgreement'], ParentType, ContextType>;
};

export type SuspendAgreementPayloadResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['SuspendAgreementPayload'] = ResolversParentTypes['SuspendAgreementPayload']> = {
  agreement?: Resolver<ResolversTypes['CooperationAgreement'], ParentType, ContextType>;
};

export type TalentResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['Talent'] = ResolversParentTypes['Talent'], FederationReferenceType extends FederationReferenceTypes['Talent'] = FederationReferenceTypes['Talent']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Talent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  engagements?: Resolver<Maybe<Array<ResolversTypes['Engagement']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TalentFlowResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['TalentFlow'] = ResolversParentTypes['TalentFlow']> = {
  count?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['EngagementKind']>, ParentType, ContextType>;
  suppressed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
};

export type TerminateAgreementPayloadResolvers<ContextType = CoordinationContext, ParentType extends ResolversParentTypes['TerminateAgreementPayload'] = ResolversParentTypes['TerminateAgreementPayload']> = {
  agreement?: Resolver<ResolversTypes['CooperationAgreement'], ParentType, ContextType>;
};

export type Resolvers<ContextType = CoordinationContext> = {
  AgreementAmendment?: AgreementAmendmentResolvers<ContextType>;
  AgreementEvent?: AgreementEventResolvers<ContextType>;
  AgreementRatification?: AgreementRatificationResolvers<ContextType>;
  AgreementScope?: AgreementScopeResolvers<ContextType>;
  AmendAgreementScopePayload?: AmendAgreementScopePayloadResolvers<ContextType>;
  AuditChainReport?: AuditChainReportResolvers<ContextType>;
  AuditCheckpoint?: AuditCheckpointResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  AuditSigningKey?: AuditSigningKeyResolvers<ContextType>;
  AuditVerification?: AuditVerificationResolvers<ContextType>;
  CooperationAgreement?: CooperationAgreementResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Engagement?: EngagementResolvers<ContextType>;
  EngagementConnection?: EngagementConnectionResolvers<ContextType>;
  EngagementEdge?: EngagementEdgeResolvers<ContextType>;
  LocalDate?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PoolCoverage?: PoolCoverageResolvers<ContextType>;
  ProposeAgreementPayload?: ProposeAgreementPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RatifyAgreementPayload?: RatifyAgreementPayloadResolvers<ContextType>;
  RecordEngagementPayload?: RecordEngagementPayloadResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  ResumeAgreementPayload?: ResumeAgreementPayloadResolvers<ContextType>;
  SuspendAgreementPayload?: SuspendAgreementPayloadResolvers<ContextType>;
  Talent?: TalentResolvers<ContextType>;
  TalentFlow?: TalentFlowResolvers<ContextType>;
  TerminateAgreementPayload?: TerminateAgreementPayloadResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = CoordinationContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
