import { parse } from 'graphql';
import { type PolicyContext, policyContext } from '../../../../gateway/registry/policy/context.ts';
import type { ParsedSubgraph } from '../../../../gateway/registry/policy/graph.ts';
import { type FieldRule, type TypeRule, typeSites } from '../../../../gateway/registry/policy/site.ts';
import { coreSubgraphSources } from '../../../../schema/compose.ts';

/** The hub's core subgraphs, parsed: the rest of the graph every rule is checked against. */
export const core: ParsedSubgraph[] = coreSubgraphSources().map((s) => ({ name: s.name, doc: parse(s.sdl) }));

/** A Federation 2 `@link` importing the directives the tests use. */
export const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key", "@shareable", "@external", "@provides", "@override", "@inaccessible", "@requires", "@fromContext", "@interfaceObject", "@tag"])\n';

/** The context for partner `name` with `sdl`, against the core and `partners`. */
export function contextFor(sdl: string, options: { name?: string; partners?: ParsedSubgraph[]; allowedFields?: string[] } = {}): PolicyContext {
  const partners = options.partners ?? [];
  return policyContext({ name: options.name ?? 'hainan', doc: parse(sdl) }, [...core, ...partners], {
    otherPartnerNames: partners.map((p) => p.name),
    allowedFields: options.allowedFields ?? [],
  });
}

/** What one type rule says about every definition of `sdl`. */
export function typeRule(rule: TypeRule, sdl: string, options: Parameters<typeof contextFor>[1] = {}): string[] {
  const context = contextFor(sdl, options);
  return typeSites(context).flatMap((site) => rule(site, context));
}

/** What one field rule says about every field of the root types and core entities of `sdl`. */
export function fieldRule(rule: FieldRule, sdl: string, options: Parameters<typeof contextFor>[1] = {}): string[] {
  const context = contextFor(sdl, options);
  return typeSites(context).flatMap((site) => (site.class === 'root' || site.class === 'entity' ? site.fields.flatMap((field) => rule(field, site, context)) : []));
}
