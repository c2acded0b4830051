import { chinaDate, daysBetween } from '../../../platform/calendar.ts';
import type { ProjectsContext } from '../context.ts';
import type { ProgramDoc } from '../model.ts';
import type { ProgramTargetMapper } from '../schema.mappers.ts';
import { achieved } from './ProgramTarget.ts';
import type { ProgramProgressResolvers } from './types.generated.ts';

const targetsOf = (p: ProgramDoc): ProgramTargetMapper[] => p.targets.map((t) => ({ ...t, programId: p._id }));

/** Achieved over target summed over the targets, each counted up to its target, so overshooting one target cannot hide another. */
async function shareDone(p: ProgramDoc, ctx: ProjectsContext): Promise<number> {
  const targets = targetsOf(p);
  const goal = targets.reduce((n, t) => n + t.target, 0);
  if (goal === 0) return 0;
  const done = await Promise.all(targets.map(async (t) => Math.min(t.target, await achieved(t, ctx))));
  return done.reduce((n, d) => n + d, 0) / goal;
}

/** Share of the period gone by today, China Standard Time: both ends of the period are days of it. */
function timeElapsed(p: ProgramDoc, ctx: ProjectsContext): number {
  const days = daysBetween(p.period.start, p.period.end) + 1;
  const gone = daysBetween(p.period.start, chinaDate(ctx.now())) + 1;
  return Math.min(1, Math.max(0, gone / days));
}

export const ProgramProgress: ProgramProgressResolvers = {
  targets: ({ program }) => targetsOf(program),
  share: ({ program }, _args, ctx) => shareDone(program, ctx),
  timeElapsed: ({ program }, _args, ctx) => timeElapsed(program, ctx),
  status: async ({ program }, _args, ctx) => {
    const today = chinaDate(ctx.now());
    const share = await shareDone(program, ctx);
    if (program.targets.length > 0 && share >= 1) return 'ACHIEVED';
    if (today < program.period.start) return 'NOT_STARTED';
    if (today > program.period.end) return 'ENDED';
    return share >= timeElapsed(program, ctx) ? 'ON_TRACK' : 'BEHIND';
  },
};
