import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../platform/audit/chain.ts';
import type { AuditCheckpoint } from '../../../platform/audit/checkpoints.ts';
import { auditChainReportFields, auditEventConnectionFields, auditEventFields, auditVerification, listAuditEvents, verifyAuditChainOf } from '../../../platform/audit/resolvers.ts';
import type { Caller } from '../../../platform/caller.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';

/**
 * The audit resolvers every core subgraph shares (platform/audit/resolvers.ts), on a real audit
 * log over the embedded store: who may read the trail, what a province sees, and how checkpoints
 * a party brings back are checked before they count as evidence.
 */
const caller = (region: string, scopes: string[]): Caller => ({ sub: `${region}-system`, region, scopes: new Set(scopes), purpose: null, grants: [] });
const AUDITOR_SC = caller('510000', ['audit:read']);
const AUDITOR_HAINAN = caller('460000', ['audit:read']);

async function logWith(subgraph: string, writes: { talentId: string; home: string }[]) {
  const audit = await AuditLog.open(createEmbeddedDatabase(), { subgraph });
  for (const w of writes) {
    await audit.append({ sub: 'writer', region: w.home, purpose: null }, 'Write', [
      { action: 'WRITE', entityType: 'Talent', entityId: w.talentId, talentId: w.talentId, talentHome: w.home, fields: ['name'] },
    ]);
  }
  return audit;
}

const codeOf = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;

describe('platform/audit/resolvers', () => {
  it('lists only the events a province may read, in pages, and refuses callers without audit:read', async () => {
    const audit = await logWith('experts', [
      { talentId: 'T1', home: '510000' },
      { talentId: 'T2', home: '460000' },
      { talentId: 'T3', home: '510000' },
    ]);
    const first = await listAuditEvents({ caller: AUDITOR_SC, audit }, { first: 1 });
    expect(first.edges.map((e) => e.node.talentId)).toEqual(['T1']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await listAuditEvents({ caller: AUDITOR_SC, audit }, { first: 10, after: first.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.talentId)).toEqual(['T3']);
    expect(await auditEventConnectionFields.totalCount(rest)).toBe(2);
    const hainan = await listAuditEvents({ caller: AUDITOR_HAINAN, audit }, {});
    expect(hainan.edges.map((e) => e.node.talentId)).toEqual(['T2']);

    await expect(listAuditEvents({ caller: caller('510000', ['talent:read']), audit }, {})).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    await expect(listAuditEvents({ caller: null, audit }, {})).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHENTICATED');
  });

  it('gives regions of an event as references by code and the actor as its token subject', async () => {
    const audit = await logWith('experts', [{ talentId: 'T1', home: '510100' }]);
    const [event] = await audit.list({ region: '510000', page: { first: 1, afterKey: null } });
    expect(event).toBeDefined();
    expect(auditEventFields.id(event!)).toBe(event!._id);
    expect(auditEventFields.actor(event!)).toBe('writer');
    expect(auditEventFields.actorRegion(event!)).toEqual({ code: '510100' });
    expect(auditEventFields.actorProvince(event!)).toEqual({ code: '510000' });
    expect(auditEventFields.talentHome(event!)).toEqual({ code: '510000' });
    expect(auditEventFields.parties(event!)).toEqual([]);
  });

  it("verifies the subgraph's own chain under its name and refuses a checkpoint of another chain, naming the field", async () => {
    const audit = await logWith('projects', [{ talentId: 'T1', home: '510000' }]);
    const checkpoint = (await audit.checkpoint()) as AuditCheckpoint;
    const entity = auditVerification('projects');
    expect(entity.__resolveReference({ id: 'hub' })).toEqual({ id: 'hub' });
    const report = await entity.projects({ id: 'hub' }, { checkpoints: [checkpoint] }, { caller: AUDITOR_SC, audit });
    expect(report).toMatchObject({ intact: true, events: 1, checkpointsChecked: 2, problem: null });
    expect(report.signingKeys).toHaveLength(1);

    const foreign = { ...checkpoint, subgraph: 'experts' };
    const refused = await verifyAuditChainOf({ caller: AUDITOR_SC, audit }, { checkpoints: [foreign] }).catch((e: unknown) => e);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect((refused as { extensions: { field: string } }).extensions.field).toBe('checkpoints.0.subgraph');
  });

  it('pages the checkpoints of a report by afterSeq and first, and refuses a page over 1000', () => {
    const report = { checkpoints: [1, 2, 3, 4].map((seq) => ({ seq })) };
    expect(auditChainReportFields.checkpoints(report, {})).toEqual(report.checkpoints);
    expect(auditChainReportFields.checkpoints(report, { afterSeq: 1, first: 2 })).toEqual([{ seq: 2 }, { seq: 3 }]);
    expect(() => auditChainReportFields.checkpoints(report, { first: 1001 })).toThrow(/first: must be at most 1000/);
  });
});
