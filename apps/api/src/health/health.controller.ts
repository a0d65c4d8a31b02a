import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { EVENT_STORE, TOKEN_PROJECTION, type EventStore, type TokenProjection } from '@pat/domain';
import { ApiProblemResponse } from '../docs/api-problems.decorator';
import { ReadModelFollower } from '../infrastructure/read-model-follower';
import { HEALTH_OK_SCHEMA } from './health-check.schema';
import { notReadyProblem } from './not-ready.problem';

/** Terminus's own documentation describes a 503 body that the problem filter replaces. */
const NOT_DOCUMENTED_BY_TERMINUS = { noCache: true, swaggerDocumentation: false };

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TOKEN_PROJECTION) private readonly projection: TokenProjection,
    private readonly follower: ReadModelFollower,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ description: 'Up', schema: HEALTH_OK_SCHEMA })
  @HealthCheck(NOT_DOCUMENTED_BY_TERMINUS)
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'The stores answer; 503 when one does not' })
  @ApiOkResponse({ description: 'Every store answers', schema: HEALTH_OK_SCHEMA })
  @ApiProblemResponse(503, ['store_unavailable'])
  @HealthCheck(NOT_DOCUMENTED_BY_TERMINUS)
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.probe('eventStore', () => this.store.ping()),
        () =>
          this.probe('readModel', () => this.projection.checkpoint(), {
            position: this.follower.position,
            current: this.follower.current,
          }),
      ]);
    } catch (error) {
      throw notReadyProblem(error);
    }
  }

  private async probe(
    name: string,
    answer: () => Promise<unknown>,
    details: Record<string, unknown> = {},
  ): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(name);
    try {
      await answer();
      return indicator.up(details);
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
