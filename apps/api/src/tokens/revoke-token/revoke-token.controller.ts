import { Controller, Delete, HttpCode, Param, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { UserRoute } from '../../auth/user-route.decorator';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { API_V1 } from '../../http/api-prefix';
import { tokenActor } from '../acting-as';
import { ApiTokenIdParam } from '../token-id-param.decorator';
import { TokenIdPipe } from '../token-id.pipe';
import { RevokeTokenCommand } from './revoke-token.command';

@ApiTags('tokens')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/tokens`)
export class RevokeTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @UserRoute()
  @HttpCode(204)
  @ApiTokenIdParam()
  @ApiOperation({ summary: 'Revoke one of your tokens. Idempotent: a second call records nothing new.' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked or expired)' })
  @ApiProblems(401, 404, 503)
  async revoke(
    @CurrentUser() user: UserPrincipal,
    @Param('id', TokenIdPipe) tokenId: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.commands.execute(new RevokeTokenCommand(tokenActor(user, 'owner'), tokenId, request.id));
  }
}
