import { Controller, Delete, HttpCode, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiTokenRoute } from '../../auth/api-token-route.decorator';
import { CurrentToken } from '../../auth/current-user.decorator';
import type { TokenPrincipal } from '../../auth/principals';
import { API_V1 } from '../../http/api-prefix';
import { RevokeTokenCommand } from './revoke-token.command';

/** Recorded as the `reason` of a token that revoked itself. */
export const SELF_REVOKED_REASON = 'self_revoked';

/** A token ends itself: whoever holds it (a CI job cleaning up, someone who found it) may. */
@ApiTags('token holders')
@ApiSecurity('api-token')
@Controller(API_V1)
export class SelfRevokeTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Delete('token')
  @ApiTokenRoute()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke the X-API-Token this request is made with',
    description:
      'Any token may revoke itself, whatever its scopes. The event names its owner in `revokedBy` and ' +
      '`self_revoked` as the reason. The token is refused from then on, this call included (401 `token_revoked`).',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revokeSelf(@CurrentToken() token: TokenPrincipal, @Req() request: FastifyRequest): Promise<void> {
    const owner = { kind: 'user', userId: token.userId, isAdmin: false } as const;
    await this.commands.execute(new RevokeTokenCommand(owner, token.tokenId, request.id, SELF_REVOKED_REASON));
  }
}
