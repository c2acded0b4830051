/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './types.generated.ts';
    import    { award as Query_award } from './Query/award.ts';
import    { challenge as Query_challenge } from './Query/challenge.ts';
import    { challenges as Query_challenges } from './Query/challenges.ts';
import    { program as Query_program } from './Query/program.ts';
import    { programProgress as Query_programProgress } from './Query/programProgress.ts';
import    { programs as Query_programs } from './Query/programs.ts';
import    { projectsAuditEvents as Query_projectsAuditEvents } from './Query/projectsAuditEvents.ts';
import    { createProgram as Mutation_createProgram } from './Mutation/createProgram.ts';
import    { publishChallenge as Mutation_publishChallenge } from './Mutation/publishChallenge.ts';
import    { recordAward as Mutation_recordAward } from './Mutation/recordAward.ts';
import    { AuditChainReport } from './AuditChainReport.ts';
import    { AuditEvent } from './AuditEvent.ts';
import    { AuditEventConnection } from './AuditEventConnection.ts';
import    { AuditVerification } from './AuditVerification.ts';
import    { Award } from './Award.ts';
import    { AwardConnection } from './AwardConnection.ts';
import    { Challenge } from './Challenge.ts';
import    { ProgramProgress } from './ProgramProgress.ts';
import    { ProgramTarget } from './ProgramTarget.ts';
import    { Region } from './Region.ts';
import    { Talent } from './Talent.ts';
import    { TalentProgram } from './TalentProgram.ts';
import    { DateTimeResolver,LocalDateResolver } from 'graphql-scalars';
    export const resolvers: Resolvers = {
      Query: { award: Query_award,challenge: Query_challenge,challenges: Query_challenges,program: Query_program,programProgress: Query_programProgress,programs: Query_programs,projectsAuditEvents: Query_projectsAuditEvents },
      Mutation: { createProgram: Mutation_createProgram,publishChallenge: Mutation_publishChallenge,recordAward: Mutation_recordAward },
      
      AuditChainReport: AuditChainReport,
AuditEvent: AuditEvent,
AuditEventConnection: AuditEventConnection,
AuditVerification: AuditVerification,
Award: Award,
AwardConnection: AwardConnection,
Challenge: Challenge,
ProgramProgress: ProgramProgress,
ProgramTarget: ProgramTarget,
Region: Region,
Talent: Talent,
TalentProgram: TalentProgram,
DateTime: DateTimeResolver,
LocalDate: LocalDateResolver
    }