import { SignJWT } from 'jose';
import { z } from 'zod';
import { parseEnv } from '../platform/env.ts';

/**
 * The client-token settings the gateway and `npm run token` share, apart from `config.ts` so the
 * token script loads zod and these few lines, not the gateway's whole configuration (which pulls in
 * the data source and @apollo/gateway: about 1.4 s of CPU at every `npm run token`).
 */

/**
 * The documented development secret for HS256 client tokens. It is accepted only when
 * development is explicit (NODE_ENV=development, as `npm start` sets) and the gateway listens on
 * loopback; started any other way without a real secret or JWKS URL, the gateway refuses to start.
 */
export const DEVELOPMENT_JWT_SECRET = 'talent-hub-development-secret-do-not-use-in-production';

/** HUB_JWT_SECRET, HUB_JWT_ISSUER, HUB_JWT_AUDIENCE and HUB_JWT_MAX_AGE_S, as part of GatewayEnv. */
export const ClientTokenEnv = z.object({
  HUB_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HUB_JWT_ISSUER: z.string().optional(),
  HUB_JWT_AUDIENCE: z.string().optional(),
  HUB_JWT_MAX_AGE_S: z.coerce
    .number()
    .int()
    .min(60, 'must be at least 60')
    .max(30 * 86_400, 'must be at most 2592000 (30 days)')
    .default(86_400),
});

/**
 * What `npm run token` needs to make a client token this gateway accepts: the HS256 secret (the
 * development default when HUB_JWT_SECRET is unset), issuer, audience and the longest lifetime
 * allowed. Unlike `loadGatewayConfig` it does not judge whether the gateway may run this way.
 */
export function loadTokenSettings(env: Record<string, string | undefined> = process.env) {
  const e = parseEnv(ClientTokenEnv, env);
  return { jwtSecret: e.HUB_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, issuer: e.HUB_JWT_ISSUER, audience: e.HUB_JWT_AUDIENCE, maxAgeSeconds: e.HUB_JWT_MAX_AGE_S };
}

/**
 * A client token as `npm run token` makes it (and the benchmark, in-process): HS256 with the
 * configured secret, the configured issuer and audience, `sub`, `iat` and `exp` after `ttl`
 * (jose's time span, such as `1h`). The caller checks the region, scopes and lifetime first.
 */
export function signClientToken(claims: { region: string; scope: string; sub: string; ttl: string }, settings = loadTokenSettings()): Promise<string> {
  let jwt = new SignJWT({ region: claims.region, scope: claims.scope }).setProtectedHeader({ alg: 'HS256' });
  if (settings.issuer) jwt = jwt.setIssuer(settings.issuer);
  if (settings.audience) jwt = jwt.setAudience(settings.audience);
  return jwt.setSubject(claims.sub).setIssuedAt().setExpirationTime(claims.ttl).sign(new TextEncoder().encode(settings.jwtSecret));
}
