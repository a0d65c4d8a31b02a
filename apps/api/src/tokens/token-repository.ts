import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  decide,
  foldTokenEvents,
  toTokenEvent,
  tokenStreamName,
  type EventMetadata,
  type EventStore,
  type LogPosition,
  type TokenCommand,
  type TokenEvent,
} from '@pat/domain';
import { createHash } from 'node:crypto';
import { ReadModelFollower } from '../infrastructure/read-model-follower';

const MAX_ATTEMPTS = 50;

export interface CommandContext {
  commandId: string;
  correlationId: string;
  actor: string;
}

export interface CommandOutcome {
  events: TokenEvent[];
  position: LogPosition | null;
}

/**
 * Runs a command against one token's stream: read, decide, append with the expected
 * revision. A concurrent writer makes the append fail; the command is then decided again on
 * the newer state, so it is neither lost nor applied twice. Returns once this process's read
 * model shows the result.
 */
@Injectable()
export class TokenRepository {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly follower: ReadModelFollower,
  ) {}

  async execute(command: TokenCommand, context: CommandContext): Promise<CommandOutcome> {
    const streamId = tokenStreamName(command.tokenId);
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(streamId);
      const history = recorded.map(toTokenEvent).filter((event): event is TokenEvent => event !== null);
      const events = decide(command, foldTokenEvents(history));
      if (events.length === 0) return { events, position: null };
      const expected = recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision;
      const metadata: EventMetadata = {
        correlationId: context.correlationId,
        causationId: context.commandId,
        actor: context.actor,
      };
      const toAppend = events.map((event, index) => ({
        id: eventId(context.commandId, expected, index),
        type: event.type,
        data: { ...event.data },
        metadata,
      }));
      try {
        const { position } = await this.store.append(streamId, toAppend, expected);
        await this.follower.waitFor(position);
        return { events, position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

/** A UUID derived from the command and the revision it builds on: a retried append repeats it. */
function eventId(commandId: string, expected: number | 'no_stream', index: number): string {
  const hex = createHash('sha256').update(`${commandId}/${expected}/${index}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
