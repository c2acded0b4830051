import type { Grant } from '../../platform/caller.ts';
import { RECORD_KEY_MODULUS } from '../../platform/disclosure.ts';
import type { TalentDoc } from './model.ts';
import type { TalentDimension, TalentGroupCount, TalentQuery } from './store.ts';

/**
 * Talent counts kept as talents are written, so `talentStats` is answered without reading the
 * talents (an aggregation over 100,000 talents takes about a second in the embedded store).
 *
 * The sharing rules (visibility.ts) depend on a talent's home province, its sharing level and,
 * for AGREEMENT talents, its sectors (and disciplines): its *class*. One count document holds the
 * talents of one class pair (home province, sharing level) for one *cube*: a set of at most two
 * of the other dimensions a question can filter or group by (disciplines, career stage, title,
 * availability). Its cells are keyed by the talent's sector list and its values in those
 * dimensions, each holding how many talents (`n`) and the sum of their record keys (`k`, the
 * rounding draw of disclosure control needs it). A question is answered from the one cube that
 * holds every dimension it names, reading only the count documents of the classes the caller may
 * see; anything else (free text, skill or pool filters, three dimensions besides region and
 * sector) goes to the aggregation pipeline as before.
 *
 * Plain documents updated with `$inc`, so MongoDB keeps them as the embedded store does.
 */

/** What is counted. Issue 17 adds persons (confirmed links merged) as a second unit beside talents. */
export type CountUnit = 'talent';

/** Bump when the layout of the count documents changes: a store holding another layout rebuilds them. */
export const COUNT_LAYOUT = 1;

/** The dimensions kept in cells, beside the class (home province, sharing level, sectors). */
const CELL_FIELDS = ['disciplineCodes', 'careerStage', 'title', 'availability'] as const;
type CellField = (typeof CELL_FIELDS)[number];

/** Every cube kept: none of the cell fields, each alone, each pair (in CELL_FIELDS order). */
const CUBES: readonly (readonly CellField[])[] = [[], ...CELL_FIELDS.map((f) => [f]), ...CELL_FIELDS.flatMap((a, i) => CELL_FIELDS.slice(i + 1).map((b) => [a, b]))];

const cubeName = (fields: readonly CellField[]) => (fields.length === 0 ? 'all' : fields.join('+'));

/** The cell field behind each dimension a question may group by; REGION and SECTOR are part of the class. */
const DIMENSION_FIELD: Readonly<Record<TalentDimension, CellField | 'homeRegion' | 'sectors'>> = {
  REGION: 'homeRegion',
  SECTOR: 'sectors',
  DISCIPLINE: 'disciplineCodes',
  CAREER_STAGE: 'careerStage',
  TITLE: 'title',
  AVAILABILITY: 'availability',
};

/** One count document: the talents of one class pair in one cube. */
export interface TalentCountDoc {
  _id: string;
  unit: CountUnit;
  cube: string;
  homeRegion: string;
  sharing: string;
  /** Cell key (see `cellKey`) → talents and the sum of their record keys. A cell may fall to n = 0 and stays. */
  cells: Record<string, { n: number; k: number }>;
  /** Only on the state document: the layout the counts were built with. */
  layout?: number;
}

/** The id of the state document (layout marker) among the count documents. */
export const COUNT_STATE_ID = 'talent|state';

/** The fields a talent's counts depend on: an update that sets none of them leaves counts alone. */
export const COUNTED_FIELDS = ['homeRegion', 'sharing', 'sectors', 'disciplineCodes', 'careerStage', 'title', 'availability', 'createdAt'] as const;
export type CountedTalent = Pick<TalentDoc, (typeof COUNTED_FIELDS)[number]>;

