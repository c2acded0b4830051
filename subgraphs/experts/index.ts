import { runSubgraph } from '../../platform/service.ts';
import { expertsService } from './service.ts';

runSubgraph(expertsService);
