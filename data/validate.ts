import type { ZodType } from 'zod';
import { DisciplineDoc, ExpertPoolDoc, TalentDoc } from '../subgraphs/experts/model.ts';
import { AwardDoc, ChallengeDoc, ProgramDoc } from '../subgraphs/projects/model.ts';
import { AgreementDoc, EngagementDoc, RegionDoc } from '../subgraphs/coordination/model.ts';
import { validateResidentId } from '../platform/linkage/resident-id.ts';
import { provinceOfRecordId } from '../platform/nodes.ts';
import { provinceOf } from '../platform/text.ts';
import type { Dataset } from './generate.ts';

/**
 * Check every document against its zod schema and every cross-reference (talent, pool,
 * programme, agreement and region ids; engagement.homeRegion = the talent's homeRegion), and that
 * every talent and pool id names the province of its home or region (the hub routes ids to
 * provincial nodes by it).
 * Returns human-readable problems, empty when the dataset is sound. About a second at 100k.
 */
export function validateDataset(ds: Dataset): string[] {
  const problems: string[] = [];
  const check = (label: string, schema: ZodType, docs: readonly { _id: string }[]) => {
    for (const doc of docs) {
      const r = schema.safeParse(doc);
      if (!r.success) {
        problems.push(`${label} ${doc._id}: ${r.error.message}`);
        if (problems.length > 100) return;
      }
    }
  };
  check('talent', TalentDoc, ds.experts.talents);
  check('pool', ExpertPoolDoc, ds.experts.pools);
  check('discipline', DisciplineDoc, ds.experts.disciplines);
  check('program', ProgramDoc, ds.projects.programs);
  check('award', AwardDoc, ds.projects.awards);
  check('challenge', ChallengeDoc, ds.projects.challenges);
  check('region', RegionDoc, ds.coordination.regions);
  check('agreement', AgreementDoc, ds.coordination.agreements);
  check('engagement', EngagementDoc, ds.coordination.engagements);

  const unique = (label: string, docs: { _id: string }[]) => {
    const ids = new Set(docs.map((d) => d._id));
    if (ids.size !== docs.length) problems.push(`${label}: ${docs.length - ids.size} duplicate ids`);
    return ids;
  };
  const regionIds = unique('regions', ds.coordination.regions);
  const talentById = new Map(ds.experts.talents.map((t) => [t._id, t]));
  if (talentById.size !== ds.experts.talents.length) problems.push('talents: duplicate ids');
  const poolIds = unique('pools', ds.experts.pools);
  const disciplineIds = unique('disciplines', ds.experts.disciplines);
  const programIds = unique('programs', ds.projects.programs);
  const agreementIds = unique('agreements', ds.coordination.agreements);
  unique('awards', ds.projects.awards);
  unique('challenges', ds.projects.challenges);
  unique('engagements', ds.coordination.engagements);

  const region = (what: string, code: string | null) => {
    if (code !== null && !regionIds.has(code)) problems.push(`${what}: unknown region ${code}`);
  };
  // An identity number is valid, agrees with the profile's gender and (give or take a clerk's year) birth
  // year, and is on record at most once per province (two provinces may hold the same person).
  const residentIds = new Set<string>();
  for (const t of ds.experts.talents as (TalentDoc & { residentId?: string | null })[]) {
    if (!t.residentId) continue;
    const checked = validateResidentId(t.residentId);
    if (!checked.ok) problems.push(`talent ${t._id}: residentId ${checked.reason}`);
    else {
      if (checked.parts.gender !== t.gender) problems.push(`talent ${t._id}: residentId says ${checked.parts.gender}, the profile ${t.gender}`);
      if (Math.abs(checked.parts.birthYear - t.birthYear) > 1) problems.push(`talent ${t._id}: residentId birth year ${checked.parts.birthYear}, profile ${t.birthYear}`);
    }
    const key = `${provinceOf(t.homeRegion)} ${t.residentId}`;
    if (residentIds.has(key)) problems.push(`talent ${t._id}: residentId on record twice in ${provinceOf(t.homeRegion)}`);
    residentIds.add(key);
  }
  for (const t of ds.experts.talents) {
    region(`talent ${t._id} homeRegion`, t.homeRegion);
    if (provinceOfRecordId(t._id) !== provinceOf(t.homeRegion)) problems.push(`talent ${t._id}: id does not name its home province ${t.homeRegion}`);
    region(`talent ${t._id} hukouRegion`, t.hukouRegion);
    for (const p of t.poolIds) if (!poolIds.has(p)) problems.push(`talent ${t._id}: unknown pool ${p}`);
    for (const d of t.disciplineCodes) if (!disciplineIds.has(d)) problems.push(`talent ${t._id}: unknown discipline ${d}`);
    if (problems.length > 100) return problems;
  }
  for (const p of ds.experts.pools) {
    region(`pool ${p._id}`, p.regionCode);
    if (provinceOfRecordId(p._id) !== provinceOf(p.regionCode)) problems.push(`pool ${p._id}: id does not name the province of its region ${p.regionCode}`);
  }
  for (const p of ds.projects.programs) region(`program ${p._id}`, p.ownerRegion);
  for (const a of ds.projects.awards) {
    if (!programIds.has(a.programId)) problems.push(`award ${a._id}: unknown programme ${a.programId}`);
    if (!talentById.has(a.talentId)) problems.push(`award ${a._id}: unknown talent ${a.talentId}`);
  }
  for (const c of ds.projects.challenges) {
    region(`challenge ${c._id}`, c.regionCode);
    if (c.programId !== null && !programIds.has(c.programId)) problems.push(`challenge ${c._id}: unknown programme ${c.programId}`);
  }
  for (const r of ds.coordination.regions) region(`region ${r._id} parent`, r.parentCode);
  for (const a of ds.coordination.agreements) for (const p of a.partyCodes) region(`agreement ${a._id}`, p);
  for (const e of ds.coordination.engagements) {
    const t = talentById.get(e.talentId);
    if (!t) problems.push(`engagement ${e._id}: unknown talent ${e.talentId}`);
    else if (t.homeRegion !== e.homeRegion) problems.push(`engagement ${e._id}: homeRegion differs from the talent's`);
    region(`engagement ${e._id} host`, e.hostRegion);
    if (e.agreementId !== null && !agreementIds.has(e.agreementId)) problems.push(`engagement ${e._id}: unknown agreement`);
  }
  return problems;
}
