import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkPartnerPolicy, type ParsedSubgraph } from '../../../gateway/registry/policy.ts';
import { sdl as hainanSdl } from '../../../partners/hainan/server.ts';
import { coreSubgraphSources } from '../../../schema/compose.ts';

const core: ParsedSubgraph[] = coreSubgraphSources().map((s) => ({ name: s.name, doc: parse(s.sdl) }));
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key", "@shareable", "@external", "@provides", "@override"])\n';

/** The violations of partner `name` with `sdl` against the core (and `partners`). */
function check(sdl: string, name = 'hainan', partners: ParsedSubgraph[] = [], allowedFields: string[] = []): string[] {
  return checkPartnerPolicy(
    { name, doc: parse(sdl) },
    [...core, ...partners],
    partners.map((p) => p.name),
    { allowedFields },
  );
}

describe('partner policy (walking the partner SDL against the core)', () => {
  it('accepts the Hainan example partner, as written and as its server prints it', () => {
    expect(check(hainanSdl)).toEqual([]);
  });

  it('accepts new namespaced types, fields on core entities, and reuse of core enums and scalars', () => {
    expect(
      check(`${LINK}
        type Query { hainanCentres(sector: Sector): [HainanCentre!]! }
        type Talent @key(fields: "id") { id: ID! hainanVisits(since: DateTime): Int! }
        type Region @key(fields: "code", resolvable: false) { code: ID! }
        type HainanCentre @key(fields: "id") { id: ID! region: Region! sectors: [Sector!]! }
        enum Sector { AGRICULTURE INDUSTRY }
        scalar DateTime`),
    ).toEqual([]);
  });

  it('requires Federation 2', () => {
    expect(check('type Query { hainanX: Int }')).toEqual([expect.stringContaining('must be Federation 2 subgraphs')]);
  });

  it('keeps names inside the namespace: types, root fields and fields added to core entities', () => {
    expect(
      check(`${LINK}
        type Query { serviceRecords: [ServiceRecord!]! hainanOk: Int }
        type Mutation { recordService: Int }
        type Talent @key(fields: "id") { id: ID! visaStatus: String }
        type ServiceRecord { id: ID! }`),
    ).toEqual([
      'Query.serviceRecords is outside the hainan namespace: name it hainanServiceRecords.',
      'Mutation.recordService is outside the hainan namespace: name it hainanRecordService.',
      'Talent.visaStatus is outside the hainan namespace: name it hainanVisaStatus.',
      'Type ServiceRecord is outside the hainan namespace: name it HainanServiceRecord.',
    ]);
  });

  it('refuses root fields that collide and fields the core owns (also as @shareable)', () => {
    expect(
      check(`${LINK}
        type Query { talent(id: ID!): Talent }
        type Talent @key(fields: "id") { id: ID! @shareable name: String! organization: String @external }`),
    ).toEqual([
      'Query.talent collides with the root field of experts: root fields may not collide.',
      'Talent.id is owned by coordination, experts, projects; a partner may not redefine it as @shareable.',
      'Talent.name is owned by experts; a partner may not define it (add a new field such as hainanName).',
      expect.stringMatching(/^@external on Talent\.organization references Talent\.organization/),
    ]);
  });

  it('refuses @override however it is spelled, and @provides', () => {
    const aliased = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key", { name: "@override", as: "@take" }])
      type Talent @key(fields: "id") { id: ID! hainanTitle: String @take(from: "experts") }`;
    expect(check(aliased)).toEqual([expect.stringMatching(/^@override on Talent\.hainanTitle: partners may not use @override/)]);
    const namespaced = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])
      type Talent @key(fields: "id") { id: ID! hainanTitle: String @federation__override(from: "experts") }`;
    expect(check(namespaced)).toEqual([expect.stringMatching(/^@override on Talent\.hainanTitle/)]);
    expect(check(`${LINK} type Query { hainanTalent: Talent @provides(fields: "name") } type Talent @key(fields: "id") { id: ID! name: String! @external }`)).toEqual([
      expect.stringMatching(/^@provides on Query\.hainanTalent: partners may not use @provides/),
      expect.stringMatching(/^@external on Talent\.name references Talent\.name: partners may reference only key fields/),
    ]);
  });

  it("refuses redefining the core's value types, inputs and enums (adding values), and keys the core does not declare", () => {
    expect(
      check(`${LINK}
        type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }
        input TalentFilter { homeRegion: ID }
        enum Sector { AGRICULTURE FISHERY }
        type Talent @key(fields: "name") { name: String! hainanX: Int }
        type Subscription { hainanEvents: Int }`),
    ).toEqual([
      'PageInfo belongs to coordination, experts, projects and is not an entity: partners may only extend entities (types with @key); define your own HainanPageInfo.',
      'TalentFilter belongs to experts; a partner may not redefine it: define your own HainanTalentFilter.',
      'Enum Sector belongs to coordination, experts, projects: a partner may reuse it but not add values (FISHERY); define HainanSector instead.',
      '@key(fields: "name") on Talent: declare a key Talent already has ("id").',
      'Talent.name is owned by experts; a partner may not define it (add a new field such as hainanName).',
      'Subscription: the hub gateway does not serve subscriptions; partners may not define them.',
    ]);
  });

  it("keeps partners apart: a taken namespace, an overlapping name, another partner's types", () => {
    const hainan: ParsedSubgraph = { name: 'hainan', doc: parse(hainanSdl) };
    expect(check(`${LINK} type Query { hainanfreeX: Int }`, 'hainanfree', [hainan])).toEqual([
      'The name "hainanfree" overlaps the namespace of partner "hainan": choose a name that neither starts nor is the start of another partner\'s name.',
    ]);
    expect(check(`${LINK} type Query { sanyaX: Int } type HainanServiceRecord @key(fields: "id") { id: ID! sanyaNote: String }`, 'sanya', [hainan])).toEqual([
      "HainanServiceRecord belongs to partner hainan; a partner may reuse or extend only the hub core's types.",
    ]);
    // A name whose namespace the core already uses.
    expect(check(`${LINK} type Query { awardX: Int }`, 'award')).toEqual(
      expect.arrayContaining([
        'The award namespace is taken: type Award is defined by experts, projects.',
        'The award namespace is taken: type AwardConnection is defined by projects.',
      ]),
    );
  });
});
