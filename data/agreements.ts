import type { TalentDoc } from '../subgraphs/experts/model.ts';
import type { AgreementDoc } from '../subgraphs/coordination/model.ts';
import { ratifiedByAll } from '../subgraphs/coordination/lifecycle.ts';
import { touches } from './codes.ts';
import { dayOf } from './days.ts';

/** Regional cooperation agreements (fixed content) and the rule that binds an engagement to one. */

type AgreementTerms = Parameters<typeof ratifiedByAll>[0];

/** The seed's agreements, proposed and ratified by every party province on their first day. */
export const AGREEMENTS: readonly AgreementDoc[] = (
  [
    {
      _id: 'agr-chuanyu',
      name: '川渝人才协同发展合作协议',
      partyCodes: ['510000', '500000'],
      signedOn: '2020-04-28',
      validUntil: '2030-12-31',
      scope: { sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], disciplineCodes: [], contactSharing: true },
      measures: ['人才卡互认', '职称互认', '专家库共享', '高层次人才联合引进', '人才服务“一网通办”', '人才活动联合举办'],
    },
    {
      _id: 'agr-yunhe-fujian',
      name: '浙闽两地干部互派交流协议',
      partyCodes: ['331125', '350725', '350724', '350924'],
      signedOn: '2021-03-18',
      validUntil: '2027-12-31',
      scope: { sectors: ['AGRICULTURE', 'SERVICES'], disciplineCodes: [], contactSharing: false },
      measures: ['年轻干部互派挂职', '农业技术人员结对交流', '乡村旅游经验互学', '挂职干部联合考核'],
    },
    {
      _id: 'agr-jingjinji',
      name: '京津冀人才一体化发展合作协议',
      partyCodes: ['110000', '120000', '130000'],
      signedOn: '2017-07-11',
      validUntil: '2030-12-31',
      scope: { sectors: ['INDUSTRY', 'SERVICES'], disciplineCodes: [], contactSharing: false },
      measures: ['专业技术人员职称资格互认', '继续教育学时互认', '专家资源共享', '人才柔性流动支持'],
    },
    {
      _id: 'agr-yangtze-delta',
      name: '长三角人才一体化发展合作协议',
      partyCodes: ['310000', '320000', '330000', '340000'],
      signedOn: '2019-12-05',
      validUntil: '2028-12-31',
      scope: { sectors: ['INDUSTRY'], disciplineCodes: ['430', '460', '470', '510', '520'], contactSharing: true },
      measures: ['外国高端人才工作许可互认', '专家库共建共享', '产业人才联合培养', '人才服务资源互通'],
    },
    {
      _id: 'agr-yuegui',
      name: '粤黔东西部协作人才交流协议',
      partyCodes: ['440000', '520000'],
      signedOn: '2021-06-15',
      validUntil: '2027-12-31',
      scope: { sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], disciplineCodes: [], contactSharing: false },
      measures: ['专业技术人才选派帮扶', '医疗教育人才组团式帮扶', '劳务协作', '干部双向挂职'],
    },
    {
      _id: 'agr-expired-demo',
      name: '甘宁人才交流合作协议',
      partyCodes: ['620000', '640000'],
      signedOn: '2019-06-20',
      validUntil: '2024-12-31',
      scope: { sectors: ['AGRICULTURE', 'INDUSTRY'], disciplineCodes: [], contactSharing: true },
      measures: ['农业技术专家互派', '人才信息互通'],
    },
  ] satisfies AgreementTerms[]
).map((terms) => ratifiedByAll(terms, 'hub-seed'));

const AGREEMENT_DAYS = new Map(AGREEMENTS.map((a) => [a._id, [dayOf(a.signedOn), a.validUntil === null ? Infinity : dayOf(a.validUntil)] as const]));

/** The agreement, if any, that binds an engagement: parties cover both ends, dates and scope fit. */
export function bindingAgreement(talent: TalentDoc, host: string, startDay: number): string | null {
  for (const a of AGREEMENTS) {
    const [signed, until] = AGREEMENT_DAYS.get(a._id) as readonly [number, number];
    if (signed > startDay || until < startDay) continue;
    if (!talent.sectors.some((s) => a.scope.sectors.includes(s))) continue;
    if (a.scope.disciplineCodes.length > 0 && !talent.disciplineCodes.some((c) => a.scope.disciplineCodes.includes(c))) {
      continue;
    }
    const homeParty = a.partyCodes.findIndex((p) => touches(talent.homeRegion, p));
    if (homeParty < 0) continue;
    if (a.partyCodes.some((p, i) => i !== homeParty && touches(host, p) && !touches(talent.homeRegion, p))) return a._id;
  }
  return null;
}
