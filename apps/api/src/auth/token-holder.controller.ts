import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiTokenRefusals } from '../docs/api-problems.decorator';
import { API_V1 } from '../http/api-prefix';
import { ApiTokenRoute } from './api-token-route.decorator';
import { CurrentToken } from './current-user.decorator';
import type { TokenPrincipal } from './principals';
import { VerifyResponse, WhoamiResponse } from './whoami.response';

/** The endpoints a token holder calls with X-API-Token. */
@ApiTags('token holders')
@ApiSecurity('api-token')
@Controller(API_V1)
export class TokenHolderController {
  @Get('whoami')
  @ApiTokenRoute()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Who the X-API-Token belongs to' })
  @ApiOkResponse({ type: WhoamiResponse })
  @ApiTokenRefusals()
  whoami(@CurrentToken() token: TokenPrincipal): WhoamiResponse {
    return {
      userId: token.userId,
      tokenId: token.tokenId,
      tokenName: token.tokenName,
      expiresAt: token.expiresAt?.toISOString() ?? null,
    };
  }

  @Get('auth/verify')
  @ApiTokenRoute()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Forward-auth check for gateways: 200 with X-Auth-User-Id and X-Auth-Token-Id, or 401',
  })
  @ApiOkResponse({
    type: VerifyResponse,
    headers: { 'X-Auth-User-Id': { schema: { type: 'string' } }, 'X-Auth-Token-Id': { schema: { type: 'string' } } },
  })
  @ApiTokenRefusals()
  verify(@CurrentToken() token: TokenPrincipal, @Res({ passthrough: true }) reply: FastifyReply): VerifyResponse {
    void reply.header('x-auth-user-id', token.userId).header('x-auth-token-id', token.tokenId);
    return { userId: token.userId, tokenId: token.tokenId };
  }
}
