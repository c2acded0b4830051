import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TalentDoc } from '../../subgraphs/experts/model.ts';
import type { AuditEventDoc } from '../../platform/audit/event.ts';
import { nodeAudience, nodeForProvince } from '../../platform/nodes.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type AsOptions, type Hub, post } from '../helpers/hub.ts';
import { BEIJING, CHONGQING, graphqlOk, HEBEI, pickTalent, QINGHAI, type SharingCase, SICHUAN, startSharingHub } from '../helpers/sharing.ts';

/**
 * The sharing rules through the gateway, as a matrix: caller regions (one bound by an agreement
 * that allows contact sharing, one by an agreement that does not, one by none) × access paths
 * (root field, list, totalCount, Award.talent, Engagement.talent, ExpertPool.members, a direct
 * _entities call to the experts subgraph) × rules, with the home region as positive control.
 */
const READ = ['talent:read'];
const CONTACT = ['talent:read', 'talent:contact'];

let hub: Hub;
let cases: SharingCase[];
let awardOf: Map<string, string>;
let engagementOf: Map<string, string>;
let poolOf: Map<string, string>;

const pick = (home: string, predicate: (t: TalentDoc) => boolean) => pickTalent(hub.dataset, home, predicate);
const gql = (query: string, variables: Record<string, unknown>, as: AsOptions) => graphqlOk(hub, query, variables, as);

beforeAll(async () => {
  ({ hub, cases, awardOf, engagementOf, poolOf } = await startSharingHub());
});

afterAll(async () => {
  await hub?.close();
});

