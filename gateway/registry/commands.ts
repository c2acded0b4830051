import { buildSchema, type DocumentNode, GraphQLError, parse } from 'graphql';
import { brokenDocuments } from '../operations/trusted.ts';
import { mustKeepRunning, type TrustedDocument } from '../operations/model.ts';
import { provinceOf } from '../../platform/text.ts';
import { compose, type SubgraphSource } from '../../schema/compose.ts';
import { type AddressPolicy, DEVELOPMENT_ADDRESS_POLICY } from './address.ts';
import { type CheckError, fetchSubgraphSdl, type SchemaChange, schemaChanges } from './checks.ts';
import { RegistryError } from './errors.ts';
import type { RegistryLedger } from './ledger.ts';
import { HUB_REGION, type PartnerRecord, type RegistryState, RESERVED_NAMES } from './model.ts';
import { checkPartnerPolicy, type ParsedSubgraph } from './policy.ts';
import { type ComposedGraph, compositionError, compositionSources, errorMessage, type RegistryLogger, sha256, type SupergraphServing } from './serving.ts';

/** Who asks the registry for something: the verified client (token `sub` and `region`). */
export interface RegistryCaller {
  sub: string;
  region: string;
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

/** What the commands need: the ledger and serving they change, and the checks' settings. */
export interface CommandOptions {
  ledger: RegistryLedger;
  serving: SupergraphServing;
  /** Brings the ledger up to the store's revision (under the ledger's lock). */
  sync: (trigger: string) => Promise<void>;
  core: readonly SubgraphSource[];
  sdlFetchTimeoutMs: number;
  logger: RegistryLogger;
  now: () => Date;
  addressPolicy?: AddressPolicy | undefined;
  partnerAllowedFields?: readonly string[] | undefined;
  /** The clients' registered documents (gateway/operations): a change that would break one is refused. */
  documents?: (() => readonly TrustedDocument[]) | undefined;
}

/** The outcome of the checks: the supergraph the change gives and its changes, or every reason it is refused. */
export type Evaluation = ({ ok: true; changes: SchemaChange[] } & ComposedGraph) | { ok: false; errors: CheckError[] };

const MAX_ATTEMPTS = 3;

const busy = () => new RegistryError(503, [{ code: 'REGISTRY_BUSY', message: 'The registry kept changing under this request (other gateway instances were writing); retry.' }]);

/**
 * The commands of the registry: publish, check and remove a partner subgraph. Each validates the
 * caller and the SDL, composes, checks policy and breaking changes, then stores the result with a
 * compare-and-swap: a change based on a stale registry is redone on the newer one, never lost.
 */
export class RegistryCommands {
  readonly #parsed = new Map<string, DocumentNode>();

  constructor(private readonly options: CommandOptions) {}

  /** Runs the checks of a publish without storing anything. */
  async check(input: { name: string; url: string }, caller: RegistryCaller): Promise<CheckResult> {
    this.#assertPartnerName(input.name);
    await this.#assertMayChange(input.name, caller);
    const sdl = await this.#fetch(input.url);
    const { ledger, sync } = this.options;
    return ledger.exclusive(async () => {
      await sync('before a check');
      const existing = ledger.state.partners.find((p) => p.name === input.name);
      if (existing) assertOwner(existing, caller);
      const evaluation = await this.#evaluate(input.name, input.url, sdl, ledger.state);
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
    const { ledger, sync, now, logger } = this.options;
    return ledger.exclusive(async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        await sync('before a publish');
        const base = ledger.state;
        const existing = base.partners.find((p) => p.name === input.name);
        if (existing) assertOwner(existing, caller);
        const evaluation = await this.#evaluate(input.name, input.url, sdl, base);
        if (!evaluation.ok) throw new RegistryError(422, evaluation.errors);
        const at = now();
        const record: PartnerRecord = existing
          ? { ...existing, url: input.url, sdl, updatedBy: caller.sub, updatedAt: at }
          : { name: input.name, url: input.url, ownerRegion: caller.region, addedBy: caller.sub, addedAt: at, updatedBy: caller.sub, updatedAt: at, sdl };
        const partners = [...base.partners.filter((p) => p.name !== input.name), record].sort((a, b) => (a.name < b.name ? -1 : 1));
        const stored = await this.#store(base, partners, evaluation, `publish of ${input.name}`);
        if (!stored) continue; // another instance wrote first: redo on its state
        logger.info(`${existing ? 'updated' : 'added'} partner subgraph ${input.name} (${caller.sub}, region ${caller.region}); supergraph ${evaluation.hash.slice(0, 12)}`);
        return { name: input.name, url: input.url, supergraphHash: evaluation.hash, created: !existing, changes: evaluation.changes };
      }
      throw busy();
    });
  }

