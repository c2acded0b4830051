import type { SubgraphSource } from '../../schema/compose.ts';
import type { AddressPolicy } from './address.ts';
import { type CheckResult, type PublishResult, type RegistryCaller, RegistryCommands } from './commands.ts';
import { RegistryLedger } from './ledger.ts';
import { HUB_REGION, type SubgraphEntry } from './model.ts';
import { StorePoller } from './polling.ts';
import { type RegistryLogger, type ReloadStatus, type ServedGraph, SupergraphServing } from './serving.ts';
import type { RegistryStore } from './store.ts';
import type { TrustedDocument } from '../operations/model.ts';

export type { CheckResult, PublishResult, RegistryCaller } from './commands.ts';
export type { RegistryLogger, ReloadStatus, ServedGraph } from './serving.ts';

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
  /** The clients' registered documents (gateway/operations): a publish or removal that would break one is refused. */
  documents?: () => readonly TrustedDocument[];
}

/**
 * The hub's subgraph registry: which subgraphs make the graph, the checks a partner's schema must
 * pass, and the supergraph the gateway serves. It wires three parts over one ledger (the state,
 * its lock and the store): the commands (./commands.ts: publish, check, remove), the serving
 * (./serving.ts: what is served, reloads, reverting a supergraph the gateway refuses) and the
 * store poller (./polling.ts: changes other gateway instances made).
 */
export class SubgraphRegistry {
  readonly #ledger: RegistryLedger;
  readonly #serving: SupergraphServing;
  readonly #commands: RegistryCommands;
  readonly #poller: StorePoller;
  readonly #core: readonly SubgraphSource[];

  private constructor(options: RegistryOptions, ledger: RegistryLedger) {
    const now = options.now ?? (() => new Date());
    this.#core = options.core;
    this.#ledger = ledger;
    this.#serving = new SupergraphServing({ core: options.core, logger: options.logger, now });
    this.#commands = new RegistryCommands({
      ledger,
      serving: this.#serving,
      sync: (trigger) => this.#syncLocked(trigger),
      core: options.core,
      sdlFetchTimeoutMs: options.sdlFetchTimeoutMs,
      logger: options.logger,
      now,
      addressPolicy: options.addressPolicy,
      partnerAllowedFields: options.partnerAllowedFields,
      documents: options.documents,
    });
    this.#poller = new StorePoller({
      sync: () => this.sync(),
      intervalMs: options.pollIntervalMs,
      logger: options.logger,
      storeDescription: options.store.description,
      servedHash: () => this.#serving.served.hash,
    });
  }

  /**
   * Loads the registry and decides what to serve first: the core and the stored partners
   * composed from their stored SDL (no subgraph needs to be up), else the last good supergraph,
   * else the core subgraphs alone.
   */
  static async open(options: RegistryOptions): Promise<SubgraphRegistry> {
    const registry = new SubgraphRegistry(options, new RegistryLedger(options.store, await options.store.load()));
    registry.#serving.start(registry.#ledger.state);
    return registry;
  }

  get served(): ServedGraph {
    return this.#serving.served;
  }

  get lastReload(): ReloadStatus {
    return this.#serving.lastReload;
  }

  get revision(): number {
    return this.#ledger.state.revision;
  }

  /** False while the store cannot be read (polling keeps trying; the served graph stays). */
  get storeReachable(): boolean {
    return this.#poller.reachable;
  }

  get storeDescription(): string {
    return this.#ledger.store.description;
  }

  /** Every subgraph of the registry, core first, then partners by name. */
  list(): SubgraphEntry[] {
    const served = new Set(this.#serving.served.subgraphs);
    return [
      ...this.#core.map((c) => ({
        name: c.name,
        url: c.url,
        kind: 'core' as const,
        ownerRegion: HUB_REGION,
        addedBy: null,
        addedAt: null,
        updatedAt: null,
        sdl: c.sdl,
        served: served.has(c.name),
      })),
      ...this.#ledger.state.partners.map((p) => ({
        name: p.name,
        url: p.url,
        kind: 'partner' as const,
        ownerRegion: p.ownerRegion,
        addedBy: p.addedBy,
        addedAt: p.addedAt,
        updatedAt: p.updatedAt,
        sdl: p.sdl,
        served: served.has(p.name),
      })),
    ];
  }

  /** Lets the gateway be swapped onto each new supergraph (the SupergraphManager's `update`). */
  attach(swap: (supergraphSdl: string) => void): void {
    this.#serving.attach(swap);
  }

  detach(): void {
    this.#serving.detach();
  }

  /** Runs the checks of a publish without storing anything (see `RegistryCommands.check`). */
  check(input: { name: string; url: string }, caller: RegistryCaller): Promise<CheckResult> {
    return this.#commands.check(input, caller);
  }

  /** Adds or updates a partner subgraph (see `RegistryCommands.publish`). */
  publish(input: { name: string; url: string }, caller: RegistryCaller): Promise<PublishResult> {
    return this.#commands.publish(input, caller);
  }

  /** Removes a partner subgraph (see `RegistryCommands.remove`). */
  remove(name: string, caller: RegistryCaller): Promise<{ name: string; removed: true; supergraphHash: string }> {
    return this.#commands.remove(name, caller);
  }

  /** Picks up changes other gateway instances wrote to the store (also run by the poller). */
  sync(): Promise<void> {
    return this.#ledger.exclusive(() => this.#syncLocked('a change in the registry store'));
  }

  /** Polls the store every `pollIntervalMs` (never two polls at once). */
  startPolling(): void {
    this.#poller.start();
  }

  async stopPolling(): Promise<void> {
    this.#poller.stop();
    await this.#ledger.idle();
  }

  /** Brings this instance up to the store's revision; a newer registry that does not compose here is not served. */
  async #syncLocked(trigger: string): Promise<void> {
    const state = await this.#ledger.refresh();
    if (state) this.#serving.reload(state, `registry revision ${state.revision} (${trigger})`);
  }
}
