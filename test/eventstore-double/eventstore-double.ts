import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler, type AppendFaults } from './append-handler';
import { EventLog } from './event-log';
import type { LiveSubscription, SubscriptionDelivery } from './live-subscription';
import { readHandler } from './read-handler';
import { getSupportedMethodsHandler } from './server-features';

export interface EventStoreDoubleOptions {
  /** List `Streams.BatchAppend` in the server features (it is still not served). */
  advertiseBatchAppend?: boolean;
  /** Serve this log (another test server's), so that two servers front one store. */
  log?: EventLog;
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
  private server: Server | null = null;
  private boundPort: number | null = null;
  private boundHost = '127.0.0.1';

  constructor(private readonly options: EventStoreDoubleOptions = {}) {
    this.log = options.log ?? new EventLog();
  }

  get port(): number {
    if (this.boundPort === null) throw new Error('The EventStoreDB test server has not been started');
    return this.boundPort;
  }

  get connectionString(): string {
    return `esdb://${this.boundHost}:${this.port}?tls=false`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async start(options: StartOptions = {}): Promise<number> {
    if (this.server !== null) throw new Error('The EventStoreDB test server is already running');
    const host = options.host ?? this.boundHost;
    const server = new Server();
    server.addService(StreamsService, {
      read: readHandler(this.log, this.subscriptions, this.delivery),
      append: appendHandler(this.log, this.faults),
    });
    server.addService(ServerFeaturesService, {
      getSupportedMethods: getSupportedMethodsHandler(this.options.advertiseBatchAppend ?? false),
    });
    const port = await bindWithRetry(server, `${host}:${options.port ?? this.boundPort ?? 0}`);
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
async function bindWithRetry(server: Server, address: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise<number>((resolve, reject) =>
        server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) =>
          error === null ? resolve(port) : reject(error),
        ),
      );
    } catch (error) {
      if (attempt >= REBIND_ATTEMPTS || !String(error).includes('EADDRINUSE')) throw error;
      await new Promise((resolve) => setTimeout(resolve, REBIND_DELAY_MS));
    }
  }
}
