import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPartnerPolicy } from '../../gateway/registry/policy.ts';
import { createCallerSigner } from '../../gateway/signer.ts';
import { compose, coreSubgraphSources } from '../../schema/compose.ts';
import { scaffoldPartner } from '../../scripts/new-subgraph.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import { type SubgraphService, startSubgraph } from '../../platform/runner.ts';
import { removeDir } from '../helpers/registry.ts';

/**
 * `npm run new-subgraph` writes a partner that works as it is: it type-checks, passes the partner
 * policy, composes with the core and answers its fields to a caller the gateway vouches for.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let parent: string | undefined;

afterAll(async () => {
  await removeDir(parent);
});

describe('npm run new-subgraph', () => {
  it('scaffolds a partner that type-checks, keeps to the policy, composes and serves', { timeout: 120_000 }, async () => {
    // Under .data/ (git-ignored), so the relative imports the scaffolder computes are exercised.
    await mkdir(join(ROOT, '.data'), { recursive: true });
    parent = await mkdtemp(join(ROOT, '.data', 'scaffold-'));
    const result = await scaffoldPartner({ name: 'guangxi', region: '450000', dir: parent });
    expect(result.files).toEqual(
      expect.arrayContaining(['schema.graphql', 'store.ts', 'loaders.ts', 'context.ts', 'server.ts', 'index.ts', 'guangxi.test.ts', 'resolvers/types.generated.ts']),
    );
    expect(existsSync(join(result.dir, 'resolvers', 'types.generated.ts'))).toBe(true);
    await expect(scaffoldPartner({ name: 'guangxi', region: '450000', dir: parent })).rejects.toThrow(/already exists/);
    await expect(scaffoldPartner({ name: 'experts', region: '450000', dir: parent })).rejects.toThrow(/reserved/);

    const { sdl } = (await import(join(result.dir, 'server.ts'))) as { sdl: string };
    const core = coreSubgraphSources();
    expect(
      checkPartnerPolicy(
        { name: 'guangxi', doc: parse(sdl) },
        core.map((c) => ({ name: c.name, doc: parse(c.sdl) })),
        [],
      ),
    ).toEqual([]);
    const composition = compose([...core, { name: 'guangxi', url: 'http://127.0.0.1:4100/graphql', sdl }]);
    expect(composition.ok ? [] : composition.errors).toEqual([]);

    const { guangxiService } = (await import(join(result.dir, 'server.ts'))) as { guangxiService: SubgraphService<unknown, { caller: null }, unknown> };
    const { exampleRecords } = (await import(join(result.dir, 'data.ts'))) as { exampleRecords: () => { talentId: string }[] };
    // The seventh talent of the hub's default seed data (its id names its province).
    const seventh = exampleRecords()[0]!.talentId;
    expect(seventh).toMatch(/^T-\d{2}0000-000007$/);
    const signer = await createCallerSigner();
    const partner = await startSubgraph(guangxiService, { db: createEmbeddedDatabase(), port: 0, host: '127.0.0.1', keys: signer.localKeys(), seed: exampleRecords });
    try {
      const token = await signer.sign({ audience: 'guangxi', sub: 'test', region: '450000', scopes: ['talent:read'], purpose: null, grants: [] });
      const res = await fetch(partner.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query($t: ID!) { guangxiRecords(talentId: $t) { id title talentId } }', variables: { t: seventh } }),
      });
      expect(await res.json()).toEqual({ data: { guangxiRecords: [{ id: 'guangxi-000007', title: 'Example record', talentId: seventh }] } });
    } finally {
      await partner.close();
    }

    // The scaffold type-checks under the hub's compiler settings.
    await writeFile(join(parent, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), include: ['guangxi'] }));
    const tsc = await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', parent], { cwd: ROOT }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(tsc.stdout).toBe('');
    expect(tsc.code).toBe(0);
  });
});
