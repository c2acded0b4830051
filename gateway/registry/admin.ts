import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import { type ClientIdentity, RequestRejected } from '../auth.ts';
import { PartnerName, SubgraphUrl } from './model.ts';
import type { HealthMonitor } from './monitor.ts';
import { RegistryError } from './errors.ts';
import type { SubgraphRegistry } from './registry.ts';

/** The scope every admin call needs. */
export const ADMIN_SCOPE = 'registry:admin';

export interface AdminDeps {
  registry: SubgraphRegistry;
  monitor: HealthMonitor;
  /** The gateway's client token verifier (gateway/auth.ts `createClientVerifier`). */
  verifyClient: (authorization: string | undefined) => Promise<ClientIdentity>;
}

const PublishBody = z.object({ name: PartnerName, url: SubgraphUrl });

type AdminRequest = Request & { admin?: ClientIdentity };

function sendErrors(res: Response, status: number, errors: { code: string; message: string }[]): void {
  res.status(status).json({ errors });
}

/**
 * The registry's admin API (JSON in and out), to mount at `/admin`:
 *
 * - `POST /subgraphs` `{ name, url }`: publish (add or update) a partner subgraph: 201
 *   `{ name, url, supergraphHash, created, changes }`, or 422 `{ errors: [{ code, message }] }`
 *   with `ADDRESS_NOT_ALLOWED`, `UNREACHABLE`, `POLICY_VIOLATION`, `COMPOSITION_FAILED` or
 *   `BREAKING_CHANGE` (see ./registry/address.ts and ./registry/checks.ts).
 * - `POST /subgraphs/check` `{ name, url }`: the same checks, nothing stored: 200 `{ changes }` or 422.
 * - `GET /subgraphs`: every subgraph with owner, kind and health, and the served `supergraphHash`.
 * - `GET /subgraphs/:name`: one subgraph with the SDL last accepted.
 * - `DELETE /subgraphs/:name`: removes a partner (core: 409, unknown: 404).
 *
 * Every call needs a client token with `registry:admin`: 401 without a valid token, 403 without
 * the scope. A body that is not JSON, or lacks a valid name or URL, is a 400 saying what to fix.
 */
export function createAdminRouter(deps: AdminDeps): Router {
  const router = Router();

  const authenticate: RequestHandler = (req, res, next) => {
    deps.verifyClient(req.headers.authorization).then(
      (identity) => {
        if (!identity.scopes.includes(ADMIN_SCOPE)) {
          sendErrors(res, 403, [{ code: 'FORBIDDEN', message: `The admin API needs the "${ADMIN_SCOPE}" scope; ask the hub operators for a token that has it.` }]);
          return;
        }
        (req as AdminRequest).admin = identity;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof RequestRejected)) return next(error);
        if (error.status === 401) res.setHeader('www-authenticate', 'Bearer');
        sendErrors(res, error.status, [{ code: error.code, message: error.message }]);
      },
    );
  };

  /** Parses `{ name, url }` or answers 400 naming every bad field. */
  const body = (req: Request, res: Response): z.infer<typeof PublishBody> | undefined => {
    if (req.body === undefined || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
      sendErrors(res, 400, [{ code: 'BAD_REQUEST', message: 'Send a JSON object { "name": "...", "url": "..." } with content-type: application/json.' }]);
      return undefined;
    }
    const parsed = PublishBody.safeParse(req.body);
    if (parsed.success) return parsed.data;
    sendErrors(
      res,
      400,
      parsed.error.issues.map((issue) => ({ code: 'BAD_REQUEST', message: `${issue.path.join('.') || 'body'}: ${issue.message}` })),
    );
    return undefined;
  };

  /** Runs a registry call and maps its refusals to HTTP. */
  const handle =
    (work: (req: AdminRequest, res: Response) => Promise<void>): RequestHandler =>
    (req, res, next) => {
      work(req as AdminRequest, res).catch((error: unknown) => {
        if (error instanceof RegistryError) return sendErrors(res, error.status, error.errors);
        next(error);
      });
    };

  const caller = (req: AdminRequest) => ({ sub: req.admin!.sub, region: req.admin!.region });

  router.use(authenticate);
  router.use(express.json({ limit: '16kb' }));

  router.get(
    '/subgraphs',
    handle(async (_req, res) => {
      const { registry, monitor } = deps;
      res.json({
        supergraphHash: registry.served.hash,
        supergraph: { source: registry.served.source, since: registry.served.since, lastReload: registry.lastReload },
        subgraphs: registry.list().map(({ sdl: _sdl, ...entry }) => ({ ...entry, health: monitor.get(entry.name) ?? { status: 'unknown' } })),
      });
    }),
  );

  router.get(
    '/subgraphs/:name',
    handle(async (req, res) => {
      const entry = deps.registry.list().find((s) => s.name === req.params.name);
      if (!entry) return sendErrors(res, 404, [{ code: 'NOT_FOUND', message: `No subgraph is named "${String(req.params.name)}".` }]);
      res.json({ ...entry, health: deps.monitor.get(entry.name) ?? { status: 'unknown' }, supergraphHash: deps.registry.served.hash });
    }),
  );

  router.post(
    '/subgraphs/check',
    handle(async (req, res) => {
      const input = body(req, res);
      if (!input) return;
      const result = await deps.registry.check(input, caller(req));
      res.json({ ...result, ok: true });
    }),
  );

  router.post(
    '/subgraphs',
    handle(async (req, res) => {
      const input = body(req, res);
      if (!input) return;
      const result = await deps.registry.publish(input, caller(req));
      // Probe the new subgraph now, so /health and the list show it without waiting a round.
      void deps.monitor.probeOne({ name: result.name, url: result.url }).catch(() => undefined);
      res.status(201).json(result);
    }),
  );

  router.delete(
    '/subgraphs/:name',
    handle(async (req, res) => {
      res.json(await deps.registry.remove(String(req.params.name), caller(req)));
    }),
  );

  router.use((_req, res) => {
    sendErrors(res, 404, [{ code: 'NOT_FOUND', message: 'No such admin route: see README, "Admin API".' }]);
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return sendErrors(res, 400, [{ code: 'BAD_REQUEST', message: 'The body is not valid JSON.' }]);
    if (type === 'entity.too.large') return sendErrors(res, 413, [{ code: 'BAD_REQUEST', message: 'The body is too large (at most 16 KB).' }]);
    if (status && status >= 400 && status < 500) return sendErrors(res, status, [{ code: 'BAD_REQUEST', message: 'The request could not be read.' }]);
    console.error('[gateway] admin API error', error);
    sendErrors(res, 500, [{ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error; it has been logged.' }]);
  };
  router.use(onError);
  return router;
}

/** Mounts the admin API at `/admin` on the gateway's express app. */
export function mountAdminApi(app: express.Express, deps: AdminDeps): void {
  app.use('/admin', createAdminRouter(deps));
}