// Cell keys become MongoDB field names: no '.', no leading '$'. encodeURIComponent leaves only '.' of those.
// Most values (codes, enum names) are left as they are by both: those are returned without the two passes.
const UNCHANGED_BY_ENCODE = /^[A-Za-z0-9_\-!~*'()]*$/;
const encode = (value: string) => (UNCHANGED_BY_ENCODE.test(value) ? value : encodeURIComponent(value).replaceAll('.', '%2E'));
const sectorsKey = (sectors: readonly string[]) => [...sectors].sort().map(encode).join(',');

/** A talent's record key, as the pipeline computes it (`$mod` of `$toLong` of createdAt). */
const recordKey = (t: CountedTalent) => t.createdAt.getTime() % RECORD_KEY_MODULUS;

/** Count changes per count document: id → its class and the cell increments. */
export type CountDelta = Map<string, { cube: string; homeRegion: string; sharing: string; cells: Map<string, { n: number; k: number }> }>;

/** Each cube's name and its cell fields as positions in a talent's value lists (CELL_FIELDS order, as `valuesOf` returns them). */
const CUBE_PLAN = CUBES.map((fields) => ({ name: cubeName(fields), at: fields.map((f) => CELL_FIELDS.indexOf(f)) }));

/** A talent's encoded values in each cell field, in CELL_FIELDS order (one per distinct discipline; '' is none). */
function valuesOf(t: CountedTalent): string[][] {
  return [t.disciplineCodes.length === 0 ? [''] : [...new Set(t.disciplineCodes)].map(encode), [encode(t.careerStage)], [encode(t.title)], [encode(t.availability)]];
}

function bump(cells: Map<string, { n: number; k: number }>, key: string, sign: 1 | -1, k: number): void {
  const cell = cells.get(key);
  if (cell) {
    cell.n += sign;
    cell.k += k;
  } else cells.set(key, { n: sign, k });
}

/**
 * Adds a talent to (or, sign -1, takes it from) every cube's cell it falls in. Its cells in a cube
 * are keyed by its sector list and its values in the cube's fields, `|`-joined; a talent of several
 * disciplines falls in one cell per discipline. Plain loops: this runs 11 times per talent when a
 * store's counts are built (the seed, a rebuild), most of the seed's CPU at 100,000 talents before.
 */
function addTalent(delta: CountDelta, t: CountedTalent, sign: 1 | -1, unit: CountUnit): void {
  const k = sign * recordKey(t);
  const sectors = sectorsKey(t.sectors);
  const values = valuesOf(t);
  const suffix = `|${t.homeRegion}|${t.sharing}`;
  for (const { name, at } of CUBE_PLAN) {
    const id = `${unit}|${name}${suffix}`;
    let doc = delta.get(id);
    if (!doc) delta.set(id, (doc = { cube: name, homeRegion: t.homeRegion, sharing: t.sharing, cells: new Map() }));
    const cells = doc.cells;
    if (at.length === 0) bump(cells, sectors, sign, k);
    else if (at.length === 1) for (const a of values[at[0]!]!) bump(cells, `${sectors}|${a}`, sign, k);
    else for (const a of values[at[0]!]!) for (const b of values[at[1]!]!) bump(cells, `${sectors}|${a}|${b}`, sign, k);
  }
}

/** What replacing `before` by `after` (either null: absent) changes in the counts; no entry for what stays. */
export function countDelta(before: CountedTalent | null, after: CountedTalent | null, unit: CountUnit = 'talent'): CountDelta {
  const delta: CountDelta = new Map();
  if (before) addTalent(delta, before, -1, unit);
  if (after) addTalent(delta, after, 1, unit);
  for (const [id, doc] of delta) {
    for (const [key, cell] of doc.cells) if (cell.n === 0 && cell.k === 0) doc.cells.delete(key);
    if (doc.cells.size === 0) delta.delete(id);
  }
  return delta;
}

/** Every count document of `talents`, built in memory (the seed, or a rebuild from the store). */
export function tallyTalents(talents: Iterable<CountedTalent>, unit: CountUnit = 'talent'): TalentCountDoc[] {
  const delta: CountDelta = new Map();
  for (const t of talents) addTalent(delta, t, 1, unit);
  return [...delta].map(([_id, d]) => ({ _id, unit, cube: d.cube, homeRegion: d.homeRegion, sharing: d.sharing, cells: Object.fromEntries(d.cells) }));
}

/** A talentStats question as the counts answer it. */
export interface CountQuestion {
  filter: TalentQuery;
  dimensions: readonly TalentDimension[];
  /** The caller's province. */
  own: string;
  /** The agreements in force the caller holds (what AGREEMENT talents of other provinces it may see). */
  grants: readonly Grant[];
}

/** Which cubes answer a question: one for its groups, one for its total; null when none does. */
export function cubesFor(q: CountQuestion): { groups: string; total: string } | null {
  const f = q.filter;
  if (f.text || f.skill || f.pool) return null;
  const filtered = new Set<CellField>();
  if (f.discipline) filtered.add('disciplineCodes');
  if (f.careerStage) filtered.add('careerStage');
  if (f.availability) filtered.add('availability');
  const grouped = new Set<CellField>(filtered);
  for (const d of q.dimensions) {
    const field = DIMENSION_FIELD[d];
    if (field === 'homeRegion' || field === 'sectors') continue;
    // A discipline filter with disciplines grouped needs pairs of disciplines: not kept.
    if (field === 'disciplineCodes' && filtered.has(field)) return null;
    grouped.add(field);
  }
  if (grouped.size > 2) return null;
  const inOrder = (s: Set<CellField>) => CELL_FIELDS.filter((x) => s.has(x));
  return { groups: cubeName(inOrder(grouped)), total: cubeName(inOrder(filtered)) };
}

/** What of a class pair the caller may see: all of it, none, or the cells whose sectors meet an agreement's. */
type ClassAccess = { own: boolean } | { sectors: ReadonlySet<string> } | null;

/** The sectors and disciplines the caller's agreements cover, per province (grants of the caller's own province add nothing). */
export function grantsByRegion(q: CountQuestion): Map<string, { sectors: Set<string>; disciplines: Set<string> }> {
  const by = new Map<string, { sectors: Set<string>; disciplines: Set<string> }>();
  for (const g of q.grants) {
    if (g.region === q.own) continue;
    let entry = by.get(g.region);
    if (!entry) by.set(g.region, (entry = { sectors: new Set(), disciplines: new Set() }));
    for (const s of g.sectors) entry.sectors.add(s);
    for (const d of g.disciplines) entry.disciplines.add(d);
  }
  return by;
}

function classAccess(doc: TalentCountDoc, q: CountQuestion, grants: ReturnType<typeof grantsByRegion>): ClassAccess {
  if (doc.homeRegion === q.own) return { own: true };
  if (doc.sharing === 'NATIONAL') return { own: false };
  if (doc.sharing === 'AGREEMENT') {
    const g = grants.get(doc.homeRegion);
    if (g) return { sectors: g.sectors };
  }
  return null;
}

interface Cell {
  sectors: string[];
  values: Partial<Record<CellField, string | null>>;
  n: number;
  k: number;
}

function parseCells(doc: TalentCountDoc, fields: readonly CellField[]): Cell[] {
  const cells: Cell[] = [];
  for (const [key, { n, k }] of Object.entries(doc.cells)) {
    if (n === 0) continue;
    const [sectors = '', ...rest] = key.split('|');
    const values: Cell['values'] = {};
    fields.forEach((field, i) => {
      const raw = rest[i] ?? '';
      values[field] = raw === '' ? null : decodeURIComponent(raw);
    });
    cells.push({ sectors: sectors === '' ? [] : sectors.split(',').map(decodeURIComponent), values, n, k });
  }
  return cells;
}

const fieldsOf = (cube: string): CellField[] => (cube === 'all' ? [] : (cube.split('+') as CellField[]));

/**
 * The counts of a question from the count documents of its cubes (`groupDocs`, `totalDocs`),
 * for the talents the caller may see, except AGREEMENT talents that only an agreement's
 * disciplines make visible: the caller counts those with the pipeline (`residualBranches`).
 * Same shape as the pipeline's answer.
 */
export function countFromCells(
  q: CountQuestion,
  cubes: { groups: string; total: string },
  groupDocs: readonly TalentCountDoc[],
  totalDocs: readonly TalentCountDoc[],
): { groups: TalentGroupCount[]; total: { own: number; others: { n: number; fingerprint: number } } } {
  const grants = grantsByRegion(q);
  const f = q.filter;
  const visibleCells = (docs: readonly TalentCountDoc[], cube: string, each: (doc: TalentCountDoc, cell: Cell, own: boolean) => void) => {
    const fields = fieldsOf(cube);
    for (const doc of docs) {
      if (f.homeRegion && doc.homeRegion !== f.homeRegion) continue;
      const access = classAccess(doc, q, grants);
      if (!access) continue;
      for (const cell of parseCells(doc, fields)) {
        if ('sectors' in access && !cell.sectors.some((s) => access.sectors.has(s))) continue;
        if (f.sector && !cell.sectors.includes(f.sector)) continue;
        if (f.discipline && cell.values.disciplineCodes !== f.discipline) continue;
        if (f.careerStage && cell.values.careerStage !== f.careerStage) continue;
        if (f.availability && cell.values.availability !== f.availability) continue;
        each(doc, cell, 'own' in access && access.own);
      }
    }
  };
  const byKey = new Map<string, TalentGroupCount>();
  visibleCells(groupDocs, cubes.groups, (doc, cell, own) => {
    let combos: (string | null)[][] = [[]];
    for (const d of q.dimensions) {
      const field = DIMENSION_FIELD[d];
      const values = field === 'homeRegion' ? [doc.homeRegion] : field === 'sectors' ? (cell.sectors.length ? cell.sectors : [null]) : [cell.values[field] ?? null];
      combos = combos.flatMap((c) => values.map((v) => [...c, v]));
    }
    for (const values of combos) {
      const key = JSON.stringify(values);
      let group = byKey.get(key);
      if (!group) byKey.set(key, (group = { values, own: 0, others: { n: 0, fingerprint: 0 } }));
      if (own) group.own += cell.n;
      else group.others = { n: group.others.n + cell.n, fingerprint: group.others.fingerprint + cell.k };
    }
  });
  const total = { own: 0, others: { n: 0, fingerprint: 0 } };
  visibleCells(totalDocs, cubes.total, (_doc, cell, own) => {
    if (own) total.own += cell.n;
    else total.others = { n: total.others.n + cell.n, fingerprint: total.others.fingerprint + cell.k };
  });
  return { groups: [...byKey.values()], total };
}

/**
 * AGREEMENT talents the counts leave to the pipeline: those of a province whose agreements with
 * the caller name disciplines, whose sectors meet none of the agreements' sectors but whose
 * disciplines meet one (so visible by discipline alone), as store filter branches.
 */
export function residualBranches(q: CountQuestion): Record<string, unknown>[] {
  const branches: Record<string, unknown>[] = [];
  for (const [region, g] of grantsByRegion(q)) {
    if (g.disciplines.size === 0) continue;
    if (q.filter.homeRegion && q.filter.homeRegion !== region) continue;
    branches.push({ homeRegion: region, sharing: 'AGREEMENT', sectors: { $nin: [...g.sectors] }, disciplineCodes: { $in: [...g.disciplines] } });
  }
  return branches;
}

/** Adds `more` into `into` (groups matched by their values), as one answer. */
export function addCounts(
  into: { groups: TalentGroupCount[]; total: { own: number; others: { n: number; fingerprint: number } } },
  more: { groups: readonly TalentGroupCount[]; total: { own: number; others: { n: number; fingerprint: number } } },
): void {
  const byKey = new Map(into.groups.map((g) => [JSON.stringify(g.values), g]));
  for (const g of more.groups) {
    const mine = byKey.get(JSON.stringify(g.values));
    if (!mine) {
      const copy = { values: g.values, own: g.own, others: { ...g.others } };
      into.groups.push(copy);
      byKey.set(JSON.stringify(g.values), copy);
    } else {
      mine.own += g.own;
      mine.others = { n: mine.others.n + g.others.n, fingerprint: mine.others.fingerprint + g.others.fingerprint };
    }
  }
  into.total.own += more.total.own;
  into.total.others = { n: into.total.others.n + more.total.others.n, fingerprint: into.total.others.fingerprint + more.total.others.fingerprint };
}
