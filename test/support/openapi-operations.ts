import { OpenAPIV3 } from 'openapi-types';

export interface DocumentedOperation {
  method: string;
  /** OpenAPI's syntax: `/api/v1/tokens/{id}`. */
  path: string;
  operation: OpenAPIV3.OperationObject;
}

/** Every operation of the document, methods in upper case as the router names them. */
export function documentedOperations(document: OpenAPIV3.Document): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.values(OpenAPIV3.HttpMethods).flatMap((method) => {
      const operation = item?.[method];
      return operation ? [{ method: method.toUpperCase(), path, operation }] : [];
    }),
  );
}

/** `/tokens/:id` (Fastify) as `/tokens/{id}` (OpenAPI); a parameter's regular expression is dropped. */
export function toOpenApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:(\w+)(?:\([^)]*\))?/g, '{$1}');
}

export function isReference(value: object): value is OpenAPIV3.ReferenceObject {
  return '$ref' in value;
}

/** The codes a problem+json schema narrows `code` to, or why it is not a documented problem. */
export function problemCodes(
  schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject | undefined,
  problemRef: string,
): string[] | string {
  if (!schema) return 'has no schema';
  if (isReference(schema)) return schema.$ref === problemRef ? 'names no code' : `is ${schema.$ref}, not ${problemRef}`;
  const parts = schema.allOf ?? [];
  if (!parts.some((part) => isReference(part) && part.$ref === problemRef)) return `does not build on ${problemRef}`;
  const codes = parts.flatMap((part): unknown[] => {
    const code = isReference(part) ? undefined : part.properties?.code;
    return code && !isReference(code) ? (code.enum ?? []) : [];
  });
  return codes.length > 0 ? codes.map(String) : 'names no code';
}
