import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppConfig } from '@pat/config';
import { TokenDigester, TokenFormat, type Clock } from '@pat/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../../infrastructure/app-config.provider';
import { CLOCK } from '../../infrastructure/clock.provider';
import { tokenActor } from '../acting-as';
import { CreatedTokenResponse } from '../generate-token/created-token.response';
import { TokenRepository } from '../token-repository';
import { RotateTokenCommand } from './rotate-token.command';
import type { RotatedTokenResponse } from './rotated-token.response';

/** Replaces one of the user's tokens by a successor with its attributes and a new secret, shown once. */
@CommandHandler(RotateTokenCommand)
export class RotateTokenHandler implements ICommandHandler<RotateTokenCommand, RotatedTokenResponse> {
  constructor(
    private readonly repository: TokenRepository,
    private readonly format: TokenFormat,
    private readonly digester: TokenDigester,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ user, tokenId, overlapSeconds, correlationId }: RotateTokenCommand): Promise<RotatedTokenResponse> {
    const token = this.format.generate(randomBytes);
    const { generated, rotated } = await this.repository.rotate(
      {
        type: 'RotateToken',
        tokenId,
        actor: tokenActor(user, 'owner'),
        successorId: randomUUID(),
        overlapSeconds,
        maxOverlapSeconds: this.config.tokenRotationMaxOverlapSeconds,
        now: this.clock.now(),
      },
      {
        policy: { maxLifetimeDays: this.config.tokenMaxLifetimeDays, allowNoExpiry: this.config.tokenAllowNoExpiry },
        tokenDigest: this.digester.digest(token),
        tokenHint: this.format.hint(token),
      },
      { commandId: randomUUID(), correlationId, actor: user.userId },
    );
    const { data } = generated;
    return {
      ...CreatedTokenResponse.of(data, token),
      predecessorId: tokenId,
      predecessorGraceUntil: rotated.data.graceUntil,
    };
  }
}
