import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblemResponse } from '../docs/api-problems.decorator';
import { API_V1 } from '../http/api-prefix';
import { encodeHeaderValue } from '../http/header-value';
import { ApiTokenRoute } from './api-token-route.decorator';
import { CurrentToken } from './current-user.decorator';
import type { TokenPrincipal } from './principals';
import { checkScopes, REQUIRED_SCOPES_HEADER, requiredScopes } from './required-scopes';
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
    return holderAnswer(token);
  }

  @Get('auth/verify')
  @ApiTokenRoute('forward-auth')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Forward-auth check for gateways: 200 with X-Auth-User-Id, X-Auth-Token-Id and X-Auth-Scopes, or 401/403',
    description:
      'For nginx `auth_request` and Traefik `forwardAuth`: answers 200, or 401 for every refusal, a throttled one ' +
      'included (code `too_many_requests`, with Retry-After), since nginx turns any other status into a 500. ' +
      'A gateway that protects a route with scopes names them in `X-Required-Scopes` or `scope` (either may list ' +
      'several, space-separated); a token that lacks one is answered 403 `insufficient_scope` with ' +
      '`WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming the required scopes. ' +
      'Only a store outage is answered otherwise: 503 `store_unavailable`.',
  })
  @ApiHeader({
    name: REQUIRED_SCOPES_HEADER,
    required: false,
    description: 'Scopes the token must carry, space-separated (`read_api deploy`)',
  })
  @ApiQuery({
    name: 'scope',
    required: false,
    type: [String],
    description: 'Scopes the token must carry; repeat it for several (`?scope=a&scope=b`)',
  })
  @ApiProblemResponse(403, ['insufficient_scope'])
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
      'X-Auth-Scopes': {
        description: 'The scopes the token carries, space-separated; `*` for a token from before scopes (every scope)',
        schema: { type: 'string' },
      },
    },
  })
  verify(
    @CurrentToken() token: TokenPrincipal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): VerifyResponse {
    checkScopes(token.scopes, requiredScopes(request));
    void reply
      .header('x-auth-user-id', encodeHeaderValue(token.userId))
      .header('x-auth-token-id', token.tokenId)
      .header('x-auth-scopes', token.scopes.join(' '));
    return holderAnswer(token);
  }
}

function holderAnswer(token: TokenPrincipal): WhoamiResponse {
  return {
    userId: token.userId,
    tokenId: token.tokenId,
    tokenName: token.tokenName,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    scopes: [...token.scopes],
  };
}
