/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './types.generated.ts';
    import    { acmeRecord as Query_acmeRecord } from './Query/acmeRecord.ts';
import    { acmeRecords as Query_acmeRecords } from './Query/acmeRecords.ts';
import    { AcmeRecord } from './AcmeRecord.ts';
import    { Talent } from './Talent.ts';
    export const resolvers: Resolvers = {
      Query: { acmeRecord: Query_acmeRecord,acmeRecords: Query_acmeRecords },
      
      
      AcmeRecord: AcmeRecord,
Talent: Talent
    }