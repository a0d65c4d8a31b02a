// `npm run dev:jwt -- --sub alice --email alice@example.com [--admin] [--hours 12]`
// prints a user JWT signed with the embedded HS256 secret, for trying the service locally.
import { ConfigError, loadConfig } from '@pat/config';
import { SignJWT } from 'jose';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      email: { type: 'string' },
      admin: { type: 'boolean', default: false },
      hours: { type: 'string', default: '12' },
    },
  });
  if (!values.sub) throw new Error('--sub <user id> is required');
  const config = loadConfig(process.env);
  if (config.userAuth.kind !== 'secret')
    throw new Error('AUTH_JWKS_URL is set: get user JWTs from your identity provider');
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0) throw new Error('--hours must be a positive number');
  const jwt = await new SignJWT({
    ...(values.email ? { email: values.email } : {}),
    roles: values.admin ? ['admin'] : [],
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(values.sub)
    .setIssuedAt()
    .setExpirationTime(`${hours * 3600}s`)
    .sign(new TextEncoder().encode(config.userAuth.secret));
  process.stdout.write(`${jwt}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? 'Invalid configuration: ' : ''}${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
