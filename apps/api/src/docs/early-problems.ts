import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_STATUS, type ProblemCode } from '../http/problem-catalog';
import { EARLY_PROBLEM_CODES } from './problem-codes';
import { documentedCodes, problemResponse } from './problem-response';

/** Methods whose request may carry a body, so a body over the limit is answered 413 on any of them. */
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Adds to every operation what any request can be answered before it reaches the operation's
 * route (EARLY_PROBLEM_CODES), merged with the codes the operation documents for the same status.
 */
export function documentEarlyProblems(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const early = BODY_METHODS.has(method)
        ? [...EARLY_PROBLEM_CODES, 'payload_too_large' as const]
        : EARLY_PROBLEM_CODES;
      for (const [status, codes] of byStatus(early)) {
        const existing = operation.responses[status] as ResponseObject | undefined;
        const merged = [...new Set([...(existing ? documentedCodes(existing) : []), ...codes])];
        operation.responses[status] = problemResponse(status, merged);
      }
    }
  }
}

function byStatus(codes: readonly ProblemCode[]): Map<number, ProblemCode[]> {
  const grouped = new Map<number, ProblemCode[]>();
  for (const code of codes) grouped.set(PROBLEM_STATUS[code], [...(grouped.get(PROBLEM_STATUS[code]) ?? []), code]);
  return grouped;
}
