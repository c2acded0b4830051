import { runSubgraph } from '../kit/service.ts';
import { coordinationService } from './service.ts';

runSubgraph(coordinationService);
