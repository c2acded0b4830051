import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { federation2Rule, namespaceOverlapRule, namespaceTakenRule } from '../../../../gateway/registry/policy/graph-rules.ts';
import { contextFor, LINK } from './fixtures.ts';

const sanya = { name: 'sanya', doc: parse(`${LINK} type Query { sanyaVisitors: Int }`) };

describe('federation2Rule', () => {
  it('refuses SDL without a federation v2 @link', () => {
    expect(federation2Rule(contextFor('type Query { hainanX: Int }'))).toEqual([
      'Partner subgraphs must be Federation 2 subgraphs: start the SDL with `extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])`.',
    ]);
  });
  it('accepts a federation v2.x @link, also renamed with as:', () => {
    expect(federation2Rule(contextFor(`${LINK} type Query { hainanX: Int }`))).toEqual([]);
    expect(federation2Rule(contextFor('extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", as: "fed") type Query { hainanX: Int }'))).toEqual([]);
  });
});

describe('namespaceOverlapRule', () => {
  it('refuses a name that starts, or is the start of, another partner name', () => {
    expect(namespaceOverlapRule(contextFor(`${LINK} type Query { sanyabayX: Int }`, { name: 'sanyabay', partners: [sanya] }))).toEqual([
      'The name "sanyabay" overlaps the namespace of partner "sanya": choose a name that neither starts nor is the start of another partner\'s name.',
    ]);
    expect(namespaceOverlapRule(contextFor(`${LINK} type Query { sanX: Int }`, { name: 'san', partners: [sanya] }))).toHaveLength(1);
  });
  it('accepts a name apart from every other partner', () => {
    expect(namespaceOverlapRule(contextFor(`${LINK} type Query { haikouX: Int }`, { name: 'haikou', partners: [sanya] }))).toEqual([]);
  });
});

describe('namespaceTakenRule', () => {
  it('refuses a namespace in which the graph already has types or fields', () => {
    expect(namespaceTakenRule(contextFor(`${LINK} type Query { awardX: Int }`, { name: 'award' }))).toEqual(
      expect.arrayContaining(['The award namespace is taken: type Award is defined by experts, projects.']),
    );
    // A field of a root type counts, as a field of an entity does.
    expect(namespaceTakenRule(contextFor(`${LINK} type Query { sanyaY: Int }`, { name: 'sanya', partners: [{ ...sanya, name: 'other' }] }))).toEqual([
      'The sanya namespace is taken: field Query.sanyaVisitors is defined by other.',
    ]);
  });
  it('accepts a namespace nobody uses', () => {
    expect(namespaceTakenRule(contextFor(`${LINK} type Query { hainanX: Int }`))).toEqual([]);
  });
});
