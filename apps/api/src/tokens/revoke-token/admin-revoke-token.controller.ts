import { Controller, Delete, HttpCode, Param, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminGuard } from '../../auth/admin.guard';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { UserJwtGuard } from '../../auth/user-jwt.guard';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { API_V1 } from '../../http/api-prefix';
import { ApiTokenIdParam } from '../token-id-param.decorator';
import { TokenIdPipe } from '../token-id.pipe';
import { RevokeTokenCommand } from './revoke-token.command';

@ApiTags('admin')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/admin/tokens`)
@UseGuards(UserJwtGuard, AdminGuard)
export class AdminRevokeTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
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
    await this.commands.execute(new RevokeTokenCommand(admin, tokenId, request.id, 'admin'));
  }
}
