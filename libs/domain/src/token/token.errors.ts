import { DomainError } from '../shared/domain-error';

export class TokenNotFoundError extends DomainError {
  constructor(readonly tokenId: string) {
    super('token_not_found', `No token ${tokenId}`);
  }
}

export class TokenAlreadyExistsError extends DomainError {
  constructor(readonly tokenId: string) {
    super('token_exists', `Token ${tokenId} already exists`);
  }
}

export class TokenNotYetExpiredError extends DomainError {
  constructor(readonly tokenId: string) {
    super('token_not_expired', `Token ${tokenId} has not reached its expiry`);
  }
}

export const TOKEN_NOT_ACTIVE = 'token_not_active';

/** The command needs an active token; this one is revoked, expired or rotated. */
export class TokenNotActiveError extends DomainError {
  constructor(
    readonly tokenId: string,
    readonly status: 'revoked' | 'expired' | 'rotated',
  ) {
    super(
      TOKEN_NOT_ACTIVE,
      status === 'rotated'
        ? 'The token has been rotated: change its successor instead'
        : `The token is ${status}: only an active token can be changed`,
    );
  }
}

export const TOKEN_LIMIT_REACHED = 'token_limit_reached';

/** The user has as many active tokens as one user may have. */
export class TokenLimitReachedError extends DomainError {
  constructor(readonly limit: number) {
    super(
      TOKEN_LIMIT_REACHED,
      `You already have ${limit} active tokens, the most one user may have; revoke one before generating another`,
    );
  }
}
