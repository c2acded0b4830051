import { createHash } from 'node:crypto';
import { type DocumentNode, GraphQLError, parse } from 'graphql';
import { compose, type SubgraphSource } from '../../schema/compose.ts';
import { provinceOf } from '../../platform/text.ts';
import { type AddressPolicy, DEVELOPMENT_ADDRESS_POLICY } from './address.ts';
import { type CheckError, fetchSubgraphSdl, type SchemaChange, schemaChanges } from './checks.ts';
import { HUB_REGION, type PartnerRecord, type RegistryState, RESERVED_NAMES, type SubgraphEntry } from './model.ts';
import { checkPartnerPolicy, type ParsedSubgraph } from './policy.ts';
import type { RegistryStore } from './store.ts';

/** Who asks the registry for something: the verified client (token `sub` and `region`). */
export interface RegistryCaller {
  sub: string;
  region: string;
}

/** A refusal with its HTTP status and the errors the admin API answers (`{ errors: [{ code, message }] }`). */
export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly errors: (CheckError | { code: string; message: string })[],
  ) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }
}

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

export interface RegistryOptions {
  store: RegistryStore;
  /** The core subgraphs: names and URLs from the gateway's configuration, SDL from the hub's files. */
  core: SubgraphSource[];
  sdlFetchTimeoutMs: number;
  /** How often the store is polled for changes made by other gateway instances. */
  pollIntervalMs: number;
  logger: RegistryLogger;
  now?: () => Date;
  /** Where partner SDL may be fetched from (default: development, private and loopback allowed). */
  addressPolicy?: AddressPolicy;
  /** Core fields (`Type.field`) partners may reference besides key fields (see ./policy.ts). */
  partnerAllowedFields?: readonly string[];
}

export interface PublishResult {
  name: string;
  url: string;
  supergraphHash: string;
  created: boolean;
  changes: SchemaChange[];
}

export interface CheckResult {
  name: string;
  url: string;
  /** The supergraph the change would give. */
  supergraphHash: string;
  changes: SchemaChange[];
}

type Evaluation = { ok: true; supergraphSdl: string; apiSdl: string; hash: string; changes: SchemaChange[] } | { ok: false; errors: CheckError[] };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const MAX_ATTEMPTS = 3;

/**
 * The hub's subgraph registry: which subgraphs make the graph, the checks a partner's schema must
 * pass, and the supergraph the gateway serves.
 *
 * Every change (publish, removal, or a change another gateway instance made, seen by polling
 * the store) runs under one in-process lock, and is written with a compare-and-swap on the
 * store's revision: a change based on a stale registry is redone on the newer one, never lost.
 * The served supergraph only ever moves to one that composed; when a reload fails the last good
 * one stays, and `lastReload` (in /health and the logs) says why.
 */
export class SubgraphRegistry {
  #state: RegistryState;
  #served!: ServedGraph;
  #lastReload!: ReloadStatus;
  #swap: ((supergraphSdl: string) => void) | undefined;
  #lock: Promise<unknown> = Promise.resolve();
  #pollTimer: NodeJS.Timeout | undefined;
  #polling = false;
  #storeFailing = false;
  readonly #parsed = new Map<string, DocumentNode>();
  readonly #options: RegistryOptions;
  readonly #now: () => Date;

