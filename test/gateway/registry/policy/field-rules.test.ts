import { describe, expect, it } from 'vitest';
import { entityFieldNamespaceRule, ownedFieldRule, rootFieldCollisionRule, rootFieldNamespaceRule } from '../../../../gateway/registry/policy/field-rules.ts';
import { fieldRule, LINK } from './fixtures.ts';

describe('rootFieldCollisionRule', () => {
  it('refuses a root field someone else defines', () => {
    expect(fieldRule(rootFieldCollisionRule, `${LINK} type Query { talent(id: ID!): Talent hainanX: Int }`)).toEqual([
      'Query.talent collides with the root field of experts: root fields may not collide.',
    ]);
  });
  it("accepts new root fields and federation's own", () => {
    expect(fieldRule(rootFieldCollisionRule, `${LINK} type Query { hainanX: Int _service: Int }`)).toEqual([]);
  });
});

describe('rootFieldNamespaceRule', () => {
  it('refuses a new root field outside the namespace', () => {
    expect(fieldRule(rootFieldNamespaceRule, `${LINK} type Mutation { recordService: Int }`)).toEqual([
      'Mutation.recordService is outside the hainan namespace: name it hainanRecordService.',
    ]);
  });
  it('accepts a root field in the namespace (a colliding one is the collision rule’s)', () => {
    expect(fieldRule(rootFieldNamespaceRule, `${LINK} type Query { hainanX: Int talent(id: ID!): Talent }`)).toEqual([]);
  });
});

describe('ownedFieldRule', () => {
  it('refuses defining a field the core owns, or redefining it as @shareable or @inaccessible', () => {
    expect(
      fieldRule(ownedFieldRule, `${LINK} type Talent @key(fields: "id") { id: ID! @shareable name: String! degree: Degree! @external @inaccessible }`, {
        allowedFields: ['Talent.degree'],
      }),
    ).toEqual([
      'Talent.id is owned by coordination, experts, projects; a partner may not redefine it as @shareable.',
      'Talent.name is owned by experts; a partner may not define it (add a new field such as hainanName).',
      'Talent.degree is owned by experts; a partner may not hide it with @inaccessible.',
    ]);
  });
  it('accepts repeating key fields and declaring @external ones', () => {
    expect(fieldRule(ownedFieldRule, `${LINK} type Talent @key(fields: "id") { id: ID! name: String! @external hainanX: Int }`)).toEqual([]);
  });
});

describe('entityFieldNamespaceRule', () => {
  it('refuses a field added to a core entity outside the namespace', () => {
    expect(fieldRule(entityFieldNamespaceRule, `${LINK} type Talent @key(fields: "id") { id: ID! visaStatus: String }`)).toEqual([
      'Talent.visaStatus is outside the hainan namespace: name it hainanVisaStatus.',
    ]);
  });
  it('accepts a field in the namespace', () => {
    expect(fieldRule(entityFieldNamespaceRule, `${LINK} type Talent @key(fields: "id") { id: ID! hainanVisaStatus: String }`)).toEqual([]);
  });
});
