import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fromGateway, gatewaysFederationInternals } from '../../gateway/execute/flat-exports.ts';
import { apolloComputeResponse, compileResponseShaping } from '../../gateway/execute/shaping.ts';

/**
 * The compiled shaping (gateway/execute/shaping.ts) against @apollo/gateway's own computeResponse
 * on the same Operations and inputs: every answer byte for byte (JSON text, so key order counts),
 * the same errors, and each case served by the compiled plan or given up as expected. The inputs
 * include what a hostile partner subgraph could send (unknown, non-string and non-object
 * `__typename`s, nulls in non-null fields, wrong kinds, extra and missing keys, Object.prototype's
 * names). Through real requests, test/gateway/execute.test.ts counts the answers it served.
 */

const SDL = `
  scalar JSON
  enum Kind { A B }
  interface Node { id: ID! }
  type Product implements Node { id: ID! name: String price: Int weight: Float inStock: Boolean tags: [String!]! kind: Kind reviews: [Review] owner: User meta: JSON }
  type Review implements Node { id: ID! body: String! author: User product: Product }
  type User implements Node { id: ID! name: String! constructor: String }
  union Item = Product | Review
  type Query { items: [Item!]! nodes: [Node] product: Product! top(first: Int): [Product!] user: User constructor: String }
`;

const fi = gatewaysFederationInternals() as unknown as {
  buildSchema(sdl: string): unknown;
  operationFromDocument(schema: unknown, document: unknown, options: { validate: boolean }): unknown;
};
const counts = compileResponseShaping();
const schema = fi.buildSchema(SDL);
const apollo = apolloComputeResponse()!;
/** What @apollo/gateway's execution calls now. */
const ours = (fromGateway('@apollo/gateway/dist/resultShaping.js') as { computeResponse: typeof apollo }).computeResponse;

const operations = new Map<string, unknown>();
const operationOf = (query: string) => {
  let op = operations.get(query);
  if (!op) operations.set(query, (op = fi.operationFromDocument(schema, parse(query), { validate: true })));
  return op;
};

/** The answer as JSON text with its errors, or what it threw (computeResponse's assertions throw; executeQueryPlan reports them). */
function text(shape: () => { data: unknown; errors: unknown[] }): string {
  try {
    const r = shape();
    return JSON.stringify({ data: r.data, errors: (r.errors as { message: string; path?: unknown }[]).map((e) => ({ message: e.message, path: e.path })) });
  } catch (e) {
    return `threw ${(e as Error).message}`;
  }
}

/** Shapes `input` both ways and returns whether the compiled plan served it. */
function compare(query: string, input: unknown, variables: Record<string, unknown> = {}): boolean {
  const operation = operationOf(query);
  const args = { operation, variables, input: structuredClone(input), introspectionHandling: () => ({ introspected: true }) };
  const before = { ...counts };
  const got = text(() => ours(args as never));
  const served = counts.served - before.served === 1;
  expect(got).toBe(text(() => apollo({ ...args, input: structuredClone(input) } as never)));
  expect(JSON.stringify(args.input)).toBe(JSON.stringify(input));
  return served;
}

const PRODUCTS = `{ top { __typename id name price weight inStock tags kind meta reviews { id body author { name } } owner { id name } } }`;
const product = (i: number) => ({
  __typename: 'Product',
  id: String(i),
  extra: 'not asked for',
  name: `Product ${i}`,
  price: i * 10,
  weight: i + 0.5,
  inStock: i % 2 === 0,
  tags: ['t1', 't2'],
  kind: i % 2 ? 'A' : 'B',
  meta: { any: [1, 'x'] },
  reviews: [{ id: `r${i}`, body: 'good', author: { name: 'Synthetic Reviewer', id: 'u1' } }, null],
  owner: null,
});
const ITEMS = `{ items { __typename ... on Product { id name } ... on Review { id body product { id ... on Node { id } } } ... on Node { nid: id } } }`;
const items = () => [
  { __typename: 'Review', id: 'r1', nid: 'r1', body: 'fine', product: { id: 'p1' } },
  { __typename: 'Product', nid: 'p1', id: 'p1', name: 'Table' },
];

