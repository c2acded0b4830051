import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

/** The client identity the benchmark acts as: Sichuan's talent office, reading. */
export const BENCH_CLIENT = { region: '510000', scope: 'talent:read talent:contact stats:read' };

/**
 * A client token from the project's own `npm run -s token` (scripts/token.ts), signed with the
 * secret the gateways started by the harness will check (they inherit the same environment).
 * Null when the project has no token script (a gateway without client authentication).
 */
export function clientToken(options: { region: string; scope: string } = BENCH_CLIENT): string | null {
  const script = join(ROOT, 'scripts/token.ts');
  if (!existsSync(script)) return null;
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--region', options.region, '--scope', options.scope, '--sub', 'bench', '--ttl', '6h'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`npm run token failed: ${result.stderr || result.stdout}`);
  return result.stdout.trim();
}
