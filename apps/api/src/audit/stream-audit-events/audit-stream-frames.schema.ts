import type { SchemaObject } from '@nestjs/swagger';
import type { StreamEndReason } from './audit-event-stream';

const END_REASONS: readonly StreamEndReason[] = ['credential_expired', 'max_lifetime'];

/**
 * One frame of the audit stream, as an EventSource client parses it (`retry:` lines and
 * `: heartbeat` comments carry no data and make no event): an audit item, or the last frame.
 */
export const AUDIT_STREAM_FRAME_SCHEMA: SchemaObject = {
  oneOf: [
    {
      type: 'object',
      description: 'An audit item: `id` is its cursor, `data` the AuditEventItem as JSON on one line',
      required: ['data', 'id'],
      properties: {
        event: { type: 'string', enum: ['message'] },
        id: { type: 'string', minLength: 1 },
        data: { type: 'string', format: 'json', description: 'An AuditEventItem' },
      },
    },
    {
      type: 'object',
      description: `The last frame: \`data\` is \`{"reason": …}\`, the reason one of ${END_REASONS.join(', ')}`,
      required: ['event', 'data'],
      properties: {
        event: { type: 'string', enum: ['end'] },
        data: { type: 'string', pattern: `^\\{"reason":"(${END_REASONS.join('|')})"\\}$` },
      },
    },
  ],
  example: { id: '1', data: '{"id":"…","position":"1","type":"TokenGenerated"}' },
};
