import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  executeTokenCommand,
  type CommandContext,
  type EventStore,
  type LogPosition,
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
}
