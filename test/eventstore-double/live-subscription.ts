import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventLog, StoredEvent } from './event-log';
import { caughtUpMessage, checkpointMessage, confirmationMessage, eventMessage } from './read-messages';
import type { ReadRequest } from './read-request';

/** Whether subscriptions send anything: a paused one stays open and silent, as a stalled one would. */
export interface SubscriptionDelivery {
  paused: boolean;
}

/**
 * A catch-up subscription to a stream or to `$all`: the confirmation, then every matching
 * event after the start (exclusive), `caught_up` once everything recorded before it started
 * has been sent, then new events as they are written. Filtered `$all` subscriptions report a
 * checkpoint (the last scanned position) every `checkpointInterval` scanned events.
 */
export class LiveSubscription {
  private cursor: number;
  private readonly caughtUpAt: number;
  private caughtUpSent = false;
  private scannedSinceCheckpoint = 0;
  private waitingForDrain = false;
  private stopped = false;
  private readonly stopListening: () => void;

  constructor(
    private readonly log: EventLog,
    private readonly call: ServerWritableStream<ReadReq, ReadResp>,
    private readonly request: ReadRequest,
    private readonly delivery: SubscriptionDelivery,
  ) {
    this.cursor = this.startIndex();
    this.caughtUpAt = log.events.length;
    this.stopListening = log.onWrite(() => this.pump());
    call.on('cancelled', () => this.stop());
    call.on('error', () => this.stop());
    call.write(confirmationMessage(randomUUID()));
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.stopListening();
  }

  /** Sends what was held while delivery was paused. */
  resume(): void {
    this.pump();
  }

  private pump(): void {
    if (this.delivery.paused || this.waitingForDrain || this.stopped || this.call.cancelled) return;
    const events = this.log.events;
    while (this.cursor < events.length || !this.caughtUpSent) {
      if (this.cursor >= this.caughtUpAt && !this.caughtUpSent) {
        this.caughtUpSent = true;
        if (!this.call.write(caughtUpMessage())) return this.awaitDrain();
        continue;
      }
      const event = events[this.cursor++];
      if (!this.send(event)) return this.awaitDrain();
    }
  }

  /** Writes what `event` calls for; false when the call's buffer is full. */
  private send(event: StoredEvent): boolean {
    let writable = true;
    if (this.accepts(event)) writable = this.call.write(eventMessage(event));
    const filter = this.request.filter;
    if (filter === null) return writable;
    this.scannedSinceCheckpoint++;
    if (this.scannedSinceCheckpoint < filter.checkpointInterval) return writable;
    this.scannedSinceCheckpoint = 0;
    return this.call.write(checkpointMessage(event.position)) && writable;
  }

  private awaitDrain(): void {
    this.waitingForDrain = true;
    this.call.once('drain', () => {
      this.waitingForDrain = false;
      this.pump();
    });
  }

  private accepts(event: StoredEvent): boolean {
    const { target, filter } = this.request;
    if (target.kind === 'all') return filter === null || filter.accepts(event);
    if (event.streamName !== target.streamName) return false;
    return target.from.kind !== 'revision' || event.revision > target.from.revision;
  }

  /** Index in the log of the first event that may follow the start. */
  private startIndex(): number {
    const { target } = this.request;
    const from = target.from;
    if (from.kind === 'start') return 0;
    if (from.kind === 'end') return this.log.events.length;
    if (from.kind === 'position') return this.log.indexFrom(from.position, false);
    if (target.kind !== 'stream') return 0;
    const stream = this.log.stream(target.streamName) ?? [];
    const startEvent = stream[Number(from.revision)];
    return startEvent === undefined ? this.log.events.length : this.log.indexFrom(startEvent.position, false);
  }
}
