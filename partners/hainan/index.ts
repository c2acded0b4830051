import { runPartner } from '../../subgraphs/kit/partner.ts';
import { hainanService } from './service.ts';

runPartner(hainanService);
