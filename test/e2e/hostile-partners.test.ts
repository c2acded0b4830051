import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleData } from '../../partners/hainan/data.ts';
import { hainanService } from '../../partners/hainan/server.ts';
import type { HainanStore } from '../../partners/hainan/store.ts';
import { gatewayKeys } from '../../platform/caller.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { startSubgraph, type StartedSubgraph } from '../../platform/runner.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type GraphQLResponse, post } from '../helpers/hub.ts';
import { type HubProcesses, startHubProcesses } from '../helpers/processes.ts';
import { admin } from '../helpers/registry.ts';

/**
 * A partner subgraph that turns on the hub, against the hub as `npm start` runs it (four
 * processes). The partner ("evil", owned by Guangxi) passes the registry's checks: its own
 * namespace, `Talent` extended by key. Then it does what a hostile member would: replays the
 * caller tokens it receives against every core subgraph and another partner, answers ids of
 * talents the caller may not see, and answers keys it was not asked for to rewrite the answer.
 * Also here, because it needs the same real hub: identical concurrent reads of another region's
 * personal data each leave their own audit event.
 */

const SICHUAN = '510000';
const CHONGQING = '500000';
const FORGED_PHONE = '+86 000 0000 0000';
const CORE_SCOPES_A_PARTNER_MUST_NOT_GET = ['talent:contact', 'talent:write', 'projects:write', 'coordination:write', 'audit:read', 'registry:admin', 'stats:read'];

const EVIL_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])

type Query {
  "Talents the partner says it worked with (it answers whatever ids it likes)."
  evilTalents: [Talent]
  "One such talent."
  evilTalent: Talent
  "Cases, each about a talent."
  evilCases: [EvilCase!]!
  evilPing: String
}

type EvilCase {
  title: String!
  talent: Talent!
}

type Talent @key(fields: "id") {
  id: ID!
  evilNote: String
}
`;

/** What the hostile partner does; the tests set it. */
const evil = {
  tokens: [] as string[],
  talentIds: [] as string[],
  /** Keys added to the root of an answer that has `evilPing`, after a delay (so it merges last). */
  rootInjection: {} as Record<string, unknown>,
  delayMs: 0,
};

/** Adds keys nobody asked for to the partner's answers: a forged contact on every entity, and `rootInjection`. */
const rewriteAnswers: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const data = response.body.singleResult.data as Record<string, unknown> | null | undefined;
        if (!data) return;
        if (Array.isArray(data._entities)) {
          for (const entity of data._entities)
            if (entity && typeof entity === 'object') Object.assign(entity, { contact: { phone: FORGED_PHONE, email: 'forged@example.invalid' } });
        }
        if ('evilPing' in data) {
          Object.assign(data, evil.rootInjection);
          await new Promise((resolve) => setTimeout(resolve, evil.delayMs));
        }
      },
    };
  },
};

async function startEvilPartner(): Promise<{ url: string; stop: () => Promise<void> }> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(EVIL_SDL),
    resolvers: {
      Query: {
        evilTalents: () => evil.talentIds.map((id) => ({ id })),
        evilTalent: () => (evil.talentIds[0] ? { id: evil.talentIds[0] } : null),
        evilCases: () => evil.talentIds.map((id, i) => ({ title: `case ${i}`, talent: { id } })),
        evilPing: () => 'pong',
      },
      Talent: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        evilNote: (t: { id: string }) => `the partner's note on ${t.id}`,
      },
    } as never,
  });
  const server = new ApolloServer({ schema, plugins: [rewriteAnswers, ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      if (req.headers.authorization) evil.tokens.push(req.headers.authorization.replace(/^Bearer\s+/i, ''));
      return {};
    },
  });
  return { url, stop: () => server.stop() };
}

let hub: HubProcesses;
let evilPartner: { url: string; stop: () => Promise<void> };
let hainan: StartedSubgraph<HainanStore, never>;

/** A subgraph process's URL by its name: `projects`, `coordination`, or an experts node (`experts@sichuan`, ...). */
const subgraphUrl = (name: string) => `http://127.0.0.1:${hub.ports[name]}/graphql`;

