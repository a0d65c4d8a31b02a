import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  executeTokenCommand,
  rotateToken,
  type CommandContext,
  type EventStore,
  type LogPosition,
  type RotateToken,
  type RotationOutcome,
  type SuccessorSecret,
  type TokenCommand,
  type TokenEvent,
} from '@pat/domain';
import { ReadModelFollower } from '../infrastructure/read-model-follower';

export interface CommandOutcome {
  events: TokenEvent[];
  position: LogPosition | null;
}

/**
 * Runs a command against one token's stream (read, decide, append with the expected revision,
 * decided again on a conflict: see `executeTokenCommand`) and returns once this process's read
 * model shows the result.
 */
@Injectable()
export class TokenRepository {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly follower: ReadModelFollower,
  ) {}

  async execute(command: TokenCommand, context: CommandContext): Promise<CommandOutcome> {
    const { events, position } = await executeTokenCommand(this.store, command, context);
    if (position !== null) await this.follower.waitFor(position);
    return { events, position };
  }

  /** Rotates a token (two streams: see `rotateToken`), returning once the read model shows both. */
  async rotate(command: RotateToken, secret: SuccessorSecret, context: CommandContext): Promise<RotationOutcome> {
    const outcome = await rotateToken(this.store, command, secret, context);
    await this.follower.waitFor(outcome.position);
    return outcome;
  }
}
