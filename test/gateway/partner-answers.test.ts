import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mayHoldTalents, talentIdsIn, withholdTalents, withTalentKeys } from '../../gateway/owner-check.ts';
import { fetchShape, parsedFetch, trimAnswer } from '../../gateway/trim.ts';

/**
 * How the gateway reads a partner's answer (gateway/trim.ts, gateway/owner-check.ts), case by
 * case; test/e2e/hostile-partners.test.ts runs the same attacks through real processes.
 */

const schema = buildSchema(`
  type Query { talent(id: ID!): Talent  evilTalents: [Talent]  evilTalent: Talent  evilCases: [EvilCase!]!  evilThing: EvilThing  evilPing: String }
  interface EvilThing { title: String! }
  type EvilCase implements EvilThing { title: String!  talent: Talent! }
  type EvilNote implements EvilThing { title: String!  text: String }
  type Talent { id: ID!  name: String!  contact: Contact  evilNote: String  evilCases: [EvilCase!]! }
  type Contact { phone: String }
`);

const shapeOf = (query: string, variables: Record<string, unknown> = {}) => fetchShape(parsedFetch(query), schema, variables.representations);

describe('trimming a partner answer to its fetch', () => {
  it('keeps what was asked (aliases, fragments, type conditions) and drops the rest, reporting paths only', () => {
    const query = `query { list: evilTalents { id ...Note } evilThing { __typename title ... on EvilNote { text } ... on EvilCase { talent { id } } } }
      fragment Note on Talent { evilNote }`;
    const data = {
      list: [{ id: 'T1', evilNote: 'n', contact: { phone: 'forged' } }],
      evilThing: { __typename: 'EvilNote', title: 't', text: 'x', talent: { id: 'T9' } },
      verifyAuditChain: { intact: false },
    };
    const dropped = trimAnswer(shapeOf(query), data);
    expect(data).toEqual({ list: [{ id: 'T1', evilNote: 'n' }], evilThing: { __typename: 'EvilNote', title: 't', text: 'x' } });
    expect(dropped.sort()).toEqual(['evilThing.talent', 'list.0.contact', 'verifyAuditChain']);
    expect(JSON.stringify(dropped)).not.toContain('forged');
  });

  it('types _entities by the representations sent: no forged type, no swapped key', () => {
    const query = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Talent { id evilNote } ... on EvilCase { title } } }';
    const representations = [
      { __typename: 'Talent', id: 'T1' },
      { __typename: 'Talent', id: 'T2' },
    ];
    const data = {
      _entities: [
        { __typename: 'EvilCase', id: 'T1', evilNote: 'a', title: 'x', contact: { phone: 'forged' } },
        { id: 'T-hidden', evilNote: 'b' },
      ],
    };
    const dropped = trimAnswer(shapeOf(query, { representations }), data);
    expect(data._entities).toEqual([
      { id: 'T1', evilNote: 'a' },
      { id: 'T2', evilNote: 'b' },
    ]);
    expect(dropped.sort()).toEqual(['_entities.0.__typename', '_entities.0.contact', '_entities.0.title', '_entities.1.id']);
  });

  it('trims the same fetch again (its fields kept per document) by each answer, made-up types included', () => {
    const query = '{ evilThing { __typename title ... on EvilNote { text } ... on EvilCase { talent { id } } } }';
    const answers = [
      { evilThing: { __typename: 'EvilNote', title: 't', text: 'x', talent: { id: 'T9' } } },
      { evilThing: { __typename: 'EvilCase', title: 't', text: 'x', talent: { id: 'T9', name: 'n' } } },
      { evilThing: { __typename: 'Forged', title: 't', text: 'x', talent: { id: 'T9', name: 'n' } } },
      { evilThing: { __typename: 'EvilNote', title: 't', text: 'x', talent: { id: 'T9' } } },
    ];
    const dropped = answers.map((data) => trimAnswer(shapeOf(query), data).sort());
    expect(answers.map((a) => a.evilThing)).toEqual([
      { __typename: 'EvilNote', title: 't', text: 'x' },
      { __typename: 'EvilCase', title: 't', talent: { id: 'T9' } },
      // A type the schema does not know: its fields are what the fetch asked for it (every condition kept).
      { __typename: 'Forged', title: 't', text: 'x', talent: { id: 'T9' } },
      { __typename: 'EvilNote', title: 't', text: 'x' },
    ]);
    expect(dropped).toEqual([['evilThing.talent'], ['evilThing.talent.name', 'evilThing.text'], ['evilThing.talent.name'], ['evilThing.talent']]);
  });
});

