/** A request the server refuses as malformed; answered with INVALID_ARGUMENT. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}
