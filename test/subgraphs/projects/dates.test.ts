import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../../helpers/hub.ts';

/**
 * A date that is not a calendar date (2027-13-01, 2026-02-30, "soon") is the client's mistake:
 * through the gateway it is BAD_USER_INPUT on the field's path, in a literal or in a variable,
 * for projects' and coordination's LocalDate inputs alike, and nothing is written. (Refused at
 * the subgraph's variable coercion instead, it was an HTTP 400 the gateway reports as
 * SUBGRAPH_UNAVAILABLE: "retry later" for a request that can never succeed.)
 */

let hub: Hub;
beforeAll(async () => {
  hub = await startHub({ talents: 50, nodes: 'single' });
});
afterAll(async () => {
  await hub?.close();
});

const CHONGQING = { region: '500000', scopes: ['talent:read', 'projects:write', 'coordination:write'] };
const program = (start: string) => ({ name: 'Date check', ownerRegion: '500000', kind: 'INTRODUCTION', period: { start, end: '2028-01-01' } });

describe('dates a client gets wrong', () => {
  it('createProgram: BAD_USER_INPUT on input.period.start, as a variable and as a literal, and nothing is stored', async () => {
    const before = await hub.query('{ programs(region: "500000") { id } }', undefined, CHONGQING);
    for (const start of ['2027-13-01', '2026-02-30', 'soon']) {
      const asVariable = await hub.query('mutation M($input: CreateProgramInput!) { createProgram(input: $input) { program { id } } }', { input: program(start) }, CHONGQING);
      expect(asVariable.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.period.start' });
      const literal = `mutation { createProgram(input: { name: "Date check", ownerRegion: "500000", kind: INTRODUCTION, period: { start: "${start}", end: "2028-01-01" } }) { program { id } } }`;
      expect((await hub.query(literal, undefined, CHONGQING)).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.period.start' });
    }
    expect((await hub.query('{ programs(region: "500000") { id } }', undefined, CHONGQING)).body).toEqual(before.body);
    // A good date still goes through.
    const ok = await hub.query(
      'mutation M($input: CreateProgramInput!) { createProgram(input: $input) { program { period { start } } } }',
      { input: program('2027-01-01') },
      CHONGQING,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data?.createProgram.program.period.start).toBe('2027-01-01');
  }, 60_000);

  it('coordination: BAD_USER_INPUT on input.signedOn for proposeAgreement, and on the query argument on', async () => {
    const proposed = await hub.query(
      'mutation M($input: ProposeAgreementInput!) { proposeAgreement(input: $input) { agreement { id } } }',
      { input: { name: 'Date check', partyCodes: ['500000', '510000'], signedOn: '2026-02-30', scope: { sectors: ['AGRICULTURE'] } } },
      CHONGQING,
    );
    expect(proposed.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signedOn' });
    // 2026-02-30 is in the form YYYY-MM-DD: the message says what is wrong with it (no such day).
    expect(proposed.body.errors?.[0]?.message).toBe('Invalid input. input.signedOn: must be a calendar date that exists, written YYYY-MM-DD, such as 2026-03-01');
    const between = await hub.query('{ agreementsBetween(regionA: "500000", regionB: "510000", on: "2026-13-01") { id } }', undefined, CHONGQING);
    expect(between.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
  }, 60_000);
});
