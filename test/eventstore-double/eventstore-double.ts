import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { Credentials } from '@eventstore/db-client';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler, type AppendFaults } from './append-handler';
import { basicAuthentication, type CallCounts } from './basic-authentication';
import { EventLog } from './event-log';
import type { LiveSubscription, SubscriptionDelivery } from './live-subscription';
import { readHandler } from './read-handler';
import { getSupportedMethodsHandler } from './server-features';

export interface EventStoreDoubleOptions {
  /** List `Streams.BatchAppend` in the server features (it is still not served). */
  advertiseBatchAppend?: boolean;
  /** Serve this log (another test server's), so that two servers front one store. */
  log?: EventLog;
  /** Serve as a secure EventStoreDB does: TLS and basic authentication. By default plain, with no authentication. */
  secure?: SecureMode;
}

export interface SecureMode {
  /** PEM server certificate (and intermediates) and its private key. */
  certificateChain: Buffer;
  privateKey: Buffer;
  /** The users the server knows, with their passwords; `users` of the double changes them later. */
  users: Record<string, string>;
}

export interface StartOptions {
  /** 0 picks a free port; by default the port of the previous start, so a restart keeps the address. */
  port?: number;
  host?: string;
}

const REBIND_ATTEMPTS = 50;
const REBIND_DELAY_MS = 20;

/**
 * An EventStoreDB test server speaking the gRPC protocol of `@eventstore/db-client` over an
 * in-memory log. `stop()` cuts every connection as a crashed server would; `start()` again
 * serves the same log on the same port: an outage, as a test sees it. `pauseSubscriptions()`
 * stalls the subscriptions of this server's clients without cutting anything.
 */
export class EventStoreDouble {
  readonly log: EventLog;
  private readonly faults: AppendFaults = { answersToDrop: 0 };
  private readonly delivery: SubscriptionDelivery = { paused: false };
  private readonly subscriptions = new Set<LiveSubscription>();
  /** The users a secure double accepts; a test may change a password, as an operator would. */
  readonly users: Map<string, string>;
  /** Calls that reached a secure double, accepted or refused by its authentication. */
  readonly calls: CallCounts = { accepted: 0, refused: 0 };
  private server: Server | null = null;
  private boundPort: number | null = null;
  private boundHost = '127.0.0.1';

  constructor(private readonly options: EventStoreDoubleOptions = {}) {
    this.log = options.log ?? new EventLog();
    this.users = new Map(Object.entries(options.secure?.users ?? {}));
  }

  get port(): number {
    if (this.boundPort === null) throw new Error('The EventStoreDB test server has not been started');
    return this.boundPort;
  }

  /** The connection string of a plain double. */
  get connectionString(): string {
    if (this.options.secure !== undefined) throw new Error('A secure double needs secureConnectionString()');
    return `esdb://${this.boundHost}:${this.port}?tls=false`;
  }

  /** `esdb://user:password@host:port?tls=true&tlsCAFile=…`, the form docker-compose.yml gives the apps. */
  secureConnectionString(caFile: string, credentials: Credentials | null): string {
    const userInfo =
      credentials === null
        ? ''
        : `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@`;
    return `esdb://${userInfo}${this.boundHost}:${this.port}?tls=true&tlsCAFile=${caFile}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async start(options: StartOptions = {}): Promise<number> {
    if (this.server !== null) throw new Error('The EventStoreDB test server is already running');
    const host = options.host ?? this.boundHost;
    const secure = this.options.secure;
    const server = new Server(
      secure === undefined ? {} : { interceptors: [basicAuthentication(this.users, this.calls)] },
    );
    server.addService(StreamsService, {
      read: readHandler(this.log, this.subscriptions, this.delivery),
      append: appendHandler(this.log, this.faults),
    });
    server.addService(ServerFeaturesService, {
      getSupportedMethods: getSupportedMethodsHandler(this.options.advertiseBatchAppend ?? false),
    });
    const credentials =
      secure === undefined
        ? ServerCredentials.createInsecure()
        : ServerCredentials.createSsl(null, [{ cert_chain: secure.certificateChain, private_key: secure.privateKey }]);
    const port = await bindWithRetry(server, `${host}:${options.port ?? this.boundPort ?? 0}`, credentials);
    this.server = server;
    this.boundPort = port;
    this.boundHost = host;
    return port;
  }

  /** Drops every connection and call at once, keeping the log. */
  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const subscription of this.subscriptions) subscription.stop();
    this.subscriptions.clear();
    server?.forceShutdown();
    return Promise.resolve();
  }

  /**
   * Subscriptions to this server stop sending anything (events, checkpoints, caught up) while
   * staying open, as a stalled subscription does; appends and reads are still answered, here
   * and by any other server of the same log.
   */
  pauseSubscriptions(): void {
    this.delivery.paused = true;
  }

  /** Subscriptions send what they held back, then follow the log again. */
  resumeSubscriptions(): void {
    this.delivery.paused = false;
    for (const subscription of this.subscriptions) subscription.resume();
  }

  /** The next `count` appends are written, then answered with UNAVAILABLE, as if the answer were lost. */
  dropNextAppendAnswers(count: number): void {
    this.faults.answersToDrop = count;
  }
}

/** A port just released by a stopped server may take a moment to become free again. */
async function bindWithRetry(server: Server, address: string, credentials: ServerCredentials): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise<number>((resolve, reject) =>
        server.bindAsync(address, credentials, (error, port) => (error === null ? resolve(port) : reject(error))),
      );
    } catch (error) {
      if (attempt >= REBIND_ATTEMPTS || !String(error).includes('EADDRINUSE')) throw error;
      await new Promise((resolve) => setTimeout(resolve, REBIND_DELAY_MS));
    }
  }
}
