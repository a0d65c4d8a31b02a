import { createHash } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type LogPosition,
  type RecordedEvent,
} from '../ports/event-store.port';
import type { TokenCommand } from './token.commands';
import { decide, foldTokenEvents } from './token.decider';
import { tokenStreamName, type TokenEvent } from './token.events';
import { toTokenEvent } from './token-event-codec';

const MAX_ATTEMPTS = 50;

export interface CommandContext {
  commandId: string;
  correlationId: string;
  actor: string;
}

/** The events to record given a stream's history, and what the caller wants to learn from it. */
export interface StreamDecision<T> {
  events: TokenEvent[];
  result: T;
}

export interface StreamOutcome<T> {
  /** The events recorded; empty when the decision was to record nothing. */
  events: TokenEvent[];
  result: T;
  /** Position of the last event recorded, or null when nothing was. */
  position: LogPosition | null;
  /** The stream as read for the decision that was taken, without what this call appended. */
  recorded: RecordedEvent[];
}

/**
 * Runs a decision against one token's stream: read, decide, append with the expected
 * revision. A concurrent writer makes the append fail; the decision is then taken again on
 * the newer history, so it is neither lost nor applied twice.
 */
export async function decideOnTokenStream<T>(
  store: EventStore,
  tokenId: string,
  context: CommandContext,
  decideFrom: (history: readonly TokenEvent[]) => StreamDecision<T>,
): Promise<StreamOutcome<T>> {
  const streamId = tokenStreamName(tokenId);
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamId);
    const history = recorded.map(toTokenEvent).filter((event): event is TokenEvent => event !== null);
    const { events, result } = decideFrom(history);
    if (events.length === 0) return { events, result, position: null, recorded };
    const expected: ExpectedRevision = recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision;
    const metadata: EventMetadata = {
      correlationId: context.correlationId,
      causationId: context.commandId,
      actor: context.actor,
    };
    const toAppend = events.map((event, index) => ({
      id: commandEventId(context.commandId, expected, index),
      type: event.type,
      data: { ...event.data },
      metadata,
    }));
    try {
      const { position } = await store.append(streamId, toAppend, expected);
      return { events, result, position, recorded };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** Runs one token command: `decide` on the folded history of its stream. */
export function executeTokenCommand(
  store: EventStore,
  command: TokenCommand,
  context: CommandContext,
): Promise<StreamOutcome<null>> {
  return decideOnTokenStream(store, command.tokenId, context, (history) => ({
    events: decide(command, foldTokenEvents(history)),
    result: null,
  }));
}

/** A UUID derived from the command and the revision it builds on: a retried append repeats it. */
export function commandEventId(commandId: string, expected: ExpectedRevision, index: number): string {
  const hex = createHash('sha256').update(`${commandId}/${expected}/${index}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
