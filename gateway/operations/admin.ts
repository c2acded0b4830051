import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response, Router } from 'express';
import { type ClientIdentity, RequestRejected } from '../auth.ts';
import { ADMIN_SCOPE } from '../registry/admin.ts';
import { DocumentId, HUB_CLIENT, PublishInput } from './model.ts';
import { OperationsError, type TrustedDocuments } from './trusted.ts';

/** The scope that lets a client system publish, list and remove its own documents (its token `sub`). */
export const PUBLISH_SCOPE = 'operations:publish';

type AdminRequest = Request & { identity?: ClientIdentity };

function sendErrors(res: Response, status: number, errors: { code: string; message: string }[]): void {
  res.status(status).json({ errors });
}

/**
 * The trusted documents' admin API, at `/admin/operations` (JSON in and out):
 *
 * - `POST /` `{ client, documents: [{ id, text }] }`: registers documents for `client`: 201
 *   `{ client, documents: [{ id, name, status: added|unchanged }] }`, or 422 listing, for each
 *   document refused, `DOCUMENT_ID_MISMATCH` or `INVALID_DOCUMENT` and what to fix (nothing stored).
 * - `GET /?client=`: the documents (of one client, or every client's for an administrator), each
 *   with `runnable` (false, with `problems`, when the schema served now no longer validates it).
 * - `DELETE /:id?client=`: removes one client's document (default: the caller's own; an
 *   administrator names the client unless only one client holds the id).
 *
 * `registry:admin` may act for any client; `operations:publish` only for the caller's own `sub`
 * (for another client: 403, nothing stored). 401 without a valid token.
 */
export function createOperationsRouter(deps: { trusted: TrustedDocuments; verifyClient: (authorization: string | undefined) => Promise<ClientIdentity> }): Router {
  const router = Router();
  const { trusted } = deps;

  const authenticate: RequestHandler = (req, res, next) => {
    deps.verifyClient(req.headers.authorization).then(
      (identity) => {
        if (!identity.scopes.includes(ADMIN_SCOPE) && !identity.scopes.includes(PUBLISH_SCOPE)) {
          return sendErrors(res, 403, [
            {
              code: 'FORBIDDEN',
              message: `Registering operations needs the "${PUBLISH_SCOPE}" scope (your own documents) or "${ADMIN_SCOPE}"; ask the hub operators for a token that has it.`,
            },
          ]);
        }
        (req as AdminRequest).identity = identity;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof RequestRejected)) return next(error);
        if (error.status === 401) res.setHeader('www-authenticate', 'Bearer');
        sendErrors(res, error.status, [{ code: error.code, message: error.message }]);
      },
    );
  };

  /** The client the caller acts for: any for an administrator, else only itself (403 otherwise). */
  const actingFor = (req: AdminRequest, res: Response, client: string | undefined): string | undefined => {
    const identity = req.identity!;
    if (identity.scopes.includes(ADMIN_SCOPE)) return client;
    const hubNote = ` (the hub's own applications, runnable by every client)`;
    // Every client may run the hub applications' documents: only an administrator may list or change them.
    if (identity.sub === HUB_CLIENT) {
      sendErrors(res, 403, [{ code: 'FORBIDDEN', message: `The documents of "${HUB_CLIENT}"${hubNote} are read and changed with ${ADMIN_SCOPE} only, whatever the token's sub.` }]);
      return undefined;
    }
    if (client === undefined || client === identity.sub) return identity.sub;
    sendErrors(res, 403, [
      {
        code: 'FORBIDDEN',
        message: `Your token (client "${identity.sub}", scope ${PUBLISH_SCOPE}) may read and publish the documents of "${identity.sub}" only; the documents of "${client}"${client === HUB_CLIENT ? hubNote : ''} need ${ADMIN_SCOPE}.`,
      },
    ]);
    return undefined;
  };

  const handle =
    (work: (req: AdminRequest, res: Response) => Promise<void>): RequestHandler =>
    (req, res, next) => {
      work(req as AdminRequest, res).catch((error: unknown) => {
        if (error instanceof OperationsError) return sendErrors(res, error.status, error.errors);
        next(error);
      });
    };

  const clientParam = (req: Request) => (typeof req.query.client === 'string' && req.query.client !== '' ? req.query.client : undefined);

  router.use(authenticate);
  router.use(express.json({ limit: '4mb' }));

  router.post(
    '/',
    handle(async (req, res) => {
      const parsed = PublishInput.safeParse(req.body);
      if (!parsed.success) {
        return sendErrors(
          res,
          400,
          parsed.error.issues.map((issue) => ({ code: 'BAD_REQUEST', message: `${issue.path.join('.') || 'body'}: ${issue.message}` })),
        );
      }
      if (actingFor(req, res, parsed.data.client) === undefined) return;
      res.status(201).json(await trusted.publish(parsed.data, req.identity!.sub));
    }),
  );

  router.get(
    '/',
    handle(async (req, res) => {
      const identity = req.identity!;
      const client = identity.scopes.includes(ADMIN_SCOPE) ? clientParam(req) : actingFor(req, res, clientParam(req));
      if (client === undefined && !identity.scopes.includes(ADMIN_SCOPE)) return;
      // Whether the schema served now runs each document: a core change deployed without `hub supergraph check` can break one.
      res.json({
        documents: trusted.list(client).map((d) => {
          const problems = trusted.problemsOf(d.id);
          return problems ? { ...d, runnable: false, problems } : { ...d, runnable: true };
        }),
      });
    }),
  );

  router.delete(
    '/:id',
    handle(async (req, res) => {
      const id = DocumentId.safeParse(req.params.id);
      if (!id.success) return sendErrors(res, 400, [{ code: 'BAD_REQUEST', message: `id: ${id.error.issues[0]?.message}` }]);
      let client = actingFor(req, res, clientParam(req));
      if (client === undefined) {
        if (!req.identity!.scopes.includes(ADMIN_SCOPE)) return;
        const holders = trusted.clientsOf(id.data);
        if (holders.length > 1) return sendErrors(res, 409, [{ code: 'AMBIGUOUS', message: `Clients ${holders.join(', ')} all registered ${id.data}: say which with client=.` }]);
        client = holders[0] ?? req.identity!.sub;
      }
      res.json(await trusted.remove(client, id.data));
    }),
  );

  router.use((_req, res) => sendErrors(res, 404, [{ code: 'NOT_FOUND', message: 'No such route: see README, "Trusted documents".' }]));
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return sendErrors(res, 400, [{ code: 'BAD_REQUEST', message: 'The body is not valid JSON.' }]);
    if (type === 'entity.too.large') return sendErrors(res, 413, [{ code: 'BAD_REQUEST', message: 'The body is too large (at most 4 MB): publish fewer documents at once.' }]);
    console.error('[gateway] operations admin API error', error);
    sendErrors(res, 500, [{ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error; it has been logged.' }]);
  };
  router.use(onError);
  return router;
}
