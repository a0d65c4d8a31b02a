export { ApiTokenGuard } from './nest/api-token.guard';
export { PatGuardModule } from './nest/pat-guard.module';
export { PAT_TOKEN_AUTHORITY, type PatGuardOptions } from './nest/pat-guard.options';
export { RequireScopes } from './nest/require-scopes.decorator';
export { TokenPrincipal } from './nest/token-principal.decorator';
export { DEFAULT_CACHE_TTL_MS, TokenStoreUnavailableError, type TokenAuthority } from './core/token-authority';
export type { MongoAuthorityOptions } from './core/local-token-authority';
export type { RemoteAuthorityOptions } from './core/remote-token-authority';
export type { TokenRefusal, TokenRefusalReason } from './core/token-refusals';
