import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TalentMapper, ExpertPoolMapper, DisciplineMapper, TalentConnectionMapper, RegionMapper, AwardMapper, EngagementMapper, AuditEventMapper, AuditEventConnectionMapper, AuditVerificationMapper, TalentStatsKeyMapper, PoolCoverageMapper } from '../schema.mappers.ts';
import type { ExpertsContext } from '../context.ts';
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
  _FieldSet: { input: unknown; output: unknown; }
};

export type AddTalentToPoolPayload = {
  __typename?: 'AddTalentToPoolPayload';
  pool: ExpertPool;
  talent: Talent;
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
  /** The experts chain: talent records (personal-data reads by other regions, writes). */
  experts: AuditChainReport;
  id: Scalars['ID']['output'];
};


/** Verification of the hub's audit chains; every subgraph that keeps one adds its report. */
export type AuditVerificationExpertsArgs = {
  checkpoints?: InputMaybe<Array<AuditCheckpointInput>>;
};

export type Availability =
  | 'AVAILABLE'
  | 'LIMITED'
  | 'UNAVAILABLE';

/**
 * An award, owned by the projects subgraph. The experts subgraph resolves who received it, so the
 * sharing rules of the talent's home region apply on this path too.
 */
export type Award = {
  __typename?: 'Award';
  id: Scalars['ID']['output'];
  /** The talent who received the award; null when the caller may not see that talent. */
  talent: Maybe<Talent>;
  talentId: Scalars['ID']['output'];
};

export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

export type CareerStage =
  | 'EARLY'
  | 'LEADING'
  | 'MID'
  | 'SENIOR';

export type Consent = {
  __typename?: 'Consent';
  /** When the consent was given; null when none was. */
  consentedAt: Maybe<Scalars['DateTime']['output']>;
  contactSharing: Scalars['Boolean']['output'];
  /** Purpose codes the talent consented to. */
  purposes: Array<Scalars['String']['output']>;
};

export type ConsentInput = {
  contactSharing: Scalars['Boolean']['input'];
  purposes?: Array<Scalars['String']['input']>;
};

export type Contact = {
  __typename?: 'Contact';
  email: Maybe<Scalars['String']['output']>;
  phone: Maybe<Scalars['String']['output']>;
};

export type ContactInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
};

export type Degree =
  | 'BACHELOR'
  | 'DOCTORATE'
  | 'MASTER'
  | 'NONE';