describe('compiled response shaping against computeResponse', () => {
  it('serves plain answers exactly as computeResponse shapes them (order, extra keys, nulls, leaves, custom scalars)', () => {
    expect(compare(PRODUCTS, { top: [product(1), product(2)] })).toBe(true);
    // Keys in another order than selected, missing nullable fields: shaped into the selection's order, nulls.
    const { name: _n, price: _p, ...partial } = product(3);
    expect(compare(PRODUCTS, { top: [{ ...partial, tags: [] }] })).toBe(true);
    expect(compare(PRODUCTS, { top: null })).toBe(true);
    expect(compare(PRODUCTS, { top: [] })).toBe(true);
  });

  it('applies fragments on unions and interfaces, aliases and repeated fields the way computeResponse does', () => {
    expect(compare(ITEMS, { items: items() })).toBe(true);
    expect(
      compare('{ nodes { id ... on User { name } ... on Product { name owner { name } } } }', {
        nodes: [{ __typename: 'User', id: 'u', name: 'N' }, null, { __typename: 'Product', id: 'p', name: 'P', owner: { name: 'O' } }],
      }),
    ).toBe(true);
    expect(compare('{ product { id a: name b: name id owner { id } owner { name } } }', { product: { id: '1', a: 'x', b: 'y', owner: { id: 'u', name: 'n' } } })).toBe(true);
    expect(compare('{ __typename product { id } }', { product: { id: '1' } })).toBe(true);
    expect(compare('{ product { t: __typename __typename id } }', { product: { t: 'Product', id: '1' } })).toBe(true);
    // __typename absent: the static type's name, fragments on the static type.
    expect(compare('{ product { __typename ... on Product { id } ... on Node { id } } }', { product: { id: '1' } })).toBe(true);
  });

  it('gives up, and computeResponse answers, wherever it would report or bubble something', () => {
    const cases: [string, unknown, Record<string, unknown>?][] = [
      ['{ product { id name } }', { product: null }],
      ['{ product { id name } }', { product: { id: null } }],
      [PRODUCTS, { top: [{ ...product(1), tags: ['a', null] }] }],
      [PRODUCTS, { top: [{ ...product(1), price: 'ten' }] }],
      [PRODUCTS, { top: [{ ...product(1), price: 1.5 }] }],
      [PRODUCTS, { top: [{ ...product(1), kind: 'C' }] }],
      [PRODUCTS, { top: [{ ...product(1), inStock: 'yes' }] }],
      [PRODUCTS, { top: [{ ...product(1), tags: 'a' }] }],
      [PRODUCTS, { top: [{ ...product(1), __typename: 'Nope' }] }],
      [PRODUCTS, { top: [{ ...product(1), __typename: 7 }] }],
      [PRODUCTS, { top: [{ ...product(1), __typename: 'Kind' }] }],
      [PRODUCTS, { top: [{ ...product(1), owner: 'u1' }] }],
      [PRODUCTS, { top: [{ ...product(1), owner: ['u1'] }] }],
      [ITEMS, { items: [{ __typename: 'Node', id: 'x' }] }],
      [ITEMS, { items: [null] }],
      ['query Q($with: Boolean!) { product { id name @include(if: $with) } }', { product: { id: '1', name: 'n' } }, { with: false }],
      ['{ product { id name @skip(if: true) } }', { product: { id: '1', name: 'n' } }],
      ['{ __schema { queryType { name } } product { id } }', { product: { id: '1' } }],
    ];
    for (const [query, input, variables] of cases) expect(compare(query, input, variables), `${query} ${JSON.stringify(input)}`).toBe(false);
  });

  it("reads Object.prototype's names only as the input's own (constructor, __proto__)", () => {
    expect(compare('{ constructor user { constructor name } }', { user: { name: 'n' } })).toBe(true);
    expect(compare('{ constructor user { constructor name } }', JSON.parse('{"constructor":"c","user":{"constructor":"k","name":"n"}}'))).toBe(true);
  });

  it('matches computeResponse on thousands of mutated answers (a fixed seed)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const junk = [null, undefined, 0, 1.5, 'x', 'A', true, [], {}, 'Product', 'Review', 'User', 'Node', 'Item', 'Query', 'Kind'];
    const mutate = (value: unknown, depth: number): unknown => {
      if (random() < 0.04) return junk[Math.floor(random() * junk.length)];
      if (Array.isArray(value)) return value.map((v) => mutate(v, depth + 1));
      if (value && typeof value === 'object') {
        const entries = Object.entries(value).filter(() => random() > 0.03);
        if (random() < 0.1) entries.reverse();
        return Object.fromEntries(entries.map(([k, v]) => [k, mutate(v, depth + 1)]));
      }
      return value;
    };
    const served: Record<string, number> = { [PRODUCTS]: 0, [ITEMS]: 0 };
    const gaveUp: Record<string, number> = { [PRODUCTS]: 0, [ITEMS]: 0 };
    for (let i = 0; i < 3000; i++) {
      const [query, input] = i % 2 ? [PRODUCTS, { top: [product(i), product(i + 1)] }] : [ITEMS, { items: items() }];
      const mutated = JSON.parse(JSON.stringify(mutate(input, 0)) ?? 'null');
      if (!mutated || typeof mutated !== 'object') continue;
      const tally = compare(query, mutated) ? served : gaveUp;
      tally[query] = (tally[query] ?? 0) + 1;
    }
    // Both kinds occur for both operations, so the comparison covered both ways.
    for (const count of [...Object.values(served), ...Object.values(gaveUp)]) expect(count).toBeGreaterThan(150);
  });
});
