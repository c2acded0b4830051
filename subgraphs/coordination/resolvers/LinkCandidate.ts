import { provinceRegion } from '../linkage.ts';
import { recordLinkId } from '../linkage-model.ts';
import type { LinkCandidateResolvers } from './types.generated.ts';

export const LinkCandidate: LinkCandidateResolvers = {
  id: (c) => c._id,
  status: (c) => c.state,
  records: (c) => c.recordIds.map((recordId, i) => ({ id: recordLinkId(c._id, recordId), recordId, province: c.provinces[i] as string, candidate: c })),
  awaiting: (c, _args, ctx) =>
    Promise.all((c.state === 'PROPOSED' ? c.provinces.filter((p) => !c.decisions.some((d) => d.province === p)) : []).map((code) => provinceRegion(ctx, code))),
};
