import { readdirSync, readFileSync } from 'node:fs';
import { type DocumentNode, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { actualCost, estimateCost } from '../../gateway/cost/measure.ts';
import { CostModel } from '../../gateway/cost/model.ts';
import { costLimitFor, DEFAULT_COST_SETTINGS } from '../../gateway/cost/settings.ts';

/**
 * The estimator on a small schema written the way composition writes a supergraph: `@cost` plain,
 * `@listSize` imported from the cost spec. Every expected number is worked out by hand from the
 * directives below (IBM GraphQL Cost Directive specification, Apollo Router's defaults).
 */
const SDL = `
schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"]) { query: Query mutation: Mutation }
directive @link(url: String, as: String, for: String, import: [String]) repeatable on SCHEMA
directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION

type Query {
  books(first: Int, last: Int): BookConnection! @listSize(slicingArguments: ["first", "last"], sizedFields: ["edges"], requireOneSlicingArgument: false, assumedSize: 50)
  shelves: [Shelf!]! @listSize(assumedSize: 4)
  authors: [Author!]!
  report(deep: Boolean @cost(weight: 7)): Report @cost(weight: 30)
  search(text: String!): [Item!]! @listSize(assumedSize: 3)
}
type Mutation { addBook(title: String!): Book }
type BookConnection { edges: [BookEdge!]! total: Int! }
type BookEdge { node: Book! }
type Book { id: ID! title: String! author: Author! tags: [String!]! rating: Rating! }
type Author { id: ID! name: String! }
type Shelf { books(first: Int = 8): BookConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false) }
type Report @cost(weight: 5) { lines: [String!]! }
scalar Rating @cost(weight: 2)
union Item = Book | Author
`;

const model = new CostModel(SDL, 10);
const estimate = (query: string, variables?: Record<string, unknown>, operationName?: string) => {
  const plan = model.plan(parse(query), operationName);
  if (!plan) throw new Error('no plan');
  return estimateCost(plan, variables);
};

describe('estimated cost', () => {
  it('sizes a connection by its slicing argument: the connection 1, each edge 1 + its node', () => {
    // books 1 + 5 x (edge 1 + book 1 + author 1 + title/tags 0 + rating 2 (scalar @cost))
    expect(estimate('{ books(first: 5) { total edges { node { title tags author { name } rating } } } }')).toBe(1 + 5 * (1 + 1 + 1 + 2));
  });

  it('reads slicing arguments from variables and their operation defaults, else the assumed size', () => {
    const query = 'query Q($n: Int, $m: Int = 6) { a: books(first: $n) { edges { node { id } } } b: books(last: $m) { edges { node { id } } } }';
    expect(estimate(query, { n: 3 })).toBe(1 + 3 * 2 + (1 + 6 * 2));
    expect(estimate(query, { n: 3, m: 2 })).toBe(1 + 3 * 2 + (1 + 2 * 2));
    // n not given and no default: assumedSize 50.
    expect(estimate(query, {})).toBe(1 + 50 * 2 + (1 + 6 * 2));
    // Two slicing arguments given: the larger counts.
    expect(estimate('{ books(first: 2, last: 9) { edges { node { id } } } }')).toBe(1 + 9 * 2);
  });

  it('uses a slicing argument default of the schema, an assumed size, or the default list size', () => {
    // shelves: 4 x (shelf 1 + books 1 + 8 (default of first) x (edge 1 + book 1))
    expect(estimate('{ shelves { books { edges { node { id } } } } }')).toBe(4 * (1 + 1 + 8 * 2));
    // A variable left out: the argument gets its schema default (8), as the resolver would.
    expect(estimate('query Q($n: Int) { shelves { books(first: $n) { edges { node { id } } } } }', {})).toBe(4 * (1 + 1 + 8 * 2));
    expect(estimate('query Q($n: Int) { shelves { books(first: $n) { edges { node { id } } } } }', { n: 2 })).toBe(4 * (1 + 1 + 2 * 2));
    // authors has no @listSize: the default list size (10).
    expect(estimate('{ authors { id name } }')).toBe(10);
    expect(new CostModel(SDL, 25).plan(parse('{ authors { id } }')) && estimateCost(new CostModel(SDL, 25).plan(parse('{ authors { id } }'))!)).toBe(25);
  });

  it('adds @cost of fields, types and arguments given', () => {
    // report: the field's own @cost (30) replaces the type's (5); lines are strings (0).
    expect(estimate('{ report { lines } }')).toBe(30);
    expect(estimate('{ report(deep: true) { lines } }')).toBe(30 + 7);
  });

  it('spreads named and inline fragments in place', () => {
    const query = `
      query { books(first: 2) { ...Edges } search(text: "x") { ... on Book { id author { id } } ... on Author { name } } }
      fragment Edges on BookConnection { edges { node { ...B } } }
      fragment B on Book { author { id } }`;
    // books 1 + 2 x (1 + 1 + 1); search: 3 x (item 1 + author 1) (every fragment counts)
    expect(estimate(query)).toBe(1 + 2 * 3 + 3 * (1 + 1));
  });

  it('leaves out what @skip and @include leave out, from literals and variables', () => {
    const query = 'query Q($s: Boolean!, $i: Boolean!) { authors @skip(if: $s) { id } report @include(if: $i) { lines } shelves @skip(if: true) { __typename } }';
    expect(estimate(query, { s: false, i: true })).toBe(10 + 30);
    expect(estimate(query, { s: true, i: true })).toBe(30);
    expect(estimate(query, { s: true, i: false })).toBe(0);
    const fragment = 'query Q($i: Boolean!) { ... on Query @include(if: $i) { report { lines } } }';
    expect(estimate(fragment, { i: false })).toBe(0);
    expect(estimate(fragment, { i: true })).toBe(30);
  });

  it('estimates a plan anew for each request when its variables can change the estimate, and the same when they cannot', () => {
    const sized = model.plan(parse('query Q($n: Int, $s: Boolean!) { books(first: $n) { edges { node { id } } } authors @skip(if: $s) { id } }'))!;
    expect(estimateCost(sized, { n: 2, s: false })).toBe(1 + 2 * 2 + 10);
    expect(estimateCost(sized, { n: 5, s: false })).toBe(1 + 5 * 2 + 10);
    expect(estimateCost(sized, { n: 5, s: true })).toBe(1 + 5 * 2);
    const fixed = model.plan(parse('query Q($t: String!) { books(first: 3) { edges { node { id } } } search(text: $t) { ... on Book { id } } }'))!;
    expect(estimateCost(fixed, { t: 'x' })).toBe(1 + 3 * 2 + 3);
    expect(estimateCost(fixed, { t: 'y', first: 100 })).toBe(1 + 3 * 2 + 3);
  });

  it('counts a negative weight or size as 0, so no field can make the others cheaper', () => {
    const sdl = SDL.replace('report(deep: Boolean @cost(weight: 7)): Report @cost(weight: 30)', 'report(deep: Boolean): Report @cost(weight: -1000)');
    const plan = new CostModel(sdl, 10).plan(parse('{ report { lines } authors { id } }'))!;
    expect(estimateCost(plan)).toBe(0 + 10);
    expect(estimate('{ books(first: -5) { edges { node { id } } } authors { id } }')).toBe(1 + 10);
  });

  it('gives a mutation a base cost of 10, and introspection nothing', () => {
    expect(estimate('mutation { addBook(title: "t") { id author { id } } }')).toBe(10 + 1 + 1);
    expect(estimate('{ __typename __schema { types { name } } }')).toBe(0);
  });

  it('compiles a document once and picks the named operation', () => {
    const document = parse('query A { authors { id } } query B { report { lines } }');
    expect(model.plan(document, 'A')).toBe(model.plan(document, 'A'));
    expect(estimateCost(model.plan(document, 'B')!)).toBe(30);
    expect(model.plan(document)).toBeNull();
    expect(model.plan(document, 'C')).toBeNull();
  });
});

describe('actual cost', () => {
  it('counts the objects and list items the response holds, at most the estimate', () => {
    const query = '{ books(first: 5) { edges { node { author { id } rating } } } report { lines } }';
    const plan = model.plan(parse(query))!;
    const data = {
      books: { edges: [{ node: { author: { id: 'a' }, rating: 4 } }, { node: { author: null, rating: 3 } }] },
      report: null,
    };
    // books 1 + edge 1 + book 1 + author 1 + rating 2, then edge 1 + book 1 + rating 2; report null: 0
    expect(actualCost(plan, data)).toBe(1 + (1 + 1 + 1 + 2) + (1 + 1 + 2));
    expect(actualCost(plan, data)).toBeLessThanOrEqual(estimateCost(plan));
    expect(actualCost(plan, null)).toBe(0);
  });

  it('follows aliases and leaves out skipped fields', () => {
    const plan = model.plan(parse('query Q($s: Boolean!) { mine: authors { id } report @skip(if: $s) { lines } }'))!;
    expect(actualCost(plan, { mine: [{ id: '1' }, { id: '2' }, { id: '3' }] }, { s: true })).toBe(3);
    expect(actualCost(plan, { mine: [], report: { lines: ['x'] } }, { s: false })).toBe(30);
  });
});

describe('HUB_COST_LIMITS and HUB_COST_LIST_SIZE', () => {
  const load = (env: Record<string, string>) => loadGatewayConfig({ NODE_ENV: 'development', ...env }).cost;

  it('gives every client the default unless named, and 10 items to an unsized list', () => {
    expect(load({})).toEqual({ limits: { default: 50_000, clients: {} }, defaultListSize: 10 });
    const cost = load({ HUB_COST_LIMITS: '{"default": 800, "analytics-system": 40000}', HUB_COST_LIST_SIZE: '25' });
    expect(cost.defaultListSize).toBe(25);
    expect(costLimitFor(cost.limits, 'analytics-system')).toBe(40_000);
    expect(costLimitFor(cost.limits, 'sichuan-talent-system')).toBe(800);
    expect(costLimitFor(load({ HUB_COST_LIMITS: '{"analytics-system": 40000}' }).limits, 'other')).toBe(50_000);
  });

  it('refuses what is not a JSON object of positive whole numbers, saying what to write', () => {
    expect(() => load({ HUB_COST_LIMITS: 'default=800' })).toThrow(/HUB_COST_LIMITS.*must be JSON such as/s);
    expect(() => load({ HUB_COST_LIMITS: '{"default": -1, "x": 2.5}' })).toThrow(/HUB_COST_LIMITS.*"default" must be 1 or more.*"x"/s);
    expect(() => load({ HUB_COST_LIST_SIZE: '0' })).toThrow(/HUB_COST_LIST_SIZE/);
  });
});

describe('the hub schema', () => {
  it('prices every registered operation (schema/operations) under the default limit, and nested pages over it', () => {
    const hub = new CostModel(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'), DEFAULT_COST_SETTINGS.defaultListSize);
    const dir = new URL('../../schema/operations/', import.meta.url);
    const costs: Record<string, number> = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
      const document: DocumentNode = parse(readFileSync(new URL(file, dir), 'utf8'));
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
        costs[definition.name.value] = estimateCost(hub.plan(document, definition.name.value)!);
      }
    }
    expect(Object.keys(costs).length).toBeGreaterThan(10);
    for (const [name, cost] of Object.entries(costs)) expect(cost, name).toBeLessThanOrEqual(DEFAULT_COST_SETTINGS.limits.default);
    // Directives of the hub's schema, by hand: disciplines @listSize(assumedSize: 62); talentStats @cost(weight: 50).
    expect(estimateCost(hub.plan(parse('{ disciplines { code name } }'))!)).toBe(62);
    expect(estimateCost(hub.plan(parse('{ talentStats(groupBy: [REGION]) { total } }'))!)).toBe(50);
    const nested = parse('{ talents(first: 100) { edges { node { pools { members(first: 100) { edges { node { id } } } } } } } }');
    expect(estimateCost(hub.plan(nested)!)).toBeGreaterThan(DEFAULT_COST_SETTINGS.limits.default);
  });
});
