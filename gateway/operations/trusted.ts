import { createHash } from 'node:crypto';
import { type DocumentNode, type GraphQLSchema, printSchema } from 'graphql';
import { PinnedDocumentStore } from './apollo-store.ts';
import { checkDocument, type DocumentRules } from './documents.ts';
import { HUB_CLIENT, type OperationsState, type PublishInput, type TrustedDocument } from './model.ts';
import type { OperationsStore } from './store.ts';

/** A refusal of the operations admin API: HTTP status and `{ code, message }` errors. */
export class OperationsError extends Error {
  constructor(
    readonly status: number,
    readonly errors: { code: string; message: string; id?: string; name?: string }[],
  ) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }
}

/** A registered document that a schema would no longer run, and why. */
export interface BrokenDocument {
  client: string;
  name: string;
  id: string;
  problems: string[];
}

/** What a publish did to each document. */
export interface PublishedDocument {
  id: string;
  name: string;
  status: 'added' | 'unchanged';
}

const MAX_ATTEMPTS = 3;
const schemaKeyPrefix = (schema: GraphQLSchema) => `${createHash('sha256').update(printSchema(schema)).digest('hex')}:`;
const hexOf = (id: string) => id.slice('sha256:'.length);

/**
 * The trusted documents of every client: held in memory (indexed by client and id), stored in an
 * OperationsStore, checked against the API schema the gateway serves, and pinned in Apollo's
 * document store so they run without being parsed or validated again.
 */
export class TrustedDocuments {
  readonly documentStore = new PinnedDocumentStore();
  #state: OperationsState;
  #byClient = new Map<string, Map<string, TrustedDocument>>();
  #schema: GraphQLSchema | undefined;
  #lock: Promise<unknown> = Promise.resolve();
  #poll: NodeJS.Timeout | undefined;

  #rules: DocumentRules = {};

  private constructor(
    readonly store: OperationsStore,
    state: OperationsState,
  ) {
    this.#state = state;
    this.#index();
  }

  /** Loads the documents from `store`. */
  static async open(store: OperationsStore): Promise<TrustedDocuments> {
    return new TrustedDocuments(store, await store.load());
  }

  /** Parse and validate documents as the gateway's Apollo server does (its token limit and extra validation rules). */
  useRules(rules: DocumentRules): void {
    this.#rules = rules;
    this.#pin();
  }

  /** Every document, or one client's, sorted by client then name. */
  list(client?: string): TrustedDocument[] {
    const docs = client === undefined ? this.#state.documents : [...(this.#byClient.get(client)?.values() ?? [])];
    return [...docs].sort((a, b) => (a.client === b.client ? (a.name < b.name ? -1 : 1) : a.client < b.client ? -1 : 1));
  }

  /** Whether `client` registered anything (the production default policy turns on it). */
  hasDocuments(client: string): boolean {
    return (this.#byClient.get(client)?.size ?? 0) > 0;
  }

  /** The document `id` as `client` may run it: its own, else the hub's applications' (see HUB_CLIENT). */
  lookup(client: string, id: string): TrustedDocument | undefined {
    return this.#byClient.get(client)?.get(id) ?? this.#byClient.get(HUB_CLIENT)?.get(id);
  }

  /** Tells the documents which API schema the gateway serves now (the gateway's onSchemaLoadOrUpdate). */
  schemaChanged(schema: GraphQLSchema): void {
    this.#schema = schema;
    this.#pin();
  }

  /**
   * Registers `input.documents` for `input.client`: every document must hash to its id, hold one
   * named operation and validate against the API schema served now; if any does not, nothing is
   * stored and the error lists what to fix for each. Registering a document again changes nothing.
   */
  publish(input: PublishInput, registeredBy: string, now = new Date()): Promise<{ client: string; documents: PublishedDocument[] }> {
    const schema = this.#schema;
    if (!schema) throw new OperationsError(503, [{ code: 'NOT_READY', message: 'The gateway has not loaded its schema yet; retry in a moment.' }]);
    const checked = input.documents.map((d) => ({ ...d, result: checkDocument(d.id, d.text, schema, this.#rules) }));
    const refused = checked.flatMap((d) =>
      d.result.ok
        ? []
        : d.result.problems.map((problem) => ({
            code: problem.startsWith('the id does not match') ? 'DOCUMENT_ID_MISMATCH' : 'INVALID_DOCUMENT',
            message: `${d.id.slice(0, 19)}… ${problem}`,
            id: d.id,
          })),
    );
    if (refused.length) throw new OperationsError(422, refused);
    const ids = new Set<string>();
    const fresh = checked.filter((d) => !ids.has(d.id) && ids.add(d.id));
    return this.#change(async (state) => {
      const own = new Set(state.documents.filter((d) => d.client === input.client).map((d) => d.id));
      const added: TrustedDocument[] = [];
      const documents = fresh.map((d) => {
        const name = d.result.ok ? d.result.name : '';
        if (own.has(d.id)) return { id: d.id, name, status: 'unchanged' as const };
        added.push({ id: d.id, client: input.client, name, text: d.text, registeredAt: now, registeredBy });
        return { id: d.id, name, status: 'added' as const };
      });
      return { next: added.length ? [...state.documents, ...added] : null, result: { client: input.client, documents } };
    });
  }

  /** Removes `client`'s document `id` (404 when it has none). */
  remove(client: string, id: string): Promise<{ client: string; id: string; name: string; removed: true }> {
    return this.#change(async (state) => {
      const existing = state.documents.find((d) => d.client === client && d.id === id);
      if (!existing)
        throw new OperationsError(404, [
          { code: 'NOT_FOUND', message: `Client "${client}" has no document ${id}; \`hub operations list --client ${client}\` lists its documents.` },
        ]);
      return { next: state.documents.filter((d) => d !== existing), result: { client, id, name: existing.name, removed: true as const } };
    });
  }

  /** The clients holding document `id`. */
  clientsOf(id: string): string[] {
    return this.#state.documents.filter((d) => d.id === id).map((d) => d.client);
  }

  /** Picks up documents other gateway instances stored. */
  refresh(): Promise<void> {
    return this.#exclusive(async () => {
      if ((await this.store.revision()) === this.#state.revision) return;
      this.#state = await this.store.load();
      this.#index();
    });
  }

