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
