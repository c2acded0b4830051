import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { JWK } from 'jose';
import { ConfigError, HttpUrl, parseEnv, Port } from '../subgraphs/kit/env.ts';

const SUPERGRAPH_DEFAULT = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));

const GatewayEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HUB_HOST: z.string().default('127.0.0.1'),
  HUB_GATEWAY_PORT: Port.default(4000),
  HUB_EXPERTS_URL: HttpUrl.default('http://127.0.0.1:4001/graphql'),
  HUB_PROJECTS_URL: HttpUrl.default('http://127.0.0.1:4002/graphql'),
  HUB_COORDINATION_URL: HttpUrl.default('http://127.0.0.1:4003/graphql'),
  HUB_SUPERGRAPH_PATH: z.string().default(SUPERGRAPH_DEFAULT),
  HUB_HEALTH_PROBE_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  HUB_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HUB_JWKS_URL: HttpUrl.optional(),
  HUB_JWT_ISSUER: z.string().optional(),
  HUB_JWT_AUDIENCE: z.string().optional(),
  HUB_GATEWAY_SIGNING_KEY: z
    .string()
    .transform((text, ctx) => {
      try {
        const jwk = JSON.parse(text) as Record<string, unknown>;
        if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.d === 'string') return jwk as JWK;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'must be a private EC P-256 JWK in JSON (kty EC, crv P-256, with d)' });
      return z.NEVER;
    })
    .optional(),
  HUB_AGREEMENT_CACHE_MS: z.coerce.number().int().min(0).max(5000, 'must be at most 5000 (agreements take effect within 5 s)').default(2000),
});

/**
 * The documented development secret for HS256 client tokens. Start-up warns when it is in use,
 * and NODE_ENV=production refuses it.
 */
export const DEVELOPMENT_JWT_SECRET = 'talent-hub-development-secret-do-not-use-in-production';

export interface GatewayConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Where each core subgraph listens; overrides the routing URLs in the supergraph file. */
  subgraphUrls: Record<string, string>;
  supergraphPath: string;
  healthProbeTimeoutMs: number;
  auth: { jwtSecret: string; jwksUrl: string | undefined; issuer: string | undefined; audience: string | undefined; usingDevelopmentSecret: boolean };
  signingKey: JWK | undefined;
  agreementCacheMs: number;
}

/** Parses the gateway settings (see README, "Settings"); throws a ConfigError listing every problem. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const e = parseEnv(GatewayEnv, env);
  if (e.NODE_ENV === 'production' && !e.HUB_JWKS_URL && (!e.HUB_JWT_SECRET || e.HUB_JWT_SECRET === DEVELOPMENT_JWT_SECRET)) {
    throw new ConfigError(
      'Invalid configuration, fix these environment variables:\n  - HUB_JWKS_URL or HUB_JWT_SECRET: NODE_ENV=production needs a JWKS URL of your identity provider or a real secret of 32+ characters (the development default is refused)',
    );
  }
  return {
    env: e.NODE_ENV,
    host: e.HUB_HOST,
    port: e.HUB_GATEWAY_PORT,
    subgraphUrls: { experts: e.HUB_EXPERTS_URL, projects: e.HUB_PROJECTS_URL, coordination: e.HUB_COORDINATION_URL },
    supergraphPath: e.HUB_SUPERGRAPH_PATH,
    healthProbeTimeoutMs: e.HUB_HEALTH_PROBE_TIMEOUT_MS,
    auth: {
      jwtSecret: e.HUB_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      jwksUrl: e.HUB_JWKS_URL,
      issuer: e.HUB_JWT_ISSUER,
      audience: e.HUB_JWT_AUDIENCE,
      usingDevelopmentSecret: !e.HUB_JWKS_URL && (e.HUB_JWT_SECRET === undefined || e.HUB_JWT_SECRET === DEVELOPMENT_JWT_SECRET),
    },
    signingKey: e.HUB_GATEWAY_SIGNING_KEY,
    agreementCacheMs: e.HUB_AGREEMENT_CACHE_MS,
  };
}
