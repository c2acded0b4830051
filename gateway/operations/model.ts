import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Trusted documents: the operations a client system registered with the hub, identified by
 * `sha256:<hex>` of their exact text (the GraphQL-over-HTTP persisted documents proposal's
 * identifier). A client runs them by id; its policy (./policy.ts) says whether it may run
 * anything else.
 */

/** `sha256:` and 64 lower-case hex digits. */
export const DocumentId = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" followed by the 64 lower-case hex digits of the SHA-256 of the document text');

/** The id of a document text: `sha256:<hex of the exact text, UTF-8>`. */
export function documentIdOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** A client system, as its token's `sub` names it. */
export const ClientName = z.string().min(1, 'is required').max(128, 'must be at most 128 characters');

/** One registered document as stored. */
export const TrustedDocument = z.object({
  id: DocumentId,
  /** The client system that may run it (token `sub`). */
  client: ClientName,
  /** Its operation's name (one named operation per document). */
  name: z.string().min(1),
  text: z.string().min(1),
  registeredAt: z.coerce.date(),
  /** The token `sub` that published it (the client itself, an administrator, or HUB_REGISTRAR). */
  registeredBy: z.string().min(1),
  /**
   * When a gateway first found this hub document (HUB_CLIENT, registered by HUB_REGISTRAR) missing
   * from its application files: it still runs, and is removed once it has been retired for
   * HUB_OPERATIONS_HUB_RETIRE_AFTER_MS (old dashboards keep sending it during a rolling deploy).
   */
  retiredAt: z.coerce.date().optional(),
});
export type TrustedDocument = z.infer<typeof TrustedDocument>;

/** Everything stored: the documents of every client, with a revision for compare-and-swap writes. */
export const OperationsState = z.object({
  revision: z.number().int().min(0),
  documents: z.array(TrustedDocument),
});
export type OperationsState = z.infer<typeof OperationsState>;

export const EMPTY_OPERATIONS: OperationsState = { revision: 0, documents: [] };

/**
 * The client the hub registers its own applications' documents under (the dashboard's operations
 * and the explorer's examples). Its documents are the only ones any client may run by id: they
 * are the hub's user interface, which every provincial system's users open with their own token.
 */
export const HUB_CLIENT = 'hub-dashboard';

/** Who registers the hub applications' documents: the gateway itself, at start (`registeredBy`). */
export const HUB_REGISTRAR = 'hub-gateway';

/**
 * Whether a schema change must keep `doc` running (the one rule of a partner publish, a partner
 * removal, `hub subgraph check` and `npm run compose`): every client's document must, except a hub
 * application document the gateway registered from files that no longer hold it (retired: it runs
 * out its grace period and goes, so it does not hold a change back). `hubFileIds`: the ids the hub
 * applications' files hold, when the caller has them (a checkout's schema/operations); without
 * them the document's `retiredAt` says it (set by the gateways that serve those files).
 */
export function mustKeepRunning(
  doc: Pick<TrustedDocument, 'client' | 'id'> & Partial<Pick<TrustedDocument, 'registeredBy' | 'retiredAt'>>,
  hubFileIds?: ReadonlySet<string>,
): boolean {
  if (doc.client !== HUB_CLIENT || doc.registeredBy !== HUB_REGISTRAR) return true;
  return hubFileIds ? hubFileIds.has(doc.id) : doc.retiredAt === undefined;
}

/** What a client may run (HUB_OPERATIONS_POLICY). */
export const OperationsPolicy = z.enum(['open', 'registered-or-open', 'registered-only']);
export type OperationsPolicy = z.infer<typeof OperationsPolicy>;

/** The most a publish may carry. */
export const MAX_DOCUMENTS_PER_PUBLISH = 500;
export const MAX_DOCUMENT_BYTES = 64 * 1024;

/** The body of a publish: documents with their ids, for one client. */
export const PublishInput = z.object({
  client: ClientName,
  documents: z
    .array(
      z.object({
        id: DocumentId,
        text: z.string().min(1, 'is empty').max(MAX_DOCUMENT_BYTES, `must be at most ${MAX_DOCUMENT_BYTES} characters`),
      }),
    )
    .min(1, 'must list at least one document')
    .max(MAX_DOCUMENTS_PER_PUBLISH, `must list at most ${MAX_DOCUMENTS_PER_PUBLISH} documents per publish`),
});
export type PublishInput = z.infer<typeof PublishInput>;
