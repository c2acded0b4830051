import { z } from 'zod';
import { DisciplineCode, EntityId, IsoDate, Period, RegionCode, Sector } from '../../platform/model.ts';

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

export type AgreementScope = z.infer<typeof AgreementScope>;

/** An ISO 8601 instant as stored (a string, so every store keeps it as written). */
const Instant = z.iso.datetime();

/** One party province's consent to one version of the terms, given with its own credentials. */
export const RatificationDoc = z.object({
  /** The province (GB/T 2260 code ending in 0000) that ratified. */
  province: RegionCode,
  at: Instant,
  /** The ratifying system (token sub). */
  by: z.string().min(1),
  /** The version of the terms ratified. */
  version: z.number().int().min(1),
});
export type RatificationDoc = z.infer<typeof RatificationDoc>;

export const AgreementAction = z.enum(['PROPOSED', 'RATIFIED', 'AMENDMENT_PROPOSED', 'SUSPENDED', 'RESUMED', 'TERMINATED']);
export type AgreementAction = z.infer<typeof AgreementAction>;

/** One step of an agreement's lifecycle, kept on the agreement so every party reads its history. */
export const AgreementEventDoc = z.object({
  action: AgreementAction,
  at: Instant,
  /** The acting region (a province, or for proposals also a prefecture or county). */
  region: RegionCode,
  by: z.string().min(1),
  /** The version of the terms the step concerns. */
  version: z.number().int().min(1),
  reason: z.string().nullable(),
});
export type AgreementEventDoc = z.infer<typeof AgreementEventDoc>;

/** A change of scope of a ratified agreement, waiting for every party province; the old scope applies meanwhile. */
export const AmendmentDoc = z.object({
  version: z.number().int().min(2),
  scope: AgreementScope,
  ratifications: z.array(RatificationDoc),
});
export type AmendmentDoc = z.infer<typeof AmendmentDoc>;

/**
 * The stored lifecycle state. PROPOSED: waits for ratification by every party province.
 * RATIFIED: every party province ratified `version`; whether it applies today also depends on
 * the dates and on `suspendedBy` (see lifecycle.ts). TERMINATED: ended by a party, for good.
 */
export const AgreementState = z.enum(['PROPOSED', 'RATIFIED', 'TERMINATED']);

export const AgreementDoc = z.object({
  _id: EntityId,
  name: z.string().min(1).max(120),
  partyCodes: z.array(RegionCode).min(2).max(20),
  /** First day the agreement applies once ratified. */
  signedOn: IsoDate,
  validUntil: IsoDate.nullable(),
  /** The scope of `version`: the one in force once ratified. */
  scope: AgreementScope,
  measures: z.array(z.string().min(1).max(200)).max(30),
  state: AgreementState,
  /** The version of `scope`; an amendment ratified by every party becomes the next version. */
  version: z.number().int().min(1),
  /** Ratifications of `version` (all party provinces once RATIFIED). */
  ratifications: z.array(RatificationDoc),
  pendingAmendment: AmendmentDoc.nullable(),
  /** Party provinces that suspended it; it applies again when every one of them has resumed it. */
  suspendedBy: z.array(RegionCode),
  history: z.array(AgreementEventDoc),
  /** Bumped by every change; a change is written only if nobody changed the agreement meanwhile. */
  revision: z.number().int().min(0),
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

export const AgreementStatus = z.enum(['PROPOSED', 'RATIFIED', 'IN_FORCE', 'SUSPENDED', 'TERMINATED', 'EXPIRED']);
export type AgreementStatus = z.infer<typeof AgreementStatus>;

export const AgreementsArgs = z.object({ region: RegionCode.nullish(), inForce: z.boolean().nullish(), status: AgreementStatus.nullish() });

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

export const ProposeAgreementInput = z
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

/** Why a party suspends or terminates: every party reads it in the agreement's history. */
const Reason = Text(500);

/** Which terms a province ratifies: the version it read, so it never ratifies terms it has not seen. */
export const RatifyAgreementInput = z.object({ id: EntityId, version: z.number().int().min(1, 'must be 1 or more') });

export const AmendAgreementScopeInput = z.object({ id: EntityId, scope: AgreementScopeInput });

export const SuspendAgreementInput = z.object({ id: EntityId, reason: Reason });

export const ResumeAgreementInput = z.object({ id: EntityId });

export const TerminateAgreementInput = z.object({ id: EntityId, reason: Reason });

export const RecordEngagementInput = z
  .object({
    talentId: EntityId,
    // Optional: the talent's home comes from experts; a given one must agree with it (see recordEngagement).
    homeRegion: RegionCode.nullish().transform((v) => v ?? null),
    hostRegion: RegionCode,
    kind: EngagementKind,
    start: IsoDate,
    end: IsoDate.nullish().transform((v) => v ?? null),
    agreementId: EntityId.nullish().transform((v) => v ?? null),
  })
  .refine((input) => input.homeRegion === null || input.homeRegion !== input.hostRegion, {
    path: ['hostRegion'],
    message: 'must differ from homeRegion: an engagement serves a region other than home',
  })
  .refine((input) => input.end === null || input.start <= input.end, { path: ['end'], message: 'must not be before start' });
