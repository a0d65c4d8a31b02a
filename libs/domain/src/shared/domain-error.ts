/** A refused command or value. `code` is stable and reaches clients as the problem `code`. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A value that breaks a rule of the domain; `field` names the input that carried it. */
export class DomainValidationError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('validation_failed', message);
  }
}
