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
  if (!body || !expiresInDays || !expiresAt || !name)
    throw new Error(`${GenerateTokenDto.name} is not in the document`);
  name.pattern = tokenNamePattern();
  body.not = { required: ['expiresInDays', 'expiresAt'] };
  expiresInDays.maximum = config.tokenMaxLifetimeDays;
  expiresAt.nullable = config.tokenAllowNoExpiry;
  const inAMonth = Math.floor(Date.now() / 1000 + EXAMPLE_LIFETIME_SECONDS) * 1000;
  expiresAt.example = new Date(inAMonth).toISOString().replace('.000Z', 'Z');
}
