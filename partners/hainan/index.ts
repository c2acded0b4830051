import { runSubgraph } from '../../platform/runner.ts';
import { exampleData, seedTalentIds } from './data.ts';
import { hainanService } from './server.ts';

/** The Hainan partner subgraph's process (port HUB_PARTNER_PORT): settings, store, example data, listen. */
// Records for the talents of the hub's seed data made with the same settings (HUB_SEED_TALENTS, HUB_SEED).
runSubgraph(hainanService, { seed: (settings) => exampleData(seedTalentIds(settings)) });
