import { ensureDashboardBuilt } from '../../scripts/dashboard-build.ts';

/**
 * vitest globalSetup: the browser test serves dashboard/dist, so `npm test` builds it first when
 * it is missing or stale (a few seconds; nothing when it is current).
 */
export default function setup(): void {
  ensureDashboardBuilt();
}
