import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isKnownVariable, readRepoFile, ROOT } from './settings.ts';

/** The Dockerfile's stages: each FROM line's name and the instructions under it (continuation lines joined). */
function stages(text: string): { name: string; from: string; instructions: string[] }[] {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const result: { name: string; from: string; instructions: string[] }[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) result.push({ from: from[1]!, name: from[2] ?? String(result.length), instructions: [] });
    else result.at(-1)?.instructions.push(line);
  }
  return result;
}

const dockerfile = stages(readRepoFile('Dockerfile'));
const runtime = dockerfile.at(-1)!;
const byName = (name: string) => dockerfile.find((s) => s.name === name)!;

describe('Dockerfile', () => {
  it('builds in stages and runs the last one as a non-root user', () => {
    expect(dockerfile.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
    const users = runtime.instructions.filter((i) => /^USER\s/i.test(i));
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^USER\s+(root|0)(\s|:|$)/i);
    // The user is set before the entry runs anything.
    expect(runtime.instructions.findIndex((i) => /^USER\s/i.test(i))).toBeLessThan(runtime.instructions.findIndex((i) => /^ENTRYPOINT\s/i.test(i)));
  });

  it('has no dev dependencies and no compilers in the runtime stage', () => {
    const deps = byName('deps');
    // node_modules of the runtime come from the stage that installed production dependencies only.
    expect(deps.instructions).toContain('RUN npm ci --omit=dev --no-audit --no-fund');
    const copies = runtime.instructions.filter((i) => /^COPY\s/i.test(i));
    expect(copies.filter((c) => /node_modules/.test(c))).toEqual(['COPY --from=deps /app/node_modules ./node_modules']);
    // The build stage's full install never reaches it: only dist/ and package.json come from there.
    expect(copies.filter((c) => c.includes('--from=build'))).toEqual(['COPY --from=build /app/package.json ./package.json', 'COPY --from=build /app/dist ./dist']);
    expect(runtime.instructions.filter((i) => /npm (ci|install|i)\b|apt-get|g\+\+|python3|make\b/.test(i))).toEqual([]);
    expect(byName('build').instructions).toContain('RUN npm run build');
  });

  it('runs the compiled services through the entry script, with settings the services read', () => {
    expect(runtime.instructions).toContain('ENTRYPOINT ["hub"]');
    expect(runtime.instructions).toContain('COPY --chmod=0755 deploy/docker-entrypoint.sh /usr/local/bin/hub');
    expect(runtime.instructions).toContain('WORKDIR /app');
    const env = runtime.instructions.filter((i) => /^ENV\s/i.test(i)).flatMap((i) => [...i.matchAll(/([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1]!));
    expect(env).toEqual(expect.arrayContaining(['NODE_ENV', 'HUB_HOST', 'HUB_DATA_DIR']));
    expect(env.filter((n) => !isKnownVariable(n))).toEqual([]);
  });

  it('has an entry script that refuses an unknown service with exit code 2 and prints its usage', () => {
    const run = (...args: string[]) => {
      try {
        return { code: 0, out: execFileSync('sh', ['deploy/docker-entrypoint.sh', ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' }) };
      } catch (error) {
        const e = error as { status: number; stderr: string };
        return { code: e.status, out: e.stderr };
      }
    };
    expect(run('help')).toMatchObject({ code: 0, out: expect.stringContaining('subgraph experts') });
    expect(run('subgraph', 'payroll')).toMatchObject({ code: 2, out: expect.stringContaining('experts, projects, coordination') });
    expect(run('partner', 'nowhere')).toMatchObject({ code: 2, out: expect.stringContaining("no partner 'nowhere'") });
  });

  it('keeps what the build does not need out of the build context', () => {
    const ignored = readRepoFile('.dockerignore').split('\n');
    for (const path of ['node_modules', 'dist', '.data', '.git', '.env']) expect(ignored).toContain(path);
    expect(ignored).toContain('!.env.example');
  });
});
