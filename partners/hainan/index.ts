import { runPartner } from '../../platform/partner.ts';
import { hainanService } from './service.ts';

runPartner(hainanService);
