import { Module } from '@nestjs/common';
import { SessionController } from './session.controller';
import { WebSessions } from './web-sessions';

/** The token page's sign-in, kept on the server behind an HttpOnly cookie. */
@Module({
  controllers: [SessionController],
  providers: [WebSessions],
  exports: [WebSessions],
})
export class SessionsModule {}
