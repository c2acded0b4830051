import { runSubgraph } from '../../platform/runner.ts';
import { exampleData } from './data.ts';
import { hainanService } from './server.ts';

/** The Hainan partner subgraph's process (port HUB_PARTNER_PORT): settings, store, example data, listen. */
runSubgraph(hainanService, { seed: () => exampleData() });
