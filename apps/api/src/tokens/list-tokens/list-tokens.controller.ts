import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { UserRoute } from '../../auth/user-route.decorator';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { API_V1 } from '../../http/api-prefix';
import { TokenListResponse } from '../token-item.response';
import { TokenPageDto } from '../token-page/token-page.dto';
import { ListTokensQuery } from './list-tokens.query';

@ApiTags('tokens')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/tokens`)
export class ListTokensController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @UserRoute()
  @ApiOperation({ summary: 'Your tokens, newest first, in pages' })
  @ApiOkResponse({ type: TokenListResponse })
  @ApiProblems(400, 401, 503)
  list(@CurrentUser() user: UserPrincipal, @Query() query: TokenPageDto): Promise<TokenListResponse> {
    const { status, cursor, limit } = query;
    return this.queries.execute(new ListTokensQuery(user.userId, status, { cursor, limit }));
  }
}
