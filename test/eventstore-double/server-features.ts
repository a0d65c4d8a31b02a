import { status, type handleUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

const STREAMS_SERVICE = 'event_store.client.streams.Streams';

/**
 * `ServerFeatures.GetSupportedMethods`. By default UNIMPLEMENTED, which the client takes as
 * "an older server" and so appends with plain `Streams.Append`. With `advertiseBatchAppend`
 * it lists `Streams.BatchAppend` as a 21.10+ server does, without serving it: a client that
 * takes the BatchAppend path then fails, which is how a test shows it never does.
 */
export function getSupportedMethodsHandler(advertiseBatchAppend: boolean): handleUnaryCall<Empty, SupportedMethods> {
  return (_call, callback) => {
    if (!advertiseBatchAppend) {
      return callback({ code: status.UNIMPLEMENTED, details: 'Method not found: GetSupportedMethods' });
    }
    const methods = ['Read', 'Append', 'BatchAppend'].map((name) =>
      new SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name),
    );
    callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('24.10.0-double'));
  };
}