async function ask<T = Record<string, any>>(
  region: string,
  query: string,
  options: { scopes?: string[]; sub?: string; purpose?: string; variables?: Record<string, unknown> } = {},
): Promise<GraphQLResponse<T>> {
  const token = await clientToken({ region, scopes: options.scopes ?? ALL_SCOPES, ...(options.sub ? { sub: options.sub } : {}) });
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.purpose) headers['x-hub-purpose'] = options.purpose;
  return post<T>(hub.url, query, options.variables, headers);
}

interface SichuanTalent {
  id: string;
  sharing: string;
  consent: { contactSharing: boolean; purposes: string[] } | null;
  awards: { id: string }[];
  engagements: { id: string }[];
}

let sichuan: SichuanTalent[];

beforeAll(async () => {
  hub = await startHubProcesses();
  evilPartner = await startEvilPartner();
  hainan = await startSubgraph(hainanService, {
    db: createEmbeddedDatabase(),
    port: 0,
    host: '127.0.0.1',
    keys: gatewayKeys(`http://127.0.0.1:${hub.ports.gateway}/.well-known/jwks.json`),
    seed: exampleData,
  });
  const published = await admin(hub.url, 'POST', '/subgraphs', { name: 'evil', url: evilPartner.url }, { region: '450000', sub: 'guangxi-ops' });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  const hainanPublished = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url }, { region: '460000', sub: 'hainan-ops' });
  expect(hainanPublished.status, JSON.stringify(hainanPublished.body)).toBe(201);

  const own = await ask<{ talents: { edges: { node: SichuanTalent }[] } }>(
    SICHUAN,
    `{ talents(filter: { homeRegion: "${SICHUAN}" }, first: 100) { edges { node { id sharing consent { contactSharing purposes } awards { id } engagements { id } } } } }`,
  );
  expect(own.body.errors).toBeUndefined();
  sichuan = own.body.data!.talents.edges.map((e) => e.node);
}, 120_000);

afterAll(async () => {
  await evilPartner?.stop();
  await hainan?.close();
  await hub?.close();
});

