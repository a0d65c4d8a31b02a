import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@pat/domain';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { AdminRoute } from '../../auth/user-route.decorator';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { API_V1 } from '../../http/api-prefix';
import { ApiProblem } from '../../http/api-problem.exception';
import { LogCursorPipe } from '../log-cursor.pipe';
import { AuditEventItem } from '../audit-event.response';
import { isLogPosition } from '../log-position';
import { AUDIT_STREAM_FRAME_SCHEMA } from './audit-stream-frames.schema';
import { AuditStreams } from './audit-streams';
import { openEventStream } from './server-sent-events';
import { StreamAuditEventsDto } from './stream-audit-events.dto';

@ApiTags('audit')
@ApiBearerAuth('user-jwt')
@Controller(`${API_V1}/audit`)
export class StreamAuditEventsController {
  constructor(
    private readonly streams: AuditStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('stream')
  @AdminRoute()
  @ApiOperation({
    summary: 'Follow the audit log live as Server-Sent Events (admins only)',
    description:
      'Every recorded event after the starting point, then each new one as it is recorded: `id:` is its cursor and ' +
      '`data:` the audit item as JSON (as in `GET /audit/events`). Starts after `Last-Event-ID` (sent by ' +
      'EventSource on reconnect), else after `after`, else at the beginning of the log. Idle streams get a ' +
      '`: heartbeat` comment every `AUDIT_STREAM_HEARTBEAT_MS`. The server ends a stream with a last frame ' +
      '`event: end` and `data: {"reason": …}`: `credential_expired` when the JWT it was opened with is no longer ' +
      'accepted (its `exp` plus the 30 s clock tolerance, as for every other call), so reconnect with a fresh JWT; ' +
      '`max_lifetime` once the stream is `AUDIT_STREAM_MAX_SECONDS` old, so reconnect. Either way send ' +
      '`Last-Event-ID` to go on exactly where it ended.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The `id:` of the last event received; blank counts as absent',
    schema: { type: 'string' },
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'A `text/event-stream`, open until the JWT expires or `AUDIT_STREAM_MAX_SECONDS` have passed: first `retry: 2000`, then per event `id: <position>` and `data: <item>`, ' +
      'the item being an `AuditEventItem` as JSON on one line, `: heartbeat` comments while idle, and a last `event: end` frame',
    content: {
      'text/event-stream': {
        schema: AUDIT_STREAM_FRAME_SCHEMA,
      },
    },
  })
  @ApiExtraModels(AuditEventItem)
  @ApiProblems(400, 401, 403)
  stream(
    @CurrentUser() admin: UserPrincipal,
    @Query(LogCursorPipe) query: StreamAuditEventsDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    const resumeFrom = lastEventId?.trim() || undefined;
    if (resumeFrom !== undefined && !isLogPosition(this.store, resumeFrom)) {
      throw ApiProblem.validation([
        { field: 'Last-Event-ID', message: 'Last-Event-ID must be an id from this stream' },
      ]);
    }
    const { after, type, userId, tokenId } = query;
    this.streams.follow(openEventStream(reply), admin, resumeFrom ?? after ?? null, {
      type,
      userId,
      tokenId: tokenId?.toLowerCase(),
    });
  }
}
