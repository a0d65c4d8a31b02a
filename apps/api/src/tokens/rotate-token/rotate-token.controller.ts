import { Body, Controller, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { UserRoute } from '../../auth/user-route.decorator';
import { ApiJsonBodyProblems, ApiProblemResponse, ApiProblems } from '../../docs/api-problems.decorator';
import { TOKEN_CHANGE_409_CODES } from '../../docs/problem-codes';
import { API_V1 } from '../../http/api-prefix';
import { ApiTokenIdParam } from '../token-id-param.decorator';
import { TokenIdPipe } from '../token-id.pipe';
import { RotateTokenCommand } from './rotate-token.command';
import { RotateTokenDto } from './rotate-token.dto';
import { RotatedTokenResponse } from './rotated-token.response';

@ApiTags('tokens')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/tokens`)
export class RotateTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/rotate')
  @UserRoute()
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  @ApiTokenIdParam()
  @ApiOperation({
    summary: 'Rotate one of your tokens: a new secret with the same name, scopes and lifetime length',
    description:
      'Generates a successor (a new id and secret, shown in this response only) that lives as long as the old ' +
      'token was meant to, from now, within TOKEN_MAX_LIFETIME_DAYS; the old stream records TokenRotated. The old ' +
      'token keeps working for overlapSeconds (a suspended one does not), then is refused with 401 token_rotated; ' +
      'expiry notices go to the successor. A revoked, expired or already rotated token is refused with 409 ' +
      'token_not_active.',
  })
  @ApiBody({ type: RotateTokenDto, required: false })
  @ApiCreatedResponse({ type: RotatedTokenResponse })
  @ApiJsonBodyProblems()
  @ApiProblems(401, 404, 503)
  @ApiProblemResponse(409, TOKEN_CHANGE_409_CODES)
  rotate(
    @CurrentUser() user: UserPrincipal,
    @Param('id', TokenIdPipe) tokenId: string,
    @Body() body: RotateTokenDto,
    @Req() request: FastifyRequest,
  ): Promise<RotatedTokenResponse> {
    return this.commands.execute(new RotateTokenCommand(user, tokenId, body.overlapSeconds ?? 0, request.id));
  }
}
