import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkPartnerPolicy } from '../../../../gateway/registry/policy.ts';
import { externalFieldsRule, fromContextRule, requiresFieldsRule } from '../../../../gateway/registry/policy/reference-rules.ts';
import { contextFor, core } from './fixtures.ts';

/** The whole policy's violations for partner hainan with `sdl` against the core. */
function check(sdl: string, allowedFields: string[] = []): string[] {
  return checkPartnerPolicy({ name: 'hainan', doc: parse(sdl) }, core, [], { allowedFields });
}

describe("partner references to core fields (issue 10 item 3): only key fields and the operators' allow-list", () => {
  const FED = (imports: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: [${imports}])\n`;
  const context = (sdl: string, allowed: string[] = []) => contextFor(sdl, { allowedFields: allowed });

  it('@requires on a personal field (birthYear) of a Talent extension is refused, with why', () => {
    const sdl = `${FED('"@key", "@external", "@requires"')}
      type Talent @key(fields: "id") { id: ID! birthYear: Int @external hainanAgeBand: String @requires(fields: "birthYear") }`;
    const rule = requiresFieldsRule(context(sdl));
    expect(rule).toEqual([expect.stringMatching(/^@requires on Talent\.hainanAgeBand references Talent\.birthYear: partners may reference only key fields/)]);
    expect(rule[0]).toContain('the gateway would fetch Talent.birthYear itself and hand it to the partner');
    // The whole policy reports both the @external declaration and the @requires.
    expect(check(sdl)).toEqual([
      expect.stringMatching(/^@external on Talent\.birthYear references Talent\.birthYear/),
      expect.stringMatching(/^@requires on Talent\.hainanAgeBand references Talent\.birthYear/),
    ]);
  });

  it('follows renamed and namespaced imports, and nested selections', () => {
    const renamed = `${FED('"@key", { name: "@external", as: "@given" }, { name: "@requires", as: "@needs" }')}
      type Talent @key(fields: "id") { id: ID! contact: Contact @given hainanReach: String @needs(fields: "contact { phone }") }`;
    expect(requiresFieldsRule(context(renamed)).map((m) => m.slice(0, 70))).toEqual([
      '@requires on Talent.hainanReach references Talent.contact: partners ma',
      '@requires on Talent.hainanReach references Contact.phone: partners may',
    ]);
    expect(externalFieldsRule(context(renamed))).toEqual([expect.stringMatching(/^@external on Talent\.contact references Talent\.contact/)]);
    const namespaced = `${FED('"@key"')}
      type Talent @key(fields: "id") { id: ID! hukouRegion: Region @federation__external hainanHome: String @federation__requires(fields: "hukouRegion { code }") }`;
    expect(requiresFieldsRule(context(namespaced))).toEqual([expect.stringMatching(/references Talent\.hukouRegion/)]);
  });

  it('allows key fields, and the fields the hub operators allow-list', () => {
    const onKey = `${FED('"@key", "@external", "@requires"')}
      type Talent @key(fields: "id") { id: ID! @external hainanCard: String @requires(fields: "id") }`;
    expect(requiresFieldsRule(context(onKey))).toEqual([]);
    expect(externalFieldsRule(context(onKey))).toEqual([]);
    const onName = `${FED('"@key", "@external", "@requires"')}
      type Talent @key(fields: "id") { id: ID! name: String! @external hainanGreeting: String @requires(fields: "name") }`;
    expect(requiresFieldsRule(context(onName))).toHaveLength(1);
    expect(requiresFieldsRule(context(onName, ['Talent.name']))).toEqual([]);
    expect(externalFieldsRule(context(onName, ['Talent.name']))).toEqual([]);
    expect(check(onName, ['Talent.name'])).toEqual([]);
    // The allow-list is per field: allowing Talent.name does not allow Talent.birthYear.
    const both = onName.replace('name: String! @external', 'name: String! @external birthYear: Int @external').replace('"name"', '"name birthYear"');
    expect(requiresFieldsRule(context(both, ['Talent.name']))).toEqual([expect.stringMatching(/references Talent\.birthYear/)]);
  });

  it('@fromContext selecting a personal field of a core type is refused', () => {
    const sdl = `${FED('"@key", "@fromContext"')}
      type Query { hainanCard(year: Int @fromContext(field: "$talent ... on Talent { birthYear }")): String }`;
    expect(fromContextRule(context(sdl))).toEqual([expect.stringMatching(/^@fromContext on hainanCard\(year\) references Talent\.birthYear/)]);
    const onKey = `${FED('"@key", "@fromContext"')}
      type Query { hainanCard(id: ID @fromContext(field: "$talent ... on Talent { id }")): String }`;
    expect(fromContextRule(context(onKey))).toEqual([]);
  });
});
