import type { Sector } from '../platform/model.ts';
import { talentId } from '../platform/nodes.ts';
import type { TalentDoc } from '../subgraphs/experts/model.ts';
import { pad6 } from './codes.ts';
import { EMAIL_DOMAINS, MOBILE_PREFIXES, syntheticOrcid } from './contacts.ts';
import { MAINLAND_PROVINCE_CODES, type ProvinceContext, type RegionContext } from './context.ts';
import { DAY_MS } from './days.ts';
import { buildFakerPools } from './names.ts';
import { chooseOrg, LADDERS, type OrgKind } from './organisations.ts';
import { Rng, Weighted } from './prng.ts';
import { DISCIPLINE_INFO, SECTOR_DISCIPLINES, SECTOR_SKILLS, SECTORS, SURNAMES, type Family } from './vocabulary.ts';

/** Talent profiles: who they are, where they work, what they know, and what they consent to share. */

/** Where the talents are: indexes into the talent list by home province (six-digit code). */
export interface TalentIndex {
  byProvince: Map<string, number[]>;
}

const SHARING_LEVELS = ['PRIVATE', 'AGREEMENT', 'NATIONAL'] as const;
const PURPOSES = ['TALENT_INTRODUCTION', 'PROJECT_REVIEW', 'EXPERT_CONSULTATION', 'COOPERATION_EXCHANGE'] as const;
/** Round-robin block that carries the per-province sharing x consent guarantee. */
const GUARANTEED = MAINLAND_PROVINCE_CODES.length * SHARING_LEVELS.length * 2;

type Stage = TalentDoc['careerStage'];

const STAGE_INDEX: Readonly<Record<Stage, number>> = { EARLY: 0, MID: 1, SENIOR: 2, LEADING: 3 };
const BIRTH_YEARS: Readonly<Record<Stage, readonly [number, number]>> = {
  EARLY: [1988, 2000],
  MID: [1975, 1991],
  SENIOR: [1963, 1982],
  LEADING: [1955, 1973],
};

/** Degree weights [NONE, BACHELOR, MASTER, DOCTORATE] by organisation kind. */
const DEGREE_WEIGHTS: Readonly<Record<OrgKind, readonly [number, number, number, number]>> = {
  UNI: [0, 4, 24, 72],
  INST: [0, 8, 32, 60],
  HOSP: [0, 20, 42, 38],
  COMP: [5, 42, 38, 15],
  EXT: [6, 64, 26, 4],
  VOC: [0, 35, 55, 10],
};
const DEGREES = ['NONE', 'BACHELOR', 'MASTER', 'DOCTORATE'] as const;

const SECTOR_DISCIPLINE_TABLES: Readonly<Record<Sector, Weighted<string>>> = {
  AGRICULTURE: new Weighted(SECTOR_DISCIPLINES.AGRICULTURE),
  INDUSTRY: new Weighted(SECTOR_DISCIPLINES.INDUSTRY),
  SERVICES: new Weighted(SECTOR_DISCIPLINES.SERVICES),
};
const SECTOR_TABLE = new Weighted<Sector>([
  ['AGRICULTURE', 30],
  ['INDUSTRY', 35],
  ['SERVICES', 35],
]);
const STAGE_TABLE = new Weighted<Stage>([
  ['EARLY', 25],
  ['MID', 35],
  ['SENIOR', 28],
  ['LEADING', 12],
]);
const SHARING_TABLE = new Weighted<TalentDoc['sharing']>([
  ['PRIVATE', 30],
  ['AGREEMENT', 40],
  ['NATIONAL', 30],
]);
const CONSENT_RATE: Readonly<Record<TalentDoc['sharing'], number>> = { PRIVATE: 0.2, AGREEMENT: 0.6, NATIONAL: 0.75 };
const AVAILABILITY_TABLE = new Weighted<TalentDoc['availability']>([
  ['AVAILABLE', 60],
  ['LIMITED', 30],
  ['UNAVAILABLE', 10],
]);
const SURNAME_TABLE = new Weighted(SURNAMES.map(([s, py, w]) => [[s, py] as const, w] as const));
const DEGREE_TABLES: Readonly<Record<OrgKind, Weighted<TalentDoc['degree']>>> = Object.fromEntries(
  Object.entries(DEGREE_WEIGHTS).map(([k, ws]) => [k, new Weighted(DEGREES.map((d, i) => [d, ws[i] as number] as const))]),
) as Record<OrgKind, Weighted<TalentDoc['degree']>>;