/** A GB/T 13745 discipline (学科分类与代码). */
export type Discipline = {
  __typename?: 'Discipline';
  code: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

/**
 * An engagement, owned by the coordination subgraph. The experts subgraph resolves the talent, so
 * the sharing rules of the talent's home region apply on this path too.
 */
export type Engagement = {
  __typename?: 'Engagement';
  id: Scalars['ID']['output'];
  /** The talent; null when the caller may not see that talent. */
  talent: Maybe<Talent>;
  talentId: Scalars['ID']['output'];
};

export type ExpertPool = {
  __typename?: 'ExpertPool';
  id: Scalars['ID']['output'];
  level: PoolLevel;
  /** Members in id order; `first` at most 100 (default 20). */
  members: TalentConnection;
  name: Scalars['String']['output'];
  region: Region;
  sectors: Array<Sector>;
};


export type ExpertPoolMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ExternalId = {
  __typename?: 'ExternalId';
  scheme: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type ExternalIdInput = {
  scheme: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type Gender =
  | 'FEMALE'
  | 'MALE';

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds a talent to an expert pool (adding it twice changes nothing). */
  addTalentToPool: AddTalentToPoolPayload;
  /** Registers a talent in its home region's database. */
  registerTalent: RegisterTalentPayload;
  /** Changes the given fields of a talent; fields left out stay as they are. */
  updateTalent: UpdateTalentPayload;
};


export type MutationAddTalentToPoolArgs = {
  poolId: Scalars['ID']['input'];
  talentId: Scalars['ID']['input'];
};


export type MutationRegisterTalentArgs = {
  input: RegisterTalentInput;
};


export type MutationUpdateTalentArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTalentInput;
};

/** Relay page information, shared by every connection in the graph. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * Expert-pool coverage of the prefectures and counties under a region. The coordination subgraph
 * owns the region tree and returns the entity with the codes of the areas under the region; this
 * subgraph owns the pools and adds the coverage, given those codes through @requires: one indexed
 * `$in` query over the pools of every area per request (the `poolsByRegionCode` loader). Neither
 * subgraph could answer alone, and this way no list of areas or pools crosses more than once.
 */
export type PoolCoverage = {
  __typename?: 'PoolCoverage';
  areaCodes: Array<Scalars['ID']['output']>;
  /**
   * Every prefecture and county under the region with the pools registered there (needs
   * stats:read): gaps first (no pool at all), then areas missing a sector, then covered ones, each
   * group in code order (a prefecture before its counties).
   */
  areas: Array<PoolCoverageArea>;
  regionCode: Scalars['ID']['output'];
  /** Pools registered at the region itself, e.g. a province's own pools (needs stats:read). */
  regionPools: Array<ExpertPool>;
  /** How many areas have no pool, some sectors or every sector (needs stats:read). */
  summary: PoolCoverageSummary;
};

/** One prefecture or county and the pools registered at it (not those above or below it). */
export type PoolCoverageArea = {
  __typename?: 'PoolCoverageArea';
  /** Sectors no pool of the area covers, in enum order. */
  missingSectors: Array<Sector>;
  pools: Array<ExpertPool>;
  region: Region;
  /** Sectors some pool of the area covers, in enum order. */
  sectors: Array<Sector>;
  status: PoolCoverageStatus;
};

export type PoolCoverageStatus =
  /** Pools cover agriculture, industry and services. */
  | 'FULL'
  /** No pool is registered at the area: a gap. */
  | 'NONE'
  /** Pools cover some sectors, not all three. */
  | 'PARTIAL';

export type PoolCoverageSummary = {
  __typename?: 'PoolCoverageSummary';
  areas: Scalars['Int']['output'];
  full: Scalars['Int']['output'];
  none: Scalars['Int']['output'];
  partial: Scalars['Int']['output'];
};

export type PoolLevel =
  | 'CITY'
  | 'COUNTY'
  | 'PROVINCE';

/**
 * Expert pools (专家人才库): talents, the pools they serve in, and the GB/T 13745 disciplines
 * that classify them. The talent profile follows GB/T 35397-2017.
 */
export type Query = {
  __typename?: 'Query';
  /**
   * Processing records about your region's talents, or made by your region, oldest first (needs
   * audit:read): reads of personal data by other regions and every write.
   */
  auditEvents: AuditEventConnection;
  /** The GB/T 13745 first-level disciplines. */
  disciplines: Array<Discipline>;
  /** One expert pool by id. */
  expertPool: Maybe<ExpertPool>;
  /** Expert pools, optionally of one region (a pool at or under it) and covering one sector. */
  expertPools: Array<ExpertPool>;
  /** One talent by id; null when it does not exist. */
  talent: Maybe<Talent>;
  /**
   * Where talents belong, for projects and coordination to check a write against the real owner
   * (needs the talent:locate scope of the owner-lookup token the gateway gives them with a
   * mutation; not in the client API): for each id, in order, the talent's home province when the
   * caller may see it under the sharing rules, else null. At most 100 ids.
   */
  talentOwners: Array<Maybe<TalentOwner>>;
  /**
   * Counts of the talents your province may see under the sharing rules (needs stats:read), grouped
   * by one to three dimensions and optionally filtered; a talent with several disciplines or sectors
   * counts once in each. Computed in the store by one aggregation pipeline: no talent leaves it.
   *
   * Privacy (README, "Privacy: what an aggregate can tell"): your own province's talents are counted
   * exactly. Other provinces' talents are published only in groups of at least `minGroupSize`
   * (HUB_STATS_MIN_GROUP, default 5), rounded to a multiple of HUB_STATS_ROUNDING_BASE (default 5)
   * by consistent random rounding: the same talents always give the same answer, and totals are
   * rounded on their own, so subtracting cells from a total does not give a hidden group back. A
   * group with fewer (possibly none) is suppressed (`count` null) when it holds talents of your own
   * province and left out otherwise, exactly like an empty group. Filtering by `text`, `skill` or
   * `pool` needs talent:read too (FORBIDDEN otherwise: such filters could locate a person). Cached
   * for 60 s per calling province.
   */
  talentStats: TalentStats;
  /** Talents matching the filter, in id order. `first` is at most 100 (default 20); `after` is an opaque cursor. */
  talents: TalentConnection;
  /** Recomputes the audit hash chains (needs audit:read); each subgraph reports on its own chain. */
  verifyAuditChain: AuditVerification;
};


/**
 * Expert pools (专家人才库): talents, the pools they serve in, and the GB/T 13745 disciplines
 * that classify them. The talent profile follows GB/T 35397-2017.
 */
export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  talentId?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Expert pools (专家人才库): talents, the pools they serve in, and the GB/T 13745 disciplines
 * that classify them. The talent profile follows GB/T 35397-2017.
 */
export type QueryExpertPoolArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Expert pools (专家人才库): talents, the pools they serve in, and the GB/T 13745 disciplines
 * that classify them. The talent profile follows GB/T 35397-2017.
 */
export type QueryExpertPoolsArgs = {
  region?: InputMaybe<Scalars['ID']['input']>;
  sector?: InputMaybe<Sector>;
};


/**
 * Expert pools (专家人才库): talents, the pools they serve in, and the GB/T 13745 disciplines
 * that classify them. The talent profile follows GB/T 35397-2017.
 */
export type QueryTalentArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Expert pools (专家人才库): talents, the pools they serve in, and the GB/T 13745 disciplines
 * that classify them. The talent profile follows GB/T 35397-2017.
 */
export type QueryTalentOwnersArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/**
 * Expert pools (专家人才库): talents, the pools they serve in, and the GB/T 13745 disciplines
 * that classify them. The talent profile follows GB/T 35397-2017.
 */
export type QueryTalentStatsArgs = {
  filter?: InputMaybe<TalentFilter>;
  groupBy: Array<TalentDimension>;
};


/**
 * Expert pools (专家人才库): talents, the pools they serve in, and the GB/T 13745 disciplines
 * that classify them. The talent profile follows GB/T 35397-2017.
 */
export type QueryTalentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TalentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A province, prefecture or county, owned by the coordination subgraph and referenced here by its GB/T 2260 code. */
export type Region = {
  __typename?: 'Region';
  code: Scalars['ID']['output'];
};

export type RegisterTalentInput = {
  availability?: Availability;
  birthYear: Scalars['Int']['input'];
  careerStage: CareerStage;
  consent?: InputMaybe<ConsentInput>;
  contact?: InputMaybe<ContactInput>;
  degree: Degree;
  disciplineCodes: Array<Scalars['ID']['input']>;
  externalIds?: Array<ExternalIdInput>;
  gender: Gender;
  /** GB/T 2260 code of the home province, e.g. 510000. */
  homeRegion: Scalars['ID']['input'];
  hukouRegion?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  organization: Scalars['String']['input'];
  sectors: Array<Sector>;
  sharing?: SharingLevel;
  skills?: Array<Scalars['String']['input']>;
  source: Scalars['String']['input'];
  title: Scalars['String']['input'];
};

export type RegisterTalentPayload = {
  __typename?: 'RegisterTalentPayload';
  talent: Talent;
};

export type Sector =
  | 'AGRICULTURE'
  | 'INDUSTRY'
  | 'SERVICES';

/** Who beyond the home region may see the talent's professional profile. */
export type SharingLevel =
  /** Regions bound to the home region by a cooperation agreement in force that covers the talent's sectors or disciplines. */
  | 'AGREEMENT'
  /** Every region. */
  | 'NATIONAL'
  /** Only the home region. */
  | 'PRIVATE';

/** An expert registered in a provincial talent database. */
export type Talent = {
  __typename?: 'Talent';
  availability: Availability;
  /** Personal: for another region only under an agreement that allows contact sharing, with consent and a declared purpose. */
  birthYear: Maybe<Scalars['Int']['output']>;
  careerStage: CareerStage;
  /** The talent's consent to providing personal information to other handlers (home region only). */
  consent: Maybe<Consent>;
  /** Personal: see birthYear. The home region needs the talent:contact scope. */
  contact: Maybe<Contact>;
  /** Highest degree. */
  degree: Degree;
  disciplines: Array<Discipline>;
  /** Identifiers in other schemes, e.g. ORCID. Personal: see birthYear (null with FORBIDDEN on the path when refused). */
  externalIds: Maybe<Array<ExternalId>>;
  gender: Gender;
  /** The province whose talent office stewards this record. */
  homeRegion: Region;
  /** Household registration (户籍), when recorded. Personal: see birthYear. */
  hukouRegion: Maybe<Region>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  organization: Scalars['String']['output'];
  pools: Array<ExpertPool>;
  sectors: Array<Sector>;
  sharing: SharingLevel;
  skills: Array<Scalars['String']['output']>;
  /** The system that recorded the profile (data source element of GB/T 35397). */
  source: Scalars['String']['output'];
  /** Professional title (职称), e.g. 研究员, 正高级工程师. */
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type TalentConnection = {
  __typename?: 'TalentConnection';
  edges: Array<TalentEdge>;
  pageInfo: PageInfo;
  /** How many talents match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** What talentStats can group talents by. */
export type TalentDimension =
  | 'AVAILABILITY'
  | 'CAREER_STAGE'
  /** GB/T 13745 discipline; a talent counts once per discipline. */
  | 'DISCIPLINE'
  /** Home province (GB/T 2260); the key carries the Region, whose name the coordination subgraph gives. */
  | 'REGION'
  /** Sector (农业, 工业, 服务业); a talent counts once per sector. */
  | 'SECTOR'
  /** Professional title (职称) as recorded. */
  | 'TITLE';

export type TalentEdge = {
  __typename?: 'TalentEdge';
  cursor: Scalars['String']['output'];
  node: Talent;
};

export type TalentFilter = {
  availability?: InputMaybe<Availability>;
  careerStage?: InputMaybe<CareerStage>;
  /** GB/T 13745 discipline code. */
  discipline?: InputMaybe<Scalars['ID']['input']>;
  /** GB/T 2260 code of the home province. */
  homeRegion?: InputMaybe<Scalars['ID']['input']>;
  /** Members of this expert pool. */
  pool?: InputMaybe<Scalars['ID']['input']>;
  sector?: InputMaybe<Sector>;
  /** Exact skill keyword. */
  skill?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive text in name, organisation or skills (at most 50 characters). */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** Where a talent belongs, as its owner records it (see Query.talentOwners). */
export type TalentOwner = {
  __typename?: 'TalentOwner';
  /** GB/T 2260 code of the home province. */
  homeRegion: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
};

/** Talent counts grouped by dimensions, under the sharing rules and small-group suppression (see Query.talentStats). */
export type TalentStats = {
  __typename?: 'TalentStats';
  /** The dimensions grouped by, in the order asked; every group has one key per dimension, in this order. */
  groupBy: Array<TalentDimension>;
  /** The groups that may be shown (see Query.talentStats), largest published count first (suppressed ones last), then in key order. */
  groups: Array<TalentStatsGroup>;
  /** Groups with fewer than this many (possibly none) of other provinces' talents are suppressed or left out. */
  minGroupSize: Scalars['Int']['output'];
  /** Your own province's talents among them (exact). */
  ownRegionTotal: Scalars['Int']['output'];
  /** How many of the groups shown are suppressed (groups left out are not counted: that would tell small from empty). */
  suppressedGroups: Scalars['Int']['output'];
  /** Talents matching, each counted once (other provinces' part rounded); null when other provinces' part is under minGroupSize. */
  total: Maybe<Scalars['Int']['output']>;
};

/** One group: a combination of dimension values and how many talents have it. */
export type TalentStatsGroup = {
  __typename?: 'TalentStatsGroup';
  /** Talents in the group: your own exactly plus other provinces' rounded to a multiple of HUB_STATS_ROUNDING_BASE; null when suppressed. */
  count: Maybe<Scalars['Int']['output']>;
  keys: Array<TalentStatsKey>;
  /** Your own province's talents in the group: exact even when the group is suppressed. */
  ownRegionCount: Scalars['Int']['output'];
  /** True when the group holds too few (possibly no) talents of other provinces to be shown; only your own part is given (see Query.talentStats). */
  suppressed: Scalars['Boolean']['output'];
};

/** The value of one dimension for a group. */
export type TalentStatsKey = {
  __typename?: 'TalentStatsKey';
  dimension: TalentDimension;
  /** The value in Chinese (学科 name, 农业, 领军人才, ...); null for REGION keys, whose `region { name }` the coordination subgraph gives. */
  label: Maybe<Scalars['String']['output']>;
  /** REGION keys only: the province. */
  region: Maybe<Region>;
  /** The stored value: a GB/T 2260 or GB/T 13745 code, an enum name (SECTOR, CAREER_STAGE, AVAILABILITY) or the title; null when not recorded. */
  value: Maybe<Scalars['String']['output']>;
};

export type UpdateTalentInput = {
  availability?: InputMaybe<Availability>;
  careerStage?: InputMaybe<CareerStage>;
  consent?: InputMaybe<ConsentInput>;
  contact?: InputMaybe<ContactInput>;
  disciplineCodes?: InputMaybe<Array<Scalars['ID']['input']>>;
  externalIds?: InputMaybe<Array<ExternalIdInput>>;
  hukouRegion?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  organization?: InputMaybe<Scalars['String']['input']>;
  sectors?: InputMaybe<Array<Sector>>;
  sharing?: InputMaybe<SharingLevel>;
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateTalentPayload = {
  __typename?: 'UpdateTalentPayload';
  talent: Talent;
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
  Award: Award;
  Discipline: Discipline;
  Engagement: Engagement;
  ExpertPool: ExpertPool;
  PoolCoverage: PoolCoverage;
  Talent: Talent;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  AuditVerification:
    ( { __typename: 'AuditVerification' }
    & GraphQLRecursivePick<FederationTypes['AuditVerification'], {"id":true}> );
  Award:
    ( { __typename: 'Award' }
    & GraphQLRecursivePick<FederationTypes['Award'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Award'], {"talentId":true}> ) );
  Discipline:
    ( { __typename: 'Discipline' }
    & GraphQLRecursivePick<FederationTypes['Discipline'], {"code":true}> );
  Engagement:
    ( { __typename: 'Engagement' }
    & GraphQLRecursivePick<FederationTypes['Engagement'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Engagement'], {"talentId":true}> ) );
  ExpertPool:
    ( { __typename: 'ExpertPool' }
    & GraphQLRecursivePick<FederationTypes['ExpertPool'], {"id":true}> );
  PoolCoverage:
    ( { __typename: 'PoolCoverage' }
    & GraphQLRecursivePick<FederationTypes['PoolCoverage'], {"regionCode":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['PoolCoverage'], {"areaCodes":true}>
        | GraphQLRecursivePick<FederationTypes['PoolCoverage'], {"areaCodes":true}>
        | GraphQLRecursivePick<FederationTypes['PoolCoverage'], {"areaCodes":true}> ) );
  Talent:
    ( { __typename: 'Talent' }
    & GraphQLRecursivePick<FederationTypes['Talent'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddTalentToPoolPayload: ResolverTypeWrapper<Omit<AddTalentToPoolPayload, 'pool' | 'talent'> & { pool: ResolversTypes['ExpertPool'], talent: ResolversTypes['Talent'] }>;
  AuditAction: AuditAction;
  AuditChainReport: ResolverTypeWrapper<AuditChainReport>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AuditCheckpoint: ResolverTypeWrapper<AuditCheckpoint>;
  AuditCheckpointInput: AuditCheckpointInput;
  AuditEvent: ResolverTypeWrapper<AuditEventMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEventConnection: ResolverTypeWrapper<AuditEventConnectionMapper>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditProblem: AuditProblem;
  AuditSigningKey: ResolverTypeWrapper<AuditSigningKey>;
  AuditVerification: ResolverTypeWrapper<AuditVerificationMapper>;
  Availability: Availability;
  Award: ResolverTypeWrapper<AwardMapper>;
  CacheControlScope: CacheControlScope;
  CareerStage: CareerStage;
  Consent: ResolverTypeWrapper<Consent>;
  ConsentInput: ConsentInput;
  Contact: ResolverTypeWrapper<Contact>;
  ContactInput: ContactInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Degree: Degree;
  Discipline: ResolverTypeWrapper<DisciplineMapper>;
  Engagement: ResolverTypeWrapper<EngagementMapper>;
  ExpertPool: ResolverTypeWrapper<ExpertPoolMapper>;
  ExternalId: ResolverTypeWrapper<ExternalId>;
  ExternalIdInput: ExternalIdInput;
  Gender: Gender;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PoolCoverage: ResolverTypeWrapper<PoolCoverageMapper>;
  PoolCoverageArea: ResolverTypeWrapper<Omit<PoolCoverageArea, 'pools' | 'region'> & { pools: Array<ResolversTypes['ExpertPool']>, region: ResolversTypes['Region'] }>;
  PoolCoverageStatus: PoolCoverageStatus;
  PoolCoverageSummary: ResolverTypeWrapper<PoolCoverageSummary>;
  PoolLevel: PoolLevel;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Region: ResolverTypeWrapper<RegionMapper>;
  RegisterTalentInput: RegisterTalentInput;
  RegisterTalentPayload: ResolverTypeWrapper<Omit<RegisterTalentPayload, 'talent'> & { talent: ResolversTypes['Talent'] }>;
  Sector: Sector;
  SharingLevel: SharingLevel;
  Talent: ResolverTypeWrapper<TalentMapper>;
  TalentConnection: ResolverTypeWrapper<TalentConnectionMapper>;
  TalentDimension: TalentDimension;
  TalentEdge: ResolverTypeWrapper<Omit<TalentEdge, 'node'> & { node: ResolversTypes['Talent'] }>;
  TalentFilter: TalentFilter;
  TalentOwner: ResolverTypeWrapper<TalentOwner>;
  TalentStats: ResolverTypeWrapper<Omit<TalentStats, 'groups'> & { groups: Array<ResolversTypes['TalentStatsGroup']> }>;
  TalentStatsGroup: ResolverTypeWrapper<Omit<TalentStatsGroup, 'keys'> & { keys: Array<ResolversTypes['TalentStatsKey']> }>;
  TalentStatsKey: ResolverTypeWrapper<TalentStatsKeyMapper>;
  UpdateTalentInput: UpdateTalentInput;
  UpdateTalentPayload: ResolverTypeWrapper<Omit<UpdateTalentPayload, 'talent'> & { talent: ResolversTypes['Talent'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddTalentToPoolPayload: Omit<AddTalentToPoolPayload, 'pool' | 'talent'> & { pool: ResolversParentTypes['ExpertPool'], talent: ResolversParentTypes['Talent'] };
  AuditChainReport: AuditChainReport;
  String: Scalars['String']['output'];
  AuditCheckpoint: AuditCheckpoint;
  AuditCheckpointInput: AuditCheckpointInput;
  AuditEvent: AuditEventMapper;
  ID: Scalars['ID']['output'];
  AuditEventConnection: AuditEventConnectionMapper;
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditSigningKey: AuditSigningKey;
  AuditVerification: AuditVerificationMapper;
  Award: AwardMapper;
  Consent: Consent;
  ConsentInput: ConsentInput;
  Contact: Contact;
  ContactInput: ContactInput;
  DateTime: Scalars['DateTime']['output'];
  Discipline: DisciplineMapper;
  Engagement: EngagementMapper;
  ExpertPool: ExpertPoolMapper;
  ExternalId: ExternalId;
  ExternalIdInput: ExternalIdInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PoolCoverage: PoolCoverageMapper;
  PoolCoverageArea: Omit<PoolCoverageArea, 'pools' | 'region'> & { pools: Array<ResolversParentTypes['ExpertPool']>, region: ResolversParentTypes['Region'] };
  PoolCoverageSummary: PoolCoverageSummary;
  Query: Record<PropertyKey, never>;
  Region: RegionMapper;
  RegisterTalentInput: RegisterTalentInput;
  RegisterTalentPayload: Omit<RegisterTalentPayload, 'talent'> & { talent: ResolversParentTypes['Talent'] };
  Talent: TalentMapper;
  TalentConnection: TalentConnectionMapper;
  TalentEdge: Omit<TalentEdge, 'node'> & { node: ResolversParentTypes['Talent'] };
  TalentFilter: TalentFilter;
  TalentOwner: TalentOwner;
  TalentStats: Omit<TalentStats, 'groups'> & { groups: Array<ResolversParentTypes['TalentStatsGroup']> };
  TalentStatsGroup: Omit<TalentStatsGroup, 'keys'> & { keys: Array<ResolversParentTypes['TalentStatsKey']> };
  TalentStatsKey: TalentStatsKeyMapper;
  UpdateTalentInput: UpdateTalentInput;
  UpdateTalentPayload: Omit<UpdateTalentPayload, 'talent'> & { talent: ResolversParentTypes['Talent'] };
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
};

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = ExpertsContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AddTalentToPoolPayloadResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['AddTalentToPoolPayload'] = ResolversParentTypes['AddTalentToPoolPayload']> = {
  pool?: Resolver<ResolversTypes['ExpertPool'], ParentType, ContextType>;
  talent?: Resolver<ResolversTypes['Talent'], ParentType, ContextType>;
};

export type AuditChainReportResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['AuditChainReport'] = ResolversParentTypes['AuditChainReport']> = {
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

export type AuditCheckpointResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['AuditCheckpoint'] = ResolversParentTypes['AuditCheckpoint']> = {
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  headHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subgraph?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
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

export type AuditEventConnectionResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditEventEdgeResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
};

export type AuditSigningKeyResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['AuditSigningKey'] = ResolversParentTypes['AuditSigningKey']> = {
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publicKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditVerificationResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['AuditVerification'] = ResolversParentTypes['AuditVerification'], FederationReferenceType extends FederationReferenceTypes['AuditVerification'] = FederationReferenceTypes['AuditVerification']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AuditVerification']> | FederationReferenceType, FederationReferenceType, ContextType>;
  experts?: Resolver<ResolversTypes['AuditChainReport'], ParentType, ContextType, Partial<AuditVerificationExpertsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type AwardResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['Award'] = ResolversParentTypes['Award'], FederationReferenceType extends FederationReferenceTypes['Award'] = FederationReferenceTypes['Award']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Award']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  talent?: Resolver<Maybe<ResolversTypes['Talent']>, ParentType, ContextType>;
};

export type ConsentResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['Consent'] = ResolversParentTypes['Consent']> = {
  consentedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  contactSharing?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  purposes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ContactResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['Contact'] = ResolversParentTypes['Contact']> = {
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DisciplineResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['Discipline'] = ResolversParentTypes['Discipline'], FederationReferenceType extends FederationReferenceTypes['Discipline'] = FederationReferenceTypes['Discipline']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Discipline']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EngagementResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['Engagement'] = ResolversParentTypes['Engagement'], FederationReferenceType extends FederationReferenceTypes['Engagement'] = FederationReferenceTypes['Engagement']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Engagement']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  talent?: Resolver<Maybe<ResolversTypes['Talent']>, ParentType, ContextType>;
};

export type ExpertPoolResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['ExpertPool'] = ResolversParentTypes['ExpertPool'], FederationReferenceType extends FederationReferenceTypes['ExpertPool'] = FederationReferenceTypes['ExpertPool']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ExpertPool']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['PoolLevel'], ParentType, ContextType>;
  members?: Resolver<ResolversTypes['TalentConnection'], ParentType, ContextType, RequireFields<ExpertPoolMembersArgs, 'first'>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  sectors?: Resolver<Array<ResolversTypes['Sector']>, ParentType, ContextType>;
};

export type ExternalIdResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['ExternalId'] = ResolversParentTypes['ExternalId']> = {
  scheme?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addTalentToPool?: Resolver<ResolversTypes['AddTalentToPoolPayload'], ParentType, ContextType, RequireFields<MutationAddTalentToPoolArgs, 'poolId' | 'talentId'>>;
  registerTalent?: Resolver<ResolversTypes['RegisterTalentPayload'], ParentType, ContextType, RequireFields<MutationRegisterTalentArgs, 'input'>>;
  updateTalent?: Resolver<ResolversTypes['UpdateTalentPayload'], ParentType, ContextType, RequireFields<MutationUpdateTalentArgs, 'id' | 'input'>>;
};

export type PageInfoResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PoolCoverageResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['PoolCoverage'] = ResolversParentTypes['PoolCoverage'], FederationReferenceType extends FederationReferenceTypes['PoolCoverage'] = FederationReferenceTypes['PoolCoverage']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PoolCoverage']> | FederationReferenceType, FederationReferenceType, ContextType>;
  areas?: Resolver<Array<ResolversTypes['PoolCoverageArea']>, ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  regionPools?: Resolver<Array<ResolversTypes['ExpertPool']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['PoolCoverageSummary'], ParentType, ContextType>;
};

export type PoolCoverageAreaResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['PoolCoverageArea'] = ResolversParentTypes['PoolCoverageArea']> = {
  missingSectors?: Resolver<Array<ResolversTypes['Sector']>, ParentType, ContextType>;
  pools?: Resolver<Array<ResolversTypes['ExpertPool']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  sectors?: Resolver<Array<ResolversTypes['Sector']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PoolCoverageStatus'], ParentType, ContextType>;
};

export type PoolCoverageSummaryResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['PoolCoverageSummary'] = ResolversParentTypes['PoolCoverageSummary']> = {
  areas?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  full?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  none?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  partial?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditEvents?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, RequireFields<QueryAuditEventsArgs, 'first'>>;
  disciplines?: Resolver<Array<ResolversTypes['Discipline']>, ParentType, ContextType>;
  expertPool?: Resolver<Maybe<ResolversTypes['ExpertPool']>, ParentType, ContextType, RequireFields<QueryExpertPoolArgs, 'id'>>;
  expertPools?: Resolver<Array<ResolversTypes['ExpertPool']>, ParentType, ContextType, Partial<QueryExpertPoolsArgs>>;
  talent?: Resolver<Maybe<ResolversTypes['Talent']>, ParentType, ContextType, RequireFields<QueryTalentArgs, 'id'>>;
  talentOwners?: Resolver<Array<Maybe<ResolversTypes['TalentOwner']>>, ParentType, ContextType, RequireFields<QueryTalentOwnersArgs, 'ids'>>;
  talentStats?: Resolver<ResolversTypes['TalentStats'], ParentType, ContextType, RequireFields<QueryTalentStatsArgs, 'groupBy'>>;
  talents?: Resolver<ResolversTypes['TalentConnection'], ParentType, ContextType, RequireFields<QueryTalentsArgs, 'first'>>;
  verifyAuditChain?: Resolver<ResolversTypes['AuditVerification'], ParentType, ContextType>;
};

export type RegionResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RegisterTalentPayloadResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['RegisterTalentPayload'] = ResolversParentTypes['RegisterTalentPayload']> = {
  talent?: Resolver<ResolversTypes['Talent'], ParentType, ContextType>;
};

export type TalentResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['Talent'] = ResolversParentTypes['Talent'], FederationReferenceType extends FederationReferenceTypes['Talent'] = FederationReferenceTypes['Talent']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Talent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  availability?: Resolver<ResolversTypes['Availability'], ParentType, ContextType>;
  birthYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  careerStage?: Resolver<ResolversTypes['CareerStage'], ParentType, ContextType>;
  consent?: Resolver<Maybe<ResolversTypes['Consent']>, ParentType, ContextType>;
  contact?: Resolver<Maybe<ResolversTypes['Contact']>, ParentType, ContextType>;
  degree?: Resolver<ResolversTypes['Degree'], ParentType, ContextType>;
  disciplines?: Resolver<Array<ResolversTypes['Discipline']>, ParentType, ContextType>;
  externalIds?: Resolver<Maybe<Array<ResolversTypes['ExternalId']>>, ParentType, ContextType>;
  gender?: Resolver<ResolversTypes['Gender'], ParentType, ContextType>;
  homeRegion?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  hukouRegion?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pools?: Resolver<Array<ResolversTypes['ExpertPool']>, ParentType, ContextType>;
  sectors?: Resolver<Array<ResolversTypes['Sector']>, ParentType, ContextType>;
  sharing?: Resolver<ResolversTypes['SharingLevel'], ParentType, ContextType>;
  skills?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type TalentConnectionResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['TalentConnection'] = ResolversParentTypes['TalentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TalentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TalentEdgeResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['TalentEdge'] = ResolversParentTypes['TalentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Talent'], ParentType, ContextType>;
};

export type TalentOwnerResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['TalentOwner'] = ResolversParentTypes['TalentOwner']> = {
  homeRegion?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TalentStatsResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['TalentStats'] = ResolversParentTypes['TalentStats']> = {
  groupBy?: Resolver<Array<ResolversTypes['TalentDimension']>, ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['TalentStatsGroup']>, ParentType, ContextType>;
  minGroupSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ownRegionTotal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suppressedGroups?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type TalentStatsGroupResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['TalentStatsGroup'] = ResolversParentTypes['TalentStatsGroup']> = {
  count?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  keys?: Resolver<Array<ResolversTypes['TalentStatsKey']>, ParentType, ContextType>;
  ownRegionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  suppressed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type TalentStatsKeyResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['TalentStatsKey'] = ResolversParentTypes['TalentStatsKey']> = {
  dimension?: Resolver<ResolversTypes['TalentDimension'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UpdateTalentPayloadResolvers<ContextType = ExpertsContext, ParentType extends ResolversParentTypes['UpdateTalentPayload'] = ResolversParentTypes['UpdateTalentPayload']> = {
  talent?: Resolver<ResolversTypes['Talent'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ExpertsContext> = {
  AddTalentToPoolPayload?: AddTalentToPoolPayloadResolvers<ContextType>;
  AuditChainReport?: AuditChainReportResolvers<ContextType>;
  AuditCheckpoint?: AuditCheckpointResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  AuditSigningKey?: AuditSigningKeyResolvers<ContextType>;
  AuditVerification?: AuditVerificationResolvers<ContextType>;
  Award?: AwardResolvers<ContextType>;
  Consent?: ConsentResolvers<ContextType>;
  Contact?: ContactResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Discipline?: DisciplineResolvers<ContextType>;
  Engagement?: EngagementResolvers<ContextType>;
  ExpertPool?: ExpertPoolResolvers<ContextType>;
  ExternalId?: ExternalIdResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PoolCoverage?: PoolCoverageResolvers<ContextType>;
  PoolCoverageArea?: PoolCoverageAreaResolvers<ContextType>;
  PoolCoverageSummary?: PoolCoverageSummaryResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  RegisterTalentPayload?: RegisterTalentPayloadResolvers<ContextType>;
  Talent?: TalentResolvers<ContextType>;
  TalentConnection?: TalentConnectionResolvers<ContextType>;
  TalentEdge?: TalentEdgeResolvers<ContextType>;
  TalentOwner?: TalentOwnerResolvers<ContextType>;
  TalentStats?: TalentStatsResolvers<ContextType>;
  TalentStatsGroup?: TalentStatsGroupResolvers<ContextType>;
  TalentStatsKey?: TalentStatsKeyResolvers<ContextType>;
  UpdateTalentPayload?: UpdateTalentPayloadResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = ExpertsContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
