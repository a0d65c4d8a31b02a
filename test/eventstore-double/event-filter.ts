import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { BadRequestError } from './bad-request';
import type { StoredEvent } from './event-log';

/** A server-side filter of a `$all` read or subscription, with how often a subscription reports a checkpoint. */
export interface EventFilter {
  accepts(event: StoredEvent): boolean;
  /** Events scanned between two checkpoints of a subscription. */
  checkpointInterval: number;
}

/** EventStoreDB's read batch, the search window when the client names none. */
const DEFAULT_SEARCH_WINDOW = 32;

export function eventFilterFrom(options: ReadReq.Options.FilterOptions): EventFilter {
  const expression = options.getStreamIdentifier() ?? options.getEventType();
  if (expression === undefined)
    throw new BadRequestError('A filter needs a stream identifier or event type expression');
  const field = options.hasStreamIdentifier()
    ? (event: StoredEvent) => event.streamName
    : (event: StoredEvent) => event.type;
  const matches = matcher(expression.getRegex(), expression.getPrefixList());
  const window = options.hasMax() ? options.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    accepts: (event) => matches(field(event)),
    checkpointInterval: Math.max(1, options.getCheckpointintervalmultiplier()) * Math.max(1, window),
  };
}

/** A regular expression wins over prefixes, as in EventStoreDB. */
function matcher(regex: string, prefixes: readonly string[]): (value: string) => boolean {
  if (regex !== '') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(regex);
    } catch {
      throw new BadRequestError(`Invalid filter regex: ${regex}`);
    }
    return (value) => pattern.test(value);
  }
  return (value) => prefixes.some((prefix) => value.startsWith(prefix));
}
