import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppConfig } from '@pat/config';
import {
  TOKEN_READ_MODEL,
  TokenDigester,
  TokenFormat,
  type Clock,
  type TokenGenerated,
  type TokenReadModel,
} from '@pat/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { CLOCK } from '../../infrastructure/clock.provider';
import { ReadModelFollower } from '../../infrastructure/read-model-follower';
import { TokenRepository } from '../token-repository';
import { CreatedTokenResponse } from './created-token.response';
import { GenerateTokenCommand } from './generate-token.command';
import { PerKeyQueue } from './per-key-queue';

/**
 * Generates a token within the user's cap of active tokens, counted on this process's read
 * model once it has caught up with the log. One user's generations run one at a time in a
 * process, each returning once the read model shows it; processes do not wait for one another,
 * so generations for one user racing in N processes can pass the cap by at most N − 1.
 */
@CommandHandler(GenerateTokenCommand)
export class GenerateTokenHandler implements ICommandHandler<GenerateTokenCommand, CreatedTokenResponse> {
  private readonly perUser = new PerKeyQueue();

  constructor(
    private readonly repository: TokenRepository,
    private readonly format: TokenFormat,
    private readonly digester: TokenDigester,
    @Inject(TOKEN_READ_MODEL) private readonly readModel: TokenReadModel,
    private readonly follower: ReadModelFollower,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute(command: GenerateTokenCommand): Promise<CreatedTokenResponse> {
    return this.perUser.run(command.user.userId, () => this.generate(command));
  }

  private async generate({ user, request, correlationId }: GenerateTokenCommand): Promise<CreatedTokenResponse> {
    const token = this.format.generate(randomBytes);
    const tokenId = randomUUID();
    await this.follower.catchUp();
    const now = this.clock.now();
    const active = await this.readModel.countLiveByUser(user.userId, now);
    const { events } = await this.repository.execute(
      {
        type: 'GenerateToken',
        tokenId,
        userId: user.userId,
        ownerEmail: user.email,
        name: request.name,
        expiry: { expiresInDays: request.expiresInDays, expiresAt: request.expiresAt },
        policy: { maxLifetimeDays: this.config.tokenMaxLifetimeDays, allowNoExpiry: this.config.tokenAllowNoExpiry },
        quota: { active, limit: this.config.tokenMaxActivePerUser },
        scopes: request.scopes,
        declaredScopes: this.config.tokenScopes,
        maxRequestsPerSecond: request.maxRequestsPerSecond,
        tokenDigest: this.digester.digest(token),
        tokenHint: this.format.hint(token),
        now,
      },
      { commandId: randomUUID(), correlationId, actor: user.userId },
    );
    const generated = events[0] as TokenGenerated;
    return CreatedTokenResponse.of(generated.data, token);
  }
}
