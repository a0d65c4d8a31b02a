import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  actorId,
  LEAK_REPORT_ACTOR,
  TOKEN_READ_MODEL,
  TokenDigester,
  TokenFormat,
  type Clock,
  type TokenReadModel,
} from '@pat/domain';
import { randomUUID } from 'node:crypto';
import { CLOCK } from '../../infrastructure/clock.provider';
import { TokenRepository } from '../token-repository';
import { ReportLeaksCommand } from './report-leaks.command';

/**
 * Revokes each reported string that is a token still working, one after the other; the rest
 * (malformed, unknown, already ended) are passed over alike.
 */
@CommandHandler(ReportLeaksCommand)
export class ReportLeaksHandler implements ICommandHandler<ReportLeaksCommand, void> {
  constructor(
    private readonly repository: TokenRepository,
    private readonly format: TokenFormat,
    private readonly digester: TokenDigester,
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ candidates, correlationId }: ReportLeaksCommand): Promise<void> {
    for (const candidate of new Set(candidates)) {
      if (!this.format.isWellFormed(candidate)) continue;
      const view = await this.readModel.findByDigest(this.digester.digest(candidate));
      if (view === null) continue;
      await this.repository.execute(
        { type: 'ReportTokenLeak', tokenId: view.id, now: this.clock.now() },
        { commandId: randomUUID(), correlationId, actor: actorId(LEAK_REPORT_ACTOR) },
      );
    }
  }
}
