// `npm run projections:rebuild`: rebuilds the MongoDB token read model from the event store.
// The embedded read model needs no rebuild: every API process rebuilds it from the log at start.
import { ConfigError, loadConfig } from '@pat/config';
import { TOKEN_STREAM_PREFIX } from '@pat/domain';
import { MongoTokenReadModel, ProjectionRunner, openEventStore } from '@pat/stores';
import { existsSync } from 'node:fs';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  if (config.mongoUrl === null) {
    process.stdout.write('MONGO_URL is not set: the embedded read model is rebuilt from the log at every start.\n');
    return;
  }
  const store = openEventStore(config);
  const readModel = await MongoTokenReadModel.open(config.mongoUrl);
  try {
    const started = Date.now();
    await readModel.reset();
    const runner = new ProjectionRunner(store, readModel, (error) => {
      process.stderr.write(`Projection paused, retrying: ${String(error)}\n`);
    });
    await runner.start();
    await runner.stop();
    process.stdout.write(
      `Rebuilt the ${TOKEN_STREAM_PREFIX}* read model up to position ${runner.position ?? 'start'} in ${Date.now() - started} ms.\n`,
    );
  } finally {
    await readModel.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  const prefix = error instanceof ConfigError ? 'Invalid configuration: ' : 'Rebuild failed: ';
  process.stderr.write(`${prefix}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
