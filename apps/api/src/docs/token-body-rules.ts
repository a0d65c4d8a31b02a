import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import type { AppConfig } from '@pat/config';
import { GenerateTokenDto } from '../tokens/generate-token/generate-token.dto';

/**
 * What the decorators of GenerateTokenDto cannot say: the rule across two of its fields, and
 * the limits this deployment's configuration sets.
 */
export function documentTokenBodyRules(document: OpenAPIObject, config: AppConfig): void {
  const body = document.components?.schemas?.[GenerateTokenDto.name] as SchemaObject | undefined;
  const expiresInDays = body?.properties?.expiresInDays as SchemaObject | undefined;
  const expiresAt = body?.properties?.expiresAt as SchemaObject | undefined;
  if (!body || !expiresInDays || !expiresAt) throw new Error(`${GenerateTokenDto.name} is not in the document`);
  body.not = { required: ['expiresInDays', 'expiresAt'] };
  expiresInDays.maximum = config.tokenMaxLifetimeDays;
  expiresAt.nullable = config.tokenAllowNoExpiry;
}