  /** Removes a partner subgraph, recomposes without it and swaps the gateway. Core subgraphs cannot be removed (409). */
  async remove(name: string, caller: RegistryCaller): Promise<{ name: string; removed: true; supergraphHash: string }> {
    if (this.#isCore(name)) throw coreRefusal(name);
    const { ledger, sync, logger } = this.options;
    return ledger.exclusive(async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        await sync('before a removal');
        const base = ledger.state;
        const existing = base.partners.find((p) => p.name === name);
        if (!existing) throw new RegistryError(404, [{ code: 'NOT_FOUND', message: `No partner subgraph is named "${name}".` }]);
        assertOwner(existing, caller);
        const partners = base.partners.filter((p) => p.name !== name);
        const composition = compose(compositionSources(this.options.core, partners));
        if (!composition.ok)
          throw new RegistryError(
            422,
            composition.errors.map((e) => compositionError(e)),
          );
        const broken = documentErrors(this.options.documents?.() ?? [], composition.apiSdl);
        if (broken.length) throw new RegistryError(422, broken);
        const graph = { supergraphSdl: composition.supergraphSdl, apiSdl: composition.apiSdl, hash: sha256(composition.supergraphSdl) };
        if (!(await this.#store(base, partners, graph, `removal of ${name}`))) continue;
        logger.info(`removed partner subgraph ${name} (${caller.sub}, region ${caller.region}); supergraph ${graph.hash.slice(0, 12)}`);
        return { name, removed: true as const, supergraphHash: graph.hash };
      }
      throw busy();
    });
  }

  /**
   * Writes `partners` and their supergraph on top of `base` and serves it. False when another
   * instance wrote first; throws (after putting `base` back) when the gateway refuses the graph.
   */
  async #store(base: RegistryState, partners: PartnerRecord[], graph: ComposedGraph, trigger: string): Promise<boolean> {
    const { ledger, serving, now } = this.options;
    const next: RegistryState = {
      revision: base.revision + 1,
      partners,
      supergraph: { hash: graph.hash, supergraphSdl: graph.supergraphSdl, apiSdl: graph.apiSdl, composedAt: now() },
    };
    if (!(await ledger.write(next, base.revision))) return false;
    if (await serving.serveOrRevert(ledger, base, next, trigger, { supergraphSdl: graph.supergraphSdl, apiSdl: graph.apiSdl, hash: graph.hash })) return true;
    throw new RegistryError(500, [{ code: 'RELOAD_FAILED', message: 'The gateway refused the new supergraph; the registry was left as it was. The failure is logged.' }]);
  }

  #isCore(name: string): boolean {
    return this.options.core.some((c) => c.name === name);
  }

  #assertPartnerName(name: string): void {
    if (this.#isCore(name)) throw coreRefusal(name);
    if (RESERVED_NAMES.has(name))
      throw new RegistryError(400, [{ code: 'BAD_REQUEST', message: `name: "${name}" is reserved; choose the partner's own name (e.g. its region, "hainan").` }]);
  }

  /**
   * The ownership check, before anything is fetched: someone who may not change a partner must
   * not make the gateway send requests anywhere on its behalf. (It runs again on the state the
   * change is finally based on.)
   */
  async #assertMayChange(name: string, caller: RegistryCaller): Promise<void> {
    const { ledger, sync } = this.options;
    await ledger.exclusive(async () => {
      await sync('before a change');
      const existing = ledger.state.partners.find((p) => p.name === name);
      if (existing) assertOwner(existing, caller);
    });
  }

  async #fetch(url: string): Promise<string> {
    const fetched = await fetchSubgraphSdl(url, this.options.sdlFetchTimeoutMs, this.options.addressPolicy ?? DEVELOPMENT_ADDRESS_POLICY);
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

  /** The checks of a publish on `sdl`, against the registry `base` and the supergraph served now. */
  #evaluate(name: string, url: string, sdl: string, base: RegistryState): Promise<Evaluation> {
    return evaluatePartner({
      candidate: { name, url, sdl },
      core: this.options.core,
      partners: base.partners,
      servedApiSdl: this.options.serving.served.apiSdl,
      allowedFields: this.options.partnerAllowedFields ?? [],
      documents: this.options.documents?.() ?? [],
      parse: (text) => this.#parse(text),
    });
  }
}