function addUnique(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/**
 * The talents, serials `000001`..: each id names the home province and the serial
 * (`T-510000-000123`, see platform/nodes.ts `talentId`), so the hub routes it to the node that
 * holds it without a lookup; the serial alone is unique. The first 186 round-robin over provinces x sharing levels x consent,
 * the rest random. Returns them with an index by home province for awards and engagements.
 */
export function generateTalents(
  count: number,
  seed: number,
  nowMs: number,
  ctx: RegionContext,
  poolsByProvinceSector: Map<string, Weighted<string>>,
): { talents: TalentDoc[]; index: TalentIndex } {
  const rng = new Rng(seed, 'talents');
  const pools = buildFakerPools(seed);
  const provinceTable = new Weighted(ctx.provinces.map((p) => [p, p.info.pop] as const));
  const startMs = Date.parse('2015-01-01T00:00:00Z');
  const createdSpan = Math.max(0, nowMs - 7 * DAY_MS - startMs);
  const talents: TalentDoc[] = new Array(count);
  const byProvince = new Map<string, number[]>(ctx.provinces.map((p) => [p.code, []]));

  for (let i = 0; i < count; i++) {
    const num = pad6(i + 1);
    let province: ProvinceContext;
    let sharing: TalentDoc['sharing'];
    let contactSharing: boolean;
    let forceAgriculture = false;
    const guaranteed = i < GUARANTEED;
    if (guaranteed) {
      // Round-robin: block k of 31 talents gives every province sharing level k>>1, consent k even.
      province = ctx.provinces[i % ctx.provinces.length] as ProvinceContext;
      const combo = Math.floor(i / ctx.provinces.length);
      sharing = SHARING_LEVELS[combo >> 1] as TalentDoc['sharing'];
      contactSharing = combo % 2 === 0;
      forceAgriculture = sharing === 'AGREEMENT' && contactSharing;
    } else {
      province = provinceTable.pick(rng);
      sharing = SHARING_TABLE.pick(rng);
      contactSharing = rng.chance(CONSENT_RATE[sharing]);
    }

    // Sectors and disciplines: the first discipline comes from the primary sector.
    const primary: Sector = forceAgriculture ? 'AGRICULTURE' : SECTOR_TABLE.pick(rng);
    const sectors: Sector[] = [primary];
    if (rng.chance(0.25)) {
      const other = SECTORS[(SECTORS.indexOf(primary) + 1 + rng.int(2)) % 3] as Sector;
      sectors.push(other);
    }
    const firstCode = SECTOR_DISCIPLINE_TABLES[primary].pick(rng);
    const disciplineCodes = [firstCode];
    const extra = rng.chance(0.45) ? (rng.chance(0.25) ? 2 : 1) : 0;
    for (let k = 0; k < extra; k++) {
      // Further disciplines mostly stay in the primary sector.
      const sector = sectors.length > 1 && rng.chance(0.35) ? (sectors[1] as Sector) : primary;
      addUnique(disciplineCodes, SECTOR_DISCIPLINE_TABLES[sector].pick(rng));
    }

    const info = DISCIPLINE_INFO[firstCode];
    // Agriculture-sector talents work in agricultural organisations whatever their discipline.
    const family: Family = primary === 'AGRICULTURE' ? 'agri' : (info?.family ?? 'eng');
    const stage = STAGE_TABLE.pick(rng);
    const [y0, y1] = BIRTH_YEARS[stage];
    const birthYear = rng.range(y0, y1);
    const org = chooseOrg(rng, province, family, firstCode, pools);
    const title = rng.pick(LADDERS[org.ladder][STAGE_INDEX[stage]] as readonly string[]);
    let degree = DEGREE_TABLES[org.kind].pick(rng);
    if (stage === 'LEADING' && degree === 'NONE') degree = 'BACHELOR';

    // Skills: from the disciplines, the sector and the province's agricultural specialities.
    const skills: string[] = [];
    for (const code of disciplineCodes) {
      const d = DISCIPLINE_INFO[code];
      if (d) addUnique(skills, rng.pick(d.skills));
    }
    if (info && (skills.length < 2 || rng.chance(0.5))) addUnique(skills, rng.pick(info.skills));
    if (sectors.includes('AGRICULTURE') && rng.chance(0.55)) addUnique(skills, rng.pick(province.info.agriSkills));
    if (skills.length < 2 || rng.chance(0.35)) addUnique(skills, rng.pick(SECTOR_SKILLS[rng.pick(sectors)]));

    const female = rng.chance(stage === 'LEADING' ? 0.25 : 0.42);
    const [surname, pinyin] = SURNAME_TABLE.pick(rng);
    const namePool = pools.given[female ? 'FEMALE' : 'MALE'];
    const name = surname + rng.pick(birthYear < 1985 ? namePool.older : namePool.younger);

    const hukouRoll = rng.next();
    const hukouRegion = hukouRoll < 0.8 ? province.code : hukouRoll < 0.92 ? provinceTable.pick(rng).code : null;

    const poolIds: string[] = [];
    const nPools = rng.chance(0.35) ? 0 : rng.chance(0.3) ? 2 : 1;
    for (let k = 0; k < nPools; k++) {
      const candidates = poolsByProvinceSector.get(province.info.code2 + rng.pick(sectors));
      if (candidates) {
        const id = candidates.pick(rng);
        if (!poolIds.includes(id)) poolIds.push(id);
      }
    }

    const createdMs = startMs + Math.floor(rng.next() * createdSpan);
    const updatedMs = createdMs + Math.floor(rng.next() * (nowMs - createdMs));
    let purposes: string[] = [];
    if (contactSharing) {
      // Guaranteed talents consent to every purpose so tests of purpose filters always find one.
      if (guaranteed) purposes = [...PURPOSES];
      else for (const p of PURPOSES) if (rng.chance(0.6)) purposes.push(p);
      if (purposes.length === 0) purposes.push(rng.pick(PURPOSES));
    }
    const consentedAt = contactSharing ? new Date(createdMs + Math.floor(rng.next() * (updatedMs - createdMs))) : null;

    const mobile = `${rng.pick(MOBILE_PREFIXES)}0000${num.slice(2)}`;
    const phone = guaranteed || rng.chance(0.95) ? (rng.chance(0.5) ? `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}` : mobile) : null;
    const email = guaranteed || rng.chance(0.9) ? `${pinyin}.${num}@${rng.pick(EMAIL_DOMAINS)}` : null;

    const externalIds = degree === 'DOCTORATE' && org.kind !== 'COMP' && rng.chance(0.35) ? [{ scheme: 'ORCID', value: syntheticOrcid(rng) }] : [];

    talents[i] = {
      _id: talentId(province.code, num),
      name,
      gender: female ? 'FEMALE' : 'MALE',
      birthYear,
      degree,
      title,
      careerStage: stage,
      organization: org.name,
      disciplineCodes,
      sectors,
      skills,
      homeRegion: province.code,
      hukouRegion,
      poolIds,
      availability: AVAILABILITY_TABLE.pick(rng),
      sharing,
      consent: { contactSharing, consentedAt, purposes },
      contact: { phone, email },
      externalIds,
      source: rng.chance(0.85) ? province.sources[0] : province.sources[1],
      createdAt: new Date(createdMs),
      updatedAt: new Date(updatedMs),
    };
    (byProvince.get(province.code) as number[]).push(i);
  }
  return { talents, index: { byProvince } };
}
