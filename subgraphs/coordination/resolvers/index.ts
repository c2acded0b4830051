import { LocalDateResolver } from 'graphql-scalars';
import { CooperationAgreement } from './CooperationAgreement.ts';
import { Engagement } from './Engagement.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { Talent } from './Talent.ts';
import type { Resolvers } from './types.generated.ts';

export const resolvers: Resolvers = {
  LocalDate: LocalDateResolver,
  Query,
  Mutation,
  Region,
  CooperationAgreement,
  Engagement,
  Talent,
  EngagementConnection: {
    totalCount: (c) => c.count(),
  },
};
