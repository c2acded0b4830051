import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `npm run token` starts in a fraction of the gateway's start-up: it loads the client-token settings
 * (gateway/token-settings.ts), not the gateway's configuration, which pulls in the data source and
 * @apollo/gateway (1.9 s of CPU per token, compiled, before; 0.7 s after).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Imports that stay at run time (`import type` and `export type` are erased), static and re-exports.
const RUNTIME_IMPORT = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Every file of ours (repo-relative) and every package that loading `entry` loads. */
function loadedBy(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, spec] of readFileSync(`${ROOT}${file}`, 'utf8').matchAll(RUNTIME_IMPORT)) {
      if (spec!.startsWith('.')) visit(posix.normalize(posix.join(posix.dirname(file), spec!)));
      else if (!spec!.startsWith('node:')) packages.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('npm run token', () => {
  it('loads neither the gateway configuration nor any @apollo package', () => {
    const { files, packages } = loadedBy('scripts/token.ts');
    expect(files).toContain('gateway/token-settings.ts');
    expect([...files].filter((f) => f.startsWith('gateway/') && f !== 'gateway/token-settings.ts')).toEqual([]);
    expect([...packages].filter((p) => p.startsWith('@apollo/'))).toEqual([]);
    // The walk sees what the gateway's configuration loads (so the check above can fail).
    const config = loadedBy('gateway/config.ts');
    expect(config.files).toContain('gateway/datasource.ts');
    expect(config.packages).toContain('@apollo/gateway');
  });
});
