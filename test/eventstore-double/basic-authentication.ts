import {
  Metadata,
  ServerInterceptingCall,
  ServerListenerBuilder,
  status,
  type ServerInterceptor,
  type StatusObject,
} from '@grpc/grpc-js';

type Refusal = Pick<StatusObject, 'code' | 'details'> & { metadata?: Metadata };

const STREAMS_SERVICE = '/event_store.client.streams.Streams/';

/** Calls seen by a secure test server, for tests that count attempts. */
export interface CallCounts {
  accepted: number;
  refused: number;
}

/**
 * Basic authentication as a secure EventStoreDB checks it before any handler runs:
 * credentials that do not match a user end the call with UNAUTHENTICATED "Unauthenticated"
 * (its AuthenticationMiddleware), and a call without credentials is anonymous, which may not
 * touch streams: PERMISSION_DENIED "Access Denied" with `exception: access-denied`, the
 * server's `RpcExceptions.AccessDenied()`. Server features answer anonymous calls.
 */
export function basicAuthentication(users: ReadonlyMap<string, string>, counts: CallCounts): ServerInterceptor {
  return (method, call) =>
    new ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, accept) => {
              const refusal = refusalOf(method.path, metadata, users);
              if (refusal === null) {
                counts.accepted++;
                return accept(metadata);
              }
              counts.refused++;
              call.sendStatus(refusal);
            })
            .build(),
        ),
    });
}

function refusalOf(path: string, metadata: Metadata, users: ReadonlyMap<string, string>): Refusal | null {
  const [authorization] = metadata.get('authorization');
  if (authorization === undefined) {
    return path.startsWith(STREAMS_SERVICE) ? accessDenied() : null;
  }
  const credentials = basicCredentials(String(authorization));
  if (credentials !== null && users.get(credentials.username) === credentials.password) return null;
  return { code: status.UNAUTHENTICATED, details: 'Unauthenticated' };
}

/** The user and password of an `Authorization: Basic …` header; null for anything else. */
export function basicCredentials(header: string): { username: string; password: string } | null {
  const match = /^Basic (.+)$/i.exec(header);
  if (match === null) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function accessDenied(): Refusal {
  const metadata = new Metadata();
  metadata.set('exception', 'access-denied');
  return { code: status.PERMISSION_DENIED, details: 'Access Denied', metadata };
}
