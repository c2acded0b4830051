import { provinceRegion } from '../linkage.ts';
import type { RecordLinkResolvers } from './types.generated.ts';

// One record of a candidate; its provenance is the candidate's. `record` is the experts subgraph's (under its sharing rules).
export const RecordLink: RecordLinkResolvers = {
  province: (l, _args, ctx) => provinceRegion(ctx, l.province),
  candidateId: (l) => l.candidate._id,
  status: (l) => l.candidate.state,
  method: (l) => l.candidate.method,
  score: (l) => l.candidate.score,
  evidence: (l) => l.candidate.evidence,
  decisions: (l) => l.candidate.decisions,
  confirmedAt: (l) => (l.candidate.confirmedAt ? new Date(l.candidate.confirmedAt) : null),
};
