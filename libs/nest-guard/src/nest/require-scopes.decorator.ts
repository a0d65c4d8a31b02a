import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPES = 'pat:required-scopes';

/** The scopes a token must carry for this route (or every route of this controller); all of them. */
export const RequireScopes = (...scopes: string[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPES, scopes);