  private constructor(options: RegistryOptions, state: RegistryState) {
    this.#options = options;
    this.#state = state;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Loads the registry and decides what to serve first: the core and the stored partners
   * composed from their stored SDL (no subgraph needs to be up), else the last good supergraph,
   * else the core subgraphs alone.
   */
  static async open(options: RegistryOptions): Promise<SubgraphRegistry> {
    const registry = new SubgraphRegistry(options, await options.store.load());
    registry.#initialServe();
    return registry;
  }

  get served(): ServedGraph {
    return this.#served;
  }

  get lastReload(): ReloadStatus {
    return this.#lastReload;
  }

  get revision(): number {
    return this.#state.revision;
  }

  /** False while the store cannot be read (polling keeps trying; the served graph stays). */
  get storeReachable(): boolean {
    return !this.#storeFailing;
  }

  get storeDescription(): string {
    return this.#options.store.description;
  }

  /** Every subgraph of the registry, core first, then partners by name. */
  list(): SubgraphEntry[] {
    const served = new Set(this.#served.subgraphs);
    return [
      ...this.#options.core.map((c) => ({ name: c.name, url: c.url, kind: 'core' as const, ownerRegion: HUB_REGION, addedBy: null, addedAt: null, updatedAt: null, sdl: c.sdl, served: served.has(c.name) })),
      ...this.#state.partners.map((p) => ({ name: p.name, url: p.url, kind: 'partner' as const, ownerRegion: p.ownerRegion, addedBy: p.addedBy, addedAt: p.addedAt, updatedAt: p.updatedAt, sdl: p.sdl, served: served.has(p.name) })),
    ];
  }

  /** Lets the gateway be swapped onto each new supergraph (the SupergraphManager's `update`). */
  attach(swap: (supergraphSdl: string) => void): void {
    this.#swap = swap;
  }

  detach(): void {
    this.#swap = undefined;
  }

  /** Runs the checks of a publish without storing anything. */
  async check(input: { name: string; url: string }, caller: RegistryCaller): Promise<CheckResult> {
    this.#assertPartnerName(input.name);
    await this.#assertMayChange(input.name, caller);
    const sdl = await this.#fetch(input.url);
    return this.#exclusive(async () => {
      await this.#syncLocked('before a check');
      const existing = this.#state.partners.find((p) => p.name === input.name);
      if (existing) this.#assertOwner(existing, caller);
      const evaluation = await this.#evaluate(input.name, input.url, sdl, this.#state);
      if (!evaluation.ok) throw new RegistryError(422, evaluation.errors);
      return { name: input.name, url: input.url, supergraphHash: evaluation.hash, changes: evaluation.changes };
    });
  }

