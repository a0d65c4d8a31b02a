import type { EventStore, LogPosition } from '../ports/event-store.port';
import type { GenerateSuccessor, RotateToken } from './token.commands';
import { decide, foldTokenEvents, predecessorOf } from './token.decider';
import type { TokenGenerated, TokenRotated } from './token.events';
import {
  commandEventId,
  decideOnTokenStream,
  executeTokenCommand,
  type CommandContext,
} from './token-command-executor';

/** What the successor is made of besides its predecessor's attributes. */
export type SuccessorSecret = Pick<GenerateSuccessor, 'policy' | 'tokenDigest' | 'tokenHint'>;

export interface RotationOutcome {
  generated: TokenGenerated;
  rotated: TokenRotated;
  /** Position of the TokenRotated, the later of the two writes. */
  position: LogPosition;
}

/**
 * Rotation writes two streams, the successor's first. A crash between the two leaves the old token
 * as it was and a successor nobody holds the secret of (it counts toward the owner's limit until
 * it expires or is revoked); a rotation refused at the second write (a concurrent rotation, revoke
 * or suspension's end of life) revokes the successor it made before answering the refusal.
 */
export async function rotateToken(
  store: EventStore,
  command: RotateToken,
  secret: SuccessorSecret,
  context: CommandContext,
): Promise<RotationOutcome> {
  const { result: predecessor } = await decideOnTokenStream(store, command.tokenId, context, (history) => {
    const state = foldTokenEvents(history);
    decide(command, state); // refuses here, before the successor exists, what the second write would refuse
    return { events: [], result: predecessorOf(state) };
  });
  // The successor's stream gets its own command id, so no event of the two streams shares an id.
  const successorContext = { ...context, commandId: commandEventId(`${context.commandId}/successor`, 'no_stream', 0) };
  const successor = await executeTokenCommand(
    store,
    { type: 'GenerateSuccessor', tokenId: command.successorId, predecessor, ...secret, now: command.now },
    successorContext,
  );
  try {
    const rotation = await executeTokenCommand(store, command, context);
    return {
      generated: successor.events[0] as TokenGenerated,
      rotated: rotation.events[0] as TokenRotated,
      position: rotation.position as LogPosition,
    };
  } catch (refusal) {
    await executeTokenCommand(
      store,
      {
        type: 'RevokeToken',
        tokenId: command.successorId,
        actor: { kind: 'system', name: 'rotation' },
        reason: 'rotation_failed',
        now: command.now,
      },
      successorContext,
    );
    throw refusal;
  }
}
