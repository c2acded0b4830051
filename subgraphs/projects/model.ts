import { z } from 'zod';
import { EntityId, IsoDate, Period, RegionCode, Sector } from '../../platform/model.ts';

export const ProgramKind = z.enum([
  'SCHOLAR', // e.g. 青海学者
  'INTRODUCTION', // introduction of high-level talent, e.g. 高端创新创业人才
  'TRAINING',
  'INNOVATION_ENTREPRENEURSHIP',
  'OPEN_CHALLENGE', // 揭榜挂帅
  'STAFFING_POOL', // 编制池: dedicated staffing positions
  'POLICY_PACKAGE', // e.g. 南昌人才10条
]);

/**
 * A programme target. `source: AWARDS` targets are achieved by counting the programme's
 * awards (optionally only those of one `awardCategory`); `source: REPORTED` targets carry the
 * figure the owner reported (e.g. staffing positions used), since no award records it.
 */
export const ProgramTarget = z.object({
  metric: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/),
  label: z.string().min(1).max(60),
  target: z.number().int().min(0),
  unit: z.string().min(1).max(10),
  source: z.enum(['AWARDS', 'REPORTED']),
  awardCategory: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/)
    .nullable(),
  reported: z.number().int().min(0).nullable(),
});

export const ProgramDoc = z.object({
  _id: EntityId,
  name: z.string().min(1).max(80),
  ownerRegion: RegionCode,
  kind: ProgramKind,
  period: Period,
  description: z.string().max(500),
  targets: z.array(ProgramTarget).max(20),
});
export type ProgramDoc = z.infer<typeof ProgramDoc>;

export const AwardDoc = z.object({
  _id: EntityId,
  programId: EntityId,
  talentId: EntityId,
  year: z.number().int().min(1980).max(2100),
  /** Amount of support in yuan (CNY). */
  amount: z.number().int().min(0),
  /** Programme-specific category counted by targets, e.g. INTRODUCED or TRAINED for 双千计划. */
  category: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/)
    .nullable(),
});
export type AwardDoc = z.infer<typeof AwardDoc>;

export const ChallengeStatus = z.enum(['OPEN', 'AWARDED', 'CLOSED']);

export const ChallengeDoc = z.object({
  _id: EntityId,
  title: z.string().min(1).max(120),
  regionCode: RegionCode,
  sector: Sector,
  /** Reward in yuan (CNY). */
  reward: z.number().int().min(0),
  deadline: IsoDate,
  status: ChallengeStatus,
  programId: EntityId.nullable(),
});
export type ChallengeDoc = z.infer<typeof ChallengeDoc>;

export type ProgramTarget = z.infer<typeof ProgramTarget>;

// ---- inputs (validated before anything is read or written) --------------------------------

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const Code = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'must be an upper-case code of 2-40 letters, digits or "_", e.g. INTRODUCED');
const Yuan = z.number().int().min(0, 'must be 0 or more');

export const ProgramTargetInput = z
  .object({
    metric: Code,
    label: Text(60),
    target: z.number().int().min(0, 'must be 0 or more'),
    unit: Text(10),
    source: ProgramTarget.shape.source,
    awardCategory: Code.nullish().transform((v) => v ?? null),
    reported: z
      .number()
      .int()
      .min(0, 'must be 0 or more')
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((t, ctx) => {
    // Each source has its own figure: a target that mixed them would silently ignore one.
    if (t.source === 'AWARDS' && t.reported !== null) {
      ctx.addIssue({ code: 'custom', path: ['reported'], message: 'applies only to REPORTED targets; AWARDS targets are counted from awards' });
    }
    if (t.source === 'REPORTED' && t.awardCategory !== null) {
      ctx.addIssue({ code: 'custom', path: ['awardCategory'], message: 'applies only to AWARDS targets' });
    }
  })
  .transform((t): ProgramTarget => ({ ...t, reported: t.source === 'REPORTED' ? (t.reported ?? 0) : null }));

export const CreateProgramInput = z.object({
  name: Text(80),
  ownerRegion: RegionCode,
  kind: ProgramKind,
  period: Period,
  description: z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .nullish()
    .transform((v) => v ?? ''),
  targets: z
    .array(ProgramTargetInput)
    .max(20, 'must have at most 20 targets')
    .nullish()
    .transform((v) => v ?? [])
    .superRefine((targets, ctx) => {
      const seen = new Set<string>();
      targets.forEach((t, i) => {
        if (seen.has(t.metric)) ctx.addIssue({ code: 'custom', path: [i, 'metric'], message: `"${t.metric}" is already a target of this programme` });
        seen.add(t.metric);
      });
    }),
});

export const ProgramProgressArgs = z.object({ region: RegionCode.nullish(), kind: ProgramKind.nullish() });

export const RecordAwardInput = z.object({
  programId: EntityId,
  talentId: EntityId,
  year: z.number().int().min(1980, 'must be 1980 or later').max(2100, 'must be 2100 or earlier'),
  amount: Yuan,
  category: Code.nullish().transform((v) => v ?? null),
});

export const PublishChallengeInput = z.object({
  title: Text(120),
  region: RegionCode,
  sector: Sector,
  reward: Yuan,
  deadline: IsoDate,
  programId: EntityId.nullish().transform((v) => v ?? null),
});
