import { StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { StoreUnavailableError, WrongExpectedRevisionError, type ExpectedRevision } from '@pat/domain';

/** The client's error types (`CommandError.type`) for a call whose outcome is unknown. */
const TRANSPORT_TYPES = new Set(['unavailable', 'deadline-exceeded', 'cancelled', 'timeout']);
/** The client's type for UNAUTHENTICATED (wrong user or password) and for "Access Denied" (no right). */
const ACCESS_DENIED_TYPE = 'access-denied';
/** gRPC status codes of the same failures, for errors the client passes on unconverted. */
const TRANSPORT_CODES = new Set([
  1, // CANCELLED
  4, // DEADLINE_EXCEEDED
  10, // ABORTED
  14, // UNAVAILABLE
]);

interface ClientFailure {
  type?: unknown;
  code?: unknown;
}

/** A failure of the connection or the server's availability, not an answer to the request. */
export function isTransportFailure(error: unknown): boolean {
  if (!isClientFailure(error)) return false;
  if (typeof error.type === 'string') return TRANSPORT_TYPES.has(error.type);
  return typeof error.code === 'number' && TRANSPORT_CODES.has(error.code);
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

/**
 * What the port promises for a failed call: a conflict as WrongExpectedRevisionError, any
 * failure of the client or server as StoreUnavailableError. Anything else (a bug) as it is.
 */
export function toPortError(
  error: unknown,
  action: string,
  append?: { streamId: string; expected: ExpectedRevision },
): Error {
  if (error instanceof WrongExpectedVersionError && append !== undefined) {
    const actual = error.actualVersion === 'no_stream' ? 'no_stream' : Number(error.actualVersion);
    return new WrongExpectedRevisionError(append.streamId, append.expected, actual);
  }
  if (error instanceof StoreUnavailableError) return error;
  if (isClientFailure(error)) {
    const message = error instanceof Error ? error.message : `gRPC status ${String(error.code)}`;
    const reason =
      error.type === ACCESS_DENIED_TYPE
        ? `did not let the user of EVENTSTORE_URL ${action} (check its user and password, and that the user may read $all and write the streams)`
        : `failed to ${action}`;
    return new StoreUnavailableError(`EventStoreDB ${reason}: ${message}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Errors of the client carry a `type` (CommandError) or a numeric gRPC `code` (ServiceError). */
function isClientFailure(error: unknown): error is ClientFailure & object {
  if (typeof error !== 'object' || error === null) return false;
  const failure = error as ClientFailure;
  return typeof failure.type === 'string' || typeof failure.code === 'number';
}
