import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MAINLAND_PROVINCE_CODES } from '../../data/context.ts';
import { provinceOfRecordId } from '../../platform/nodes.ts';
import { generateDataset } from '../../data/generate.ts';
import { validateDataset } from '../../data/validate.ts';
import { resolveEntry } from '../../scripts/lib/processes.ts';
import { ds, NOW, provinceOf, regionById, SEED, talentById } from './fixture.ts';

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

describe('generateDataset determinism', () => {
  it('gives deep-equal output for the same talents and seed', () => {
    expect(generateDataset({ talents: 3000, seed: SEED })).toEqual(ds);
  });

  it('gives the same output in a separate process', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    // The generator compiled when the run compiled the hub (npm test: test/setup/compiled.ts), without
    // tsx's start-up; data/generate.ts through tsx otherwise (npm run test:unit).
    const generator = resolveEntry('data/generate.ts');
    const module = JSON.stringify(generator.loader.length > 0 ? './data/generate.ts' : pathToFileURL(generator.file).href);
    const script =
      "import { createHash } from 'node:crypto';" +
      `import { generateDataset } from ${module};` +
      `const ds = generateDataset({ talents: 3000, seed: ${SEED} });` +
      "process.stdout.write(createHash('sha256').update(JSON.stringify(ds)).digest('hex'));";
    const out = execFileSync(process.execPath, [...generator.loader, '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe(hash(ds));
  });

  it('depends on the seed and defaults now to 2026-11-01', () => {
    const other = generateDataset({ talents: 3000, seed: SEED + 1 });
    expect(other.experts.talents.map((t) => t.name)).not.toEqual(ds.experts.talents.map((t) => t.name));
    expect(generateDataset({ talents: 200, seed: 5, now: NOW })).toEqual(generateDataset({ talents: 200, seed: 5 }));
  });

  it('rejects talent counts it cannot number', () => {
    expect(() => generateDataset({ talents: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateDataset({ talents: 1_000_001, seed: 1 })).toThrow(RangeError);
    expect(() => generateDataset({ talents: 1.5, seed: 1 })).toThrow(RangeError);
  });

  it('copes with tiny datasets', () => {
    for (const talents of [0, 1, 40]) {
      const small = generateDataset({ talents, seed: 9 });
      expect(small.experts.talents).toHaveLength(talents);
      expect(validateDataset(small)).toEqual([]);
    }
  });
});

describe('referential integrity', () => {
  it('ids are unique in every collection', () => {
    const collections = [
      ds.experts.talents,
      ds.experts.pools,
      ds.experts.disciplines,
      ds.projects.programs,
      ds.projects.awards,
      ds.projects.challenges,
      ds.coordination.regions,
      ds.coordination.agreements,
      ds.coordination.engagements,
    ];
    for (const docs of collections) expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
  });

  it('awards, challenges, engagements and pools point at existing documents', () => {
    const programs = new Set(ds.projects.programs.map((p) => p._id));
    const agreements = new Set(ds.coordination.agreements.map((a) => a._id));
    for (const a of ds.projects.awards) {
      expect(talentById.has(a.talentId)).toBe(true);
      expect(programs.has(a.programId)).toBe(true);
    }
    for (const c of ds.projects.challenges) {
      expect(regionById.has(c.regionCode)).toBe(true);
      if (c.programId !== null) expect(programs.has(c.programId)).toBe(true);
    }
    for (const e of ds.coordination.engagements) {
      const t = talentById.get(e.talentId);
      expect(t).toBeDefined();
      expect(e.homeRegion).toBe(t!.homeRegion);
      expect(regionById.has(e.hostRegion)).toBe(true);
      expect(provinceOf(e.hostRegion)).not.toBe(e.homeRegion);
      if (e.agreementId !== null) expect(agreements.has(e.agreementId)).toBe(true);
      if (e.end !== null) expect(e.end >= e.start).toBe(true);
    }
    for (const p of ds.experts.pools) expect(regionById.has(p.regionCode)).toBe(true);
    for (const p of ds.projects.programs) expect(regionById.has(p.ownerRegion)).toBe(true);
    for (const a of ds.coordination.agreements) for (const c of a.partyCodes) expect(regionById.has(c)).toBe(true);
    for (const r of ds.coordination.regions) if (r.parentCode !== null) expect(regionById.has(r.parentCode)).toBe(true);
  });
});

describe('scale', () => {
  it('generates 100000 talents with unique ids naming their province, serials in order', () => {
    const big = generateDataset({ talents: 100_000, seed: 1 });
    const ids = big.experts.talents.map((t) => t._id);
    expect(ids).toHaveLength(100_000);
    expect(new Set(ids).size).toBe(100_000);
    expect(ids[0]).toMatch(/^T-\d{2}0000-000001$/);
    expect(ids.at(-1)).toMatch(/^T-\d{2}0000-100000$/);
    const serials = ids.map((id) => id.slice(-6));
    expect(serials.every((serial, i) => i === 0 || (serials[i - 1] as string) < serial)).toBe(true);
    expect(big.experts.talents.every((t) => t._id === `T-${t.homeRegion}-${t._id.slice(-6)}` && provinceOfRecordId(t._id) === t.homeRegion)).toBe(true);
    expect(big.projects.awards.length).toBe(12_500);
    for (const province of MAINLAND_PROVINCE_CODES) expect(big.experts.talents.some((t) => t.homeRegion === province)).toBe(true);
  });
});
