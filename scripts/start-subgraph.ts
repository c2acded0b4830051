import { SUBGRAPH_NAMES } from '../platform/config.ts';
import { nodeProcessEnv, nodeProcessName, nodesEnv, resolveExpertsNodes } from './lib/topology.ts';

/**
 * `npm run start:subgraph -- <name>`: one core subgraph on its own, in the topology `npm start`
 * runs (HUB_EXPERTS_NODES, default three experts nodes): an experts node is named
 * `experts@<node>` (`experts` when HUB_EXPERTS_NODES=single), and every subgraph gets the same
 * node map `npm start` gives it.
 */
const name = process.argv[2] ?? '';
let nodes: ReturnType<typeof resolveExpertsNodes>;
try {
  nodes = resolveExpertsNodes(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const names = [...nodes.map((n) => nodeProcessName(n.name)), ...SUBGRAPH_NAMES.filter((n) => n !== 'experts')];
if (!names.includes(name)) {
  console.error(`Usage: npm run start:subgraph -- <${names.join('|')}>`);
  process.exit(2);
}
const node = nodes.find((n) => nodeProcessName(n.name) === name);
// The subgraph reads its settings when its module loads: set them first.
Object.assign(process.env, node ? nodeProcessEnv(nodes, node) : nodesEnv(nodes));
await import(`../subgraphs/${node ? 'experts' : name}/index.ts`);