describe('who may see which talent (rules 1, 2 and 4) on every access path', () => {
  const callers = [SICHUAN, CHONGQING, QINGHAI, BEIJING, HEBEI];

  it('root field talent(id)', async () => {
    for (const c of cases) {
      for (const region of Object.keys(c.profile)) {
        const body = await gql('query($id: ID!) { talent(id: $id) { id name title organization sectors } }', { id: c.talent._id }, { region, scopes: READ });
        const expected = c.profile[region]
          ? { id: c.talent._id, name: c.talent.name, title: c.talent.title, organization: c.talent.organization, sectors: c.talent.sectors }
          : null;
        expect(body.data!.talent, `${c.name} seen by ${region}`).toEqual(expected);
      }
    }
    expect(callers.length).toBeGreaterThan(0);
  });

  it('lists and totalCount leave hidden talents out', async () => {
    for (const c of cases) {
      for (const region of Object.keys(c.profile)) {
        const body = await gql(
          'query($h: ID, $after: String) { talents(filter: { homeRegion: $h }, first: 100, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
          { h: c.talent.homeRegion },
          { region, scopes: READ },
        );
        const ids: string[] = [];
        let page = body.data!.talents;
        ids.push(...page.edges.map((e: any) => e.node.id));
        while (page.pageInfo.hasNextPage) {
          const next = await gql(
            'query($h: ID, $after: String) { talents(filter: { homeRegion: $h }, first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
            { h: c.talent.homeRegion, after: page.pageInfo.endCursor },
            { region, scopes: READ },
          );
          page = next.data!.talents;
          ids.push(...page.edges.map((e: any) => e.node.id));
        }
        expect(ids.includes(c.talent._id), `${c.name} listed for ${region}`).toBe(c.profile[region]);
        expect(body.data!.talents.totalCount, `totalCount for ${region}`).toBe(ids.length);
      }
    }
    // The home region counts every one of its talents (as stored now: earlier tests may have
    // registered some); Qinghai counts only NATIONAL ones.
    const all = await hub.nodeFor(SICHUAN).db.collection('talents').countDocuments({ homeRegion: SICHUAN });
    const national = hub.dataset.experts.talents.filter((t) => t.homeRegion === SICHUAN && t.sharing === 'NATIONAL').length;
    const count = async (region: string) => (await gql('{ talents(filter: { homeRegion: "510000" }) { totalCount } }', {}, { region, scopes: READ })).data!.talents.totalCount;
    expect(await count(SICHUAN)).toBe(all);
    expect(await count(QINGHAI)).toBe(national);
  });

  it('Award.talent and Engagement.talent resolve to null when hidden', async () => {
    for (const c of cases) {
      for (const region of Object.keys(c.profile)) {
        const body = await gql(
          'query($a: ID!, $e: ID!) { award(id: $a) { id talent { id name } } engagement(id: $e) { id talent { id name } } }',
          { a: awardOf.get(c.talent._id), e: engagementOf.get(c.talent._id) },
          { region, scopes: READ },
        );
        const expected = c.profile[region] ? { id: c.talent._id, name: c.talent.name } : null;
        expect(body.data!.award.talent, `award of ${c.name} for ${region}`).toEqual(expected);
        // The engagement record itself is read by the provinces that send (home) or host (Qinghai) it.
        if (region === c.talent.homeRegion || region === QINGHAI) expect(body.data!.engagement.talent, `engagement of ${c.name} for ${region}`).toEqual(expected);
        else expect(body.data!.engagement, `engagement of ${c.name} for ${region}`).toBeNull();
        // Nothing in the answer reveals the hidden talent, not even its id.
        if (!c.profile[region]) expect(JSON.stringify(body)).not.toContain(c.talent._id);
      }
    }
  });

  it('ExpertPool.members leaves hidden talents out (and out of its totalCount)', async () => {
    for (const c of cases) {
      for (const region of Object.keys(c.profile)) {
        const body = await gql(
          'query($p: ID!) { expertPool(id: $p) { members(first: 100) { totalCount edges { node { id } } } } }',
          { p: poolOf.get(c.talent._id) },
          { region, scopes: READ },
        );
        const ids = body.data!.expertPool.members.edges.map((e: any) => e.node.id);
        expect(ids.includes(c.talent._id), `${c.name} in pool for ${region}`).toBe(c.profile[region]);
        expect(body.data!.expertPool.members.totalCount).toBe(ids.length);
      }
    }
  });

  it('a direct _entities call to an experts node gets nothing without a gateway token, and only what the rules allow with one', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id name } } }';
    const representations = cases.map((c) => ({ __typename: 'Talent', id: c.talent._id }));
    for (const node of hub.expertsNodes) {
      for (const headers of [
        {} as Record<string, string>,
        { authorization: `Bearer ${await clientToken({ region: SICHUAN, scopes: ALL_SCOPES })}` },
        { authorization: 'Bearer not.a.token' },
      ]) {
        const res = await post(node.url, query, { r: representations }, headers);
        expect(res.body.data ?? null, node.name).toBeNull();
        expect(res.body.errors?.[0]?.extensions?.code, node.name).toBe('UNAUTHENTICATED');
        for (const c of cases) expect(JSON.stringify(res.body), node.name).not.toContain(c.talent.name);
      }
      // The schema stays open for composition.
      const sdl = await post(node.url, '{ _service { sdl } }');
      expect(sdl.body.data!._service.sdl, node.name).toContain('type Talent');
    }
    // With a caller token signed by the gateway for a node, that node applies the rules itself to
    // the talents it holds (each case asked of its home node).
    const homes = new Set(cases.map((c) => nodeForProvince(hub.expertsNodes, c.talent.homeRegion)!.name));
    expect(homes.size, 'the cases live on more than one node').toBeGreaterThan(1);
    for (const region of [CHONGQING, QINGHAI]) {
      for (const node of hub.expertsNodes.filter((n) => homes.has(n.name))) {
        const own = cases.filter((c) => nodeForProvince(hub.expertsNodes, c.talent.homeRegion)!.name === node.name);
        const token = await hub.signer.sign({
          audience: nodeAudience('experts', node.name),
          sub: 'direct-test',
          region,
          scopes: READ,
          purpose: null,
          grants: region === CHONGQING ? [{ region: SICHUAN, agreementId: 'agr-chuanyu', sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], disciplines: [], contact: true }] : [],
        });
        const res = await post(node.url, query, { r: own.map((c) => ({ __typename: 'Talent', id: c.talent._id })) }, { authorization: `Bearer ${token}` });
        expect(res.body.errors, node.name).toBeUndefined();
        res.body.data!._entities.forEach((entity: any, i: number) => {
          const c = own[i]!;
          const expected = c.profile[region] ?? false;
          expect(entity, `${c.name} for ${region} directly at ${node.name}`).toEqual(expected ? { id: c.talent._id, name: c.talent.name } : null);
        });
      }
    }
  });
});

