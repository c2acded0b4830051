import { z } from 'zod';
import { HttpUrl } from './env.ts';
import { provinceOf } from './text.ts';

/**
 * Provincial nodes (README, "Topology"): the experts subgraph runs as one node per province or
 * group of provinces, each with its own store holding only its provinces' talent records. Every
 * process reads the same map (HUB_EXPERTS_NODES): the gateway routes fetches by it, projects and
 * coordination route their owner lookups by it, and a node learns from it (with HUB_EXPERTS_NODE,
 * its own name) which provinces it serves.
 */
export interface ExpertsNode {
  /** The node's name: in settings, metrics, /health and the audience of its caller tokens. */
  name: string;
  /** GB/T 2260 province codes it serves, or `*`: every province no other node names. */
  provinces: readonly string[] | '*';
  /** Its GraphQL URL. */
  url: string;
}

/** The name of the one node of a hub whose experts subgraph is not split (the default). */
export const SINGLE_NODE = 'experts';

const NodeName = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'must be 1-31 lower-case letters, digits or "-", starting with a letter');
const ProvinceCode = z.string().regex(/^\d{2}0000$/, 'must be a GB/T 2260 province code such as 510000');

const NodeList = z
  .array(z.object({ name: NodeName, provinces: z.union([z.literal('*'), z.array(ProvinceCode).min(1, 'must name at least one province, or be "*"')]), url: HttpUrl }).strict())
  .min(1, 'must list at least one node')
  .superRefine((nodes, ctx) => {
    const names = new Set<string>();
    const provinces = new Map<string, string>();
    let rest = 0;
    nodes.forEach((node, i) => {
      if (names.has(node.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `names node "${node.name}" twice` });
      names.add(node.name);
      if (node.provinces === '*') rest += 1;
      else
        for (const p of node.provinces) {
          const other = provinces.get(p);
          if (other) ctx.addIssue({ code: 'custom', path: [i, 'provinces'], message: `gives province ${p} to both "${other}" and "${node.name}"` });
          provinces.set(p, node.name);
        }
    });
    if (rest > 1) ctx.addIssue({ code: 'custom', message: 'may have at most one node serving "*" (the provinces no other node names)' });
    if (nodes.length > 1 && names.has(SINGLE_NODE)) ctx.addIssue({ code: 'custom', message: `reserves the name "${SINGLE_NODE}" for a hub with a single node` });
  });

/**
 * HUB_EXPERTS_NODES: a JSON list of `{ "name", "provinces": ["510000", ...] | "*", "url" }`; a
 * node named nowhere else takes `*`. Without a `*` node, talents of unlisted provinces have no home
 * (their writes are refused, their reads find nothing).
 */
export const ExpertsNodesSetting = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON list such as [{"name":"sichuan","provinces":["510000"],"url":"http://..."},{"name":"rest","provinces":"*","url":"http://..."}]',
      });
      return z.NEVER;
    }
  })
  .pipe(NodeList);

/** The map of a hub whose experts subgraph is one node serving every province at `url`. */
export function singleNode(url: string): ExpertsNode[] {
  return [{ name: SINGLE_NODE, provinces: '*', url }];
}

/** The node that serves `province` (a GB/T 2260 code; a prefecture or county counts as its province), if any. */
export function nodeForProvince(nodes: readonly ExpertsNode[], code: string): ExpertsNode | undefined {
  const province = provinceOf(code);
  return nodes.find((n) => n.provinces !== '*' && n.provinces.includes(province)) ?? nodes.find((n) => n.provinces === '*');
}

/** True when `node` serves `code`'s province under `nodes`. */
export function serves(nodes: readonly ExpertsNode[], node: string, code: string): boolean {
  return nodeForProvince(nodes, code)?.name === node;
}

/**
 * The province a talent or pool id names: talents are `T-<province>-<serial>`, pools
 * `pool-<region>-<suffix>` (the region under its province); null for an id that names none.
 */
export function provinceOfRecordId(id: string): string | null {
  const m = /^(?:T|pool)-(\d{2})\d{4}-/.exec(id);
  return m ? `${m[1]}0000` : null;
}

/** A talent id for `province` (its GB/T 2260 code) and a serial unique within it. */
export function talentId(province: string, serial: string): string {
  return `T-${provinceOf(province)}-${serial}`;
}

/**
 * The node that holds the record with this id: by the province the id names; an id that names
 * none (a record from before ids carried their province) belongs to the `*` node.
 */
export function nodeForRecordId(nodes: readonly ExpertsNode[], id: string): ExpertsNode | undefined {
  const province = provinceOfRecordId(id);
  return province ? nodeForProvince(nodes, province) : nodes.find((n) => n.provinces === '*');
}

/**
 * The audience of caller tokens for a node of `subgraph`: the subgraph's name for the single node
 * (so one node needs nothing new), `experts@<node>` otherwise, so a token made for one province's
 * node is refused by every other.
 */
export function nodeAudience(subgraph: string, node: string): string {
  return node === SINGLE_NODE ? subgraph : `${subgraph}@${node}`;
}

/** The subgraph an audience is for: `experts@sichuan` -> `experts`. */
export function audienceSubgraph(audience: string): string {
  const at = audience.indexOf('@');
  return at < 0 ? audience : audience.slice(0, at);
}

/** In words for a client (never a URL): which provinces a node serves. */
export function describeProvinces(nodes: readonly ExpertsNode[], node: ExpertsNode): string {
  if (node.provinces !== '*') return node.provinces.join(', ');
  const named = nodes.flatMap((n) => (n.provinces === '*' ? [] : n.provinces));
  return named.length === 0 ? 'every province' : `every province but ${named.join(', ')}`;
}
