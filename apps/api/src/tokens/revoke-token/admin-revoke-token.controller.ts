import { Controller, Delete, HttpCode, Param, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { AdminRoute } from '../../auth/user-route.decorator';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { API_V1 } from '../../http/api-prefix';
import { tokenActor } from '../acting-as';
import { ApiTokenIdParam } from '../token-id-param.decorator';
import { TokenIdPipe } from '../token-id.pipe';
import { RevokeTokenCommand } from './revoke-token.command';

@ApiTags('admin')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/admin/tokens`)
export class AdminRevokeTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @AdminRoute()
  @HttpCode(204)
  @ApiTokenIdParam()
  @ApiOperation({ summary: "Revoke any user's token (admins only); `revokedBy` names the admin. Idempotent." })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked or expired)' })
  @ApiProblems(401, 403, 404, 503)
  async revoke(
    @CurrentUser() admin: UserPrincipal,
    @Param('id', TokenIdPipe) tokenId: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.commands.execute(new RevokeTokenCommand(tokenActor(admin, 'admin'), tokenId, request.id));
  }
}
