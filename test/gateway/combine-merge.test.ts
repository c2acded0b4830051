import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { combinable, mergeFetches } from '../../gateway/combine/merge-document.ts';
import { splitAnswer } from '../../gateway/combine/split.ts';

const ENTITY_NAME = 'query Q__products__1($representations:[_Any!]!){_entities(representations:$representations){...on Product{name price}}}';
const ENTITY_STOCK = 'query Q__products__2($representations:[_Any!]!){_entities(representations:$representations){...on Product{inStock}}}';
const rep = (upc: string) => ({ __typename: 'Product', upc });

describe('merging fetches to one subgraph', () => {
  it('pools the representations of entity fetches with the same selection, each sent once, and aliases different selections apart', () => {
    const merged = mergeFetches([
      { query: ENTITY_NAME, variables: { representations: [rep('1'), rep('2')] }, operationName: 'Q__products__1' },
      { query: ENTITY_STOCK, variables: { representations: [rep('2')] } },
      { query: ENTITY_NAME, variables: { representations: [rep('2'), rep('3')] } },
    ]);
    expect(merged.body.variables).toEqual({ _c0_representations: [rep('1'), rep('2'), rep('3')], _c1_representations: [rep('2')] });
    expect(print(parse(merged.body.query))).toBe(
      print(
        parse(`query Q__products__1__combined($_c0_representations: [_Any!]!, $_c1_representations: [_Any!]!) {
          _c0__entities: _entities(representations: $_c0_representations) { ... on Product { name price } }
          _c1__entities: _entities(representations: $_c1_representations) { ... on Product { inStock } }
        }`),
      ),
    );
    expect(merged.units.map((u) => ({ fetches: u.fetches, indexes: u.entityIndexes }))).toEqual([
      {
        fetches: [0, 2],
        indexes: [
          [0, 1],
          [1, 2],
        ],
      },
      { fetches: [1], indexes: [[0]] },
    ]);
  });

  it('pools representations as equal only when their JSON texts are: value types, field order, tag-like strings and nested values told apart', () => {
    const reps: unknown[] = [
      { __typename: 'Product', upc: '1' },
      { __typename: 'Product', upc: 1 },
      { __typename: 'Product', upc: true },
      { __typename: 'Product', upc: 'true' },
      { __typename: 'Product', upc: null },
      { __typename: 'Product', upc: '\u0000null' },
      { __typename: 'Product', upc: '\u0000number:1' },
      { upc: '1', __typename: 'Product' },
      { __typename: 'Product', upc: '1', price: 5 },
      { __typename: 'Product', upc: '1', dims: { w: 1 } },
      { __typename: 'Product', upc: '1', dims: { w: '1' } },
      { __typename: 'Product', upc: '1', dims: [1] },
      {},
    ];
    const again = reps.map((r) => JSON.parse(JSON.stringify(r)) as unknown);
    const merged = mergeFetches([
      { query: ENTITY_NAME, variables: { representations: [...reps, ...again.reverse()] } },
      { query: ENTITY_STOCK, variables: { representations: [] } },
    ]);
    expect(merged.body.variables?._c0_representations).toEqual(reps);
    expect(merged.units[0]?.entityIndexes).toEqual([[...reps.keys(), ...[...reps.keys()].reverse()]]);
  });

  it('sends a representation repeated within one fetch once (the subgraph resolves and answers it once) and gives it back at each place', () => {
    const merged = mergeFetches([
      { query: ENTITY_NAME, variables: { representations: [rep('2'), rep('1'), rep('2'), rep('2')] } },
      { query: ENTITY_STOCK, variables: { representations: [rep('1')] } },
    ]);
    expect(merged.body.variables).toEqual({ _c0_representations: [rep('2'), rep('1')], _c1_representations: [rep('1')] });
    const answers = splitAnswer(merged.units, 2, {
      data: { _c0__entities: [{ name: 'b' }, { name: 'a' }], _c1__entities: [{ inStock: true }] },
      errors: [{ message: 'no price', path: ['_c0__entities', 0, 'price'] }],
    });
    expect(answers?.[0]?.data).toEqual({ _entities: [{ name: 'b' }, { name: 'a' }, { name: 'b' }, { name: 'b' }] });
    // The error of the representation sent once belongs to each place it stood.
    expect(answers?.[0]?.errors?.map((e) => e.path)).toEqual([
      ['_entities', 0, 'price'],
      ['_entities', 2, 'price'],
      ['_entities', 3, 'price'],
    ]);
  });

  it('renames variables and clashing fragments per fetch, and keeps a fragment both fetches define alike once', () => {
    const a = 'query A($first: Int) { top(first: $first) { ...P ...S } } fragment P on Product { upc } fragment S on Product { name }';
    const b = 'query B($first: Int) { top(first: $first) { ...P ...S } } fragment P on Product { upc } fragment S on Product { price }';
    const merged = mergeFetches([
      { query: a, variables: { first: 2 } },
      { query: b, variables: { first: 3 } },
    ]);
    expect(merged.body.variables).toEqual({ _c0_first: 2, _c1_first: 3 });
    expect(print(parse(merged.body.query))).toBe(
      print(
        parse(`query A__combined($_c0_first: Int, $_c1_first: Int) {
          _c0_top: top(first: $_c0_first) { ...P ...S }
          _c1_top: top(first: $_c1_first) { ...P ...S_c1_ }
        }
        fragment P on Product { upc }
        fragment S on Product { name }
        fragment S_c1_ on Product { price }`),
      ),
    );
  });

  it('leaves out mutations and operations whose root selections are not plain fields', () => {
    expect(combinable({ query: 'mutation M { bump }' })).toBe(false);
    expect(combinable({ query: '{ ...F } fragment F on Query { top { upc } }' })).toBe(false);
    expect(combinable({ query: '{ a b }' })).toBe(true);
  });
});

