import { Module } from '@nestjs/common';
import { OidcSignInController } from './oidc/oidc-sign-in.controller';
import { oidcSignInProvider } from './oidc/oidc-sign-in.provider';
import { SessionController } from './session.controller';
import { WebSessions } from './web-sessions';

/** The token page's sign-in, kept on the server behind an HttpOnly cookie. */
@Module({
  controllers: [SessionController, OidcSignInController],
  providers: [WebSessions, oidcSignInProvider],
  exports: [WebSessions],
})
export class SessionsModule {}
