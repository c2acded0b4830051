import type { RegistryLogger } from './serving.ts';

/**
 * Polls the registry store for changes other gateway instances made: `sync` every `intervalMs`,
 * never two at once. While the store cannot be read the served graph stays, and the poller says
 * so once (and once again when the store answers).
 */
export class StorePoller {
  #timer: NodeJS.Timeout | undefined;
  #polling = false;
  #failing = false;

  constructor(
    private readonly options: {
      sync: () => Promise<void>;
      intervalMs: number;
      logger: RegistryLogger;
      /** For the log lines: where the store is, and which supergraph stays served meanwhile. */
      storeDescription: string;
      servedHash: () => string;
    },
  ) {}

  /** False while the store cannot be read (polling keeps trying). */
  get reachable(): boolean {
    return !this.#failing;
  }

  start(): void {
    if (this.#polling) return;
    this.#polling = true;
    const { sync, intervalMs, logger, storeDescription, servedHash } = this.options;
    const tick = () => {
      this.#timer = setTimeout(() => {
        sync()
          .then(
            () => {
              if (this.#failing) logger.info(`registry store readable again (${storeDescription})`);
              this.#failing = false;
            },
            (error: unknown) => {
              if (!this.#failing)
                logger.error(
                  `cannot read the registry store; serving supergraph ${servedHash().slice(0, 12)} until it answers: ${error instanceof Error ? error.message : String(error)}`,
                );
              this.#failing = true;
            },
          )
          .finally(() => {
            if (this.#polling) tick();
          });
      }, intervalMs);
      this.#timer.unref();
    };
    tick();
  }

  /** Stops polling (a poll under way finishes on its own). */
  stop(): void {
    this.#polling = false;
    if (this.#timer) clearTimeout(this.#timer);
  }
}
