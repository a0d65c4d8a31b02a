import type { SchemaObject } from '@nestjs/swagger';

const INDICATORS: SchemaObject = {
  type: 'object',
  description: 'By indicator name',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
};

/** The body of a passing health check (a failing one is a problem+json 503). */
export const HEALTH_OK_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'info', 'error', 'details'],
  properties: { status: { type: 'string', enum: ['ok'] }, info: INDICATORS, error: INDICATORS, details: INDICATORS },
  example: {
    status: 'ok',
    info: { eventStore: { status: 'up' } },
    error: {},
    details: { eventStore: { status: 'up' } },
  },
};