describe('splitting a combined answer', () => {
  const batch = () =>
    mergeFetches([
      { query: ENTITY_NAME, variables: { representations: [rep('1'), rep('2')] } },
      { query: ENTITY_STOCK, variables: { representations: [rep('2')] } },
      { query: ENTITY_NAME, variables: { representations: [rep('2'), rep('3')] } },
    ]);

  it('gives each fetch its own entities in its own order, and each error at the index that fetch sent it', () => {
    const { units } = batch();
    const answers = splitAnswer(units, 3, {
      data: {
        _c0__entities: [{ name: 'a', price: 1 }, null, { name: 'c', price: 3 }],
        _c1__entities: [{ inStock: true }],
      },
      errors: [{ message: 'boom', path: ['_c0__entities', 1, 'name'], locations: [{ line: 1, column: 9 }], extensions: { code: 'X' } }],
    });
    expect(answers).toEqual([
      { data: { _entities: [{ name: 'a', price: 1 }, null] }, errors: [{ message: 'boom', path: ['_entities', 1, 'name'], extensions: { code: 'X' } }] },
      { data: { _entities: [{ inStock: true }] } },
      { data: { _entities: [null, { name: 'c', price: 3 }] }, errors: [{ message: 'boom', path: ['_entities', 0, 'name'], extensions: { code: 'X' } }] },
    ]);
  });

  it('gives the second fetch of a shared entity its own copy (the gateway changes the objects it merges)', () => {
    const { units } = batch();
    const answers = splitAnswer(units, 3, { data: { _c0__entities: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], _c1__entities: [{ inStock: true }] } })!;
    const first = (answers[0]!.data._entities as object[])[1];
    const second = (answers[2]!.data._entities as object[])[0];
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it('refuses to split an answer without data or with an error it cannot place (the fetches are then sent one by one)', () => {
    const { units } = batch();
    expect(splitAnswer(units, 3, { data: null, errors: [{ message: 'x', path: ['_c0__entities'] }] })).toBeUndefined();
    expect(splitAnswer(units, 3, { data: { _c0__entities: [], _c1__entities: [] }, errors: [{ message: 'no path' }] })).toBeUndefined();
    expect(splitAnswer(units, 3, { errors: [{ message: 'bad request' }] })).toBeUndefined();
  });
});
