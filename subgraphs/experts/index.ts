import { runSubgraph } from '../kit/service.ts';
import { expertsService } from './service.ts';

runSubgraph(expertsService);
