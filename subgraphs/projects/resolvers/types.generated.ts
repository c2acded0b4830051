import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TalentProgramMapper, AwardMapper, ChallengeMapper, AwardConnectionMapper, TalentMapper, RegionMapper, ProgramTargetMapper, AuditVerificationMapper, ProgramProgressMapper, AuditEventMapper, AuditEventConnectionMapper } from '../schema.mappers.ts';
import type { ProjectsContext } from '../context.ts';
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
  id: Scalars['ID']['output'];
  /** The projects chain: every write in this subgraph (needs audit:read). */
  projects: Maybe<AuditChainReport>;
};


/** Verification of the hub's audit chains; every subgraph that keeps one adds its report. */
export type AuditVerificationProjectsArgs = {
  checkpoints?: InputMaybe<Array<AuditCheckpointInput>>;
};

/** Support a talent received from a programme. */
export type Award = {
  __typename?: 'Award';
  /** Amount of support in yuan (CNY). */
  amount: Scalars['Int']['output'];
  /** Programme-specific category counted by targets, e.g. INTRODUCED. */
  category: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  program: TalentProgram;
  /** Who received it. Resolved by the experts subgraph from `talentId` under the sharing rules: null when the caller may not see that talent. */
  talentId: Scalars['ID']['output'];
  year: Scalars['Int']['output'];
};

export type AwardConnection = {
  __typename?: 'AwardConnection';
  edges: Array<AwardEdge>;
  pageInfo: PageInfo;
  /** How many awards the programme has, over all pages. */
  totalCount: Scalars['Int']['output'];
};

export type AwardEdge = {
  __typename?: 'AwardEdge';
  cursor: Scalars['String']['output'];
  node: Award;
};

export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/** An open challenge (揭榜挂帅): a problem a region publishes with a reward for whoever solves it. */
export type Challenge = {
  __typename?: 'Challenge';
  deadline: Scalars['LocalDate']['output'];
  id: Scalars['ID']['output'];
  /** The programme the challenge is published under, if any. */
  program: Maybe<TalentProgram>;
  /** The region that published the challenge. */
  region: Region;
  /** Reward in yuan (CNY). */
  reward: Scalars['Int']['output'];
  sector: Sector;
  status: ChallengeStatus;
  title: Scalars['String']['output'];
};

export type ChallengeStatus =
  | 'AWARDED'
  | 'CLOSED'
  | 'OPEN';

export type CreateProgramInput = {
  description?: Scalars['String']['input'];
  kind: ProgramKind;
  name: Scalars['String']['input'];
  /** GB/T 2260 code of the owning region, e.g. 630000 or 360100. */
  ownerRegion: Scalars['ID']['input'];
  period: PeriodInput;
  targets?: Array<ProgramTargetInput>;
};

export type CreateProgramPayload = {
  __typename?: 'CreateProgramPayload';
  program: TalentProgram;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Creates a talent programme owned by a region. */
  createProgram: CreateProgramPayload;
  /** Publishes an open challenge (揭榜挂帅); it starts OPEN. */
  publishChallenge: PublishChallengePayload;
  /** Records that a talent received support from a programme in a year inside its period. */
  recordAward: RecordAwardPayload;
};


export type MutationCreateProgramArgs = {
  input: CreateProgramInput;
};


export type MutationPublishChallengeArgs = {
  input: PublishChallengeInput;
};


export type MutationRecordAwardArgs = {
  input: RecordAwardInput;
};

/** Relay page information, shared by every connection in the graph. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A span of calendar days, both ends included. */
export type Period = {
  __typename?: 'Period';
  end: Scalars['LocalDate']['output'];
  start: Scalars['LocalDate']['output'];
};

export type PeriodInput = {
  end: Scalars['LocalDate']['input'];
  start: Scalars['LocalDate']['input'];
};

export type ProgramKind =
  | 'INNOVATION_ENTREPRENEURSHIP'
  /** Introduction of high-level talent, e.g. 高端创新创业人才. */
  | 'INTRODUCTION'
  /** Open challenges (揭榜挂帅). */
  | 'OPEN_CHALLENGE'
  /** A package of policies, e.g. 南昌人才10条. */
  | 'POLICY_PACKAGE'
  /** A scholar title, e.g. 青海学者. */
  | 'SCHOLAR'
  /** Dedicated staffing positions (编制池). */
  | 'STAFFING_POOL'
  | 'TRAINING';

