import type { DocumentStore } from '@apollo/server';
import type { DocumentNode } from 'graphql';

/** Documents Apollo parsed and validated itself, kept at most this many (oldest first out). */
const MAX_LEARNED = 5000;

/**
 * The gateway's Apollo document store (`documentStore`): Apollo looks every operation up here by
 * `<schema hash>:<sha256 of the text>` before parsing and validating it, and keeps what it
 * parsed and validated. The registered documents are pinned in it, parsed and validated when they
 * were registered or the schema changed, so they never cost a parse or a validation, not even
 * the first time or after a supergraph swap, and a flood of one-off operations cannot evict them.
 */
export class PinnedDocumentStore implements DocumentStore {
  #pinned = new Map<string, DocumentNode>();
  readonly #learned = new Map<string, DocumentNode>();
  #pinnedHits = 0;
  #parsed = 0;

  /** Replaces the pinned documents (keys as Apollo builds them: `<schema hash>:<text hash>`). */
  pin(documents: Map<string, DocumentNode>): void {
    this.#pinned = documents;
  }

  /** How many lookups a pinned document answered (the benchmark and tests read it). */
  get pinnedHits(): number {
    return this.#pinnedHits;
  }

  async get(key: string): Promise<DocumentNode | undefined> {
    const pinned = this.#pinned.get(key);
    if (pinned) {
      this.#pinnedHits += 1;
      return pinned;
    }
    return this.#learned.get(key);
  }

  /**
   * How many documents Apollo parsed and validated itself: it stores each one here right after
   * validating it, so a registered document run by id must never add to it (the tests count it).
   */
  get parsed(): number {
    return this.#parsed;
  }

  async set(key: string, value: DocumentNode): Promise<void> {
    this.#parsed += 1;
    if (this.#learned.size >= MAX_LEARNED) this.#learned.delete(this.#learned.keys().next().value!);
    this.#learned.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.#learned.delete(key);
  }
}