describe('checking a partner answer talents with their owner', () => {
  it('adds the talent key to every talent selection that lacks it, once per query text', () => {
    const query = '{ evilTalents { evilNote } evilCases { title talent { name } } evilThing { ... on EvilCase { talent { id } } } }';
    const sent = withTalentKeys(query, parsedFetch(query), shapeOf(query));
    expect(sent).not.toBe(query);
    const talents = talentIdsIn(shapeOf(sent), {
      evilTalents: [{ evilNote: 'x', id: 'T1' }],
      evilCases: [{ title: 'c', talent: { name: 'n', id: 'T2' } }],
      evilThing: { __typename: 'EvilCase', talent: { id: 'T3' } },
    });
    expect(talents.sort()).toEqual(['T1', 'T2', 'T3']);
    expect(withTalentKeys(query, parsedFetch(query), shapeOf(query))).toBe(sent);
    const plain = '{ evilTalents { id } evilPing }';
    expect(withTalentKeys(plain, parsedFetch(plain), shapeOf(plain))).toBe(plain);
    // The entities of an _entities fetch are the gateway's own question: sent as planned.
    const entities = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Talent { evilNote } } }';
    expect(withTalentKeys(entities, parsedFetch(entities), shapeOf(entities))).toBe(entities);
    const nested = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Talent { evilCases { talent { name } } } } }';
    expect(withTalentKeys(nested, parsedFetch(nested), shapeOf(nested))).toMatch(/talent \{\s*name\s+id\s*\}/);
    expect(parse(sent).definitions).toHaveLength(1);
  });

  it('withholds unconfirmed talents: out of lists, null in a field, parents of non-null fields too; errors follow', () => {
    const query = '{ evilTalents { id name } evilTalent { id } evilCases { title talent { id } } }';
    const response = {
      data: {
        evilTalents: [{ id: 'H1', name: 'x' }, { id: 'V1', name: 'y' }, null, { id: 'H2', name: 'z' }, { id: 'V2', name: 'w' }] as unknown[],
        evilTalent: { id: 'H1' },
        evilCases: [
          { title: 'a', talent: { id: 'H1' } },
          { title: 'b', talent: { id: 'V1' } },
          { title: 'c', talent: {} },
        ],
      } as Record<string, unknown>,
      errors: [
        { message: 'under a withheld talent', path: ['evilTalents', 0, 'name'] },
        { message: 'after it', path: ['evilTalents', 4, 'name'] },
        { message: 'on the single field', path: ['evilTalent', 'id'] },
        { message: 'no path' },
      ],
    };
    const shape = shapeOf(query);
    expect(talentIdsIn(shape, response.data).sort()).toEqual(['H1', 'H2', 'V1', 'V2']);
    const withheld = withholdTalents(shape, response, new Set(['V1', 'V2']));
    // H1 and H2 in the list, H1 in the field, H1 and the talent without an id in cases.
    expect(withheld).toBe(5);
    expect(response.data).toEqual({
      evilTalents: [{ id: 'V1', name: 'y' }, null, { id: 'V2', name: 'w' }],
      evilTalent: null,
      evilCases: [{ title: 'b', talent: { id: 'V1' } }],
    });
    expect(response.errors).toEqual([{ message: 'after it', path: ['evilTalents', 2, 'name'] }, { message: 'no path' }]);
  });

  it('keeps the entities of an _entities answer in step with the representations', () => {
    const query = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Talent { evilCases { title talent { id } } } } }';
    const representations = [{ __typename: 'Talent', id: 'V1' }];
    const response = {
      data: {
        _entities: [
          {
            evilCases: [
              { title: 'a', talent: { id: 'H1' } },
              { title: 'b', talent: { id: 'V1' } },
            ],
          },
        ],
      } as Record<string, unknown>,
    };
    const shape = shapeOf(query, { representations });
    // The entity itself is the gateway's own question, not a talent the partner named.
    expect(talentIdsIn(shape, response.data)).toEqual(['H1', 'V1']);
    expect(withholdTalents(shape, response, new Set(['V1']))).toBe(1);
    expect(response.data).toEqual({ _entities: [{ evilCases: [{ title: 'b', talent: { id: 'V1' } }] }] });
  });
});

describe('which partner answers can hold talents (the owner check is skipped for the others)', () => {
  it('says yes wherever a talent can appear, through fields, interfaces, fragments and entities, and no only where none can', () => {
    const may = (query: string) => mayHoldTalents(shapeOf(query));
    expect(may('{ evilPing }')).toBe(false);
    // The answer is trimmed to the fetch first: an EvilCase's talent was not asked for here, so none can remain.
    expect(may('{ evilThing { title ... on EvilNote { text } } }')).toBe(false);
    expect(may('{ evilThing { ... on EvilCase { talent { evilNote } } } }')).toBe(true);
    expect(may('{ evilCases { title } }')).toBe(false);
    expect(may('{ evilCases { talent { name } } }')).toBe(true);
    expect(may('{ evilCases { ...C } } fragment C on EvilCase { talent { evilNote } }')).toBe(true);
    expect(may('{ talent(id: "T1") { name } }')).toBe(true);
    const entities = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Talent { evilNote } } }';
    expect(may(entities)).toBe(false); // the entities asked about are the gateway's own question
    expect(may('query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Talent { evilCases { talent { id } } } } }')).toBe(true);
    expect(may('{ unknownField { id } }')).toBe(true); // a type the schema does not know cannot be ruled out
  });

  it('trims a long list the same with its fields collected once per selection', () => {
    const query = '{ evilCases { title talent { id name } } }';
    const data = { evilCases: Array.from({ length: 50 }, (_, i) => ({ title: `c${i}`, extra: 1, talent: { id: `T${i}`, name: 'n', contact: { phone: 'p' } } })) };
    const dropped = trimAnswer(shapeOf(query), data);
    expect(dropped).toHaveLength(100);
    expect(data.evilCases[49]).toEqual({ title: 'c49', talent: { id: 'T49', name: 'n' } });
  });
});