/** What the checks of a publish read: the candidate, the rest of the graph and the API schema served now. */
export interface PartnerEvaluationInput {
  candidate: { name: string; url: string; sdl: string };
  /** The core subgraphs (the hub's SDL files, as the gateway composes them). */
  core: readonly SubgraphSource[];
  /** The partners in the registry; the candidate's earlier version, if any, is left out. */
  partners: readonly { name: string; url: string; sdl: string }[];
  /** The API schema served now: breaking changes are measured against it. */
  servedApiSdl: string;
  /** Core fields partners may reference besides key fields (HUB_PARTNER_ALLOWED_FIELDS). */
  allowedFields: readonly string[];
  /** Parses the other subgraphs' SDL (the registry passes a cache); default graphql's `parse`. */
  parse?: (sdl: string) => DocumentNode;
  /** The clients' registered documents: each must still validate against the new API schema. */
  documents?: readonly CheckedDocument[];
}

/**
 * The checks a publish runs, in order, stopping at the first that fails: the SDL parses, keeps to
 * the partner policy, composes with the rest of the graph, and breaks nothing in the API schema
 * served now. Pure: the registry runs it under its lock, `hub subgraph check --schema` offline.
 */
export async function evaluatePartner(input: PartnerEvaluationInput): Promise<Evaluation> {
  const { name, url, sdl } = input.candidate;
  const parseOther = input.parse ?? parse;
  let doc: DocumentNode;
  try {
    doc = parse(sdl);
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : errorMessage(error);
    return { ok: false, errors: [{ code: 'COMPOSITION_FAILED', compositionCode: 'INVALID_GRAPHQL', message: `The SDL of ${name} does not parse: ${message}` }] };
  }
  const otherPartners = input.partners.filter((p) => p.name !== name);
  const others: ParsedSubgraph[] = [...input.core, ...otherPartners].map((s) => ({ name: s.name, doc: parseOther(s.sdl) }));
  const violations = checkPartnerPolicy(
    { name, doc },
    others,
    otherPartners.map((p) => p.name),
    { allowedFields: input.allowedFields },
  );
  if (violations.length) return { ok: false, errors: violations.map((message) => ({ code: 'POLICY_VIOLATION', message })) };
  const composition = compose(compositionSources(input.core, [...otherPartners, { name, url, sdl }]));
  if (!composition.ok) return { ok: false, errors: composition.errors.map((e) => compositionError(e)) };
  const changes = await schemaChanges(input.servedApiSdl, composition.apiSdl);
  const breaking = changes.filter((c) => c.criticality === 'BREAKING');
  const broken = documentErrors(input.documents ?? [], composition.apiSdl);
  if (breaking.length || broken.length) {
    return { ok: false, errors: [...broken, ...breaking.map((c) => ({ code: 'BREAKING_CHANGE' as const, message: c.message, ...(c.path ? { path: c.path } : {}) }))] };
  }
  return { ok: true, supergraphSdl: composition.supergraphSdl, apiSdl: composition.apiSdl, hash: sha256(composition.supergraphSdl), changes };
}

/** A registered document as a check reads it (`registeredBy` and `retiredAt` say whether it holds a change back: mustKeepRunning). */
type CheckedDocument = Pick<TrustedDocument, 'client' | 'name' | 'id' | 'text'> & Partial<Pick<TrustedDocument, 'registeredBy' | 'retiredAt'>>;

/**
 * A BREAKING_CHANGE for each registered document the API schema `apiSdl` would no longer run,
 * naming the client and the operation: the change waits until the client removes the document
 * (explicitly, `hub operations remove`) or the change keeps what it uses. A retired hub
 * application document does not count (mustKeepRunning, the rule `npm run compose` follows too).
 */
function documentErrors(documents: readonly CheckedDocument[], apiSdl: string): CheckError[] {
  const kept = documents.filter((d) => mustKeepRunning(d));
  if (!kept.length) return [];
  return brokenDocuments(kept, buildSchema(apiSdl)).map((d) => ({
    code: 'BREAKING_CHANGE',
    message: `Client "${d.client}"'s registered operation ${d.name} (${d.id}) would no longer run: ${d.problems.join(' ')} Keep what it uses, or have it removed first: hub operations remove --client ${d.client} --id ${d.id}.`,
    path: `${d.client}/${d.name}`,
  }));
}

function coreRefusal(name: string): RegistryError {
  return new RegistryError(409, [
    { code: 'CORE_SUBGRAPH', message: `"${name}" is a core subgraph of the hub: it comes from the gateway's configuration and cannot be published, replaced or removed here.` },
  ]);
}

/** A partner is changed only by administrators of its owner's province (or the hub's, region 000000). */
function assertOwner(existing: PartnerRecord, caller: RegistryCaller): void {
  if (caller.region === HUB_REGION || provinceOf(caller.region) === provinceOf(existing.ownerRegion)) return;
  throw new RegistryError(403, [
    { code: 'FORBIDDEN', message: `Partner subgraph "${existing.name}" belongs to region ${existing.ownerRegion}; your token is for region ${caller.region}.` },
  ]);
}
