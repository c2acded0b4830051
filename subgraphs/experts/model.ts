import { z } from 'zod';
import { ResidentId } from '../../platform/linkage/resident-id.ts';
import { DisciplineCode, EntityId, RegionCode, Sector } from '../../platform/model.ts';

/**
 * Stored documents of the experts subgraph. The talent profile follows the core
 * elements of GB/T 35397-2017 (name, gender, birth date, field, degree, title,
 * contact, data source).
 */

export const Gender = z.enum(['MALE', 'FEMALE']);
export const Degree = z.enum(['NONE', 'BACHELOR', 'MASTER', 'DOCTORATE']);
export const CareerStage = z.enum(['EARLY', 'MID', 'SENIOR', 'LEADING']);
export const Availability = z.enum(['AVAILABLE', 'LIMITED', 'UNAVAILABLE']);
export const SharingLevel = z.enum(['PRIVATE', 'AGREEMENT', 'NATIONAL']);
export const PoolLevel = z.enum(['PROVINCE', 'CITY', 'COUNTY']);

export const Contact = z.object({
  phone: z
    .string()
    .regex(/^\+?[0-9 -]{6,20}$/, 'must be a phone number of 6-20 digits')
    .nullable(),
  email: z.email({ message: 'must be an e-mail address' }).nullable(),
});

export const ExternalId = z.object({
  scheme: z.string().regex(/^[A-Z][A-Z0-9_]{1,19}$/, 'must be an upper-case scheme name such as ORCID'),
  value: z.string().min(1).max(64),
});

/** Consent of the talent to the sharing of personal information with other handlers (PIPL art. 23). */
export const Consent = z.object({
  contactSharing: z.boolean(),
  consentedAt: z.date().nullable(),
  purposes: z.array(z.string().min(1).max(40)).max(20),
});

export const TalentDoc = z.object({
  _id: EntityId,
  name: z.string().min(1).max(60),
  gender: Gender,
  birthYear: z.number().int().min(1920).max(2015),
  degree: Degree,
  title: z.string().min(1).max(40),
  careerStage: CareerStage,
  organization: z.string().min(1).max(120),
  disciplineCodes: z.array(DisciplineCode).max(10),
  sectors: z.array(Sector).min(1).max(3),
  skills: z.array(z.string().min(1).max(40)).max(20),
  homeRegion: RegionCode,
  hukouRegion: RegionCode.nullable(),
  poolIds: z.array(EntityId).max(50),
  availability: Availability,
  sharing: SharingLevel,
  consent: Consent,
  contact: Contact,
  externalIds: z.array(ExternalId).max(10),
  /**
   * Resident identity number (GB 11643, 18 characters), when recorded: personal, read only by the
   * home province, and never sent anywhere; linkage (issue 17) sees it only as a keyed token.
   * Optional so records stored before it existed stay valid.
   */
  residentId: z
    .string()
    .regex(/^\d{17}[\dX]$/)
    .nullish(),
  /** Data source element of GB/T 35397: which system recorded the profile. */
  source: z.string().min(1).max(80),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TalentDoc = z.infer<typeof TalentDoc>;

export const ExpertPoolDoc = z.object({
  _id: EntityId,
  name: z.string().min(1).max(80),
  level: PoolLevel,
  regionCode: RegionCode,
  sectors: z.array(Sector).min(1),
});
export type ExpertPoolDoc = z.infer<typeof ExpertPoolDoc>;

export const DisciplineDoc = z.object({ _id: DisciplineCode, name: z.string().min(1) });
export type DisciplineDoc = z.infer<typeof DisciplineDoc>;

// ---- inputs (validated before anything is read or written) --------------------------------

const ProvinceCode = RegionCode.refine((code) => code.endsWith('0000'), 'must be a province-level code ending in 0000, e.g. 510000');
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const PurposeCode = z.string().regex(/^[A-Z][A-Z_]{2,39}$/, 'must be a purpose code such as EXPERT_CONSULTATION');

export const TalentFilterInput = z
  .object({
    homeRegion: RegionCode,
    sector: Sector,
    discipline: DisciplineCode,
    skill: Text(40),
    availability: Availability,
    careerStage: CareerStage,
    pool: EntityId,
    text: Text(50),
  })
  .partial()
  .nullish();

export const ConsentInput = z.object({
  contactSharing: z.boolean(),
  purposes: z.array(PurposeCode).max(20).default([]),
});

export const ContactInput = z.object({
  phone: Contact.shape.phone.optional(),
  email: Contact.shape.email.optional(),
});

const profileFields = {
  name: Text(60),
  title: Text(40),
  careerStage: CareerStage,
  organization: Text(120),
  disciplineCodes: z.array(DisciplineCode).min(1, 'must name at least one discipline').max(10),
  sectors: z.array(Sector).min(1, 'must name at least one sector').max(3),
  skills: z.array(Text(40)).max(20),
  hukouRegion: RegionCode.nullable(),
  availability: Availability,
  sharing: SharingLevel,
  consent: ConsentInput,
  contact: ContactInput,
  externalIds: z.array(ExternalId).max(10),
  // GB 11643: a wrong check character or an impossible birth date is BAD_USER_INPUT on input.residentId.
  residentId: ResidentId.nullable(),
};

export const RegisterTalentInput = z.object({
  ...profileFields,
  gender: Gender,
  birthYear: z.number().int().min(1920, 'must be 1920 or later').max(2015, 'must be 2015 or earlier'),
  degree: Degree,
  homeRegion: ProvinceCode,
  hukouRegion: RegionCode.nullish().transform((v) => v ?? null),
  consent: ConsentInput.nullish().transform((v) => v ?? { contactSharing: false, purposes: [] }),
  contact: ContactInput.nullish().transform((v) => v ?? {}),
  skills: profileFields.skills.default([]),
  externalIds: profileFields.externalIds.default([]),
  residentId: ResidentId.nullish().transform((v) => v ?? null),
  source: Text(80),
});

export const UpdateTalentInput = z
  .object(profileFields)
  .partial()
  .refine((input) => Object.values(input).some((v) => v !== undefined), 'must change at least one field');

/** What `talentStats` can group by (see TALENT_DIMENSIONS in store.ts). */
export const TalentDimension = z.enum(['REGION', 'DISCIPLINE', 'SECTOR', 'CAREER_STAGE', 'TITLE', 'AVAILABILITY']);

export const TalentStatsArgs = z.object({
  groupBy: z
    .array(TalentDimension)
    .min(1, 'must name at least one dimension')
    .max(3, 'must name at most three dimensions (more only makes groups too small to show)')
    .superRefine((dimensions, ctx) => {
      dimensions.forEach((d, i) => {
        if (dimensions.indexOf(d) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${d}; name each dimension once` });
      });
    }),
  filter: TalentFilterInput,
});

/** A PoolCoverage entity as the gateway hands it over: the region and, via @requires, the areas under it. */
export const PoolCoverageRepresentation = z.object({
  regionCode: RegionCode,
  areaCodes: z.array(RegionCode).max(10_000).optional(),
});
