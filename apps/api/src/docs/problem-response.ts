import { getSchemaPath, type ResponseObject, type SchemaObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { THROTTLED_CODE } from '../http/api-problem.exception';
import { isAnsweredAs, type ProblemCode } from '../http/problem-catalog';
import { PROBLEM_CONTENT_TYPE } from '@pat/nest-guard/core';
import { ProblemDetailsSchema } from './problem-details.schema';

/** Statuses the problem filter sends with a Retry-After header. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** One problem+json answer: the schema's `code` is narrowed to the codes it can carry. */
export function problemResponse(status: number, codes: readonly ProblemCode[]): ResponseObject {
  if (codes.length === 0) throw new Error(`No problem code documented for status ${status}`);
  const misplaced = codes.filter((code) => !isAnsweredAs(code, status));
  if (misplaced.length > 0) throw new Error(`Not codes of status ${status}: ${misplaced.join(', ')}`);
  return {
    description: `${STATUS_CODES[status] ?? 'Problem'}; code: ${codes.join(', ')}`,
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: {
          allOf: [
            { $ref: getSchemaPath(ProblemDetailsSchema) },
            { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } },
          ],
        },
      },
    },
    ...(RETRY_AFTER_STATUSES.has(status) || codes.includes(THROTTLED_CODE)
      ? { headers: { 'Retry-After': { description: retryAfterDescription(status), schema: { type: 'integer' } } } }
      : {}),
  };
}

function retryAfterDescription(status: number): string {
  return RETRY_AFTER_STATUSES.has(status) ? 'Seconds to wait' : `Seconds to wait; sent with ${THROTTLED_CODE} only`;
}

/** The codes a response made by `problemResponse` names. */
export function documentedCodes(response: ResponseObject): ProblemCode[] {
  const schema = response.content?.[PROBLEM_CONTENT_TYPE]?.schema as SchemaObject | undefined;
  return (schema?.allOf ?? []).flatMap((part) => {
    const code = 'properties' in part ? (part.properties?.code as SchemaObject | undefined) : undefined;
    return (code?.enum ?? []) as ProblemCode[];
  });
}
