// `node dist/scripts/eventstore-setup.js`, the eventstore-setup service of docker-compose.yml: on a
// secure EventStoreDB, creates the user of EVENTSTORE_URL (or resets its password to the one
// there) and grants it what the API and the notifier need, as admin. Run it at every start.
import { setUpServiceUser } from '@pat/stores';

/** The connection string the apps use; its user and password are the ones set up. */
const SERVICE_URL_VARIABLE = 'EVENTSTORE_URL';
/** The password of EventStoreDB's `admin` user. */
const ADMIN_PASSWORD_VARIABLE = 'EVENTSTORE_ADMIN_PASSWORD';

async function main(): Promise<void> {
  const result = await setUpServiceUser({
    serviceConnectionString: required(SERVICE_URL_VARIABLE),
    adminPassword: required(ADMIN_PASSWORD_VARIABLE),
  });
  const changes = result.changed.length === 0 ? 'its rights were already in place' : result.changed.join('; ');
  process.stdout.write(`EventStoreDB user ${result.username}: ${result.account}; ${changes}.\n`);
}

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`EventStoreDB setup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
