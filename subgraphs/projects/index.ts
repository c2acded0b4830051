import { runSubgraph } from '../kit/service.ts';
import { projectsService } from './service.ts';

runSubgraph(projectsService);
