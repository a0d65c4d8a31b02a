import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute } from '../../auth/user-route.decorator';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { API_V1 } from '../../http/api-prefix';
import { AdminTokenListResponse } from './admin-token-item.response';
import { ListAllTokensDto } from './list-all-tokens.dto';
import { ListAllTokensQuery } from './list-all-tokens.query';

@ApiTags('admin')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/admin/tokens`)
export class ListAllTokensController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AdminRoute()
  @ApiOperation({ summary: "Every user's tokens, newest first, in pages (admins only)" })
  @ApiOkResponse({ type: AdminTokenListResponse })
  @ApiProblems(400, 401, 403, 503)
  list(@Query() query: ListAllTokensDto): Promise<AdminTokenListResponse> {
    const { userId, status, cursor, limit } = query;
    return this.queries.execute(new ListAllTokensQuery(userId, status, { cursor, limit }));
  }
}
