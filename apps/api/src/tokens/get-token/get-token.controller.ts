import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { UserRoute } from '../../auth/user-route.decorator';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { API_V1 } from '../../http/api-prefix';
import { TokenItemResponse } from '../token-item.response';
import { ApiTokenIdParam } from '../token-id-param.decorator';
import { TokenIdPipe } from '../token-id.pipe';
import { GetTokenQuery } from './get-token.query';

@ApiTags('tokens')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/tokens`)
export class GetTokenController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @UserRoute()
  @ApiTokenIdParam()
  @ApiOperation({ summary: 'One of your tokens' })
  @ApiOkResponse({ type: TokenItemResponse })
  @ApiProblems(401, 404, 503)
  get(@CurrentUser() user: UserPrincipal, @Param('id', TokenIdPipe) tokenId: string): Promise<TokenItemResponse> {
    return this.queries.execute(new GetTokenQuery(user.userId, tokenId));
  }
}
