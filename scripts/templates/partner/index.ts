import { runSubgraph } from '../../../platform/runner.ts';
import { exampleRecords } from './data.ts';
import { acmeService } from './server.ts';

/** The acme partner subgraph's process (port HUB_PARTNER_PORT): settings, store, example records, listen. */
runSubgraph(acmeService, { seed: () => exampleRecords() });