/** A programme against its targets, for progress bars. */
export type ProgramProgress = {
  __typename?: 'ProgramProgress';
  program: TalentProgram;
  /** Share of the whole programme done, 0 to 1: achieved over target summed over its targets, each counted up to its target; 0 without targets. */
  share: Scalars['Float']['output'];
  status: ProgramProgressStatus;
  /** The programme's targets with what each has achieved (ProgramTarget.achieved and share). */
  targets: Array<ProgramTarget>;
  /** Share of the programme's period gone by today (China Standard Time), 0 to 1, both ends of the period included. */
  timeElapsed: Scalars['Float']['output'];
};

/** Where a programme stands. */
export type ProgramProgressStatus =
  /** Every target is reached. */
  | 'ACHIEVED'
  /** The share done is behind the share of time gone by. */
  | 'BEHIND'
  /** The period is over and some target was not reached. */
  | 'ENDED'
  /** Its period has not begun. */
  | 'NOT_STARTED'
  /** The share done is at least the share of time gone by. */
  | 'ON_TRACK';

/** A goal of a programme and how far it has come. */
export type ProgramTarget = {
  __typename?: 'ProgramTarget';
  /** Awards counted so far (AWARDS) or the reported figure (REPORTED). */
  achieved: Scalars['Int']['output'];
  /** For AWARDS targets: only awards of this category count; null counts every award. */
  awardCategory: Maybe<Scalars['String']['output']>;
  label: Scalars['String']['output'];
  /** Upper-case metric code, e.g. INTRODUCED_TALENTS. */
  metric: Scalars['String']['output'];
  /** achieved / target; 0 when the target is 0. */
  share: Scalars['Float']['output'];
  source: TargetSource;
  target: Scalars['Int']['output'];
  unit: Scalars['String']['output'];
};

export type ProgramTargetInput = {
  /** Only for AWARDS targets: count only awards of this category. */
  awardCategory?: InputMaybe<Scalars['String']['input']>;
  label: Scalars['String']['input'];
  /** Upper-case metric code, e.g. INTRODUCED_TALENTS. */
  metric: Scalars['String']['input'];
  /** Only for REPORTED targets: the figure reported so far (default 0). */
  reported?: InputMaybe<Scalars['Int']['input']>;
  source: TargetSource;
  target: Scalars['Int']['input'];
  unit: Scalars['String']['input'];
};

export type PublishChallengeInput = {
  deadline: Scalars['LocalDate']['input'];
  /** The programme to publish the challenge under (optional). */
  programId?: InputMaybe<Scalars['ID']['input']>;
  /** GB/T 2260 code of the publishing region. */
  region: Scalars['ID']['input'];
  /** Reward in yuan (CNY). */
  reward: Scalars['Int']['input'];
  sector: Sector;
  title: Scalars['String']['input'];
};

export type PublishChallengePayload = {
  __typename?: 'PublishChallengePayload';
  challenge: Challenge;
};

/**
 * Talent projects (人才项目): programmes run by a region's talent office, their targets and
 * the awards that count towards them, and open challenges (揭榜挂帅).
 */
export type Query = {
  __typename?: 'Query';
  /** One award by id; null when it does not exist. */
  award: Maybe<Award>;
  /** One challenge by id; null when it does not exist. */
  challenge: Maybe<Challenge>;
  /** Challenges by deadline (earliest first), optionally published at or under one region and in one status. */
  challenges: Array<Challenge>;
  /** One programme by id; null when it does not exist. */
  program: Maybe<TalentProgram>;
  /**
   * How each programme owned at or under `region` (and of `kind`) stands against its targets
   * (needs stats:read), in id order: what each target has achieved, the share done and the share of
   * the programme's period gone by today (China Standard Time). Cached for 5 minutes.
   */
  programProgress: Array<ProgramProgress>;
  /** Programmes in id order, optionally owned at or under one region and of one kind. */
  programs: Array<TalentProgram>;
  /**
   * Processing records of this subgraph: every write of programmes, awards and challenges, made by your region or
   * about a talent, oldest first (needs audit:read). Experts' records are in Query.auditEvents.
   */
  projectsAuditEvents: AuditEventConnection;
};


/**
 * Talent projects (人才项目): programmes run by a region's talent office, their targets and
 * the awards that count towards them, and open challenges (揭榜挂帅).
 */
export type QueryAwardArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Talent projects (人才项目): programmes run by a region's talent office, their targets and
 * the awards that count towards them, and open challenges (揭榜挂帅).
 */
export type QueryChallengeArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Talent projects (人才项目): programmes run by a region's talent office, their targets and
 * the awards that count towards them, and open challenges (揭榜挂帅).
 */
export type QueryChallengesArgs = {
  region?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<ChallengeStatus>;
};


