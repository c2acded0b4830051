import type { GraphQLResolveInfo } from 'graphql';
import type { HainanServiceRecordMapper, HainanTalentCardMapper, HainanServiceRecordConnectionMapper, TalentMapper, RegionMapper } from '../schema.mappers.ts';
import type { HainanContext } from '../context.ts';
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
  _FieldSet: { input: unknown; output: unknown; }
};

/** Relay page information of the hainan namespace (the hub's PageInfo belongs to its core). */
export type HainanPageInfo = {
  __typename?: 'HainanPageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** What a service was for. */
export type HainanServiceKind =
  /** 住房保障: a housing subsidy or a talent apartment. */
  | 'HOUSING'
  /** 子女入学: schooling for the talent's children. */
  | 'SCHOOLING'
  /** 落户: settlement (household registration) in Hainan. */
  | 'SETTLEMENT'
  /** 人才服务卡: a talent service card applied for or issued. */
  | 'TALENT_CARD'
  /** 签证便利: visa or residence-permit facilitation. */
  | 'VISA'
  /** 外国人工作许可: a work permit for a foreign talent. */
  | 'WORK_PERMIT';

/** One service a Hainan talent service centre gave (or is giving) a talent. */
export type HainanServiceRecord = {
  __typename?: 'HainanServiceRecord';
  /** When it was applied for (YYYY-MM-DD). */
  appliedOn: Scalars['String']['output'];
  /** The service centre that handled it, e.g. 海口市人才服务中心. */
  centre: Scalars['String']['output'];
  /** The free-trade-port city where it was handled. */
  city: Region;
  /** When it was completed or declined (YYYY-MM-DD); null while open. */
  closedOn: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: HainanServiceKind;
  status: HainanServiceStatus;
  /** The talent it was given to. */
  talentId: Scalars['ID']['output'];
};

export type HainanServiceRecordConnection = {
  __typename?: 'HainanServiceRecordConnection';
  edges: Array<HainanServiceRecordEdge>;
  pageInfo: HainanPageInfo;
  /** How many records match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

export type HainanServiceRecordEdge = {
  __typename?: 'HainanServiceRecordEdge';
  cursor: Scalars['String']['output'];
  node: HainanServiceRecord;
};

export type HainanServiceStatus =
  | 'COMPLETED'
  | 'DECLINED'
  | 'IN_PROGRESS'
  | 'SUBMITTED';

/** A Hainan talent service card (海南人才服务卡): access to the free-trade port's talent services. */
export type HainanTalentCard = {
  __typename?: 'HainanTalentCard';
  /** When it was issued (YYYY-MM-DD). */
  issuedOn: Scalars['String']['output'];
  number: Scalars['ID']['output'];
  tier: HainanTalentTier;
  /** Until when it is valid (YYYY-MM-DD). */
  validUntil: Scalars['String']['output'];
};

/** The category of Hainan's high-level talent classification (海南省高层次人才分类标准). */
export type HainanTalentTier =
  /** 顶尖人才 (top talent) */
  | 'A'
  /** 国家级领军人才 (national leading talent) */
  | 'B'
  /** 地方级领军人才 (local leading talent) */
  | 'C'
  /** 拔尖人才 (outstanding talent) */
  | 'D'
  /** 其他类高层次人才 (other high-level talent) */
  | 'E';

/**
 * 海南自由贸易港人才服务 (Hainan free-trade-port talent service): a partner subgraph run by Hainan
 * (owner region 460000). It adds to the hub's talents the services Hainan's talent service centres
 * gave them: talent service cards, work permits and visas, settlement (落户), housing and schooling,
 * so a province that works with a talent sees what Hainan has already done for them.
 *
 * Everything it adds is in the hainan namespace: types Hainan..., fields hainan... (see the hub
 * README, "Partner subgraphs").
 */
export type Query = {
  __typename?: 'Query';
  /** One service record by id; null when it does not exist (Hainan's own systems only: region 460000). */
  hainanServiceRecord: Maybe<HainanServiceRecord>;
  /**
   * Service records of Hainan's centres in id order (Hainan's own systems only). `first` is at most
   * 100 (default 20); `after` is an opaque cursor.
   */
  hainanServiceRecords: HainanServiceRecordConnection;
};


/**
 * 海南自由贸易港人才服务 (Hainan free-trade-port talent service): a partner subgraph run by Hainan
 * (owner region 460000). It adds to the hub's talents the services Hainan's talent service centres
 * gave them: talent service cards, work permits and visas, settlement (落户), housing and schooling,
 * so a province that works with a talent sees what Hainan has already done for them.
 *
 * Everything it adds is in the hainan namespace: types Hainan..., fields hainan... (see the hub
 * README, "Partner subgraphs").
 */
export type QueryHainanServiceRecordArgs = {
  id: Scalars['ID']['input'];
};


/**
 * 海南自由贸易港人才服务 (Hainan free-trade-port talent service): a partner subgraph run by Hainan
 * (owner region 460000). It adds to the hub's talents the services Hainan's talent service centres
 * gave them: talent service cards, work permits and visas, settlement (落户), housing and schooling,
 * so a province that works with a talent sees what Hainan has already done for them.
 *
 * Everything it adds is in the hainan namespace: types Hainan..., fields hainan... (see the hub
 * README, "Partner subgraphs").
 */
export type QueryHainanServiceRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<HainanServiceKind>;
  status?: InputMaybe<HainanServiceStatus>;
};

/** A city or county of the hub's regions (owned by the coordination subgraph), by GB/T 2260 code. */
export type Region = {
  __typename?: 'Region';
  code: Scalars['ID']['output'];
};

/** A talent of the hub (owned by the experts subgraph), with the services Hainan gave them. */
export type Talent = {
  __typename?: 'Talent';
  /** Services Hainan's talent service centres gave this talent, newest first; optionally of one kind. */
  hainanServiceRecords: Array<HainanServiceRecord>;
  /** The talent's Hainan talent service card (海南人才服务卡); null when none was issued. */
  hainanTalentCard: Maybe<HainanTalentCard>;
  id: Scalars['ID']['output'];
};


/** A talent of the hub (owned by the experts subgraph), with the services Hainan gave them. */
export type TalentHainanServiceRecordsArgs = {
  kind?: InputMaybe<HainanServiceKind>;
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
  HainanServiceRecord: HainanServiceRecord;
  Talent: Talent;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  HainanServiceRecord:
    ( { __typename: 'HainanServiceRecord' }
    & GraphQLRecursivePick<FederationTypes['HainanServiceRecord'], {"id":true}> );
  Talent:
    ( { __typename: 'Talent' }
    & GraphQLRecursivePick<FederationTypes['Talent'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  HainanPageInfo: ResolverTypeWrapper<HainanPageInfo>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  HainanServiceKind: HainanServiceKind;
  HainanServiceRecord: ResolverTypeWrapper<HainanServiceRecordMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  HainanServiceRecordConnection: ResolverTypeWrapper<HainanServiceRecordConnectionMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  HainanServiceRecordEdge: ResolverTypeWrapper<Omit<HainanServiceRecordEdge, 'node'> & { node: ResolversTypes['HainanServiceRecord'] }>;
  HainanServiceStatus: HainanServiceStatus;
  HainanTalentCard: ResolverTypeWrapper<HainanTalentCardMapper>;
  HainanTalentTier: HainanTalentTier;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Region: ResolverTypeWrapper<RegionMapper>;
  Talent: ResolverTypeWrapper<TalentMapper>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  HainanPageInfo: HainanPageInfo;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  HainanServiceRecord: HainanServiceRecordMapper;
  ID: Scalars['ID']['output'];
  HainanServiceRecordConnection: HainanServiceRecordConnectionMapper;
  Int: Scalars['Int']['output'];
  HainanServiceRecordEdge: Omit<HainanServiceRecordEdge, 'node'> & { node: ResolversParentTypes['HainanServiceRecord'] };
  HainanTalentCard: HainanTalentCardMapper;
  Query: Record<PropertyKey, never>;
  Region: RegionMapper;
  Talent: TalentMapper;
};

export type HainanPageInfoResolvers<ContextType = HainanContext, ParentType extends ResolversParentTypes['HainanPageInfo'] = ResolversParentTypes['HainanPageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type HainanServiceRecordResolvers<ContextType = HainanContext, ParentType extends ResolversParentTypes['HainanServiceRecord'] = ResolversParentTypes['HainanServiceRecord'], FederationReferenceType extends FederationReferenceTypes['HainanServiceRecord'] = FederationReferenceTypes['HainanServiceRecord']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['HainanServiceRecord']> | FederationReferenceType, FederationReferenceType, ContextType>;
  appliedOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  centre?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  city?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  closedOn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['HainanServiceKind'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HainanServiceStatus'], ParentType, ContextType>;
  talentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type HainanServiceRecordConnectionResolvers<ContextType = HainanContext, ParentType extends ResolversParentTypes['HainanServiceRecordConnection'] = ResolversParentTypes['HainanServiceRecordConnection']> = {
  edges?: Resolver<Array<ResolversTypes['HainanServiceRecordEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['HainanPageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type HainanServiceRecordEdgeResolvers<ContextType = HainanContext, ParentType extends ResolversParentTypes['HainanServiceRecordEdge'] = ResolversParentTypes['HainanServiceRecordEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['HainanServiceRecord'], ParentType, ContextType>;
};

export type HainanTalentCardResolvers<ContextType = HainanContext, ParentType extends ResolversParentTypes['HainanTalentCard'] = ResolversParentTypes['HainanTalentCard']> = {
  issuedOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['HainanTalentTier'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = HainanContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  hainanServiceRecord?: Resolver<Maybe<ResolversTypes['HainanServiceRecord']>, ParentType, ContextType, RequireFields<QueryHainanServiceRecordArgs, 'id'>>;
  hainanServiceRecords?: Resolver<ResolversTypes['HainanServiceRecordConnection'], ParentType, ContextType, RequireFields<QueryHainanServiceRecordsArgs, 'first'>>;
};

export type RegionResolvers<ContextType = HainanContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TalentResolvers<ContextType = HainanContext, ParentType extends ResolversParentTypes['Talent'] = ResolversParentTypes['Talent'], FederationReferenceType extends FederationReferenceTypes['Talent'] = FederationReferenceTypes['Talent']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Talent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  hainanServiceRecords?: Resolver<Array<ResolversTypes['HainanServiceRecord']>, ParentType, ContextType, Partial<TalentHainanServiceRecordsArgs>>;
  hainanTalentCard?: Resolver<Maybe<ResolversTypes['HainanTalentCard']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = HainanContext> = {
  HainanPageInfo?: HainanPageInfoResolvers<ContextType>;
  HainanServiceRecord?: HainanServiceRecordResolvers<ContextType>;
  HainanServiceRecordConnection?: HainanServiceRecordConnectionResolvers<ContextType>;
  HainanServiceRecordEdge?: HainanServiceRecordEdgeResolvers<ContextType>;
  HainanTalentCard?: HainanTalentCardResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  Talent?: TalentResolvers<ContextType>;
};

