import { runSubgraph } from '../../../platform/runner.ts';
import { exampleRecords, seedTalentIds } from './data.ts';
import { acmeService } from './server.ts';

/** The acme partner subgraph's process (port HUB_PARTNER_PORT): settings, store, example records, listen. */
// Records for the talents of the hub's seed data made with the same settings (HUB_SEED_TALENTS, HUB_SEED).
runSubgraph(acmeService, { seed: (settings) => exampleRecords(seedTalentIds(settings)) });
