import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { throttleKey } from '../../auth/throttle-key';
import { ApiJsonBodyProblems, ApiProblems } from '../../docs/api-problems.decorator';
import { ApiProblem } from '../../http/api-problem.exception';
import { API_V1 } from '../../http/api-prefix';
import { LeakReportThrottle } from './leak-report-throttle';
import { LeakReportDto, MAX_REPORTED_TOKENS } from './leak-report.dto';
import { LeakReportResponse } from './leak-report.response';
import { ReportLeaksCommand } from './report-leaks.command';

@ApiTags('leak reports')
@Controller(`${API_V1}/tokens`)
export class ReportLeaksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly throttle: LeakReportThrottle,
  ) {}

  @Post('leaks')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Report tokens found where they should not be (for secret scanners; no sign-in)',
    description:
      'Each string that is a token of this service and still works is revoked (`TokenLeakReported`, then ' +
      '`TokenRevoked` with `revokedBy: "system:leak-report"` and `reason: "leaked"`), and its owner is told ' +
      'once by the notifier (`RevocationNoticeSent`). ' +
      'The answer is the same whatever the strings were, so a report cannot be used to test guesses. ' +
      `At most ${MAX_REPORTED_TOKENS} strings a report, and a few reports a minute from one address (429).`,
  })
  @ApiAcceptedResponse({ type: LeakReportResponse })
  @ApiJsonBodyProblems()
  @ApiProblems(429, 503)
  async report(@Body() body: LeakReportDto, @Req() request: FastifyRequest): Promise<LeakReportResponse> {
    const retryAfter = this.throttle.count(throttleKey(request));
    if (retryAfter > 0)
      throw ApiProblem.throttled(429, 'Too many leak reports from this address; try again later', retryAfter);
    await this.commands.execute(new ReportLeaksCommand(body.tokens, request.id));
    return { received: body.tokens.length };
  }
}
