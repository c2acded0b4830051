import { createHash } from 'node:crypto';
import { type DocumentNode, type GraphQLSchema, printSchema } from 'graphql';
import { PinnedDocumentStore } from './apollo-store.ts';
import { checkDocument, type DocumentRules } from './documents.ts';
import { HUB_CLIENT, HUB_REGISTRAR, type OperationsState, type PublishInput, type TrustedDocument } from './model.ts';
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

/** What a sync of the hub applications' documents did (see TrustedDocuments.syncHubDocuments). */
export interface HubDocumentsSync {
  added: TrustedDocument[];
  /** Found missing from the files now: still runnable until the grace period ends. */
  retired: TrustedDocument[];
  /** Retired, but in the files again (a rollback, or an instance of that version still running). */
  restored: TrustedDocument[];
  /** Retired for longer than the grace period: gone. */
  removed: TrustedDocument[];
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
  #hubSweep: NodeJS.Timeout | undefined;

  #rules: DocumentRules = {};
  /** Why the schema served now does not run a document, by id (a core change deployed without `hub supergraph check`). */
  #problems = new Map<string, string[]>();
  #onNotRunnable: ((documents: BrokenDocument[]) => void) | undefined;
  #reported = '';

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

  /**
   * Makes the hub applications' documents (HUB_CLIENT, registered by HUB_REGISTRAR) follow
   * `documents`, the applications' operations as this gateway's files hold them, safely for a
   * rolling deploy: a missing document is registered; one that is no longer in the files is
   * retired (marked, still runnable: old dashboards are still open, old instances still serve
   * them), and removed once it has been retired for `retireAfterMs`; a retired one that is in the
   * files again is restored. Documents of other clients, and HUB_CLIENT documents an administrator
   * published, are never touched. Every document must validate as for `publish`, else nothing changes.
   */
  async syncHubDocuments(documents: PublishInput['documents'], options: { retireAfterMs: number; now?: Date }): Promise<HubDocumentsSync> {
    const schema = this.#schema;
    if (!schema) throw new OperationsError(503, [{ code: 'NOT_READY', message: 'The gateway has not loaded its schema yet; retry in a moment.' }]);
    const current = new Map<string, { text: string; name: string }>();
    const refused: { code: string; message: string; id: string }[] = [];
    for (const d of documents) {
      const checked = checkDocument(d.id, d.text, schema, this.#rules);
      if (checked.ok) current.set(d.id, { text: d.text, name: checked.name });
      else refused.push(...checked.problems.map((problem) => ({ code: 'INVALID_DOCUMENT', message: `${d.id.slice(0, 19)}… ${problem}`, id: d.id })));
    }
    if (refused.length) throw new OperationsError(422, refused);
    const now = options.now ?? new Date();
    return this.#change(async (state) => {
      const result: HubDocumentsSync = { added: [], retired: [], restored: [], removed: [] };
      const next: TrustedDocument[] = [];
      const held = new Set<string>();
      for (const doc of state.documents) {
        if (doc.client !== HUB_CLIENT) {
          next.push(doc);
          continue;
        }
        held.add(doc.id);
        if (current.has(doc.id) || doc.registeredBy !== HUB_REGISTRAR) {
          if (!doc.retiredAt) next.push(doc);
          else {
            const { retiredAt: _, ...restored } = doc;
            next.push(restored);
            result.restored.push(restored);
          }
        } else if (!doc.retiredAt) {
          const retired = { ...doc, retiredAt: now };
          next.push(retired);
          result.retired.push(retired);
        } else if (now.getTime() - doc.retiredAt.getTime() >= options.retireAfterMs) result.removed.push(doc);
        else next.push(doc);
      }
      for (const [id, { text, name }] of current) {
        if (held.has(id)) continue;
        const added = { id, client: HUB_CLIENT, name, text, registeredAt: now, registeredBy: HUB_REGISTRAR };
        next.push(added);
        result.added.push(added);
      }
      const changed = result.added.length + result.retired.length + result.restored.length + result.removed.length > 0;
      return { next: changed ? next : null, result };
    });
  }

  /**
   * Runs `syncHubDocuments(documents)` now and then every so often until `close` (a quarter of
   * the grace period, at most hourly), so a retired document is removed without waiting for the
   * next start, and an instance still serving an older dashboard keeps its documents while it runs.
   */
  async keepHubDocuments(
    documents: PublishInput['documents'],
    options: { retireAfterMs: number; onSync: (result: HubDocumentsSync) => void; onError: (error: unknown) => void },
  ): Promise<HubDocumentsSync> {
    const sync = () => this.syncHubDocuments(documents, options);
    const result = await sync();
    clearInterval(this.#hubSweep);
    const every = Math.min(Math.max(options.retireAfterMs / 4, 100), 3_600_000);
    this.#hubSweep = setInterval(() => void sync().then(options.onSync, options.onError), every).unref();
    return result;
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
    clearInterval(this.#hubSweep);
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
    const problems = new Map<string, string[]>();
    for (const doc of this.#state.documents) {
      const key = prefix + hexOf(doc.id);
      if (pinned.has(key) || problems.has(doc.id)) continue;
      const checked = checkDocument(doc.id, doc.text, schema, this.#rules);
      if (checked.ok) pinned.set(key, checked.document);
      // One the schema no longer runs (a core change deployed without `hub supergraph check`) is refused by id, saying why (problemsOf).
      else problems.set(doc.id, checked.problems);
    }
    this.documentStore.pin(pinned);
    this.#problems = problems;
    this.#reportNotRunnable();
  }

  /** Why the schema served now does not run document `id`; undefined when it does (or before a schema is loaded). */
  problemsOf(id: string): readonly string[] | undefined {
    return this.#problems.get(id);
  }

  /** The registered documents the schema served now does not run, with why, sorted by client then name. */
  notRunnable(): BrokenDocument[] {
    return this.list().flatMap((d) => {
      const problems = this.#problems.get(d.id);
      return problems ? [{ client: d.client, name: d.name, id: d.id, problems }] : [];
    });
  }

  /** Calls `report` with notRunnable() whenever that list changes (the gateway logs it: an operator must see it). */
  onNotRunnable(report: (documents: BrokenDocument[]) => void): void {
    this.#onNotRunnable = report;
    this.#reported = '';
    this.#reportNotRunnable();
  }

  #reportNotRunnable(): void {
    if (!this.#onNotRunnable || !this.#schema) return;
    const broken = this.notRunnable();
    const key = broken.map((d) => `${d.client} ${d.id}`).join('\n');
    if (key === this.#reported) return;
    this.#reported = key;
    this.#onNotRunnable(broken);
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
