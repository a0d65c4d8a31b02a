import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { UserRoute } from '../../auth/user-route.decorator';
import { ApiJsonBodyProblems, ApiProblems } from '../../docs/api-problems.decorator';
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
  @ApiOperation({ summary: 'Generate a token. The response is the only place the token is ever shown.' })
  @ApiCreatedResponse({ type: CreatedTokenResponse })
  @ApiJsonBodyProblems()
  @ApiProblems(401, 503)
  generate(
    @CurrentUser() user: UserPrincipal,
    @Body() body: GenerateTokenDto,
    @Req() request: FastifyRequest,
  ): Promise<CreatedTokenResponse> {
    return this.commands.execute(new GenerateTokenCommand(user, body, request.id));
  }
}
