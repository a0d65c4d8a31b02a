import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthMetrics } from '../metrics/auth-metrics';
import { ApiTokenAuthenticator } from './api-token.authenticator';
import { ApiTokenGuard } from './api-token.guard';
import { ApiTokenStrategy } from './api-token.strategy';
import { TokenHolderController } from './token-holder.controller';
import { UserJwtGuard } from './user-jwt.guard';
import { UserJwtVerifier } from './user-jwt.verifier';

@Module({
  imports: [PassportModule],
  controllers: [TokenHolderController],
  providers: [AuthMetrics, ApiTokenAuthenticator, ApiTokenStrategy, ApiTokenGuard, UserJwtVerifier, UserJwtGuard],
  exports: [UserJwtGuard, UserJwtVerifier, ApiTokenGuard, ApiTokenAuthenticator],
})
export class AuthModule {}