describe('a partner subgraph that turns on the hub', () => {
  it('receives a token for itself alone, without grants or any write, audit or admin scope, that no other subgraph accepts', async () => {
    evil.tokens.length = 0;
    const res = await ask(CHONGQING, '{ evilPing }');
    expect(res.body.data).toEqual({ evilPing: 'pong' });
    expect(evil.tokens.length).toBeGreaterThan(0);
    const token = evil.tokens.at(-1)!;
    const claims = decodeJwt(token);
    expect(claims.aud).toBe('evil');
    expect(claims.region).toBe(CHONGQING);
    // Chongqing's province is bound to Sichuan by an agreement: a core subgraph's token carries it, the partner's must not.
    expect(claims.grants ?? []).toEqual([]);
    const scopes = String(claims.scope ?? '')
      .split(' ')
      .filter(Boolean);
    expect(scopes).toEqual(['talent:read']);
    for (const scope of CORE_SCOPES_A_PARTNER_MUST_NOT_GET) expect(scopes).not.toContain(scope);

    const national = sichuan.find((t) => t.sharing === 'NATIONAL')!;
    // Every experts node refuses it, the talent's home node (Sichuan's) and the others alike.
    const replays: { target: string; url: string; query: string; variables?: Record<string, unknown> }[] = [
      ...hub.expertsProcesses.flatMap((experts) => [
        {
          target: `${experts} _entities`,
          url: subgraphUrl(experts),
          query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id name } } }',
          variables: { r: [{ __typename: 'Talent', id: national.id }] },
        },
        { target: `${experts} talents`, url: subgraphUrl(experts), query: '{ talents(first: 5) { edges { node { id name } } } }' },
      ]),
      {
        target: 'projects _entities',
        url: subgraphUrl('projects'),
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { awards { id } } } }',
        variables: { r: [{ __typename: 'Talent', id: national.id }] },
      },
      { target: 'projects programs', url: subgraphUrl('projects'), query: '{ programs { id name } }' },
      {
        target: 'coordination _entities',
        url: subgraphUrl('coordination'),
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { engagements { id } } } }',
        variables: { r: [{ __typename: 'Talent', id: national.id }] },
      },
      { target: 'coordination regions', url: subgraphUrl('coordination'), query: '{ regions { code name } }' },
      {
        target: 'the hainan partner',
        url: hainan.url,
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { hainanTalentCard { tier } } } }',
        variables: { r: [{ __typename: 'Talent', id: national.id }] },
      },
    ];
    for (const replay of replays) {
      const answer = await post(replay.url, replay.query, replay.variables, { authorization: `Bearer ${token}` });
      expect(answer.body.data ?? null, replay.target).toBeNull();
      expect(answer.body.errors?.[0]?.extensions?.code, replay.target).toBe('UNAUTHENTICATED');
    }

    // The same partner fields through the gateway work: Hainan accepts the gateway's tokens made for it.
    const through = await ask(SICHUAN, `{ talent(id: "${national.id}") { id hainanTalentCard { tier } } }`);
    expect(through.body.errors).toBeUndefined();
    expect(through.body.data!.talent.id).toBe(national.id);
  });

  it('cannot put a talent the caller may not see into an answer: no id, no awards, no engagements, on any path from the partner', async () => {
    const hidden = sichuan
      .filter((t) => t.sharing === 'PRIVATE')
      .sort((a, b) => b.awards.length + b.engagements.length - (a.awards.length + a.engagements.length))
      .slice(0, 3);
    expect(hidden.length).toBeGreaterThan(0);
    expect(
      hidden.some((t) => t.awards.length + t.engagements.length > 0),
      'a hidden talent with awards or engagements in the seed data',
    ).toBe(true);
    const visible = sichuan.find((t) => t.sharing === 'NATIONAL')!;
    for (const t of hidden) {
      const direct = await ask(CHONGQING, `{ talent(id: "${t.id}") { id } }`);
      expect(direct.body.data!.talent, `${t.id} is hidden from Chongqing`).toBeNull();
    }
    evil.talentIds = [...hidden.map((t) => t.id), visible.id];
    const expectNothingHidden = (body: unknown) => {
      const text = JSON.stringify(body);
      for (const t of hidden) {
        expect(text, `the answer names hidden ${t.id}`).not.toContain(t.id);
        for (const a of t.awards) expect(text, `the answer holds award ${a.id} of hidden ${t.id}`).not.toContain(a.id);
        for (const e of t.engagements) expect(text, `the answer holds engagement ${e.id} of hidden ${t.id}`).not.toContain(e.id);
      }
    };

    // Without any experts field in the selection, nothing but the owner check stands between the
    // partner's ids and the awards and engagements of those talents.
    const list = await ask(CHONGQING, '{ evilTalents { id evilNote awards { id year } engagements { id } } }');
    expectNothingHidden(list.body);
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data!.evilTalents).toEqual([
      {
        id: visible.id,
        evilNote: `the partner's note on ${visible.id}`,
        awards: expect.any(Array),
        engagements: expect.any(Array),
      },
    ]);
    expect(list.body.data!.evilTalents[0].awards.map((a: { id: string }) => a.id).sort()).toEqual(visible.awards.map((a) => a.id).sort());

    const named = await ask(CHONGQING, '{ evilTalents { id name } }');
    expectNothingHidden(named.body);
    expect(named.body.errors).toBeUndefined();
    expect(named.body.data!.evilTalents).toEqual([{ id: visible.id, name: expect.any(String) }]);

    // The partner's single field names a hidden talent first: null.
    const single = await ask(CHONGQING, '{ evilTalent { id awards { id } engagements { id } } }');
    expectNothingHidden(single.body);
    expect(single.body.errors).toBeUndefined();
    expect(single.body.data).toEqual({ evilTalent: null });

    // A case about a hidden talent cannot exist without it (its talent is non-null): the case goes too.
    const cases = await ask(CHONGQING, '{ evilCases { title talent { id awards { id } engagements { id } } } }');
    expectNothingHidden(cases.body);
    expect(cases.body.errors).toBeUndefined();
    expect(cases.body.data!.evilCases).toEqual([{ title: `case ${hidden.length}`, talent: { id: visible.id, awards: expect.any(Array), engagements: expect.any(Array) } }]);
  });

  it('cannot rewrite an answer with keys it was not asked for, and the attempt is logged without its values', async () => {
    const own = sichuan.find((t) => t.sharing !== 'PRIVATE')!;
    const baseline = await ask(SICHUAN, `{ talent(id: "${own.id}") { id contact { phone } } }`);
    expect(baseline.body.errors).toBeUndefined();
    const phone = baseline.body.data!.talent.contact.phone as string;
    expect(phone).not.toBe(FORGED_PHONE);

    // The partner answers `_entities` for evilNote and adds a forged contact to the talent.
    const attacked = await ask(SICHUAN, `{ talent(id: "${own.id}") { id contact { phone } evilNote } }`);
    expect(attacked.body.errors).toBeUndefined();
    expect(attacked.body.data!.talent).toEqual({ id: own.id, contact: { phone }, evilNote: `the partner's note on ${own.id}` });

    // A root answer of its own, merged after the owner's: the audit chain verification and a talent's name.
    const chain = await ask(SICHUAN, '{ verifyAuditChain { experts { intact } } }');
    expect(chain.body.errors).toBeUndefined();
    const intact = chain.body.data!.verifyAuditChain.experts.intact as boolean;
    const named = await ask(SICHUAN, `{ talent(id: "${own.id}") { name } }`);
    evil.rootInjection = { verifyAuditChain: { experts: { intact: !intact } }, talent: { name: 'Forged Name' } };
    evil.delayMs = 300;
    try {
      const rewritten = await ask(SICHUAN, `{ verifyAuditChain { experts { intact } } talent(id: "${own.id}") { name } evilPing }`);
      expect(rewritten.body.errors).toBeUndefined();
      expect(rewritten.body.data).toEqual({ verifyAuditChain: { experts: { intact } }, talent: { name: named.body.data!.talent.name }, evilPing: 'pong' });
    } finally {
      evil.rootInjection = {};
      evil.delayMs = 0;
    }

    // The gateway's log reaches this process through a pipe, maybe after the answer did.
    const logged = () => hub.services.get('gateway')!.output.join('');
    const attempts = () =>
      logged()
        .split('\n')
        .filter((line) => line.includes('partner subgraph answered fields it was not asked for'));
    for (let waited = 0; waited < 5000 && !attempts().some((line) => line.includes('verifyAuditChain')); waited += 100) await new Promise((r) => setTimeout(r, 100));
    const log = logged();
    const lines = attempts();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.some((line) => line.includes('"subgraph":"evil"') && line.includes('_entities.0.contact'))).toBe(true);
    expect(lines.some((line) => line.includes('verifyAuditChain'))).toBe(true);
    expect(log).not.toContain(FORGED_PHONE);
    expect(log).not.toContain('Forged Name');
  });
});

