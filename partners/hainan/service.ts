import type { PartnerService } from '../../platform/partner.ts';
import { createContext, type HainanContext } from './context.ts';
import { exampleData } from './data.ts';
import { createHainanServer } from './server.ts';
import { HainanStore } from './store.ts';

/** The Hainan free-trade-port talent service subgraph, as its index.ts and its tests start it. */
export const hainanService: PartnerService<HainanStore, HainanContext> = {
  name: 'hainan',
  openStore: (db) => HainanStore.open(db),
  seed: (store) => store.seed(exampleData()),
  createServer: () => createHainanServer(),
  createContext,
};
