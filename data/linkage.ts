import { pinyin } from 'pinyin-pro';
import type { LinkageSource } from '../platform/linkage/contract.ts';
import { VARIANT_CHARACTERS } from '../platform/linkage/normalise.ts';
import { makeResidentId, mistypeResidentId, validateResidentId } from '../platform/linkage/resident-id.ts';
import type { TalentDoc } from '../subgraphs/experts/model.ts';
import { MAINLAND_PROVINCE_CODES, type RegionContext, regionContext } from './context.ts';
import { buildPools, poolTables } from './pools.ts';
import { Rng } from './prng.ts';
import { generateTalents } from './talents.ts';

/**
 * Identity numbers for the synthetic talents and the linkage gold standard (issue 17): the same
 * people recorded in two provinces, written the way two provinces' clerks write them (identity number
 * missing on one side in about a third, a mistyped digit, traditional or variant characters, pinyin,
 * spacing, a birth year off by one, an organisation renamed or a different employer). Every person
 * and number is synthetic; the numbers are valid by GB 11643 but invented.
 */

/** A talent with the optional identity number the experts model stores. */
type WithResidentId = TalentDoc & { residentId?: string | null };

/** The generator's reference time (data/generate.ts DEFAULT_NOW_ISO; not imported: generate.ts imports this file). */
const NOW = new Date('2026-11-01T00:00:00Z');
/** Share of talents that have an identity number on record. */
const RESIDENT_ID_RATE = 0.9;
/** The first talents are the round-robin block tests rely on (data/talents.ts): never a gold copy. */
const GUARANTEED = MAINLAND_PROVINCE_CODES.length * 6;

/**
 * Gives about 90% of talents a valid identity number consistent with their birth year, gender and
 * household registration (a prefecture or county of the hukou province, else the home province), unique
 * across the dataset. Its own random stream, so the rest of the dataset is unchanged by it.
 */
export function assignResidentIds(talents: TalentDoc[], seed: number, ctx: RegionContext): void {
  const rng = new Rng(seed, 'resident-ids');
  const taken = new Set<string>();
  for (const t of talents as WithResidentId[]) {
    if (!rng.chance(RESIDENT_ID_RATE)) {
      t.residentId = null;
      continue;
    }
    const province = ctx.provinceByCode2.get((t.hukouRegion ?? t.homeRegion).slice(0, 2));
    const places = province ? [...province.prefectures, ...province.counties] : [];
    const region = places.length > 0 ? rng.pick(places)._id : `${(t.hukouRegion ?? t.homeRegion).slice(0, 2)}0000`;
    const day = new Date(Date.UTC(t.birthYear, 0, 1 + rng.int(365))).toISOString().slice(0, 10);
    let id: string;
    do {
      id = makeResidentId(region, day, rng.int(500) * 2 + (t.gender === 'MALE' ? 1 : 0));
    } while (taken.has(id));
    taken.add(id);
    t.residentId = id;
  }
}

/**
 * Simplified → traditional for the characters of the generator's names that have a traditional form
 * (taken once from OpenCC's cn2t tables; 于, 余 and 范 left out: as surnames they are written alike).
 * A table, not OpenCC itself: building OpenCC's converter costs a few hundred ms at every start.
 */
const TRADITIONAL = new Map(
  Array.from(
    '万萬东東严嚴丽麗义義云雲伟偉兰蘭兴興军軍冯馮凤鳳凯凱刘劉刚剛华華卢盧卫衛叶葉吕呂吴吳国國娇嬌孙孫学學岚嵐峰峯帅帥庆慶开開张張强強悦悅晓曉杨楊杰傑栋棟欧歐泽澤洁潔涛濤瑶瑤红紅罗羅艳豔艺藝苏蘇荣榮蒋蔣许許诗詩诚誠语語诸諸诺諾谢謝谭譚贺賀贾賈赵趙轩軒辉輝远遠邓鄧邹鄒郑鄭钟鍾钱錢锋鋒闫閆阳陽陆陸陈陳静靜韦韋韩韓韬韜顾顧颖穎飞飛马馬鹏鵬黄黃龙龍龚龔'.matchAll(
      /(.)(.)/gu,
    ),
    (m) => [m[1] as string, m[2] as string],
  ),
);
const toTraditional = (text: string) => Array.from(text, (c) => TRADITIONAL.get(c) ?? c).join('');
const STANDARD_TO_VARIANT = new Map(Object.entries(VARIANT_CHARACTERS).map(([variant, standard]) => [standard, variant]));

