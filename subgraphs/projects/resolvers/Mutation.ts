import { randomUUID } from 'node:crypto';
import { badUserInput, notFound, parseArgs } from '../../kit/errors.ts';
import { type AwardDoc, type ChallengeDoc, CreateProgramInput, type ProgramDoc, PublishChallengeInput, RecordAwardInput } from '../model.ts';
import type { MutationResolvers } from './types.generated.ts';

const hex = () => randomUUID().replaceAll('-', '');

export const Mutation: MutationResolvers = {
  createProgram: async (_parent, args, ctx) => {
    const input = parseArgs(CreateProgramInput, args.input, 'input');
    const doc: ProgramDoc = { _id: `prog-${hex().slice(0, 12)}`, ...input };
    await ctx.store.insertProgram(doc);
    return { program: doc };
  },

  recordAward: async (_parent, args, ctx) => {
    const input = parseArgs(RecordAwardInput, args.input, 'input');
    const program = await ctx.loaders.programById.load(input.programId);
    if (!program) throw notFound('TalentProgram', input.programId);
    const first = Number(program.period.start.slice(0, 4));
    const last = Number(program.period.end.slice(0, 4));
    if (input.year < first || input.year > last) {
      throw badUserInput([{ field: 'input.year', message: `must be a year inside the programme period ${program.period.start} to ${program.period.end} (${first}-${last})` }]);
    }
    // The talent lives in the experts subgraph: its id is format-checked above, not looked up.
    const doc: AwardDoc = { _id: `A${hex().slice(0, 16).toUpperCase()}`, ...input };
    await ctx.store.insertAward(doc);
    return { award: doc };
  },

  publishChallenge: async (_parent, args, ctx) => {
    const input = parseArgs(PublishChallengeInput, args.input, 'input');
    if (input.programId && !(await ctx.loaders.programById.load(input.programId))) throw notFound('TalentProgram', input.programId);
    const { region, ...rest } = input;
    const doc: ChallengeDoc = { _id: `chl-${hex().slice(0, 12)}`, ...rest, regionCode: region, status: 'OPEN' };
    await ctx.store.insertChallenge(doc);
    return { challenge: doc };
  },
};