describe('personal data: contact and birth year (rule 3)', () => {
  const CONTACT_QUERY = 'query($id: ID!) { talent(id: $id) { id name birthYear contact { phone email } } }';

  it('goes to another region only through a contact-sharing agreement, with consent, scope and a declared purpose', async () => {
    const t = cases[1]!.talent; // Sichuan AGREEMENT, consented to EXPERT_CONSULTATION
    const allowed = await gql(CONTACT_QUERY, { id: t._id }, { region: CHONGQING, scopes: CONTACT, purpose: 'EXPERT_CONSULTATION' });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.talent).toEqual({ id: t._id, name: t.name, birthYear: t.birthYear, contact: { phone: t.contact.phone, email: t.contact.email } });

    const refusals: [string, AsOptions][] = [
      ['no purpose declared', { region: CHONGQING, scopes: CONTACT }],
      ['no talent:contact scope', { region: CHONGQING, scopes: READ, purpose: 'EXPERT_CONSULTATION' }],
      ['a purpose the talent did not consent to', { region: CHONGQING, scopes: CONTACT, purpose: 'TALENT_INTRODUCTION' }],
    ];
    if (t.consent.purposes.includes('TALENT_INTRODUCTION')) refusals.pop();
    for (const [why, as] of refusals) {
      const body = await gql(CONTACT_QUERY, { id: t._id }, as);
      expect(body.data!.talent, why).toEqual({ id: t._id, name: t.name, birthYear: null, contact: null });
      const paths = body.errors!.map((e) => e.path?.join('.')).sort();
      expect(paths, why).toEqual(['talent.birthYear', 'talent.contact']);
      for (const e of body.errors!) expect(e.extensions?.code, why).toBe('FORBIDDEN');
    }
  });

  it('is refused through an agreement without contact sharing, and without the talent consent', async () => {
    const beijing = cases[3]!.talent;
    const viaJingjinji = await gql(CONTACT_QUERY, { id: beijing._id }, { region: HEBEI, scopes: CONTACT, purpose: 'EXPERT_CONSULTATION' });
    expect(viaJingjinji.data!.talent).toMatchObject({ id: beijing._id, contact: null, birthYear: null });
    expect(viaJingjinji.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

    const noConsent = pick(SICHUAN, (t) => t.sharing !== 'PRIVATE' && !t.consent.contactSharing);
    const body = await gql(CONTACT_QUERY, { id: noConsent._id }, { region: CHONGQING, scopes: CONTACT, purpose: 'EXPERT_CONSULTATION' });
    expect(body.data!.talent).toMatchObject({ contact: null, birthYear: null });
    expect(body.errors?.[0]?.message).toMatch(/not consented/);
  });

  it('the home region sees contact details with talent:contact, and not without', async () => {
    const t = cases[0]!.talent;
    const full = await gql(CONTACT_QUERY, { id: t._id }, { region: SICHUAN, scopes: CONTACT });
    expect(full.data!.talent.contact).toEqual({ phone: t.contact.phone, email: t.contact.email });
    const noScope = await gql(CONTACT_QUERY, { id: t._id }, { region: SICHUAN, scopes: READ });
    expect(noScope.data!.talent).toMatchObject({ contact: null, birthYear: null });
  });
});

