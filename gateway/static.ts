import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express, RequestHandler, Response } from 'express';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { RegionCode } from '../platform/model.ts';
import { type ClientAuthSettings, isKnownRegion } from './auth.ts';

/** Where `npm run build` writes the web apps (dashboard/vite.config.ts). */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dashboard/dist/', import.meta.url));

/** The scopes of the development token: enough for the dashboard and the README's read examples. */
export const DEVELOPMENT_TOKEN_SCOPES = ['talent:read', 'stats:read'] as const;
const DEVELOPMENT_TOKEN_TTL_SECONDS = 3600;

export interface StaticAppsOptions {
  /** NODE_ENV=production: only the dashboard is served; no explorer, no development token. */
  production: boolean;
  /** The gateway's client-token settings: the development token is signed with its HS256 secret. */
  auth: ClientAuthSettings;
  /** The build output (default dashboard/dist). */
  distDir?: string;
  /**
   * Serve `/dev/token` (default false): the gateway turns it on only when development is
   * explicit (NODE_ENV=development) and it listens on loopback.
   */
  devToken?: boolean;
}

/** One entry of Vite's build manifest (dist/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Every file a page needs: its chunk, the chunks it imports (also lazily), their CSS and assets (fonts, workers). */
export function filesOfEntry(manifest: Manifest, entry: string): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  visit(entry);
  return files;
}

// The pages load nothing from anywhere but the gateway: no CDN, no fonts from the web. Styles
// may be inline because ECharts and Monaco set style attributes.
const BASE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
// Vite inlines the smallest font subsets as data: URLs.
const DASHBOARD_CSP = `${BASE_CSP}; font-src 'self' data:`;
// Monaco (GraphiQL's editor) runs its language services in web workers and has data: fonts.
const EXPLORER_CSP = `${BASE_CSP}; font-src 'self' data:; worker-src 'self' blob:`;

function pageHeaders(res: Response, csp: string): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  // The page names hashed assets: it must be revalidated, they never need to be.
  res.setHeader('cache-control', 'no-cache');
}

function notFound(res: Response, message: string): void {
  res.status(404).json({ errors: [{ message, extensions: { code: 'NOT_FOUND' } }] });
}

/** Loopback peers only: a development token is for the developer's own browser, never the network. */
function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * Headers a proxy adds. A development token is for a browser on this machine: behind a reverse
 * proxy on the same host every client would be a loopback peer, so a proxied request gets none.
 */
function cameThroughProxy(headers: Record<string, string | string[] | undefined>): boolean {
  return Object.keys(headers).some(
    (name) => name === 'forwarded' || name === 'via' || name.startsWith('x-forwarded-') || name === 'x-real-ip' || name === 'x-client-ip' || name === 'true-client-ip',
  );
}

const DevTokenQuery = z.object({
  region: RegionCode.default('510000').refine(isKnownRegion, 'is not a GB/T 2260 region code (a province, a prefecture or a county, such as 510000)'),
});

/**
 * Serves the hub's web apps from the build output (dashboard/dist):
 *
 * - `/dashboard`: the talent dashboard, always (a token is still needed for every query it makes);
 * - `/explorer`: GraphiQL, bundled from npm so it works offline, only when not in production;
 * - `/ui/assets/*`: their hashed files (in production only those the dashboard needs);
 * - `/ui/config.json`: what the pages may offer (the development token, the explorer);
 * - `/dev/token?region=510000`: only when `devToken` (explicit development, gateway on loopback),
 *   with an HS256 secret configured, to a loopback client whose request names no proxy: a
 *   one-hour token with the scopes talent:read and stats:read, signed with the gateway's
 *   configured secret (the development default unless HUB_JWT_SECRET is set).
 *
 * When the apps are not built, `/dashboard` answers 503 saying how to build them. The build is
 * read again when it changes, so `npm run build` takes effect without a restart.
 */
