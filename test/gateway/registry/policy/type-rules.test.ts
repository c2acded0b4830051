import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  entityDirectivesRule,
  entityKeysRule,
  enumValuesRule,
  inputOrUnionRule,
  partnerTypeRule,
  redefinedKindRule,
  rootOperationNamesRule,
  subscriptionRule,
  typeNamespaceRule,
  valueTypeRule,
} from '../../../../gateway/registry/policy/type-rules.ts';
import { sdl as hainanSdl } from '../../../../partners/hainan/server.ts';
import { LINK, typeRule } from './fixtures.ts';

describe('rootOperationNamesRule', () => {
  it('refuses root types under other names', () => {
    expect(typeRule(rootOperationNamesRule, `${LINK} schema { query: HainanRoot } type HainanRoot { hainanX: Int }`)).toEqual([
      'A partner subgraph must name its query type Query (not HainanRoot).',
    ]);
  });
  it('accepts the default names', () => {
    expect(typeRule(rootOperationNamesRule, `${LINK} schema { query: Query } type Query { hainanX: Int }`)).toEqual([]);
  });
});

describe('subscriptionRule', () => {
  it('refuses a Subscription type', () => {
    expect(typeRule(subscriptionRule, `${LINK} type Subscription { hainanEvents: Int }`)).toEqual([
      'Subscription: the hub gateway does not serve subscriptions; partners may not define them.',
    ]);
  });
  it('accepts queries and mutations', () => {
    expect(typeRule(subscriptionRule, `${LINK} type Query { hainanX: Int } type Mutation { hainanY: Int }`)).toEqual([]);
  });
});

describe('typeNamespaceRule', () => {
  it('refuses a new type outside the namespace', () => {
    expect(typeRule(typeNamespaceRule, `${LINK} type ServiceRecord { id: ID! }`)).toEqual(['Type ServiceRecord is outside the hainan namespace: name it HainanServiceRecord.']);
  });
  it('accepts a new type in the namespace, and leaves core types to the other rules', () => {
    expect(typeRule(typeNamespaceRule, `${LINK} type HainanServiceRecord { id: ID! } type Talent @key(fields: "id") { id: ID! }`)).toEqual([]);
  });
});

describe('partnerTypeRule', () => {
  const hainan = { name: 'hainan', doc: parse(hainanSdl) };
  it("refuses extending another partner's type", () => {
    expect(typeRule(partnerTypeRule, `${LINK} type HainanServiceRecord @key(fields: "id") { id: ID! sanyaNote: String }`, { name: 'sanya', partners: [hainan] })).toEqual([
      "HainanServiceRecord belongs to partner hainan; a partner may reuse or extend only the hub core's types.",
    ]);
  });
  it("accepts extending the core's types next to other partners", () => {
    expect(typeRule(partnerTypeRule, `${LINK} type Talent @key(fields: "id") { id: ID! sanyaNote: String }`, { name: 'sanya', partners: [hainan] })).toEqual([]);
  });
});

describe('redefinedKindRule', () => {
  it('refuses a core type written as another kind', () => {
    expect(typeRule(redefinedKindRule, `${LINK} scalar Sector`)).toEqual(['Sector is a enum of coordination, experts, projects; a partner may not redefine it (as a scalar).']);
  });
  it('accepts a core type reused as the same kind', () => {
    expect(typeRule(redefinedKindRule, `${LINK} enum Sector { AGRICULTURE } scalar DateTime`)).toEqual([]);
  });
});

describe('enumValuesRule', () => {
  it('refuses values added to a core enum', () => {
    expect(typeRule(enumValuesRule, `${LINK} enum Sector { AGRICULTURE FISHERY }`)).toEqual([
      'Enum Sector belongs to coordination, experts, projects: a partner may reuse it but not add values (FISHERY); define HainanSector instead.',
    ]);
  });
  it('accepts a core enum reused with its own values', () => {
    expect(typeRule(enumValuesRule, `${LINK} enum Sector { AGRICULTURE INDUSTRY }`)).toEqual([]);
  });
});

describe('inputOrUnionRule', () => {
  it('refuses redefining a core input', () => {
    expect(typeRule(inputOrUnionRule, `${LINK} input TalentFilter { homeRegion: ID }`)).toEqual([
      'TalentFilter belongs to experts; a partner may not redefine it: define your own HainanTalentFilter.',
    ]);
  });
  it('accepts an input of its own', () => {
    expect(typeRule(inputOrUnionRule, `${LINK} input HainanTalentFilter { homeRegion: ID }`)).toEqual([]);
  });
});

describe('valueTypeRule', () => {
  it('refuses extending a core type that is not an entity', () => {
    expect(typeRule(valueTypeRule, `${LINK} type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }`)).toEqual([
      'PageInfo belongs to coordination, experts, projects and is not an entity: partners may only extend entities (types with @key); define your own HainanPageInfo.',
    ]);
  });
  it('accepts extending a core entity', () => {
    expect(typeRule(valueTypeRule, `${LINK} type Talent @key(fields: "id") { id: ID! hainanX: Int }`)).toEqual([]);
  });
});

describe('entityDirectivesRule', () => {
  it('refuses directives other than @key on a core entity', () => {
    expect(typeRule(entityDirectivesRule, `${LINK} type Talent @key(fields: "id") @shareable { id: ID! hainanX: Int }`)).toEqual([
      '@shareable on Talent: on an entity of coordination, experts, projects a partner may only declare @key.',
    ]);
  });
  it('accepts @key and @tag', () => {
    expect(typeRule(entityDirectivesRule, `${LINK} type Talent @key(fields: "id") @tag(name: "partner") { id: ID! hainanX: Int }`)).toEqual([]);
  });
});

describe('entityKeysRule', () => {
  it('refuses a key the core entity does not have', () => {
    expect(typeRule(entityKeysRule, `${LINK} type Talent @key(fields: "name") { name: String! hainanX: Int }`)).toEqual([
      '@key(fields: "name") on Talent: declare a key Talent already has ("id").',
    ]);
  });
  it('accepts a key the core declares, however it is spaced', () => {
    expect(typeRule(entityKeysRule, `${LINK} type Talent @key(fields: "  id ") { id: ID! hainanX: Int }`)).toEqual([]);
  });
});
