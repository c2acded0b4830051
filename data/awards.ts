import type { TalentDoc } from '../subgraphs/experts/model.ts';
import type { AwardDoc } from '../subgraphs/projects/model.ts';
import { pad6 } from './codes.ts';
import type { RegionContext } from './context.ts';
import type { ProgramSpec } from './programmes.ts';
import { Rng, Weighted } from './prng.ts';
import type { TalentIndex } from './talents.ts';

/**
 * About one award per 8 talents (`A000001`..), within the programme's period, mostly to talents
 * of the owner province.
 */
export function generateAwards(specs: ProgramSpec[], talents: TalentDoc[], index: TalentIndex, ctx: RegionContext, seed: number, nowMs: number): AwardDoc[] {
  if (talents.length === 0) return [];
  const rng = new Rng(seed, 'awards');
  const table = new Weighted(specs.filter((s) => s.awardWeight > 0).map((s) => [s, s.awardWeight] as const));
  const provinceTable = new Weighted(ctx.provinces.map((p) => [p.code, p.info.pop] as const));
  const nowYear = new Date(nowMs).getUTCFullYear();
  const awarded = new Set<string>();
  const count = Math.round(talents.length / 8);
  const awards: AwardDoc[] = [];

  for (let k = 0; k < count; k++) {
    const spec = table.pick(rng);
    const prog = spec.doc;
    const owner = `${prog.ownerRegion.slice(0, 2)}0000`;
    // Introduction programmes sometimes award talents recorded in another province.
    const province = prog.kind === 'INTRODUCTION' && rng.chance(0.2) ? provinceTable.pick(rng) : owner;
    let candidates = index.byProvince.get(province);
    if (!candidates || candidates.length === 0) candidates = index.byProvince.get(owner);
    let talentIdx = -1;
    for (let attempt = 0; attempt < 6; attempt++) {
      const idx = candidates && candidates.length > 0 ? rng.pick(candidates) : rng.int(talents.length);
      const t = talents[idx] as TalentDoc;
      const fresh = !awarded.has(`${prog._id}/${idx}`);
      const fits = spec.prefer.length === 0 || spec.prefer.includes(t.careerStage);
      talentIdx = idx;
      if (fresh && (fits || attempt >= 3)) break;
    }
    awarded.add(`${prog._id}/${talentIdx}`);
    const startYear = Number(prog.period.start.slice(0, 4));
    const endYear = Math.max(startYear, Math.min(Number(prog.period.end.slice(0, 4)), nowYear));
    const [lo, hi] = spec.amount;
    awards.push({
      _id: `A${pad6(k + 1)}`,
      programId: prog._id,
      talentId: (talents[talentIdx] as TalentDoc)._id,
      year: rng.range(startYear, endYear),
      amount: rng.range(lo / 1000, hi / 1000) * 1000,
      category: prog._id === 'prog-hebei-shuangqian' ? (rng.chance(0.5) ? 'INTRODUCED' : 'TRAINED') : null,
    });
  }
  return awards;
}
