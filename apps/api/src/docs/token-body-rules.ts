import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import type { AppConfig } from '@pat/config';
import { tokenNamePattern } from '@pat/domain';
import { GenerateTokenDto } from '../tokens/generate-token/generate-token.dto';

/**
 * What the decorators of GenerateTokenDto cannot say: the name rule as a pattern (made from the
 * check itself), the rule across two of its fields, and the limits this deployment's
 * configuration sets, with an example expiry that is valid on the day the document is built.
 */
const EXAMPLE_LIFETIME_SECONDS = 30 * 24 * 3600;

export function documentTokenBodyRules(document: OpenAPIObject, config: AppConfig): void {
  const body = document.components?.schemas?.[GenerateTokenDto.name] as SchemaObject | undefined;
  const expiresInDays = body?.properties?.expiresInDays as SchemaObject | undefined;
  const expiresAt = body?.properties?.expiresAt as SchemaObject | undefined;
  const name = body?.properties?.name as SchemaObject | undefined;
  const scopes = body?.properties?.scopes as SchemaObject | undefined;
  if (!body || !expiresInDays || !expiresAt || !name || !scopes)
    throw new Error(`${GenerateTokenDto.name} is not in the document`);
  name.pattern = tokenNamePattern();
  body.not = { required: ['expiresInDays', 'expiresAt'] };
  expiresInDays.maximum = config.tokenMaxLifetimeDays;
  expiresAt.nullable = config.tokenAllowNoExpiry;
  scopes.items = { type: 'string', enum: config.tokenScopes.map((scope) => scope.name) };
  scopes.uniqueItems = true;
  scopes.maxItems = config.tokenScopes.length;
  Object.assign(scopes, {
    'x-scopes': config.tokenScopes.map(({ name, description, includes }) => ({ name, description, includes })),
  });
  scopes.description = `${scopes.description ?? ''}\n\n${config.tokenScopes.map(scopeLine).join('\n')}`;
  const inAMonth = Math.floor(Date.now() / 1000 + EXAMPLE_LIFETIME_SECONDS) * 1000;
  expiresAt.example = new Date(inAMonth).toISOString().replace('.000Z', 'Z');
}

function scopeLine({ name, description, includes }: AppConfig['tokenScopes'][number]): string {
  const granted =
    includes.length === 0 ? '' : ` (includes ${includes.map((included) => `\`${included}\``).join(', ')})`;
  return `- \`${name}\`: ${description || 'no description'}${granted}`;
}