/** The name as another clerk wrote it. */
function rewriteName(name: string, rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.15) return toTraditional(name);
  if (roll < 0.22) {
    const chars = [...name];
    const i = chars.findIndex((c) => STANDARD_TO_VARIANT.has(c));
    if (i >= 0) chars[i] = STANDARD_TO_VARIANT.get(chars[i] as string) as string;
    return i >= 0 ? chars.join('') : toTraditional(name);
  }
  if (roll < 0.34) {
    const syllables = pinyin(name, { toneType: 'none', surname: 'head', type: 'array', v: true });
    const surname = syllables[0] ?? '';
    const given = syllables.slice(1).join('');
    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    return rng.pick([`${cap(surname)} ${cap(given)}`, `${surname.toUpperCase()} ${cap(given)}`, `${surname}${given}`, `${cap(given)} ${cap(surname)}`]);
  }
  if (roll < 0.42) return `${name.slice(0, 1)}${rng.pick([' ', '\u3000', '·'])}${name.slice(1)}`;
  return name;
}

/** The organisation after a rename: a changed legal form or a renamed institute, school or group. */
function renameOrganisation(org: string, rng: Rng): string {
  const rules: [RegExp, string][] = [
    [/有限责任公司$/, '股份有限公司'],
    [/股份有限公司$/, '集团有限公司'],
    [/有限公司$/, '（集团）有限公司'],
    [/研究所$/, '研究院'],
    [/职业技术学院$/, '职业学院'],
    [/学院$/, '大学'],
    [/医院$/, '医院（集团）'],
    [/站$/, '中心'],
  ];
  for (const [re, to] of rules) if (re.test(org)) return org.replace(re, to);
  return rng.chance(0.5) ? `${org}（集团）` : org;
}

/**
 * Overwrites the identity fields of `copy` with those of `source` as a second province would record the
 * same person. Returns nothing; may clear `source.residentId` (missing on the first side).
 *
 * @param sameEmployer whether the person works at the source's organisation (else the copy keeps its own).
 */
function recordAgain(source: WithResidentId, copy: WithResidentId, rng: Rng, sameEmployer: boolean): void {
  copy.name = rewriteName(source.name, rng);
  copy.gender = source.gender;
  copy.birthYear = source.birthYear;
  if (rng.chance(0.08)) copy.birthYear += source.birthYear >= 2000 ? -1 : source.birthYear <= 1955 ? 1 : rng.chance(0.5) ? 1 : -1;
  copy.residentId = source.residentId ?? null;
  const idRoll = rng.next();
  if (idRoll < 0.17) copy.residentId = null;
  else if (idRoll < 0.34) source.residentId = null;
  else if (idRoll < 0.44 && copy.residentId) {
    // A clerk's typo in the first 17 digits, accepted because the check digit was recomputed.
    // Tries until the typo still reads as a valid number (a typo in the date can make it impossible).
    for (let attempt = 0; attempt < 10; attempt++) {
      const position = rng.int(17);
      const typo = mistypeResidentId(copy.residentId, position, (Number(copy.residentId[position]) + 1 + rng.int(9)) % 10);
      if (validateResidentId(typo, NOW).ok) {
        copy.residentId = typo;
        break;
      }
    }
  }
  if (sameEmployer) copy.organization = rng.chance(0.25) ? renameOrganisation(source.organization, rng) : source.organization;
  const first = source.disciplineCodes[0];
  if (first !== undefined) copy.disciplineCodes = rng.chance(0.7) ? [first, ...copy.disciplineCodes.filter((d) => d !== first)].slice(0, 3) : [...source.disciplineCodes];
}

/** Fisher–Yates on a copy, with the generator's stream. */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The seed's gold pairs, [source, copy] by talent id: Sichuan (510000) records of people also on record
 * in Chongqing (500000), which have an agreement in force (`agr-chuanyu`), about a quarter of the
 * smaller side's shareable records; and NATIONAL records in two provinces without an agreement, one
 * per 40 NATIONAL records. Only records beyond the guaranteed round-robin block, never PRIVATE ones.
 * Depends only on ids, home regions and sharing levels, which the gold standard does not change, so
 * it can be recomputed from the finished dataset.
 */
