import { loadRegions } from '../../../data/regions.ts';
import { createContext } from '../../../subgraphs/coordination/context.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import type { RequestInfo } from '../../../platform/request.ts';
import { callerFor } from '../../helpers/caller.ts';
import type { OwnerDirectory } from '../../helpers/owners.ts';
import type { AgreementDoc, EngagementDoc } from '../../../subgraphs/coordination/model.ts';
import { ratifiedByAll } from '../../../subgraphs/coordination/lifecycle.ts';
import { createCoordinationServer } from '../../../subgraphs/coordination/server.ts';
import { CoordinationStore } from '../../../subgraphs/coordination/store.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { recordCalls, type StoreCall } from '../../../store/port.ts';

/** "Today" of every test: 2026-06-15 in China Standard Time. */
export const NOW = new Date('2026-06-15T04:00:00Z');

/**
 * Small hand-made agreements over the real GB/T 2260 regions: one per case the queries tell
 * apart (province parties, sub-region parties, expired, not yet signed).
 */
export const agreements: AgreementDoc[] = (
  [
    {
      _id: 'agr-chengyu',
      name: '川渝人才协同发展合作协议',
      partyCodes: ['510000', '500000'],
      signedOn: '2020-04-01',
      validUntil: null,
      scope: { sectors: ['INDUSTRY', 'SERVICES'], disciplineCodes: ['520'], contactSharing: true },
      measures: ['互认人才评价结果', '共建专家人才库'],
    },
    {
      _id: 'agr-cd-yz',
      name: '成都市—渝中区人才交流协议',
      partyCodes: ['510100', '500103'],
      signedOn: '2021-06-01',
      validUntil: '2025-12-31',
      scope: { sectors: ['SERVICES'], disciplineCodes: [], contactSharing: false },
      measures: ['互派干部挂职'],
    },
    {
      _id: 'agr-yunhe',
      name: '云和—政和—松溪人才互派协议',
      partyCodes: ['331125', '350725', '350724'],
      signedOn: '2024-01-01',
      validUntil: '2026-06-15',
      scope: { sectors: ['AGRICULTURE'], disciplineCodes: ['210'], contactSharing: false },
      measures: ['农技专家服务'],
    },
    {
      _id: 'agr-qian-yue',
      name: '黔粤人才协作协议',
      partyCodes: ['520000', '440000'],
      signedOn: '2027-01-01',
      validUntil: null,
      scope: { sectors: ['INDUSTRY'], disciplineCodes: [], contactSharing: true },
      measures: [],
    },
  ] satisfies Parameters<typeof ratifiedByAll>[0][]
).map((terms) => ratifiedByAll(terms, 'fixture'));

const KINDS = ['FLEXIBLE_INTRODUCTION', 'SECONDMENT', 'CROSS_PROVINCE_EXCHANGE', 'EXPERT_SERVICE'] as const;

/** Talent ids T0001..T0060; each talent has two engagements, the first under an agreement. */
export const talentIds = Array.from({ length: 60 }, (_, i) => `T${String(i + 1).padStart(4, '0')}`);

export const engagements: EngagementDoc[] = talentIds.flatMap((talentId, i) => {
  const sichuan = i % 2 === 0;
  const underAgreement: EngagementDoc = {
    _id: `E${String(2 * i + 1).padStart(16, '0')}`,
    talentId,
    homeRegion: sichuan ? '510000' : '350000',
    hostRegion: sichuan ? (i % 4 === 0 ? '500000' : '500103') : '331125',
    kind: KINDS[i % 4]!,
    start: `2024-${String((i % 9) + 1).padStart(2, '0')}-01`,
    end: i % 3 === 0 ? null : '2025-12-31',
    agreementId: sichuan ? 'agr-chengyu' : 'agr-yunhe',
  };
  const independent: EngagementDoc = {
    _id: `E${String(2 * i + 2).padStart(16, '0')}`,
    talentId,
    homeRegion: '510000',
    hostRegion: '440604',
    kind: 'EXPERT_SERVICE',
    start: '2025-03-01',
    end: null,
    agreementId: null,
  };
  return [underAgreement, independent];
});

export interface GraphQLResult {
  data?: any;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/**
 * An embedded store seeded with the real regions and the docs above, its store calls recorded
 * (with their arguments), and `run` to execute an operation through the GraphQL boundary. With
 * `directory` (a real experts subgraph, see test/helpers/owners.ts), writes ask it who owns a
 * talent, with the owner-lookup token the gateway would send; without, they are refused.
 */
export async function setup(directory?: OwnerDirectory) {
  const calls: { call: StoreCall; args: unknown[] }[] = [];
  const db = recordCalls(createEmbeddedDatabase(), (call, args) => calls.push({ call, args }));
  const store = await CoordinationStore.open(db);
  await store.seed({ regions: loadRegions(), agreements, engagements });
  calls.length = 0;
  const { server } = createCoordinationServer({ logError: () => {} });
  const audit = await AuditLog.open(db);
  const run = async (query: string, variables?: Record<string, unknown>, request: RequestInfo = callerFor('510000')): Promise<GraphQLResult> => {
    const info = directory ? await directory.withLookup(request) : request;
    const res = await server.executeOperation({ query, variables }, { contextValue: createContext({ store, audit, now: () => NOW, owners: directory?.owners }, info) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult as GraphQLResult;
  };
  return { store, audit, calls, run };
}
