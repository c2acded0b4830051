import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { loadGatewayConfig } from '../gateway/config.ts';
import { SCOPES } from '../subgraphs/kit/caller.ts';
import { ConfigError } from '../subgraphs/kit/env.ts';

/**
 * `npm run -s token -- --region 500000 --scope "talent:read talent:contact" [--sub name] [--ttl 1h]`
 * prints a bare development token signed with the configured HS256 secret (HUB_JWT_SECRET, or the
 * documented development default).
 */
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
    console.log(`${usage}\nScopes: ${SCOPES.join(' ')}`);
    process.exit(0);
  }
  if (!values.region || !/^\d{6}$/.test(values.region)) throw new ConfigError(`--region must be a six-digit GB/T 2260 code such as 500000.\n${usage}`);
  const unknown = values.scope.split(' ').filter((s) => s && !(SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new ConfigError(`Unknown scope(s): ${unknown.join(', ')}. Known: ${SCOPES.join(' ')}`);
  if (!/^\d+[smhd]$/.test(values.ttl)) throw new ConfigError('--ttl must look like 30m, 1h or 7d.');
  const config = loadGatewayConfig();
  let jwt = new SignJWT({ region: values.region, scope: values.scope }).setProtectedHeader({ alg: 'HS256' });
  if (config.auth.issuer) jwt = jwt.setIssuer(config.auth.issuer);
  if (config.auth.audience) jwt = jwt.setAudience(config.auth.audience);
  const token = await jwt
    .setSubject(values.sub ?? `dev-${values.region}`)
    .setIssuedAt()
    .setExpirationTime(values.ttl)
    .sign(new TextEncoder().encode(config.auth.jwtSecret));
  process.stdout.write(`${token}\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
