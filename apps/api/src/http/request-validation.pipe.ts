import { Injectable, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ApiProblem, type FieldError } from './api-problem.exception';

/** Checks bodies and queries against their DTO classes; failures name each field. */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => ApiProblem.validation(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value === undefined && bodyIsOptional(metadata.metatype)) value = {};
    if (metadata.type === 'body' && metadata.metatype !== undefined && !isPlainObject(value)) {
      throw ApiProblem.validation([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

/** A DTO class with `static bodyIsOptional = true` takes a request without a body as `{}`. */
function bodyIsOptional(metatype: ArgumentMetadata['metatype']): boolean {
  return (metatype as { bodyIsOptional?: unknown } | undefined)?.bodyIsOptional === true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    const own = messages.length > 0 ? [{ field, message: messages[0] }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