export function goldLinks(talents: readonly TalentDoc[], seed: number): [string, string][] {
  const rng = new Rng(seed, 'gold-pairs');
  const open = talents.slice(GUARANTEED).filter((t) => t.sharing !== 'PRIVATE');
  const sichuan = shuffled(
    open.filter((t) => t.homeRegion === '510000'),
    rng,
  );
  const chongqing = shuffled(
    open.filter((t) => t.homeRegion === '500000'),
    rng,
  );
  const pairs: [string, string][] = [];
  const chuanyu = Math.round(Math.min(sichuan.length, chongqing.length) / 4);
  for (let i = 0; i < chuanyu; i++) pairs.push([(sichuan[i] as TalentDoc)._id, (chongqing[i] as TalentDoc)._id]);
  const national = shuffled(
    open.filter((t) => t.sharing === 'NATIONAL' && t.homeRegion !== '510000' && t.homeRegion !== '500000'),
    rng,
  );
  const want = Math.round(national.length / 40);
  const used = new Set<number>();
  for (let i = 0, made = 0; made < want && i < national.length; i++) {
    if (used.has(i)) continue;
    const a = national[i] as TalentDoc;
    // The partner: the next unused NATIONAL record of another province.
    let j = i + 1;
    while (j < national.length && (used.has(j) || (national[j] as TalentDoc).homeRegion === a.homeRegion)) j++;
    if (j >= national.length) break;
    used.add(i).add(j);
    pairs.push([a._id, (national[j] as TalentDoc)._id]);
    made++;
  }
  return pairs;
}

/** Records the people of {@link goldLinks} a second time: each copy takes its source's identity as a second clerk wrote it. */
export function applyGoldStandard(talents: TalentDoc[], seed: number): void {
  const rng = new Rng(seed, 'gold-copies');
  const byId = new Map(talents.map((t) => [t._id, t as WithResidentId]));
  for (const [a, b] of goldLinks(talents, seed)) {
    recordAgain(byId.get(a) as WithResidentId, byId.get(b) as WithResidentId, rng, rng.chance(0.5));
  }
}

/** What the node holding a talent knows of it for linkage (the input of `tokenize`). */
export function linkageSource(t: TalentDoc): LinkageSource {
  return {
    id: t._id,
    province: t.homeRegion,
    residentId: (t as WithResidentId).residentId ?? null,
    name: t.name,
    birthYear: t.birthYear,
    gender: t.gender,
    organisation: t.organization,
    disciplines: t.disciplineCodes,
    sharing: t.sharing,
  };
}

/** Two sides of the linkage benchmark and the truth. */
export interface LinkageBenchmarkData {
  left: LinkageSource[];
  right: LinkageSource[];
  /** [left id, right id] of every pair that is the same person. */
  goldLinks: [string, string][];
}

/**
 * Two sides of `perSide` synthetic records each (generated like the seed's talents, with identity
 * numbers), where `matchShare` of the right side are people of the left side recorded again with
 * the gold standard's differences; the rest are different people. Deterministic in (perSide, seed).
 */
export function linkageBenchmarkData(perSide: number, seed: number, matchShare = 0.15): LinkageBenchmarkData {
  const ctx = regionContext();
  const { talents } = generateTalents(2 * perSide, seed, NOW.getTime(), ctx, poolTables(ctx, buildPools(ctx)));
  assignResidentIds(talents, seed, ctx);
  const rng = new Rng(seed, 'linkage-benchmark');
  const left = talents.slice(0, perSide);
  const right = talents.slice(perSide);
  const sources = shuffled(
    left.map((_, i) => i),
    rng,
  );
  const copies = shuffled(
    right.map((_, i) => i),
    rng,
  );
  const links: [string, string][] = [];
  const n = Math.round(perSide * matchShare);
  for (let k = 0; k < n; k++) {
    const a = left[sources[k] as number] as WithResidentId;
    const b = right[copies[k] as number] as WithResidentId;
    recordAgain(a, b, rng, rng.chance(0.6));
    links.push([a._id, b._id]);
  }
  return { left: left.map(linkageSource), right: right.map(linkageSource), goldLinks: links };
}
