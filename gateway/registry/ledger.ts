import type { RegistryState } from './model.ts';
import type { RegistryStore } from './store.ts';

/**
 * The registry state this gateway instance holds, with the one in-process lock every change runs
 * under and the store it is read from and written to. Writes are a compare-and-swap on the
 * store's revision, so a change based on a stale state is refused by the store, never lost.
 */
export class RegistryLedger {
  #state: RegistryState;
  #lock: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: RegistryStore,
    state: RegistryState,
  ) {
    this.#state = state;
  }

  /** The state as this instance last read or wrote it. */
  get state(): RegistryState {
    return this.#state;
  }

  /** Runs `work` after every change queued before it (a failed one included), never two at once. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(work, work);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  /** Resolves when the work queued so far has finished, whether it succeeded or not. */
  async idle(): Promise<void> {
    await this.#lock.catch(() => undefined);
  }

  /** Reads the store when its revision moved; returns the newer state (now held), or null when nothing changed. */
  async refresh(): Promise<RegistryState | null> {
    if ((await this.store.revision()) === this.#state.revision) return null;
    const state = await this.store.load();
    if (state.revision === this.#state.revision) return null;
    this.#state = state;
    return state;
  }

  /** Stores `next` if the store is still at `baseRevision` (then holds it); false when another instance wrote first. */
  async write(next: RegistryState, baseRevision: number): Promise<boolean> {
    if (!(await this.store.save(next, baseRevision))) return false;
    this.#state = next;
    return true;
  }
}
