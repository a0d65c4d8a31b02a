import type { EventStoreDBClient } from '@eventstore/db-client';

const BATCH_APPEND_PATH = '/event_store.client.streams.Streams/BatchAppend'.toLowerCase();

/**
 * Makes `client` append through plain `Streams.Append` even when the server lists
 * `Streams.BatchAppend` (EventStoreDB 21.10 and later do).
 *
 * On the BatchAppend path, @eventstore/db-client 6.2.1 keeps one process-wide table of
 * pending appends. A transport error on any client's batch stream rejects every pending
 * append of every client in the process, and the server's later answer to such an append
 * finds no entry and throws inside the client's stream handler. Plain Append is one call per
 * append: its failure is its own. The client consults the overridable `supports` (protected
 * in its typings) for exactly this choice; the adapter's tests fail if it stops doing so.
 */
export function appendWithoutBatchAppend(client: EventStoreDBClient): void {
  const supports = client['supports'];
  client['supports'] = (method, feature) =>
    method.path.toLowerCase() === BATCH_APPEND_PATH ? Promise.resolve(false) : supports(method, feature);
}
