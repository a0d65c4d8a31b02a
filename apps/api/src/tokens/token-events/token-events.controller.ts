import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { UserRoute } from '../../auth/user-route.decorator';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { API_V1 } from '../../http/api-prefix';
import { ApiTokenIdParam } from '../token-id-param.decorator';
import { TokenIdPipe } from '../token-id.pipe';
import { TokenEventsResponse } from './token-events.response';
import { GetTokenEventsQuery } from './token-events.query';

@ApiTags('tokens')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/tokens`)
export class TokenEventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/events')
  @UserRoute()
  @ApiTokenIdParam()
  @ApiOperation({ summary: "A token's audit trail, oldest first" })
  @ApiOkResponse({ type: TokenEventsResponse })
  @ApiProblems(401, 404, 503)
  events(@CurrentUser() user: UserPrincipal, @Param('id', TokenIdPipe) tokenId: string): Promise<TokenEventsResponse> {
    return this.queries.execute(new GetTokenEventsQuery(user.userId, tokenId));
  }
}
