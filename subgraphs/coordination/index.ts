import { runSubgraph } from '../../platform/service.ts';
import { coordinationService } from './service.ts';

runSubgraph(coordinationService);
