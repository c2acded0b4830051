import { parseArgs } from 'node:util';
import { loadTokenSettings, signClientToken } from '../gateway/token-settings.ts';
import { isRegionCode } from '../data/regions.ts';
import { SCOPES } from '../platform/caller.ts';
import { ConfigError } from '../platform/env.ts';

/**
 * `npm run -s token -- --region 500000 --scope "talent:read talent:contact" [--sub name] [--ttl 1h]`
 * prints a bare client token signed with the configured HS256 secret (HUB_JWT_SECRET, or the
 * documented development default), with `iat` and `exp` (the gateway refuses tokens without
 * them, older than HUB_JWT_MAX_AGE_S or made to last longer) and the configured issuer and audience.
 */
// The scopes a client token may carry: the callers' and the trusted documents' publish scope (PUBLISH_SCOPE of
// gateway/operations/admin.ts, not imported: it would load the gateway's admin API; test/scripts/token.test.ts
// publishes with a token made here, so a rename fails it).
const CLIENT_SCOPES: readonly string[] = [...SCOPES, 'operations:publish'];
const usage = 'Usage: npm run -s token -- --region <GB/T 2260 code> --scope "<scopes>" [--sub <system>] [--ttl 1h]';
try {
  const { values } = parseArgs({
    options: {
      region: { type: 'string' },
      scope: { type: 'string', default: 'talent:read' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`${usage}\nScopes: ${CLIENT_SCOPES.join(' ')}`);
    process.exit(0);
  }
  if (!values.region || !/^\d{6}$/.test(values.region)) throw new ConfigError(`--region must be a six-digit GB/T 2260 code such as 500000.\n${usage}`);
  if (!isRegionCode(values.region))
    throw new ConfigError(
      `--region ${values.region} is not a GB/T 2260 region code (a province, a prefecture or a county, such as 500000); the gateway would refuse the token.\n${usage}`,
    );
  const unknown = values.scope.split(' ').filter((s) => s && !CLIENT_SCOPES.includes(s));
  if (unknown.length) throw new ConfigError(`Unknown scope(s): ${unknown.join(', ')}. Known: ${CLIENT_SCOPES.join(' ')}`);
  const ttl = /^(\d+)([smhd])$/.exec(values.ttl);
  if (!ttl) throw new ConfigError('--ttl must look like 30m, 1h or 7d.');
  const ttlSeconds = Number(ttl[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[ttl[2] as 's' | 'm' | 'h' | 'd'];
  const settings = loadTokenSettings();
  if (ttlSeconds > settings.maxAgeSeconds) throw new ConfigError(`--ttl ${values.ttl} is longer than the gateway accepts (HUB_JWT_MAX_AGE_S=${settings.maxAgeSeconds} s).`);
  const token = await signClientToken({ region: values.region, scope: values.scope, sub: values.sub ?? `dev-${values.region}`, ttl: values.ttl }, settings);
  process.stdout.write(`${token}\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
