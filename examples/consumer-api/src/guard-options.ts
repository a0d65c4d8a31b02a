import type { PatGuardOptions } from '@pat/nest-guard';

/**
 * The guard's configuration from the environment: `PAT_VERIFY_URL` (ask the PAT service), or
 * `MONGO_URL` with the PAT service's `TOKEN_PEPPER` and `TOKEN_PREFIX` (read its read model).
 */
export function guardOptions(env: NodeJS.ProcessEnv): PatGuardOptions {
  const cacheTtlMs = env.CACHE_TTL_MS === undefined ? undefined : Number(env.CACHE_TTL_MS);
  if (env.PAT_VERIFY_URL) return { verifyUrl: env.PAT_VERIFY_URL, tokenPrefix: env.TOKEN_PREFIX, cacheTtlMs };
  const { MONGO_URL: mongoUrl, TOKEN_PEPPER: tokenPepper } = env;
  if (!mongoUrl || !tokenPepper) throw new Error('Set PAT_VERIFY_URL, or MONGO_URL and TOKEN_PEPPER');
  return { mongoUrl, tokenPepper, tokenPrefix: env.TOKEN_PREFIX, cacheTtlMs };
}
