import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Clock } from '@pat/domain';
import { CLOCK } from '../infrastructure/clock.provider';
import { AuthModule } from '../auth/auth.module';
import { ExpireTokenHandler } from './expire-token/expire-token.handler';
import { ExpirySweeper } from './expire-token/expiry-sweeper';
import { GenerateTokenController } from './generate-token/generate-token.controller';
import { GenerateTokenHandler } from './generate-token/generate-token.handler';
import { GetTokenController } from './get-token/get-token.controller';
import { GetTokenHandler } from './get-token/get-token.handler';
import { ListAllTokensController } from './list-all-tokens/list-all-tokens.controller';
import { ListAllTokensHandler } from './list-all-tokens/list-all-tokens.handler';
import { ListTokensController } from './list-tokens/list-tokens.controller';
import { ListTokensHandler } from './list-tokens/list-tokens.handler';
import { AdminRevokeTokenController } from './revoke-token/admin-revoke-token.controller';
import { RenameTokenController } from './rename-token/rename-token.controller';
import { RenameTokenHandler } from './rename-token/rename-token.handler';
import { RotateTokenController } from './rotate-token/rotate-token.controller';
import { RotateTokenHandler } from './rotate-token/rotate-token.handler';
import { ExpireTokenByPolicyHandler } from './token-policies/expire-token-by-policy.handler';
import { RevokeIdleTokenHandler } from './token-policies/revoke-idle-token.handler';
import { TokenPolicySweeper } from './token-policies/token-policy-sweeper';
import { RevokeTokenController } from './revoke-token/revoke-token.controller';
import { RevokeTokenHandler } from './revoke-token/revoke-token.handler';
import { SelfRevokeTokenController } from './revoke-token/self-revoke-token.controller';
import { SuspensionChangeHandler } from './suspend-token/suspension-change.handler';
import { SuspensionController } from './suspend-token/suspension.controller';
import { TokenEventsController } from './token-events/token-events.controller';
import { GetTokenEventsHandler } from './token-events/token-events.handler';
import { LeakReportThrottle } from './report-leaks/leak-report-throttle';
import { ReportLeaksController } from './report-leaks/report-leaks.controller';
import { ReportLeaksHandler } from './report-leaks/report-leaks.handler';
import { TokenRepository } from './token-repository';

@Module({
  imports: [CqrsModule, AuthModule],
  controllers: [
    GenerateTokenController,
    ListTokensController,
    GetTokenController,
    RevokeTokenController,
    RenameTokenController,
    SuspensionController,
    RotateTokenController,
    TokenEventsController,
    ListAllTokensController,
    AdminRevokeTokenController,
    SelfRevokeTokenController,
    ReportLeaksController,
  ],
  providers: [
    TokenRepository,
    GenerateTokenHandler,
    RevokeTokenHandler,
    RenameTokenHandler,
    SuspensionChangeHandler,
    RotateTokenHandler,
    ExpireTokenHandler,
    ListTokensHandler,
    GetTokenHandler,
    GetTokenEventsHandler,
    ListAllTokensHandler,
    ExpirySweeper,
    RevokeIdleTokenHandler,
    ExpireTokenByPolicyHandler,
    TokenPolicySweeper,
    ReportLeaksHandler,
    { provide: LeakReportThrottle, inject: [CLOCK], useFactory: (clock: Clock) => new LeakReportThrottle(clock) },
  ],
})
export class TokensModule {}
