import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppConfig } from '@pat/config';
import { TokenDigester, TokenFormat, type Clock, type TokenGenerated } from '@pat/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { CLOCK } from '../../infrastructure/clock.provider';
import { TokenRepository } from '../token-repository';
import type { CreatedTokenResponse } from './created-token.response';
import { GenerateTokenCommand } from './generate-token.command';

@CommandHandler(GenerateTokenCommand)
export class GenerateTokenHandler implements ICommandHandler<GenerateTokenCommand, CreatedTokenResponse> {
  constructor(
    private readonly repository: TokenRepository,
    private readonly format: TokenFormat,
    private readonly digester: TokenDigester,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ user, request, correlationId }: GenerateTokenCommand): Promise<CreatedTokenResponse> {
    const token = this.format.generate(randomBytes);
    const tokenId = randomUUID();
    const { events } = await this.repository.execute(
      {
        type: 'GenerateToken',
        tokenId,
        userId: user.userId,
        ownerEmail: user.email,
        name: request.name,
        expiry: { expiresInDays: request.expiresInDays, expiresAt: request.expiresAt },
        policy: { maxLifetimeDays: this.config.tokenMaxLifetimeDays, allowNoExpiry: this.config.tokenAllowNoExpiry },
        tokenDigest: this.digester.digest(token),
        tokenHint: this.format.hint(token),
        now: this.clock.now(),
      },
      { commandId: randomUUID(), correlationId, actor: user.userId },
    );
    const generated = events[0] as TokenGenerated;
    return {
      id: tokenId,
      name: generated.data.name,
      token,
      tokenHint: generated.data.tokenHint,
      createdAt: generated.data.generatedAt,
      expiresAt: generated.data.expiresAt,
      status: 'active',
    };
  }
}
