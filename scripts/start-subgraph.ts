import { SUBGRAPH_NAMES } from '../platform/config.ts';

/** `npm run start:subgraph -- <name>`: one core subgraph on its own. */
const name = process.argv[2];
if (!name || !(SUBGRAPH_NAMES as readonly string[]).includes(name)) {
  console.error(`Usage: npm run start:subgraph -- <${SUBGRAPH_NAMES.join('|')}>`);
  process.exit(2);
}
await import(`../subgraphs/${name}/index.ts`);
