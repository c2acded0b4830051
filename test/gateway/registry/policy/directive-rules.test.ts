import { describe, expect, it } from 'vitest';
import { forbiddenDirectivesRule } from '../../../../gateway/registry/policy/directive-rules.ts';
import { contextFor, LINK } from './fixtures.ts';

/** What the rule says about every definition of `sdl`. */
function forbidden(sdl: string): string[] {
  const context = contextFor(sdl);
  return context.doc.definitions.flatMap((d) => forbiddenDirectivesRule(d, context));
}

describe('forbiddenDirectivesRule', () => {
  it('refuses @override, @provides and @interfaceObject, naming where they sit', () => {
    expect(
      forbidden(`${LINK}
        type Query { hainanTalent: Talent @provides(fields: "name") }
        type Talent @key(fields: "id") { id: ID! hainanTitle: String @override(from: "experts") }
        type Award @key(fields: "id") @interfaceObject { id: ID! }`),
    ).toEqual([
      "@provides on Query.hainanTalent: partners may not use @provides (it would let the partner answer for other subgraphs' fields).",
      '@override on Talent.hainanTitle: partners may not use @override (it takes a field away from its owner).',
      "@interfaceObject on Award: partners may not use @interfaceObject (it changes how others' interfaces resolve).",
    ]);
  });
  it('follows renamed imports and the federation__ prefix', () => {
    const renamed = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key", { name: "@override", as: "@take" }])
      type Talent @key(fields: "id") { id: ID! hainanTitle: String @take(from: "experts") @federation__provides(fields: "id") }`;
    expect(forbidden(renamed).map((m) => m.slice(0, 30))).toEqual(['@override on Talent.hainanTitl', '@provides on Talent.hainanTitl']);
  });
  it('accepts the directives a partner may use', () => {
    expect(forbidden(`${LINK} type Talent @key(fields: "id") { id: ID! @external hainanX: Int @tag(name: "x") }`)).toEqual([]);
  });
});