describe('writes (rule 5)', () => {
  it('only the home region with talent:write changes its talents; anything else is FORBIDDEN and writes nothing', async () => {
    const t = cases[2]!.talent; // Sichuan NATIONAL: visible to Chongqing, still not Chongqing's to change
    const update = 'mutation($id: ID!) { updateTalent(id: $id, input: { title: "被篡改" }) { talent { title } } }';
    for (const as of [{ region: CHONGQING }, { region: SICHUAN, scopes: READ }] as AsOptions[]) {
      const body = await gql(update, { id: t._id }, as);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const register = await gql(
      'mutation($i: RegisterTalentInput!) { registerTalent(input: $i) { talent { id } } }',
      {
        i: {
          name: '测试',
          gender: 'MALE',
          birthYear: 1990,
          degree: 'MASTER',
          title: '工程师',
          careerStage: 'MID',
          organization: '某单位',
          disciplineCodes: ['520'],
          sectors: ['INDUSTRY'],
          homeRegion: SICHUAN,
          source: '测试',
        },
      },
      { region: CHONGQING },
    );
    expect(register.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await gql('query($id: ID!) { talent(id: $id) { title } }', { id: t._id }, { region: SICHUAN });
    expect(after.data!.talent.title).toBe(t.title);
    const award = await gql(
      `mutation { recordAward(input: { programId: "prog-sichuan-tianfu", talentId: "${hub.dataset.experts.talents[0]!._id}", year: 2025, amount: 1 }) { award { id } } }`,
      {},
      { region: CHONGQING },
    );
    expect(award.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const agreement = await gql(
      'mutation { proposeAgreement(input: { name: "x", partyCodes: ["510000", "520000"], signedOn: "2026-01-01", scope: { sectors: [SERVICES] } }) { agreement { id } } }',
      {},
      { region: QINGHAI },
    );
    expect(agreement.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('agreements take effect without a restart (rule 6)', () => {
  it('an agreement between Qinghai and Sichuan, once both ratified it, lets Qinghai see Sichuan AGREEMENT talents within 5 seconds', async () => {
    const t = cases[1]!.talent;
    const before = await gql('query($id: ID!) { talent(id: $id) { id } }', { id: t._id }, { region: QINGHAI, scopes: READ });
    expect(before.data!.talent).toBeNull();
    const proposed = await gql(
      'mutation($i: ProposeAgreementInput!) { proposeAgreement(input: $i) { agreement { id inForce awaitingVersion } } }',
      { i: { name: '青川人才合作协议', partyCodes: [QINGHAI, SICHUAN], signedOn: '2026-01-01', validUntil: '2099-12-31', scope: { sectors: t.sectors, contactSharing: false } } },
      { region: QINGHAI },
    );
    const { id, inForce, awaitingVersion } = proposed.data!.proposeAgreement.agreement;
    expect(inForce).toBe(false);
    const ratified = await gql(
      'mutation($i: RatifyAgreementInput!) { ratifyAgreement(input: $i) { agreement { inForce } } }',
      { i: { id, version: awaitingVersion } },
      { region: SICHUAN },
    );
    expect(ratified.data!.ratifyAgreement.agreement.inForce).toBe(true);
    const started = Date.now();
    let seen = null;
    while (Date.now() - started < 5000) {
      seen = (await gql('query($id: ID!) { talent(id: $id) { id } }', { id: t._id }, { region: QINGHAI, scopes: READ })).data!.talent;
      if (seen) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toEqual({ id: t._id });
  });
});

describe('who is calling', () => {
  it('answers 401 UNAUTHENTICATED in JSON, calling no subgraph, for missing, malformed, forged, expired, unsigned and claim-less tokens', async () => {
    const before = Object.values(hub.subgraphs).map((s) => s.graphqlRequests);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const variants: Record<string, string | undefined> = {
      missing: undefined,
      malformed: 'Bearer abc',
      'not bearer': `Basic ${Buffer.from('a:b').toString('base64')}`,
      forged: `Bearer ${await clientToken({ region: SICHUAN, scopes: ALL_SCOPES, secret: 'some-other-secret-that-is-long-enough-0000' })}`,
      expired: `Bearer ${await clientToken({ region: SICHUAN, scopes: ALL_SCOPES, ttl: '-1m' })}`,
      unsigned: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', region: SICHUAN, scope: 'talent:read', exp: now + 600 })}.`,
      'no region claim': `Bearer ${await (
        async () => {
          const { SignJWT } = await import('jose');
          return new SignJWT({ scope: 'talent:read' })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('x')
            .setExpirationTime('5m')
            .sign(new TextEncoder().encode('test-secret-for-the-hub-test-suite-only-0123456789'));
        }
      )()}`,
    };
    for (const [name, authorization] of Object.entries(variants)) {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: '{ talents { totalCount } }' }),
      });
      expect(res.status, name).toBe(401);
      expect(res.headers.get('content-type'), name).toMatch(/application\/json/);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code, name).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message, name).toMatch(/token|Authorization/);
    }
    expect(Object.values(hub.subgraphs).map((s) => s.graphqlRequests)).toEqual(before);
  });

  it('rejects an unknown purpose with 400, and keeps /health and the gateway JWKS open', async () => {
    const res = await hub.query('{ talents { totalCount } }', {}, { purpose: 'CURIOSITY' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await fetch(hub.url.replace(/graphql$/, 'health'))).status).toBe(200);
    const jwks = (await (await fetch(hub.url.replace(/graphql$/, '.well-known/jwks.json'))).json()) as any;
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0].d).toBeUndefined();
  });
});

describe('evidence: the audit trail', () => {
  it('records reads of another region’s personal data and every write, for the home region to read with audit:read', async () => {
    const t = cases[1]!.talent;
    await gql(
      'query Consult($id: ID!) { talent(id: $id) { contact { phone } } }',
      { id: t._id },
      { region: CHONGQING, scopes: CONTACT, purpose: 'EXPERT_CONSULTATION', sub: 'cq-talent-system' },
    );
    const body = await gql(
      'query($id: ID!) { auditEvents(talentId: $id, first: 50) { totalCount edges { node { seq action actor actorRegion { code } purpose operation fields talentId hash prevHash } } } }',
      { id: t._id },
      { region: SICHUAN, scopes: ['audit:read'] },
    );
    const events = body.data!.auditEvents.edges.map((e: any) => e.node);
    const read = events.find((e: any) => e.action === 'READ_PERSONAL' && e.actor === 'cq-talent-system');
    expect(read).toMatchObject({ actorRegion: { code: CHONGQING }, purpose: 'EXPERT_CONSULTATION', operation: 'Consult', fields: ['contact'], talentId: t._id });
    expect(events.some((e: any) => e.action === 'WRITE' && e.fields.includes('poolIds'))).toBe(true);
    // Personal data never lands in the trail: field names only.
    expect(JSON.stringify(events)).not.toContain(t.contact.phone!);
    // Another region without audit:read, or reading its own trail, does not see Sichuan's events.
    const denied = await hub.query('{ auditEvents { totalCount } }', {}, { region: SICHUAN, scopes: READ });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const qinghai = await gql('query($id: ID!) { auditEvents(talentId: $id) { totalCount } }', { id: t._id }, { region: QINGHAI, scopes: ['audit:read'] });
    expect(qinghai.data!.auditEvents.totalCount).toBe(0);
  });

  it('lists the writes kept by projects and coordination too, for the regions concerned', async () => {
    const t = cases[2]!.talent; // Sichuan NATIONAL: its engagement was recorded by Sichuan, its award by Qinghai
    const coordination = await gql(
      'query($id: ID!) { coordinationAuditEvents(talentId: $id) { totalCount edges { node { action entityType actorRegion { code } fields } } } }',
      { id: t._id },
      { region: SICHUAN, scopes: ['audit:read'] },
    );
    expect(coordination.data!.coordinationAuditEvents.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({ action: 'WRITE', entityType: 'Engagement', actorRegion: { code: SICHUAN } }),
    );
    const projects = await gql(
      'query($id: ID!) { projectsAuditEvents(talentId: $id) { edges { node { action entityType actorRegion { code } } } } }',
      { id: t._id },
      { region: QINGHAI, scopes: ['audit:read'] },
    );
    expect(projects.data!.projectsAuditEvents.edges.map((e: any) => e.node)).toContainEqual({ action: 'WRITE', entityType: 'Award', actorRegion: { code: QINGHAI } });
    // The talent's home province reads the award Qinghai recorded about its talent (the owner comes from experts).
    const home = await gql(
      'query($id: ID!) { projectsAuditEvents(talentId: $id) { edges { node { action entityType actorRegion { code } } } } }',
      { id: t._id },
      { region: SICHUAN, scopes: ['audit:read'] },
    );
    expect(home.data!.projectsAuditEvents.edges.map((e: any) => e.node)).toContainEqual({ action: 'WRITE', entityType: 'Award', actorRegion: { code: QINGHAI } });
    const denied = await hub.query('{ projectsAuditEvents { totalCount } }', {}, { region: QINGHAI, scopes: READ });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('verifies every chain, and detects a changed event', async () => {
    const verify = '{ verifyAuditChain { experts { intact events firstBrokenSeq } projects { intact events } coordination { intact events } } }';
    const ok = await gql(verify, {}, { region: SICHUAN, scopes: ['audit:read'] });
    expect(ok.data!.verifyAuditChain.experts).toMatchObject({ intact: true, firstBrokenSeq: null });
    expect(ok.data!.verifyAuditChain.experts.events).toBeGreaterThan(0);
    expect(ok.data!.verifyAuditChain.projects).toMatchObject({ intact: true });
    expect(ok.data!.verifyAuditChain.coordination).toMatchObject({ intact: true });
    // Tamper with the store directly (there is no API for it): the chain no longer verifies.
    // Sichuan's experts node keeps the chain of Sichuan's talents' events.
    const events = hub.nodeFor(SICHUAN).db.collection<AuditEventDoc>('audit_events');
    await events.updateOne({ seq: 2 }, { $set: { actorSub: 'someone-else' } });
    const broken = await gql(verify, {}, { region: SICHUAN, scopes: ['audit:read'] });
    expect(broken.data!.verifyAuditChain.experts).toMatchObject({ intact: false, firstBrokenSeq: 2 });
  });
});