/**
 * Talent projects (人才项目): programmes run by a region's talent office, their targets and
 * the awards that count towards them, and open challenges (揭榜挂帅).
 */
export type QueryProgramArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Talent projects (人才项目): programmes run by a region's talent office, their targets and
 * the awards that count towards them, and open challenges (揭榜挂帅).
 */
export type QueryProgramProgressArgs = {
  kind?: InputMaybe<ProgramKind>;
  region?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Talent projects (人才项目): programmes run by a region's talent office, their targets and
 * the awards that count towards them, and open challenges (揭榜挂帅).
 */
export type QueryProgramsArgs = {
  kind?: InputMaybe<ProgramKind>;
  region?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Talent projects (人才项目): programmes run by a region's talent office, their targets and
 * the awards that count towards them, and open challenges (揭榜挂帅).
 */
export type QueryProjectsAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  talentId?: InputMaybe<Scalars['ID']['input']>;
};

export type RecordAwardInput = {
  /** Amount of support in yuan (CNY). */
  amount: Scalars['Int']['input'];
  category?: InputMaybe<Scalars['String']['input']>;
  programId: Scalars['ID']['input'];
  /** Id of a talent of the experts subgraph. */
  talentId: Scalars['ID']['input'];
  /** A year inside the programme's period. */
  year: Scalars['Int']['input'];
};

export type RecordAwardPayload = {
  __typename?: 'RecordAwardPayload';
  award: Award;
};

/** A province, prefecture or county, owned by the coordination subgraph and referenced here by its GB/T 2260 code. */
export type Region = {
  __typename?: 'Region';
  code: Scalars['ID']['output'];
};

export type Sector =
  | 'AGRICULTURE'
  | 'INDUSTRY'
  | 'SERVICES';

/** An expert registered in a provincial talent database. */
export type Talent = {
  __typename?: 'Talent';
  /** Awards of the talent, most recent year first (nullable, so the rest of a talent still arrives when this subgraph is down). */
  awards: Maybe<Array<Award>>;
  /** The province whose talent office stewards this record. */
  homeRegion: Region;
  id: Scalars['ID']['output'];
};

/** A talent programme (人才项目) owned by a region's talent office. */
export type TalentProgram = {
  __typename?: 'TalentProgram';
  /** Awards of the programme in id order; `first` at most 100 (default 20); `after` is an opaque cursor. */
  awards: AwardConnection;
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: ProgramKind;
  name: Scalars['String']['output'];
  /** The region whose talent office runs the programme. */
  ownerRegion: Region;
  period: Period;
  targets: Array<ProgramTarget>;
};


/** A talent programme (人才项目) owned by a region's talent office. */
export type TalentProgramAwardsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Where the achieved figure of a target comes from. */
export type TargetSource =
  /** Counted from the programme's awards (of one category when the target names one). */
  | 'AWARDS'
  /** The figure the programme owner reported, since no award records it (e.g. staffing positions used). */
  | 'REPORTED';



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
  Challenge: Challenge;
  Talent: Talent;
  TalentProgram: TalentProgram;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  AuditVerification:
    ( { __typename: 'AuditVerification' }
    & GraphQLRecursivePick<FederationTypes['AuditVerification'], {"id":true}> );
  Award:
    ( { __typename: 'Award' }
    & GraphQLRecursivePick<FederationTypes['Award'], {"id":true}> );
  Challenge:
    ( { __typename: 'Challenge' }
    & GraphQLRecursivePick<FederationTypes['Challenge'], {"id":true}> );
  Talent:
    ( { __typename: 'Talent' }
    & GraphQLRecursivePick<FederationTypes['Talent'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Talent'], {"homeRegion":{"code":true}}> ) );
  TalentProgram:
    ( { __typename: 'TalentProgram' }
    & GraphQLRecursivePick<FederationTypes['TalentProgram'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
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
  Award: ResolverTypeWrapper<AwardMapper>;
  AwardConnection: ResolverTypeWrapper<AwardConnectionMapper>;
  AwardEdge: ResolverTypeWrapper<Omit<AwardEdge, 'node'> & { node: ResolversTypes['Award'] }>;
  CacheControlScope: CacheControlScope;
  Challenge: ResolverTypeWrapper<ChallengeMapper>;
  ChallengeStatus: ChallengeStatus;
  CreateProgramInput: CreateProgramInput;
  CreateProgramPayload: ResolverTypeWrapper<Omit<CreateProgramPayload, 'program'> & { program: ResolversTypes['TalentProgram'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  LocalDate: ResolverTypeWrapper<Scalars['LocalDate']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Period: ResolverTypeWrapper<Period>;
  PeriodInput: PeriodInput;
  ProgramKind: ProgramKind;
  ProgramProgress: ResolverTypeWrapper<ProgramProgressMapper>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ProgramProgressStatus: ProgramProgressStatus;
  ProgramTarget: ResolverTypeWrapper<ProgramTargetMapper>;
  ProgramTargetInput: ProgramTargetInput;
  PublishChallengeInput: PublishChallengeInput;
  PublishChallengePayload: ResolverTypeWrapper<Omit<PublishChallengePayload, 'challenge'> & { challenge: ResolversTypes['Challenge'] }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordAwardInput: RecordAwardInput;
  RecordAwardPayload: ResolverTypeWrapper<Omit<RecordAwardPayload, 'award'> & { award: ResolversTypes['Award'] }>;
  Region: ResolverTypeWrapper<RegionMapper>;
  Sector: Sector;
  Talent: ResolverTypeWrapper<TalentMapper>;
  TalentProgram: ResolverTypeWrapper<TalentProgramMapper>;
  TargetSource: TargetSource;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
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
  AwardConnection: AwardConnectionMapper;
  AwardEdge: Omit<AwardEdge, 'node'> & { node: ResolversParentTypes['Award'] };
  Challenge: ChallengeMapper;
  CreateProgramInput: CreateProgramInput;
  CreateProgramPayload: Omit<CreateProgramPayload, 'program'> & { program: ResolversParentTypes['TalentProgram'] };
  DateTime: Scalars['DateTime']['output'];
  LocalDate: Scalars['LocalDate']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Period: Period;
  PeriodInput: PeriodInput;
  ProgramProgress: ProgramProgressMapper;
  Float: Scalars['Float']['output'];
  ProgramTarget: ProgramTargetMapper;
  ProgramTargetInput: ProgramTargetInput;
  PublishChallengeInput: PublishChallengeInput;
  PublishChallengePayload: Omit<PublishChallengePayload, 'challenge'> & { challenge: ResolversParentTypes['Challenge'] };
  Query: Record<PropertyKey, never>;
  RecordAwardInput: RecordAwardInput;
  RecordAwardPayload: Omit<RecordAwardPayload, 'award'> & { award: ResolversParentTypes['Award'] };
  Region: RegionMapper;
  Talent: TalentMapper;
  TalentProgram: TalentProgramMapper;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
};

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = ProjectsContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuditChainReportResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['AuditChainReport'] = ResolversParentTypes['AuditChainReport']> = {
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

export type AuditCheckpointResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['AuditCheckpoint'] = ResolversParentTypes['AuditCheckpoint']> = {
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  headHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subgraph?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
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

export type AuditEventConnectionResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditEventEdgeResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
};

export type AuditSigningKeyResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['AuditSigningKey'] = ResolversParentTypes['AuditSigningKey']> = {
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publicKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditVerificationResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['AuditVerification'] = ResolversParentTypes['AuditVerification'], FederationReferenceType extends FederationReferenceTypes['AuditVerification'] = FederationReferenceTypes['AuditVerification']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AuditVerification']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  projects?: Resolver<Maybe<ResolversTypes['AuditChainReport']>, ParentType, ContextType, Partial<AuditVerificationProjectsArgs>>;
};

export type AwardResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['Award'] = ResolversParentTypes['Award'], FederationReferenceType extends FederationReferenceTypes['Award'] = FederationReferenceTypes['Award']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Award']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  program?: Resolver<ResolversTypes['TalentProgram'], ParentType, ContextType>;
  talentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AwardConnectionResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['AwardConnection'] = ResolversParentTypes['AwardConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AwardEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AwardEdgeResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['AwardEdge'] = ResolversParentTypes['AwardEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Award'], ParentType, ContextType>;
};

export type ChallengeResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['Challenge'] = ResolversParentTypes['Challenge'], FederationReferenceType extends FederationReferenceTypes['Challenge'] = FederationReferenceTypes['Challenge']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Challenge']> | FederationReferenceType, FederationReferenceType, ContextType>;
  deadline?: Resolver<ResolversTypes['LocalDate'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  program?: Resolver<Maybe<ResolversTypes['TalentProgram']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  reward?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sector?: Resolver<ResolversTypes['Sector'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ChallengeStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreateProgramPayloadResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['CreateProgramPayload'] = ResolversParentTypes['CreateProgramPayload']> = {
  program?: Resolver<ResolversTypes['TalentProgram'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface LocalDateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['LocalDate'], any> {
  name: 'LocalDate';
}

export type MutationResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createProgram?: Resolver<ResolversTypes['CreateProgramPayload'], ParentType, ContextType, RequireFields<MutationCreateProgramArgs, 'input'>>;
  publishChallenge?: Resolver<ResolversTypes['PublishChallengePayload'], ParentType, ContextType, RequireFields<MutationPublishChallengeArgs, 'input'>>;
  recordAward?: Resolver<ResolversTypes['RecordAwardPayload'], ParentType, ContextType, RequireFields<MutationRecordAwardArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PeriodResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['Period'] = ResolversParentTypes['Period']> = {
  end?: Resolver<ResolversTypes['LocalDate'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['LocalDate'], ParentType, ContextType>;
};

export type ProgramProgressResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['ProgramProgress'] = ResolversParentTypes['ProgramProgress']> = {
  program?: Resolver<ResolversTypes['TalentProgram'], ParentType, ContextType>;
  share?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ProgramProgressStatus'], ParentType, ContextType>;
  targets?: Resolver<Array<ResolversTypes['ProgramTarget']>, ParentType, ContextType>;
  timeElapsed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ProgramTargetResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['ProgramTarget'] = ResolversParentTypes['ProgramTarget']> = {
  achieved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  awardCategory?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  share?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['TargetSource'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PublishChallengePayloadResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['PublishChallengePayload'] = ResolversParentTypes['PublishChallengePayload']> = {
  challenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  award?: Resolver<Maybe<ResolversTypes['Award']>, ParentType, ContextType, RequireFields<QueryAwardArgs, 'id'>>;
  challenge?: Resolver<Maybe<ResolversTypes['Challenge']>, ParentType, ContextType, RequireFields<QueryChallengeArgs, 'id'>>;
  challenges?: Resolver<Array<ResolversTypes['Challenge']>, ParentType, ContextType, Partial<QueryChallengesArgs>>;
  program?: Resolver<Maybe<ResolversTypes['TalentProgram']>, ParentType, ContextType, RequireFields<QueryProgramArgs, 'id'>>;
  programProgress?: Resolver<Array<ResolversTypes['ProgramProgress']>, ParentType, ContextType, Partial<QueryProgramProgressArgs>>;
  programs?: Resolver<Array<ResolversTypes['TalentProgram']>, ParentType, ContextType, Partial<QueryProgramsArgs>>;
  projectsAuditEvents?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, RequireFields<QueryProjectsAuditEventsArgs, 'first'>>;
};

export type RecordAwardPayloadResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['RecordAwardPayload'] = ResolversParentTypes['RecordAwardPayload']> = {
  award?: Resolver<ResolversTypes['Award'], ParentType, ContextType>;
};

export type RegionResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TalentResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['Talent'] = ResolversParentTypes['Talent'], FederationReferenceType extends FederationReferenceTypes['Talent'] = FederationReferenceTypes['Talent']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Talent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  awards?: Resolver<Maybe<Array<ResolversTypes['Award']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TalentProgramResolvers<ContextType = ProjectsContext, ParentType extends ResolversParentTypes['TalentProgram'] = ResolversParentTypes['TalentProgram'], FederationReferenceType extends FederationReferenceTypes['TalentProgram'] = FederationReferenceTypes['TalentProgram']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TalentProgram']> | FederationReferenceType, FederationReferenceType, ContextType>;
  awards?: Resolver<ResolversTypes['AwardConnection'], ParentType, ContextType, RequireFields<TalentProgramAwardsArgs, 'first'>>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ProgramKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ownerRegion?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['Period'], ParentType, ContextType>;
  targets?: Resolver<Array<ResolversTypes['ProgramTarget']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = ProjectsContext> = {
  AuditChainReport?: AuditChainReportResolvers<ContextType>;
  AuditCheckpoint?: AuditCheckpointResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  AuditSigningKey?: AuditSigningKeyResolvers<ContextType>;
  AuditVerification?: AuditVerificationResolvers<ContextType>;
  Award?: AwardResolvers<ContextType>;
  AwardConnection?: AwardConnectionResolvers<ContextType>;
  AwardEdge?: AwardEdgeResolvers<ContextType>;
  Challenge?: ChallengeResolvers<ContextType>;
  CreateProgramPayload?: CreateProgramPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  LocalDate?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Period?: PeriodResolvers<ContextType>;
  ProgramProgress?: ProgramProgressResolvers<ContextType>;
  ProgramTarget?: ProgramTargetResolvers<ContextType>;
  PublishChallengePayload?: PublishChallengePayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordAwardPayload?: RecordAwardPayloadResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  Talent?: TalentResolvers<ContextType>;
  TalentProgram?: TalentProgramResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = ProjectsContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
