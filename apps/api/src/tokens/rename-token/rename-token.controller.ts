import { Body, Controller, Param, Patch, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { UserRoute } from '../../auth/user-route.decorator';
import { ApiJsonBodyProblems, ApiProblemResponse, ApiProblems } from '../../docs/api-problems.decorator';
import { TOKEN_CHANGE_409_CODES } from '../../docs/problem-codes';
import { API_V1 } from '../../http/api-prefix';
import { TokenItemResponse } from '../token-item.response';
import { ApiTokenIdParam } from '../token-id-param.decorator';
import { TokenIdPipe } from '../token-id.pipe';
import { RenameTokenCommand } from './rename-token.command';
import { EditTokenDto } from './rename-token.dto';

@ApiTags('tokens')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/tokens`)
export class RenameTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id')
  @UserRoute()
  @ApiTokenIdParam()
  @ApiOperation({
    summary: 'Rename one of your active tokens, or change its rate limit',
    description:
      'Records TokenRenamed for a new `name` and TokenRateLimitChanged for a new `maxRequestsPerSecond` (null removes ' +
      'the limit), in one append; what stays the same records nothing. Names need not be unique. A revoked or ' +
      'expired token is refused with 409 token_not_active.',
  })
  @ApiOkResponse({ type: TokenItemResponse })
  @ApiJsonBodyProblems()
  @ApiProblems(401, 404, 503)
  @ApiProblemResponse(409, TOKEN_CHANGE_409_CODES)
  rename(
    @CurrentUser() user: UserPrincipal,
    @Param('id', TokenIdPipe) tokenId: string,
    @Body() body: EditTokenDto,
    @Req() request: FastifyRequest,
  ): Promise<TokenItemResponse> {
    const changes = { name: body.name, maxRequestsPerSecond: body.maxRequestsPerSecond };
    return this.commands.execute(new RenameTokenCommand(user, tokenId, changes, request.id));
  }
}
