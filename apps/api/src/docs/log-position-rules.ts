import type { OpenAPIObject, ParameterObject } from '@nestjs/swagger';
import { lastEventIdPattern } from '../audit/log-position';

/**
 * The shape of the audit cursors (`after`, `Last-Event-ID`) is the configured log's own: digits
 * on the embedded log, `commit/prepare` on EventStoreDB. The document states the one in use.
 */
export function documentLogPositions(document: OpenAPIObject, positionPattern: string): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.includes('/audit/')) continue;
    for (const parameter of (item.get?.parameters ?? []) as ParameterObject[]) {
      if (parameter.schema === undefined || '$ref' in parameter.schema) continue;
      if (parameter.in === 'query' && parameter.name === 'after') parameter.schema.pattern = positionPattern;
      if (parameter.in === 'header' && parameter.name === 'Last-Event-ID') {
        parameter.schema.pattern = lastEventIdPattern(positionPattern);
      }
    }
  }
}
