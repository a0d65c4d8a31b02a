import { DomainValidationError } from '../shared/domain-error';

export const TOKEN_NAME_MAX_LENGTH = 100;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** Trims a requested token name and checks it: 1–100 characters, no control characters. */
export function normalizeTokenName(requested: unknown): string {
  if (typeof requested !== 'string') {
    throw new DomainValidationError('name', 'name must be a string');
  }
  const name = requested.trim();
  const length = [...name].length;
  if (length === 0) {
    throw new DomainValidationError('name', 'name must not be empty or blank');
  }
  if (length > TOKEN_NAME_MAX_LENGTH) {
    throw new DomainValidationError('name', `name must be at most ${TOKEN_NAME_MAX_LENGTH} characters`);
  }
  if (CONTROL_CHARACTER.test(name)) {
    throw new DomainValidationError('name', 'name must not contain control characters');
  }
  return name;
}
