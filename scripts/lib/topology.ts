import { z } from 'zod';
import { DEFAULT_PORTS, loopbackGraphqlUrl } from '../../platform/config.ts';
import { parseEnv, Port } from '../../platform/env.ts';
import { type ExpertsNode, ExpertsNodesSetting, SINGLE_NODE, singleNode } from '../../platform/nodes.ts';

/**
 * Which experts nodes the hub runs (README, "Topology"), in one place for `npm start`, the
 * benchmark and the end-to-end tests: by default three, so residency is visible from the first
 * run (Sichuan's talents in one store, Chongqing's in another, the rest of the country in a
 * third); `HUB_EXPERTS_NODES=single` is today's one node holding everything; a JSON list places
 * the nodes anywhere else.
 */

/** The default nodes: name, the provinces each serves, and the port `npm start` gives it. */
export const DEFAULT_EXPERTS_NODES = [
  { name: 'sichuan', provinces: ['510000'], port: 4011 },
  { name: 'chongqing', provinces: ['500000'], port: 4012 },
  { name: 'rest', provinces: '*', port: 4013 },
] as const satisfies readonly { name: string; provinces: readonly string[] | '*'; port: number }[];

/** The value of HUB_EXPERTS_NODES that asks for one node named `experts` holding every province. */
export const SINGLE_TOPOLOGY = 'single';

/** The two topologies tests and the benchmark compare: three provincial nodes, or one holding everything. */
export type TopologyName = 'three' | 'single';

/**
 * The default three nodes at `ports` (in the order of `DEFAULT_EXPERTS_NODES`), on loopback.
 * The tests and the benchmark pass free ports; `npm start` the defaults.
 */
export function threeNodes(ports: readonly number[] = DEFAULT_EXPERTS_NODES.map((n) => n.port)): ExpertsNode[] {
  return DEFAULT_EXPERTS_NODES.map((n, i) => {
    const port = ports[i];
    if (port === undefined) throw new Error(`threeNodes: no port for node ${n.name}`);
    return { name: n.name, provinces: n.provinces === '*' ? '*' : [...n.provinces], url: loopbackGraphqlUrl(port) };
  });
}

/** The nodes of `topology` at `ports` (one port for `single`, three for `three`). */
export function nodesOf(topology: TopologyName, ports: readonly number[]): ExpertsNode[] {
  if (topology === 'three') return threeNodes(ports);
  const [port] = ports;
  if (port === undefined) throw new Error('nodesOf: the single node needs a port');
  return singleNode(loopbackGraphqlUrl(port));
}

/** The name a node's process has in logs, output prefixes and the test helpers: `experts@<node>`, or `experts` for the single node. */
export function nodeProcessName(node: string): string {
  return node === SINGLE_NODE ? 'experts' : `experts@${node}`;
}

/** The port a node's URL names (80 or 443 when it names none). */
export function portOfUrl(url: string): number {
  const u = new URL(url);
  return u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
}

const TopologyEnv = z.object({
  HUB_EXPERTS_NODES: ExpertsNodesSetting.optional(),
  HUB_EXPERTS_PORT: Port.default(DEFAULT_PORTS.experts),
});

/**
 * The experts nodes `npm start` runs, from its environment: unset, the default three on ports
 * 4011-4013; `single`, one node on HUB_EXPERTS_PORT (default 4001); otherwise the JSON list every
 * process reads (each node started on the port its URL names). A ConfigError names the setting.
 */
export function resolveExpertsNodes(env: Record<string, string | undefined>): ExpertsNode[] {
  const setting = env.HUB_EXPERTS_NODES?.trim();
  if (!setting) return threeNodes();
  if (setting === SINGLE_TOPOLOGY) {
    const { HUB_EXPERTS_PORT } = parseEnv(TopologyEnv, { HUB_EXPERTS_PORT: env.HUB_EXPERTS_PORT });
    return singleNode(loopbackGraphqlUrl(HUB_EXPERTS_PORT));
  }
  const { HUB_EXPERTS_NODES } = parseEnv(TopologyEnv, { HUB_EXPERTS_NODES: setting });
  return HUB_EXPERTS_NODES ?? threeNodes();
}

/** The settings every process of a hub with `nodes` gets: the map itself, as JSON. */
export function nodesEnv(nodes: readonly ExpertsNode[]): Record<string, string> {
  return { HUB_EXPERTS_NODES: JSON.stringify(nodes) };
}

/** The settings of the process of experts node `node`: the map, its own name and its port. */
export function nodeProcessEnv(nodes: readonly ExpertsNode[], node: ExpertsNode): Record<string, string> {
  return { ...nodesEnv(nodes), HUB_EXPERTS_NODE: node.name, HUB_EXPERTS_PORT: String(portOfUrl(node.url)) };
}
