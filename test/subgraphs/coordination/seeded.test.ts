import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { createContext } from '../../../subgraphs/coordination/context.ts';
import { createCoordinationServer } from '../../../subgraphs/coordination/server.ts';
import { CoordinationStore } from '../../../subgraphs/coordination/store.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { callerFor } from '../../helpers/caller.ts';
import type { GraphQLResult } from './fixtures.ts';

const dataset = generateDataset({ talents: 300, seed: 1 });
const { regions, agreements, engagements } = dataset.coordination;
const NOW = new Date('2026-11-01T00:00:00Z');

describe('coordination subgraph on the generated seed data', () => {
  let store: CoordinationStore;
  let run: (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult>;
  beforeAll(async () => {
    const db = createEmbeddedDatabase();
    store = await CoordinationStore.open(db);
    const audit = await AuditLog.open(db);
    await store.seed(dataset.coordination);
    const { server } = createCoordinationServer({ logError: () => {} });
    run = async (query, variables) => {
      const res = await server.executeOperation({ query, variables }, { contextValue: createContext({ store, audit, now: () => NOW }, callerFor('510000')) });
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      return res.body.singleResult as GraphQLResult;
    };
  });

  it('seeds idempotently', async () => {
    await store.seed(dataset.coordination);
    const { data } = await run('{ regions { code } agreements { id } }');
    expect(data.regions).toHaveLength(regions.length);
    expect(data.agreements).toHaveLength(agreements.length);
    // engagements(...) lists only a province's own; the store holds every one once.
    expect(await store.countEngagements({})).toBe(engagements.length);
  });

  it('gives every talent its engagements, latest start first', async () => {
    // As the gateway sends them: with the home region experts gave (@requires).
    const { data, errors } = await run('query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id engagements { id hostRegion { code } agreement { id } } } } }', {
      r: dataset.experts.talents.map((t) => ({ __typename: 'Talent', id: t._id, homeRegion: { code: t.homeRegion } })),
    });
    expect(errors).toBeUndefined();
    for (const t of data._entities) {
      const expected = engagements
        .filter((e) => e.talentId === t.id)
        .sort((a, b) => (a.start === b.start ? (a._id < b._id ? -1 : 1) : a.start < b.start ? 1 : -1))
        .map((e) => ({ id: e._id, hostRegion: { code: e.hostRegion }, agreement: e.agreementId ? { id: e.agreementId } : null }));
      expect(t.engagements).toEqual(expected);
    }
  });

  it('finds the agreement of every bound engagement among the agreements between its regions on its start', async () => {
    const bound = engagements.filter((e) => e.agreementId !== null);
    expect(bound.length).toBeGreaterThan(0);
    for (const e of bound) {
      const { data } = await run('query($a: ID!, $b: ID!, $on: LocalDate) { agreementsBetween(regionA: $a, regionB: $b, on: $on) { id } }', {
        a: e.homeRegion,
        b: e.hostRegion,
        on: e.start,
      });
      expect(
        data.agreementsBetween.map((a: { id: string }) => a.id),
        e._id,
      ).toContain(e.agreementId);
    }
  });

  it('knows which seeded agreements are in force now', async () => {
    const { data } = await run('{ agreements(inForce: true) { id } expired: agreements(inForce: false) { id inForce } }');
    const today = '2026-11-01';
    const inForce = agreements.filter((a) => a.signedOn <= today && (a.validUntil === null || today <= a.validUntil));
    expect(data.agreements.map((a: { id: string }) => a.id).sort()).toEqual(inForce.map((a) => a._id).sort());
    expect(data.expired.length).toBe(agreements.length - inForce.length);
    expect(data.expired.every((a: { inForce: boolean }) => !a.inForce)).toBe(true);
  });
});
