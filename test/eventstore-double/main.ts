import { EventStoreDouble } from './eventstore-double';

// `npm run eventstore:double`: the EventStoreDB test server on its own, for trying the
// production configuration on a machine without EventStoreDB. The log lives in memory.
const DEFAULT_PORT = 2113;
const HOST = '127.0.0.1';

function portFromEnvironment(): number {
  const raw = process.env.EVENTSTORE_DOUBLE_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`EVENTSTORE_DOUBLE_PORT must be a port number (1-65535), got "${raw}"`);
    process.exit(1);
  }
  return port;
}

async function main(): Promise<void> {
  const double = new EventStoreDouble();
  await double.start({ port: portFromEnvironment(), host: HOST });
  console.log(`EventStoreDB test server (in memory) listening: EVENTSTORE_URL=${double.connectionString}`);
  const shutdown = (): void => {
    void double.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('The EventStoreDB test server failed to start:', error);
  process.exit(1);
});
