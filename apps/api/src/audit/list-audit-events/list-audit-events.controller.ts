import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute } from '../../auth/user-route.decorator';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { API_V1 } from '../../http/api-prefix';
import { AuditEventsResponse } from '../audit-event.response';
import { PAGE_DEFAULT } from '../../http/page-limit.decorator';
import { ListAuditEventsDto } from './list-audit-events.dto';
import { ListAuditEventsQuery } from './list-audit-events.query';
import { LogCursorPipe } from '../log-cursor.pipe';

@ApiTags('audit')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/audit`)
export class ListAuditEventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @AdminRoute()
  @ApiOperation({ summary: 'The audit log of every token, oldest first, in pages (admins only)' })
  @ApiOkResponse({ type: AuditEventsResponse })
  @ApiProblems(400, 401, 403, 503)
  list(@Query(LogCursorPipe) query: ListAuditEventsDto): Promise<AuditEventsResponse> {
    const { after, limit = PAGE_DEFAULT, type, userId, tokenId } = query;
    return this.queries.execute(
      new ListAuditEventsQuery(after ?? null, limit, { type, userId, tokenId: tokenId?.toLowerCase() }),
    );
  }
}
