import { status, type handleServerStreamingCall } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { BadRequestError } from './bad-request';
import type { EventLog } from './event-log';
import { LiveSubscription, type SubscriptionDelivery } from './live-subscription';
import { oneShotRead } from './one-shot-read';
import { decodeReadRequest, type ReadRequest } from './read-request';

/** `Streams.Read`: stream and `$all` reads end after their events; subscriptions stay open. */
export function readHandler(
  log: EventLog,
  subscriptions: Set<LiveSubscription>,
  delivery: SubscriptionDelivery,
): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    let request: ReadRequest;
    try {
      request = decodeReadRequest(call.request);
    } catch (error) {
      const code = error instanceof BadRequestError ? status.INVALID_ARGUMENT : status.INTERNAL;
      const details = error instanceof Error ? error.message : String(error);
      call.emit('error', Object.assign(new Error(details), { code, details }));
      return;
    }
    if (request.count === null) {
      const subscription = new LiveSubscription(log, call, request, delivery);
      subscriptions.add(subscription);
      call.on('close', () => subscriptions.delete(subscription));
      return;
    }
    for (const message of oneShotRead(log, request)) call.write(message);
    call.end();
  };
}
