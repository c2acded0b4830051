import type { TalentDoc } from '../subgraphs/experts/model.ts';
import type { AgreementDoc, EngagementDoc } from '../subgraphs/coordination/model.ts';
import { AGREEMENTS, bindingAgreement } from './agreements.ts';
import { pad6 } from './codes.ts';
import { MAINLAND_PROVINCE_CODES, type RegionContext } from './context.ts';
import { DAY_MS, dayOf, isoDay } from './days.ts';
import { Rng, Weighted } from './prng.ts';
import type { TalentIndex } from './talents.ts';

type Kind = EngagementDoc['kind'];

interface Scenario {
  weight: number;
  /** Home provinces (six-digit codes) the talent is drawn from. */
  homes: readonly string[];
  /** Host region for a talent of the given home province. */
  host: (rng: Rng, home: string) => string;
  kinds: Weighted<Kind>;
  /** Agreement whose scope the talent should fit (tried a few times), and whose dates bound the start. */
  agreement?: AgreementDoc;
  /** Start window override [first day, last day] in epoch days. */
  window?: readonly [number, number];
}

/**
 * About one engagement per 15 talents (`E000001`..), mostly between agreement partners along
 * weighted scenarios; `agreementId` is set when an agreement in force binds it.
 */
export function generateEngagements(talents: TalentDoc[], index: TalentIndex, ctx: RegionContext, seed: number, nowMs: number): EngagementDoc[] {
  if (talents.length === 0) return [];
  const rng = new Rng(seed, 'engagements');
  const nowDay = Math.floor(nowMs / DAY_MS);
  const agreement = (id: string) => AGREEMENTS.find((a) => a._id === id) as AgreementDoc;
  const kinds = (w: readonly [number, number, number, number]) =>
    new Weighted<Kind>([
      ['FLEXIBLE_INTRODUCTION', w[0]],
      ['SECONDMENT', w[1]],
      ['CROSS_PROVINCE_EXCHANGE', w[2]],
      ['EXPERT_SERVICE', w[3]],
    ]);
  const countiesOf = (code2: string) => ctx.provinceByCode2.get(code2)?.counties.map((c) => c._id) ?? [];
  const prefecturesOf = (code2: string) => ctx.provinceByCode2.get(code2)?.prefectures.map((c) => c._id) ?? [];
  const chongqingDistricts = countiesOf('50');
  const sichuanPrefectures = prefecturesOf('51');
  const guizhouCounties = countiesOf('52');
  const hebeiPrefectures = prefecturesOf('13');
  const fujianCounties = ['350725', '350724', '350924'];
  const otherOf = (codes: readonly string[], home: string) => rng.pick(codes.filter((c) => c !== home));
  const mainland = MAINLAND_PROVINCE_CODES;
  const expired = agreement('agr-expired-demo');

  const scenarios: Scenario[] = [
    {
      weight: 30,
      homes: ['510000', '500000'],
      agreement: agreement('agr-chuanyu'),
      kinds: kinds([30, 20, 20, 30]),
      host: (r, home) => (home === '510000' ? (r.chance(0.5) ? '500000' : r.pick(chongqingDistricts)) : r.chance(0.5) ? '510000' : r.pick(sichuanPrefectures)),
    },
    {
      weight: 12,
      homes: ['330000', '350000'],
      agreement: agreement('agr-yunhe-fujian'),
      kinds: kinds([0, 40, 60, 0]),
      host: (r, home) => (home === '330000' ? (r.chance(0.8) ? r.pick(fujianCounties) : '350000') : r.chance(0.8) ? '331125' : '330000'),
    },
    {
      weight: 15,
      homes: ['110000', '120000', '130000'],
      agreement: agreement('agr-jingjinji'),
      kinds: kinds([35, 15, 20, 30]),
      host: (r, home) => (home !== '130000' && r.chance(0.3) ? r.pick(hebeiPrefectures) : otherOf(['110000', '120000', '130000'], home)),
    },
    {
      weight: 10,
      homes: ['310000', '320000', '330000', '340000'],
      agreement: agreement('agr-yangtze-delta'),
      kinds: kinds([40, 10, 20, 30]),
      host: (_r, home) => otherOf(['310000', '320000', '330000', '340000'], home),
    },
    {
      weight: 6,
      homes: ['440000'],
      agreement: agreement('agr-yuegui'),
      kinds: kinds([10, 45, 10, 35]),
      host: (r) => (r.chance(0.7) ? r.pick(guizhouCounties) : '520000'),
    },
    {
      weight: 3,
      homes: ['620000', '640000'],
      agreement: expired,
      kinds: kinds([20, 20, 40, 20]),
      // Mostly inside the agreement's life, some after it expired (and so unbound).
      window: [dayOf(expired.signedOn), dayOf(expired.validUntil as string) + 540],
      host: (_r, home) => (home === '620000' ? '640000' : '620000'),
    },
    {
      weight: 24,
      homes: mainland,
      kinds: kinds([35, 20, 10, 35]),
      host: (r, home) => {
        if (r.chance(0.3)) {
          const pref = r.pick(ctx.prefectures);
          if (!pref._id.startsWith(home.slice(0, 2))) return pref._id;
        }
        return otherOf(mainland, home);
      },
    },
  ];
  const scenarioTable = new Weighted(scenarios.map((s) => [s, s.weight] as const));
  const firstDay = dayOf('2019-01-01');
  const count = Math.round(talents.length / 15);
  const engagements: EngagementDoc[] = [];

  for (let k = 0; k < count; k++) {
    let scenario = scenarioTable.pick(rng);
    let home = rng.pick(scenario.homes);
    let candidates = index.byProvince.get(home) ?? [];
    if (candidates.length === 0) {
      // Small datasets may lack the scenario's provinces: fall back to any talent.
      scenario = scenarios[scenarios.length - 1] as Scenario;
      const any = talents[rng.int(talents.length)] as TalentDoc;
      home = any.homeRegion;
      candidates = index.byProvince.get(home) ?? [];
    }
    let talent = talents[rng.pick(candidates)] as TalentDoc;
    const a = scenario.agreement;
    if (a) {
      // Prefer talents within the agreement's scope, as the partners would select them.
      for (let attempt = 0; attempt < 5; attempt++) {
        const fitsSector = talent.sectors.some((s) => a.scope.sectors.includes(s));
        const fitsDiscipline = a.scope.disciplineCodes.length === 0 || talent.disciplineCodes.some((c) => a.scope.disciplineCodes.includes(c));
        if (fitsSector && fitsDiscipline) break;
        talent = talents[rng.pick(candidates)] as TalentDoc;
      }
    }
    const host = scenario.host(rng, home);
    const [from, to] = scenario.window ?? [Math.max(firstDay, a ? dayOf(a.signedOn) : firstDay), nowDay - 1];
    const startDay = rng.range(from, Math.max(from, Math.min(to, nowDay - 1)));
    let end: string | null = isoDay(startDay + rng.range(60, 1095));
    if (startDay + 60 >= nowDay || (dayOf(end) >= nowDay && rng.chance(0.7))) end = null;
    engagements.push({
      _id: `E${pad6(k + 1)}`,
      talentId: talent._id,
      homeRegion: talent.homeRegion,
      hostRegion: host,
      kind: scenario.kinds.pick(rng),
      start: isoDay(startDay),
      end,
      agreementId: bindingAgreement(talent, host, startDay),
    });
  }
  return engagements;
}