  /**
   * Adds or updates a partner subgraph: fetches its SDL, checks it (policy, composition,
   * breaking changes), stores it and swaps the gateway onto the new supergraph. Throws a
   * RegistryError, and changes nothing, when a check fails.
   */
  async publish(input: { name: string; url: string }, caller: RegistryCaller): Promise<PublishResult> {
    this.#assertPartnerName(input.name);
    await this.#assertMayChange(input.name, caller);
    const sdl = await this.#fetch(input.url);
    return this.#exclusive(async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        await this.#syncLocked('before a publish');
        const base = this.#state;
        const existing = base.partners.find((p) => p.name === input.name);
        if (existing) this.#assertOwner(existing, caller);
        const evaluation = await this.#evaluate(input.name, input.url, sdl, base);
        if (!evaluation.ok) throw new RegistryError(422, evaluation.errors);
        const now = this.#now();
        const record: PartnerRecord = existing
          ? { ...existing, url: input.url, sdl, updatedBy: caller.sub, updatedAt: now }
          : { name: input.name, url: input.url, ownerRegion: caller.region, addedBy: caller.sub, addedAt: now, updatedBy: caller.sub, updatedAt: now, sdl };
        const partners = [...base.partners.filter((p) => p.name !== input.name), record].sort((a, b) => (a.name < b.name ? -1 : 1));
        const next: RegistryState = {
          revision: base.revision + 1,
          partners,
          supergraph: { hash: evaluation.hash, supergraphSdl: evaluation.supergraphSdl, apiSdl: evaluation.apiSdl, composedAt: now },
        };
        if (!(await this.#options.store.save(next, base.revision))) continue; // another instance wrote first: redo on its state
        this.#state = next;
        await this.#serveOrRevert(base, next, `publish of ${input.name}`, evaluation);
        this.#options.logger.info(`${existing ? 'updated' : 'added'} partner subgraph ${input.name} (${caller.sub}, region ${caller.region}); supergraph ${evaluation.hash.slice(0, 12)}`);
        return { name: input.name, url: input.url, supergraphHash: evaluation.hash, created: !existing, changes: evaluation.changes };
      }
      throw new RegistryError(503, [{ code: 'REGISTRY_BUSY', message: 'The registry kept changing under this request (other gateway instances were writing); retry.' }]);
    });
  }

  /** Removes a partner subgraph, recomposes without it and swaps the gateway. Core subgraphs cannot be removed (409). */
  async remove(name: string, caller: RegistryCaller): Promise<{ name: string; removed: true; supergraphHash: string }> {
    if (this.#isCore(name)) throw this.#coreRefusal(name);
    return this.#exclusive(async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        await this.#syncLocked('before a removal');
        const base = this.#state;
        const existing = base.partners.find((p) => p.name === name);
        if (!existing) throw new RegistryError(404, [{ code: 'NOT_FOUND', message: `No partner subgraph is named "${name}".` }]);
        this.#assertOwner(existing, caller);
        const partners = base.partners.filter((p) => p.name !== name);
        const composition = compose(this.#sources(partners));
        if (!composition.ok) throw new RegistryError(422, composition.errors.map((e) => compositionError(e)));
        const hash = sha256(composition.supergraphSdl);
        const now = this.#now();
        const next: RegistryState = {
          revision: base.revision + 1,
          partners,
          supergraph: { hash, supergraphSdl: composition.supergraphSdl, apiSdl: composition.apiSdl, composedAt: now },
        };
        if (!(await this.#options.store.save(next, base.revision))) continue;
        this.#state = next;
        await this.#serveOrRevert(base, next, `removal of ${name}`, { supergraphSdl: composition.supergraphSdl, apiSdl: composition.apiSdl, hash });
        this.#options.logger.info(`removed partner subgraph ${name} (${caller.sub}, region ${caller.region}); supergraph ${hash.slice(0, 12)}`);
        return { name, removed: true as const, supergraphHash: hash };
      }
      throw new RegistryError(503, [{ code: 'REGISTRY_BUSY', message: 'The registry kept changing under this request (other gateway instances were writing); retry.' }]);
    });
  }

  /** Picks up changes other gateway instances wrote to the store (also run by the poller). */
  sync(): Promise<void> {
    return this.#exclusive(() => this.#syncLocked('a change in the registry store'));
  }

  /** Polls the store every `pollIntervalMs` (never two polls at once). */
  startPolling(): void {
    if (this.#polling) return;
    this.#polling = true;
    const tick = () => {
      this.#pollTimer = setTimeout(() => {
        this.sync()
          .then(
            () => {
              if (this.#storeFailing) this.#options.logger.info(`registry store readable again (${this.#options.store.description})`);
              this.#storeFailing = false;
            },
            (error: unknown) => {
              if (!this.#storeFailing) this.#options.logger.error(`cannot read the registry store; serving supergraph ${this.#served.hash.slice(0, 12)} until it answers: ${describe(error)}`);
              this.#storeFailing = true;
            },
          )
          .finally(() => {
            if (this.#polling) tick();
          });
      }, this.#options.pollIntervalMs);
      this.#pollTimer.unref();
    };
    tick();
  }

  async stopPolling(): Promise<void> {
    this.#polling = false;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    await this.#lock.catch(() => undefined);
  }

  // ---- internals ---------------------------------------------------------------------------

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(work, work);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  #isCore(name: string): boolean {
    return this.#options.core.some((c) => c.name === name);
  }

  #coreRefusal(name: string): RegistryError {
    return new RegistryError(409, [{ code: 'CORE_SUBGRAPH', message: `"${name}" is a core subgraph of the hub: it comes from the gateway's configuration and cannot be published, replaced or removed here.` }]);
  }

  #assertPartnerName(name: string): void {
    if (this.#isCore(name)) throw this.#coreRefusal(name);
    if (RESERVED_NAMES.has(name)) throw new RegistryError(400, [{ code: 'BAD_REQUEST', message: `name: "${name}" is reserved; choose the partner's own name (e.g. its region, "hainan").` }]);
  }

  /** A partner is changed only by administrators of its owner's province (or the hub's, region 000000). */
  #assertOwner(existing: PartnerRecord, caller: RegistryCaller): void {
    if (caller.region === HUB_REGION || provinceOf(caller.region) === provinceOf(existing.ownerRegion)) return;
    throw new RegistryError(403, [
      { code: 'FORBIDDEN', message: `Partner subgraph "${existing.name}" belongs to region ${existing.ownerRegion}; your token is for region ${caller.region}.` },
    ]);
  }

  /**
   * The ownership check, before anything is fetched: someone who may not change a partner must
   * not make the gateway send requests anywhere on its behalf. (It runs again on the state the
   * change is finally based on.)
   */
  async #assertMayChange(name: string, caller: RegistryCaller): Promise<void> {
    await this.#exclusive(async () => {
      await this.#syncLocked('before a change');
      const existing = this.#state.partners.find((p) => p.name === name);
      if (existing) this.#assertOwner(existing, caller);
    });
  }

  async #fetch(url: string): Promise<string> {
    const fetched = await fetchSubgraphSdl(url, this.#options.sdlFetchTimeoutMs, this.#options.addressPolicy ?? DEVELOPMENT_ADDRESS_POLICY);
    if (!fetched.ok) throw new RegistryError(422, [{ code: fetched.code, message: fetched.message }]);
    return fetched.sdl;
  }

  #parse(sdl: string): DocumentNode {
    let doc = this.#parsed.get(sdl);
    if (!doc) {
      if (this.#parsed.size > 100) this.#parsed.clear();
      doc = parse(sdl);
      this.#parsed.set(sdl, doc);
    }
    return doc;
  }

  /** Composition input: the core first, then partners by name (the same input gives the same supergraph). */
  #sources(partners: readonly { name: string; url: string; sdl: string }[]): SubgraphSource[] {
    return [...this.#options.core, ...[...partners].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => ({ name: p.name, url: p.url, sdl: p.sdl }))];
  }

  /** The checks, in order, stopping at the first that fails: SDL, policy, composition, breaking changes. */
  async #evaluate(name: string, url: string, sdl: string, base: RegistryState): Promise<Evaluation> {
    let doc: DocumentNode;
    try {
      doc = parse(sdl);
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : describe(error);
      return { ok: false, errors: [{ code: 'COMPOSITION_FAILED', compositionCode: 'INVALID_GRAPHQL', message: `The SDL of ${name} does not parse: ${message}` }] };
    }
    const otherPartners = base.partners.filter((p) => p.name !== name);
    const others: ParsedSubgraph[] = [...this.#options.core, ...otherPartners].map((s) => ({ name: s.name, doc: this.#parse(s.sdl) }));
    const violations = checkPartnerPolicy({ name, doc }, others, otherPartners.map((p) => p.name), { allowedFields: this.#options.partnerAllowedFields ?? [] });
    if (violations.length) return { ok: false, errors: violations.map((message) => ({ code: 'POLICY_VIOLATION', message })) };
    const composition = compose(this.#sources([...otherPartners, { name, url, sdl }]));
    if (!composition.ok) return { ok: false, errors: composition.errors.map((e) => compositionError(e)) };
    const changes = await schemaChanges(this.#served.apiSdl, composition.apiSdl);
    const breaking = changes.filter((c) => c.criticality === 'BREAKING');
    if (breaking.length) {
      return { ok: false, errors: breaking.map((c) => ({ code: 'BREAKING_CHANGE', message: c.message, ...(c.path ? { path: c.path } : {}) })) };
    }
    return { ok: true, supergraphSdl: composition.supergraphSdl, apiSdl: composition.apiSdl, hash: sha256(composition.supergraphSdl), changes };
  }

  /** Brings this instance up to the store's revision; a newer registry that does not compose here is not served. */
  async #syncLocked(trigger: string): Promise<void> {
    if ((await this.#options.store.revision()) === this.#state.revision) return;
    const state = await this.#options.store.load();
    if (state.revision === this.#state.revision) return;
    this.#state = state;
    const why = `registry revision ${state.revision} (${trigger})`;
    const composition = compose(this.#sources(state.partners));
    if (!composition.ok) {
      this.#reloadFailed(why, composition.errors.map((e) => compositionError(e)));
      return;
    }
    this.#serve(
      { hash: sha256(composition.supergraphSdl), supergraphSdl: composition.supergraphSdl, apiSdl: composition.apiSdl, subgraphs: this.#sources(state.partners).map((s) => s.name), source: 'composed', since: this.#now() },
      why,
    );
  }

  #initialServe(): void {
    const state = this.#state;
    const composition = compose(this.#sources(state.partners));
    const names = this.#sources(state.partners).map((s) => s.name);
    if (composition.ok) {
      this.#served = { hash: sha256(composition.supergraphSdl), supergraphSdl: composition.supergraphSdl, apiSdl: composition.apiSdl, subgraphs: names, source: 'composed', since: this.#now() };
      this.#lastReload = { ok: true, at: this.#now(), trigger: 'start-up', errors: [] };
      return;
    }
    const errors = composition.errors.map((e) => compositionError(e));
    if (state.supergraph) {
      this.#served = { ...state.supergraph, subgraphs: names, source: 'stored', since: this.#now() };
      this.#options.logger.error(
        `the registry does not compose at start-up (${errors.map((e) => e.compositionCode).join(', ')}); serving the last good supergraph ${state.supergraph.hash.slice(0, 12)} from ${state.supergraph.composedAt.toISOString()}`,
      );
    } else {
      const core = compose(this.#options.core);
      if (!core.ok) throw new Error(`the core subgraphs do not compose: ${core.errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);
      this.#served = { hash: sha256(core.supergraphSdl), supergraphSdl: core.supergraphSdl, apiSdl: core.apiSdl, subgraphs: this.#options.core.map((c) => c.name), source: 'core', since: this.#now() };
      this.#options.logger.error(`the registry does not compose at start-up and holds no last good supergraph; serving the core subgraphs alone`);
    }
    this.#lastReload = { ok: false, at: this.#now(), trigger: 'start-up', errors };
  }

  /** Swaps the gateway onto `graph`; when the gateway refuses it, the old one stays and the failure is reported. */
  #serve(graph: ServedGraph, trigger: string): boolean {
    if (graph.hash !== this.#served.hash) {
      try {
        this.#swap?.(graph.supergraphSdl);
      } catch (error) {
        this.#reloadFailed(trigger, [{ code: 'COMPOSITION_FAILED', compositionCode: 'SUPERGRAPH_REJECTED', message: `the gateway refused the new supergraph: ${describe(error)}` }]);
        return false;
      }
      this.#options.logger.info(`serving supergraph ${graph.hash.slice(0, 12)} (was ${this.#served.hash.slice(0, 12)}) after ${trigger}`);
      this.#served = graph;
    }
    this.#lastReload = { ok: true, at: this.#now(), trigger, errors: [] };
    return true;
  }

  /** Serves a just-stored change; if the gateway refuses it, puts the previous registry back and fails the request. */
  async #serveOrRevert(previous: RegistryState, stored: RegistryState, trigger: string, graph: { supergraphSdl: string; apiSdl: string; hash: string }): Promise<void> {
    const names = this.#sources(stored.partners).map((s) => s.name);
    if (this.#serve({ ...graph, subgraphs: names, source: 'composed', since: this.#now() }, trigger)) return;
    const restored: RegistryState = { ...previous, revision: stored.revision + 1 };
    if (await this.#options.store.save(restored, stored.revision)) this.#state = restored;
    throw new RegistryError(500, [{ code: 'RELOAD_FAILED', message: 'The gateway refused the new supergraph; the registry was left as it was. The failure is logged.' }]);
  }

  #reloadFailed(trigger: string, errors: CheckError[]): void {
    this.#lastReload = { ok: false, at: this.#now(), trigger, errors };
    this.#options.logger.error(
      `reload after ${trigger} failed; still serving the last good supergraph ${this.#served.hash.slice(0, 12)}: ${errors.map((e) => `${e.compositionCode ?? e.code}: ${e.message}`).join(' | ')}`,
    );
  }
}

function compositionError(e: { code: string; message: string }): CheckError {
  return { code: 'COMPOSITION_FAILED', compositionCode: e.code, message: e.message };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
