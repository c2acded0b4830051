import { generateDataset } from './generate.ts';
import { validateDataset } from './validate.ts';

// `tsx data/measure.ts [talents] [seed]`: time a generation run and validate it.
const talents = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const t0 = performance.now();
const ds = generateDataset({ talents, seed });
const t1 = performance.now();
const problems = validateDataset(ds);
const t2 = performance.now();
console.log(
  `generated ${ds.experts.talents.length} talents, ${ds.experts.pools.length} pools, ${ds.projects.awards.length} awards, ` +
    `${ds.coordination.engagements.length} engagements, ${ds.coordination.regions.length} regions in ${(t1 - t0).toFixed(0)} ms; ` +
    `validated in ${(t2 - t1).toFixed(0)} ms: ${problems.length === 0 ? 'ok' : problems.slice(0, 10).join('; ')}`,
);
if (problems.length > 0) process.exitCode = 1;
