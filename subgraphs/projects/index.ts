import { runSubgraph } from '../../platform/service.ts';
import { projectsService } from './service.ts';

runSubgraph(projectsService);
