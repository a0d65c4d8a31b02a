import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { UserRoute } from '../../auth/user-route.decorator';
import { ApiJsonBodyProblems, ApiProblemResponse, ApiProblems } from '../../docs/api-problems.decorator';
import { GENERATE_409_CODES } from '../../docs/problem-codes';
import { API_V1 } from '../../http/api-prefix';
import { CreatedTokenResponse } from './created-token.response';
import { GenerateTokenCommand } from './generate-token.command';
import { GenerateTokenDto } from './generate-token.dto';

@ApiTags('tokens')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/tokens`)
export class GenerateTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @UserRoute()
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Generate a token. The response is the only place the token is ever shown.',
    description:
      'A user may have at most TOKEN_MAX_ACTIVE_PER_USER active tokens (default 100); one more is refused with 409 ' +
      'token_limit_reached until one is revoked or expires.',
  })
  @ApiCreatedResponse({ type: CreatedTokenResponse })
  @ApiJsonBodyProblems()
  @ApiProblems(401, 503)
  @ApiProblemResponse(409, GENERATE_409_CODES)
  generate(
    @CurrentUser() user: UserPrincipal,
    @Body() body: GenerateTokenDto,
    @Req() request: FastifyRequest,
  ): Promise<CreatedTokenResponse> {
    return this.commands.execute(new GenerateTokenCommand(user, body, request.id));
  }
}
