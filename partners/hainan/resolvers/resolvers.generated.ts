/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './types.generated.ts';
    import    { hainanServiceRecord as Query_hainanServiceRecord } from './Query/hainanServiceRecord.ts';
import    { hainanServiceRecords as Query_hainanServiceRecords } from './Query/hainanServiceRecords.ts';
import    { HainanServiceRecord } from './HainanServiceRecord.ts';
import    { HainanServiceRecordConnection } from './HainanServiceRecordConnection.ts';
import    { HainanTalentCard } from './HainanTalentCard.ts';
import    { Region } from './Region.ts';
import    { Talent } from './Talent.ts';
    export const resolvers: Resolvers = {
      Query: { hainanServiceRecord: Query_hainanServiceRecord,hainanServiceRecords: Query_hainanServiceRecords },
      
      
      HainanServiceRecord: HainanServiceRecord,
HainanServiceRecordConnection: HainanServiceRecordConnection,
HainanTalentCard: HainanTalentCard,
Region: Region,
Talent: Talent
    }