import { createConnection, type Connection, type ConnectOptions } from 'mongoose';
import { mongoOperation } from './mongo-store-errors';

/**
 * Short timeouts so that a store that is down answers 503 within seconds instead of hanging
 * requests; the driver's monitor reconnects by itself once the server is back.
 */
export const MONGO_CONNECT_OPTIONS: ConnectOptions = {
  serverSelectionTimeoutMS: 3_000,
  connectTimeoutMS: 3_000,
  socketTimeoutMS: 10_000,
  heartbeatFrequencyMS: 2_000,
  // Fail at once rather than queueing commands while mongoose considers itself disconnected.
  bufferCommands: false,
  autoIndex: false,
  autoCreate: false,
};

/** A dedicated connection (never mongoose's global one), open once this resolves. */
export async function openMongoConnection(url: string, options: ConnectOptions = {}): Promise<Connection> {
  const connection = createConnection(url, { ...MONGO_CONNECT_OPTIONS, ...options });
  try {
    return await mongoOperation('connect', () => connection.asPromise());
  } catch (error) {
    await connection.close(true).catch(() => undefined);
    throw error;
  }
}
