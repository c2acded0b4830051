import { createHash } from 'node:crypto';
import { compose, type SubgraphSource } from '../../schema/compose.ts';
import type { CheckError } from './checks.ts';
import type { RegistryLedger } from './ledger.ts';
import type { RegistryState } from './model.ts';

/** The supergraph the gateway serves, and where it came from. */
export interface ServedGraph {
  /** SHA-256 of the supergraph SDL (the gateway's composition id). */
  hash: string;
  supergraphSdl: string;
  apiSdl: string;
  /** Names of the subgraphs composed into it. */
  subgraphs: string[];
  /** `composed` from the registry; `stored`: the last good supergraph; `core`: the core subgraphs alone. */
  source: 'composed' | 'stored' | 'core';
  since: Date;
}

/** How the last attempt to (re)build the served supergraph went. */
export interface ReloadStatus {
  ok: boolean;
  at: Date;
  /** What caused it: start-up, a publish, a removal, a change seen in the store. */
  trigger: string;
  errors: CheckError[];
}

/** A log the registry writes to (the gateway's console by default). */
export interface RegistryLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A composed supergraph, before it is served. */
export interface ComposedGraph {
  supergraphSdl: string;
  apiSdl: string;
  hash: string;
}

/** SHA-256 hex of `text`: the supergraph's id. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A composition error as the admin API answers it. */
export function compositionError(e: { code: string; message: string }): CheckError {
  return { code: 'COMPOSITION_FAILED', compositionCode: e.code, message: e.message };
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Composition input: the core first, then partners by name (the same input gives the same supergraph). */
export function compositionSources(core: readonly SubgraphSource[], partners: readonly { name: string; url: string; sdl: string }[]): SubgraphSource[] {
  return [...core, ...[...partners].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => ({ name: p.name, url: p.url, sdl: p.sdl }))];
}

/**
 * The serving side of the registry: which supergraph the gateway serves and how it moves to the
 * next one. It only ever moves to a supergraph that composed and that the gateway accepted; when
 * a reload fails the last good one stays, and `lastReload` (in /health and the logs) says why.
 */
export class SupergraphServing {
  #served!: ServedGraph;
  #lastReload!: ReloadStatus;
  #swap: ((supergraphSdl: string) => void) | undefined;

  constructor(private readonly options: { core: readonly SubgraphSource[]; logger: RegistryLogger; now: () => Date }) {}

  get served(): ServedGraph {
    return this.#served;
  }

  get lastReload(): ReloadStatus {
    return this.#lastReload;
  }

  /** Lets the gateway be swapped onto each new supergraph (the SupergraphManager's `update`). */
  attach(swap: (supergraphSdl: string) => void): void {
    this.#swap = swap;
  }

  detach(): void {
    this.#swap = undefined;
  }

  /**
   * Decides what to serve first: the core and the stored partners composed from their stored SDL
   * (no subgraph needs to be up), else the last good supergraph, else the core subgraphs alone.
   */
  start(state: RegistryState): void {
    const { core, logger, now } = this.options;
    const sources = compositionSources(core, state.partners);
    const composition = compose(sources);
    const names = sources.map((s) => s.name);
    if (composition.ok) {
      this.#served = {
        hash: sha256(composition.supergraphSdl),
        supergraphSdl: composition.supergraphSdl,
        apiSdl: composition.apiSdl,
        subgraphs: names,
        source: 'composed',
        since: now(),
      };
      this.#lastReload = { ok: true, at: now(), trigger: 'start-up', errors: [] };
      return;
    }
    const errors = composition.errors.map((e) => compositionError(e));
    if (state.supergraph) {
      this.#served = { ...state.supergraph, subgraphs: names, source: 'stored', since: now() };
      logger.error(
        `the registry does not compose at start-up (${errors.map((e) => e.compositionCode).join(', ')}); serving the last good supergraph ${state.supergraph.hash.slice(0, 12)} from ${state.supergraph.composedAt.toISOString()}`,
      );
    } else {
      const coreOnly = compose([...core]);
      if (!coreOnly.ok) throw new Error(`the core subgraphs do not compose: ${coreOnly.errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);
      this.#served = {
        hash: sha256(coreOnly.supergraphSdl),
        supergraphSdl: coreOnly.supergraphSdl,
        apiSdl: coreOnly.apiSdl,
        subgraphs: core.map((c) => c.name),
        source: 'core',
        since: now(),
      };
      logger.error(`the registry does not compose at start-up and holds no last good supergraph; serving the core subgraphs alone`);
    }
    this.#lastReload = { ok: false, at: now(), trigger: 'start-up', errors };
  }

  /** Reloads from a registry state another instance wrote: a state that does not compose here is not served. */
  reload(state: RegistryState, trigger: string): void {
    const sources = compositionSources(this.options.core, state.partners);
    const composition = compose(sources);
    if (!composition.ok) {
      this.reloadFailed(
        trigger,
        composition.errors.map((e) => compositionError(e)),
      );
      return;
    }
    this.serve(
      {
        hash: sha256(composition.supergraphSdl),
        supergraphSdl: composition.supergraphSdl,
        apiSdl: composition.apiSdl,
        subgraphs: sources.map((s) => s.name),
        source: 'composed',
        since: this.options.now(),
      },
      trigger,
    );
  }

  /** Swaps the gateway onto `graph`; when the gateway refuses it, the old one stays and the failure is reported. */
  serve(graph: ServedGraph, trigger: string): boolean {
    if (graph.hash !== this.#served.hash) {
      try {
        this.#swap?.(graph.supergraphSdl);
      } catch (error) {
        this.reloadFailed(trigger, [
          { code: 'COMPOSITION_FAILED', compositionCode: 'SUPERGRAPH_REJECTED', message: `the gateway refused the new supergraph: ${errorMessage(error)}` },
        ]);
        return false;
      }
      this.options.logger.info(`serving supergraph ${graph.hash.slice(0, 12)} (was ${this.#served.hash.slice(0, 12)}) after ${trigger}`);
      this.#served = graph;
    }
    this.#lastReload = { ok: true, at: this.options.now(), trigger, errors: [] };
    return true;
  }

  /**
   * Serves a just-stored change. If the gateway refuses it, puts the previous registry back in
   * the store (as a newer revision) and returns false: the caller fails the request.
   */
  async serveOrRevert(ledger: RegistryLedger, previous: RegistryState, stored: RegistryState, trigger: string, graph: ComposedGraph): Promise<boolean> {
    const names = compositionSources(this.options.core, stored.partners).map((s) => s.name);
    if (this.serve({ ...graph, subgraphs: names, source: 'composed', since: this.options.now() }, trigger)) return true;
    await ledger.write({ ...previous, revision: stored.revision + 1 }, stored.revision);
    return false;
  }

  /** Records a failed reload and logs why; the served supergraph stays. */
  reloadFailed(trigger: string, errors: CheckError[]): void {
    this.#lastReload = { ok: false, at: this.options.now(), trigger, errors };
    this.options.logger.error(
      `reload after ${trigger} failed; still serving the last good supergraph ${this.#served.hash.slice(0, 12)}: ${errors.map((e) => `${e.compositionCode ?? e.code}: ${e.message}`).join(' | ')}`,
    );
  }
}