  /** Polls the store every `intervalMs` (other instances' publishes), until `close`. */
  startPolling(intervalMs: number, onError: (error: unknown) => void): void {
    this.#poll ??= setInterval(() => void this.refresh().catch(onError), intervalMs).unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#poll);
    await this.#lock.catch(() => undefined);
    await this.store.close();
  }

  /** Runs a change on the newest stored state, stored with a compare-and-swap (redone when another writer won). */
  #change<T>(work: (state: OperationsState) => Promise<{ next: TrustedDocument[] | null; result: T }>): Promise<T> {
    return this.#exclusive(async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const base = (await this.store.revision()) === this.#state.revision ? this.#state : await this.store.load();
        const { next, result } = await work(base);
        if (!next) {
          this.#adopt(base);
          return result;
        }
        const state = { revision: base.revision + 1, documents: next };
        if (await this.store.save(state, base.revision)) {
          this.#adopt(state);
          return result;
        }
      }
      throw new OperationsError(503, [{ code: 'OPERATIONS_BUSY', message: 'The documents kept changing under this request (other gateway instances were writing); retry.' }]);
    });
  }

  #adopt(state: OperationsState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#index();
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(work, work);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  #index(): void {
    const byClient = new Map<string, Map<string, TrustedDocument>>();
    for (const doc of this.#state.documents) {
      let own = byClient.get(doc.client);
      if (!own) byClient.set(doc.client, (own = new Map()));
      own.set(doc.id, doc);
    }
    this.#byClient = byClient;
    this.#pin();
  }

  /** Parses and validates every document against the schema served now and pins the valid ones in Apollo's store. */
  #pin(): void {
    const schema = this.#schema;
    if (!schema) return;
    const prefix = schemaKeyPrefix(schema);
    const pinned = new Map<string, DocumentNode>();
    for (const doc of this.#state.documents) {
      const key = prefix + hexOf(doc.id);
      if (pinned.has(key)) continue;
      const checked = checkDocument(doc.id, doc.text, schema, this.#rules);
      // One the schema no longer runs (a deploy changed the core) is parsed and refused by Apollo as any text is.
      if (checked.ok) pinned.set(key, checked.document);
    }
    this.documentStore.pin(pinned);
  }
}

/** Which of `documents` do not validate against `schema` (specified rules: what a schema change can break). */
export function brokenDocuments(documents: readonly Pick<TrustedDocument, 'client' | 'name' | 'id' | 'text'>[], schema: GraphQLSchema): BrokenDocument[] {
  const broken: BrokenDocument[] = [];
  for (const doc of documents) {
    const checked = checkDocument(doc.id, doc.text, schema);
    if (!checked.ok) broken.push({ client: doc.client, name: doc.name, id: doc.id, problems: checked.problems });
  }
  return broken;
}
