import type { AgreementDoc } from '../model.ts';
import type { FindLinkCandidatesPayloadResolvers } from './types.generated.ts';

export const FindLinkCandidatesPayload: FindLinkCandidatesPayloadResolvers = {
  comparedOwn: (run) => run.compared.own,
  comparedCounterpart: (run) => run.compared.counterpart,
  agreements: async (run, _args, ctx) => (await ctx.loaders.agreementById.loadMany(run.agreementIds)).filter((a): a is AgreementDoc => a !== null && !(a instanceof Error)),
};
