import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_V1 } from '../http/api-prefix';
import { encodeHeaderValue } from '../http/header-value';
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
  whoami(@CurrentToken() token: TokenPrincipal): WhoamiResponse {
    return {
      userId: token.userId,
      tokenId: token.tokenId,
      tokenName: token.tokenName,
      expiresAt: token.expiresAt?.toISOString() ?? null,
    };
  }

  @Get('auth/verify')
  @ApiTokenRoute('forward-auth')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Forward-auth check for gateways: 200 with X-Auth-User-Id and X-Auth-Token-Id, or 401',
    description:
      'For nginx `auth_request` and Traefik `forwardAuth`: answers 200, or 401 for every refusal, a throttled one ' +
      'included (code `too_many_requests`, with Retry-After), since nginx turns any other status into a 500. ' +
      'Only a store outage is answered otherwise: 503 `store_unavailable`.',
  })
  @ApiOkResponse({
    type: VerifyResponse,
    headers: {
      'X-Auth-User-Id': {
        description:
          'The user id, percent-encoded as UTF-8 wherever it is not visible ASCII, and every `%`: `alice` is sent ' +
          'as `alice`, `ålice` as `%C3%A5lice`. `decodeURIComponent` gives the id back.',
        schema: { type: 'string' },
      },
      'X-Auth-Token-Id': { description: 'The token id (a UUID)', schema: { type: 'string', format: 'uuid' } },
    },
  })
  verify(@CurrentToken() token: TokenPrincipal, @Res({ passthrough: true }) reply: FastifyReply): VerifyResponse {
    void reply.header('x-auth-user-id', encodeHeaderValue(token.userId)).header('x-auth-token-id', token.tokenId);
    return { userId: token.userId, tokenId: token.tokenId };
  }
}