export function mountStaticApps(app: Express, options: StaticAppsOptions): void {
  const dist = options.distDir ?? DEFAULT_DIST_DIR;
  const development = !options.production;
  const secret = options.auth.jwksUrl ? undefined : options.auth.jwtSecret;
  const devToken = development && options.devToken === true && Boolean(secret);
  const manifestPath = join(dist, '.vite', 'manifest.json');
  let loaded: { mtimeMs: number; allowed: Set<string> } | null = null;

  /** The asset files this gateway serves, from the current build; null when there is no build. */
  function allowedAssets(): Set<string> | null {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(manifestPath).mtimeMs;
    } catch {
      return null;
    }
    if (loaded?.mtimeMs !== mtimeMs) {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      const allowed = filesOfEntry(manifest, 'index.html');
      if (development) for (const file of filesOfEntry(manifest, 'explorer/index.html')) allowed.add(file);
      loaded = { mtimeMs, allowed };
    }
    return loaded.allowed;
  }

  const page =
    (file: string, csp: string): RequestHandler =>
    (_req, res) => {
      if (!allowedAssets()) {
        res
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('The dashboard is not built yet: run `npm run build` (npm start and npm test build it when it is missing).\n看板尚未构建：请运行 npm run build。\n');
        return;
      }
      pageHeaders(res, csp);
      res.sendFile(join(dist, file));
    };

  app.get(['/dashboard', '/dashboard/'], page('index.html', DASHBOARD_CSP));

  app.get('/ui/config.json', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ devToken, explorer: development });
  });

  app.get('/ui/assets/:file', (req, res) => {
    const file = `assets/${req.params.file}`;
    if (!/^[\w.-]+$/.test(req.params.file) || !allowedAssets()?.has(file)) return notFound(res, 'No such file.');
    res.setHeader('x-content-type-options', 'nosniff');
    res.sendFile(join(dist, file), { maxAge: '365d', immutable: true });
  });

  if (!development) return;

  app.get(['/explorer', '/explorer/'], page('explorer/index.html', EXPLORER_CSP));

  app.get('/dev/token', (req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (!secret) return notFound(res, 'No development token: the gateway verifies tokens against a JWKS URL.');
    if (!devToken) return notFound(res, 'No development token: start the hub with `npm start` (NODE_ENV=development, listening on 127.0.0.1).');
    if (cameThroughProxy(req.headers)) {
      res
        .status(403)
        .json({ errors: [{ message: 'Development tokens are not given through a proxy: open the gateway directly on this machine.', extensions: { code: 'FORBIDDEN' } }] });
      return;
    }
    if (!isLoopback(req.socket.remoteAddress)) {
      res.status(403).json({ errors: [{ message: 'Development tokens are given to loopback clients only.', extensions: { code: 'FORBIDDEN' } }] });
      return;
    }
    const parsed = DevTokenQuery.safeParse({ region: typeof req.query.region === 'string' && req.query.region !== '' ? req.query.region : undefined });
    if (!parsed.success) {
      res.status(400).json({ errors: [{ message: `region: ${parsed.error.issues[0]?.message}`, extensions: { code: 'BAD_USER_INPUT', field: 'region' } }] });
      return;
    }
    const { region } = parsed.data;
    let jwt = new SignJWT({ region, scope: DEVELOPMENT_TOKEN_SCOPES.join(' ') }).setProtectedHeader({ alg: 'HS256' });
    if (options.auth.issuer) jwt = jwt.setIssuer(options.auth.issuer);
    if (options.auth.audience) jwt = jwt.setAudience(options.auth.audience);
    const issuedAt = Math.floor(Date.now() / 1000);
    jwt
      .setSubject(`dev-dashboard-${region}`)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + DEVELOPMENT_TOKEN_TTL_SECONDS)
      .sign(new TextEncoder().encode(secret))
      .then(
        (token) => res.json({ token, region, scopes: DEVELOPMENT_TOKEN_SCOPES, expiresAt: new Date((issuedAt + DEVELOPMENT_TOKEN_TTL_SECONDS) * 1000).toISOString() }),
        () => res.status(500).json({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
      );
  });
}
