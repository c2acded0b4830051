import { afterAll, describe, expect, it } from 'vitest';
import { RegistryLedger } from '../../../gateway/registry/ledger.ts';
import { EMPTY_STATE, type RegistryState } from '../../../gateway/registry/model.ts';
import { compositionSources, sha256, SupergraphServing } from '../../../gateway/registry/serving.ts';
import { FileRegistryStore } from '../../../gateway/registry/store.ts';
import { sdl as hainanSdl } from '../../../partners/hainan/server.ts';
import { compose, coreSubgraphSources } from '../../../schema/compose.ts';
import { collectingLogger, removeDir, tempDataDir } from '../../helpers/registry.ts';

/**
 * The serving side on its own: what is served first, how a reload moves (or does not), and the
 * revert of a stored change the gateway refuses. Real composition of the hub's core SDL; the
 * gateway is represented by the swap function it hands over, which accepts or throws.
 */
const core = coreSubgraphSources();
const at = new Date('2026-01-01T00:00:00Z');
const hainan = { name: 'hainan', url: 'http://127.0.0.1:4100/graphql', ownerRegion: '460000', addedBy: 'ops', addedAt: at, updatedBy: 'ops', updatedAt: at, sdl: hainanSdl };
const broken = { ...hainan, name: 'broken', sdl: 'type Query { talent: Int }' };
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

function serving() {
  const logger = collectingLogger();
  return { logger, serving: new SupergraphServing({ core, logger, now: () => at }) };
}

describe('SupergraphServing', () => {
  it('starts on the core and the stored partners composed', () => {
    const { serving: s } = serving();
    s.start({ revision: 1, partners: [hainan], supergraph: null });
    expect(s.served).toMatchObject({ source: 'composed', subgraphs: ['experts', 'projects', 'coordination', 'hainan'] });
    expect(s.lastReload).toEqual({ ok: true, at, trigger: 'start-up', errors: [] });
  });

  it('starts on the last good supergraph when the stored partners do not compose, else on the core alone', () => {
    const good = compose(compositionSources(core, [hainan]));
    if (!good.ok) throw new Error('the hub core and hainan must compose');
    const stored: RegistryState = {
      revision: 2,
      partners: [hainan, broken],
      supergraph: { hash: sha256(good.supergraphSdl), supergraphSdl: good.supergraphSdl, apiSdl: good.apiSdl, composedAt: at },
    };
    const withStored = serving();
    withStored.serving.start(stored);
    expect(withStored.serving.served).toMatchObject({ source: 'stored', hash: sha256(good.supergraphSdl) });
    expect(withStored.serving.lastReload.ok).toBe(false);
    expect(withStored.logger.lines.map((l) => l.message)).toEqual([expect.stringMatching(/^the registry does not compose at start-up .*; serving the last good supergraph/)]);

    const coreOnly = serving();
    coreOnly.serving.start({ ...stored, supergraph: null });
    expect(coreOnly.serving.served).toMatchObject({ source: 'core', subgraphs: ['experts', 'projects', 'coordination'] });
  });

  it('keeps the served supergraph when a reload does not compose, or when the gateway refuses it', () => {
    const { serving: s, logger } = serving();
    s.start(EMPTY_STATE);
    const before = s.served.hash;
    s.reload({ revision: 3, partners: [broken], supergraph: null }, 'registry revision 3');
    expect(s.served.hash).toBe(before);
    expect(s.lastReload).toMatchObject({ ok: false, trigger: 'registry revision 3' });
    expect(s.lastReload.errors.length).toBeGreaterThan(0);
    expect(new Set(s.lastReload.errors.map((e) => e.code))).toEqual(new Set(['COMPOSITION_FAILED']));

    s.attach(() => {
      throw new Error('cannot build the query planner');
    });
    s.reload({ revision: 4, partners: [hainan], supergraph: null }, 'registry revision 4');
    expect(s.served.hash).toBe(before);
    expect(s.lastReload.errors).toEqual([
      { code: 'COMPOSITION_FAILED', compositionCode: 'SUPERGRAPH_REJECTED', message: 'the gateway refused the new supergraph: cannot build the query planner' },
    ]);
    expect(logger.lines.at(-1)?.message).toMatch(/^reload after registry revision 4 failed; still serving the last good supergraph/);
  });

  it('swaps the gateway onto a supergraph that composes', () => {
    const { serving: s } = serving();
    s.start(EMPTY_STATE);
    const swapped: string[] = [];
    s.attach((sdl) => swapped.push(sdl));
    s.reload({ revision: 1, partners: [hainan], supergraph: null }, 'registry revision 1');
    expect(swapped).toEqual([s.served.supergraphSdl]);
    expect(s.served.subgraphs).toContain('hainan');
    expect(s.lastReload.ok).toBe(true);
  });

  it('puts the previous registry back in the store when the gateway refuses a stored change', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const store = new FileRegistryStore(dir);
    const ledger = new RegistryLedger(store, await store.load());
    const { serving: s } = serving();
    s.start(ledger.state);
    s.attach(() => {
      throw new Error('refused');
    });
    const previous = ledger.state;
    const next: RegistryState = { revision: 1, partners: [hainan], supergraph: null };
    expect(await ledger.write(next, 0)).toBe(true);
    const composed = compose(compositionSources(core, [hainan]));
    if (!composed.ok) throw new Error('the hub core and hainan must compose');
    const graph = { supergraphSdl: composed.supergraphSdl, apiSdl: composed.apiSdl, hash: sha256(composed.supergraphSdl) };
    expect(await s.serveOrRevert(ledger, previous, next, 'publish of hainan', graph)).toBe(false);
    expect(ledger.state).toEqual({ ...previous, revision: 2 });
    expect(await new FileRegistryStore(dir).load()).toEqual({ ...previous, revision: 2 });
  });
});
