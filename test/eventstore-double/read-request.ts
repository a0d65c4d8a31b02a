import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { AllPosition } from './all-position';
import { BadRequestError } from './bad-request';
import { eventFilterFrom, type EventFilter } from './event-filter';

export type StreamStart = { kind: 'start' } | { kind: 'end' } | { kind: 'revision'; revision: bigint };
export type AllStart = { kind: 'start' } | { kind: 'end' } | { kind: 'position'; position: AllPosition };

export type ReadTarget = { kind: 'stream'; streamName: string; from: StreamStart } | { kind: 'all'; from: AllStart };

/** A `Streams.Read` request, decoded. */
export interface ReadRequest {
  target: ReadTarget;
  backwards: boolean;
  /** How many events a read returns; null for a subscription. */
  count: bigint | null;
  filter: EventFilter | null;
}

export function decodeReadRequest(request: ReadReq): ReadRequest {
  const options = request.getOptions();
  if (options === undefined) throw new BadRequestError('A read needs options');
  if (options.hasFilter() && !options.hasAll()) throw new BadRequestError('Only reads of $all take a filter');
  const filter = options.getFilter();
  return {
    target: decodeTarget(options),
    backwards: options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS,
    count: options.hasSubscription() ? null : BigInt(options.getCount()),
    filter: filter === undefined ? null : eventFilterFrom(filter),
  };
}

function decodeTarget(options: ReadReq.Options): ReadTarget {
  const stream = options.getStream();
  if (stream !== undefined) {
    const identifier = stream.getStreamIdentifier();
    if (identifier === undefined) throw new BadRequestError('A stream read needs a stream identifier');
    return { kind: 'stream', streamName: streamNameOf(identifier.getStreamName()), from: decodeStreamStart(stream) };
  }
  const all = options.getAll();
  if (all !== undefined) return { kind: 'all', from: decodeAllStart(all) };
  throw new BadRequestError('A read needs a stream or $all');
}

function decodeStreamStart(options: ReadReq.Options.StreamOptions): StreamStart {
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  return options.hasEnd() ? { kind: 'end' } : { kind: 'start' };
}

function decodeAllStart(options: ReadReq.Options.AllOptions): AllStart {
  const position = options.getPosition();
  if (position !== undefined) {
    return {
      kind: 'position',
      position: { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) },
    };
  }
  return options.hasEnd() ? { kind: 'end' } : { kind: 'start' };
}

export function streamNameOf(name: Uint8Array | string): string {
  return typeof name === 'string' ? Buffer.from(name, 'base64').toString('utf8') : Buffer.from(name).toString('utf8');
}
