import { z } from 'zod';
import { DisciplineCode, EntityId, IsoDate, Period, RegionCode, Sector } from '../kit/model.ts';

export const RegionLevel = z.enum(['PROVINCE', 'PREFECTURE', 'COUNTY']);

export const RegionDoc = z.object({
  _id: RegionCode,
  name: z.string().min(1),
  level: RegionLevel,
  parentCode: RegionCode.nullable(),
});
export type RegionDoc = z.infer<typeof RegionDoc>;

export const AgreementScope = z.object({
  sectors: z.array(Sector),
  disciplineCodes: z.array(DisciplineCode),
  /** Whether contact details of consenting talents may be provided between the parties. */
  contactSharing: z.boolean(),
});

export const AgreementDoc = z.object({
  _id: EntityId,
  name: z.string().min(1).max(120),
  partyCodes: z.array(RegionCode).min(2).max(20),
  signedOn: IsoDate,
  validUntil: IsoDate.nullable(),
  scope: AgreementScope,
  measures: z.array(z.string().min(1).max(200)).max(30),
});
export type AgreementDoc = z.infer<typeof AgreementDoc>;

export const EngagementKind = z.enum([
  'FLEXIBLE_INTRODUCTION', // 柔性引进
  'SECONDMENT', // 挂职
  'CROSS_PROVINCE_EXCHANGE', // 互派交流
  'EXPERT_SERVICE', // 专家服务
]);

export const EngagementDoc = z.object({
  _id: EntityId,
  talentId: EntityId,
  homeRegion: RegionCode,
  hostRegion: RegionCode,
  kind: EngagementKind,
  start: IsoDate,
  end: IsoDate.nullable(),
  agreementId: EntityId.nullable(),
});
export type EngagementDoc = z.infer<typeof EngagementDoc>;

// ---- inputs (validated before anything is read or written) --------------------------------

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Reports every repeated item at its index, so the client learns which entry to drop. */
const distinct = <T extends z.ZodType<string>>(item: T, what: string) =>
  z.array(item).superRefine((values, ctx) => {
    values.forEach((value, i) => {
      if (values.indexOf(value) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${what} "${value}"; name each once` });
    });
  });

export const RegionsArgs = z.object({ level: RegionLevel.nullish(), parent: RegionCode.nullish() });

export const AgreementsArgs = z.object({ region: RegionCode.nullish(), inForce: z.boolean().nullish() });

export const AgreementsBetweenArgs = z.object({ regionA: RegionCode, regionB: RegionCode, on: IsoDate.nullish() });

export const EngagementFilterArgs = z.object({
  hostRegion: RegionCode.nullish(),
  homeRegion: RegionCode.nullish(),
  kind: EngagementKind.nullish(),
});

export const TalentFlowsArgs = EngagementFilterArgs.extend({
  period: Period.nullish(),
  byKind: z
    .boolean()
    .nullish()
    .transform((v) => v ?? true),
});

export const PoolCoverageArgs = z.object({ region: RegionCode });

export const AgreementScopeInput = z
  .object({
    sectors: distinct(Sector, 'sector').max(3).default([]),
    disciplineCodes: distinct(DisciplineCode, 'discipline').max(50, 'must be at most 50 disciplines').default([]),
    contactSharing: z.boolean().default(false),
  })
  .refine((scope) => scope.sectors.length + scope.disciplineCodes.length > 0, {
    path: ['sectors'],
    message: 'must name at least one sector or discipline',
  });

export const CreateAgreementInput = z
  .object({
    name: Text(120),
    partyCodes: distinct(RegionCode, 'party').min(2, 'must name at least two regions').max(20, 'must be at most 20 regions'),
    signedOn: IsoDate,
    validUntil: IsoDate.nullish().transform((v) => v ?? null),
    scope: AgreementScopeInput,
    measures: z.array(Text(200)).max(30, 'must be at most 30 measures').default([]),
  })
  .refine((input) => input.validUntil === null || input.signedOn <= input.validUntil, {
    path: ['validUntil'],
    message: 'must not be before signedOn',
  });

export const RecordEngagementInput = z
  .object({
    talentId: EntityId,
    homeRegion: RegionCode,
    hostRegion: RegionCode,
    kind: EngagementKind,
    start: IsoDate,
    end: IsoDate.nullish().transform((v) => v ?? null),
    agreementId: EntityId.nullish().transform((v) => v ?? null),
  })
  .refine((input) => input.homeRegion !== input.hostRegion, {
    path: ['hostRegion'],
    message: 'must differ from homeRegion: an engagement serves a region other than home',
  })
  .refine((input) => input.end === null || input.start <= input.end, { path: ['end'], message: 'must not be before start' });
