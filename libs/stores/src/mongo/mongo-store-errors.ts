import { StoreUnavailableError } from '@pat/domain';
import { Error as MongooseError, mongo } from 'mongoose';

/** Server answers that mean "not reachable or not serving now", not "this request is wrong". */
const UNAVAILABLE_SERVER_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  50, // MaxTimeMSExpired
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10058, // LegacyNotPrimary
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

export function isMongoUnavailable(error: unknown): boolean {
  return (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    error instanceof mongo.MongoOperationTimeoutError ||
    error instanceof MongooseError.MongooseServerSelectionError ||
    (error instanceof mongo.MongoDriverError && error.name === 'MongoWaitQueueTimeoutError') ||
    (error instanceof mongo.MongoServerError &&
      typeof error.code === 'number' &&
      UNAVAILABLE_SERVER_CODES.has(error.code))
  );
}

/** Runs a MongoDB operation, turning "the server is unreachable" into StoreUnavailableError. */
export async function mongoOperation<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isMongoUnavailable(error)) {
      throw new StoreUnavailableError(`MongoDB read model unavailable (${what})`, { cause: error });
    }
    throw error;
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof mongo.MongoServerError && error.code === 11000;
}
