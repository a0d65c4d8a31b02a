import { Module, type Provider } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import type { Clock } from '@pat/domain';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG } from '../infrastructure/app-config.provider';
import { SessionsModule } from '../sessions/sessions.module';
import { CLOCK } from '../infrastructure/clock.provider';
import { AuthMetrics } from '../metrics/auth-metrics';
import { ApiTokenAuthenticator } from './api-token.authenticator';
import { ApiTokenGuard } from './api-token.guard';
import { ApiTokenStrategy } from './api-token.strategy';
import { MalformedTokenGate } from './malformed-token-gate';
import { RefusalPolicy } from './refusal-policy';
import { MAX_TRACKED_CLIENTS } from './client-window-counter';
import { RefusalThrottle } from './refusal-throttle';
import { TokenHolderController } from './token-holder.controller';
import { TokenUsageRecorder } from './token-usage-recorder';
import { UserJwtGate } from './user-jwt-gate';
import { UserJwtVerifier } from './user-jwt.verifier';

const refusalThrottle: Provider = {
  provide: RefusalThrottle,
  inject: [APP_CONFIG, CLOCK],
  useFactory: (config: AppConfig, clock: Clock) =>
    new RefusalThrottle(
      {
        limit: config.authFailureLimit,
        windowMs: config.authFailureWindowSeconds * 1000,
        maxAddresses: MAX_TRACKED_CLIENTS,
      },
      clock,
    ),
};

@Module({
  imports: [PassportModule, SessionsModule],
  controllers: [TokenHolderController],
  providers: [
    AuthMetrics,
    TokenUsageRecorder,
    refusalThrottle,
    RefusalPolicy,
    MalformedTokenGate,
    ApiTokenAuthenticator,
    ApiTokenStrategy,
    ApiTokenGuard,
    UserJwtVerifier,
    UserJwtGate,
  ],
  exports: [
    UserJwtGate,
    UserJwtVerifier,
    ApiTokenGuard,
    ApiTokenAuthenticator,
    TokenUsageRecorder,
    RefusalPolicy,
    MalformedTokenGate,
  ],
})
export class AuthModule {}