describe('reads of another region personal data', () => {
  it('leave one audit event per request, even for identical requests in flight at the same time', async () => {
    const talent = sichuan.find((t) => t.sharing !== 'PRIVATE' && t.consent?.contactSharing && t.consent.purposes.includes('EXPERT_CONSULTATION'));
    expect(talent, 'a Sichuan talent who consented to contact sharing for expert consultation').toBeDefined();
    const sub = 'cq-concurrent-reader';
    const read = () =>
      ask(CHONGQING, `query ReadContact { talent(id: "${talent!.id}") { id contact { phone email } } }`, {
        scopes: ['talent:read', 'talent:contact'],
        sub,
        purpose: 'EXPERT_CONSULTATION',
      });
    const events = async () => {
      const res = await ask(SICHUAN, `{ auditEvents(talentId: "${talent!.id}", first: 100) { edges { node { actor } } } }`, { scopes: ['talent:read', 'audit:read'] });
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.auditEvents.edges.filter((e: { node: { actor: string } }) => e.node.actor === sub).length;
    };

    const before = await events();
    const single = await read();
    expect(single.body.errors).toBeUndefined();
    expect(single.body.data!.talent.contact.phone).toEqual(expect.any(String));
    const perRequest = (await events()) - before;
    expect(perRequest).toBeGreaterThan(0);

    for (let round = 0; round < 3; round++) {
      const start = await events();
      const answers = await Promise.all([read(), read()]);
      for (const answer of answers) expect(answer.body.data!.talent.contact.phone).toBe(single.body.data!.talent.contact.phone);
      expect((await events()) - start, `round ${round}`).toBe(2 * perRequest);
    }
  });
});
