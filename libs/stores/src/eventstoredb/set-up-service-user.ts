import { EventStoreDBClient, type Credentials } from '@eventstore/db-client';
import { readFileSync } from 'node:fs';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { EventStoreDbUsersApi } from './eventstoredb-users-api';
import { grantServiceUserAccess } from './service-user-access';

/** The administrator EventStoreDB creates on its first start (password: `EVENTSTORE_DEFAULT_ADMIN_PASSWORD`). */
const ADMIN_USER = 'admin';
const DEFAULT_PORT = '2113';
const SERVICE_USER_FULL_NAME = 'PAT service (API and notifier)';

export interface ServiceUserSetupOptions {
  /** The apps' EVENTSTORE_URL: the user and password in it are the ones set up. */
  serviceConnectionString: string;
  adminPassword: string;
  /** `https://host:port` of the HTTP API; by default the host and port of the connection string. */
  httpUrl?: string;
  /** How long to wait for a starting node to accept users. */
  readyTimeoutMs?: number;
  retryIntervalMs?: number;
}

export interface ServiceUserSetupResult {
  username: string;
  account: 'created' | 'password reset';
  /** The ACLs written by this run (none when they were already right). */
  changed: string[];
}

/**
 * Makes the user of the apps' connection string exist on a secure EventStoreDB with that
 * password and with the rights of `serviceUserAcls`, then checks that it can read the log as
 * the API will. Safe to run at every start: a second run only resets the password.
 */
export async function setUpServiceUser(options: ServiceUserSetupOptions): Promise<ServiceUserSetupResult> {
  const service = serviceConnection(options.serviceConnectionString);
  const users = new EventStoreDbUsersApi({
    baseUrl: new URL(options.httpUrl ?? `https://${service.address}`),
    admin: { username: ADMIN_USER, password: options.adminPassword },
    ca: service.caFile === null ? undefined : readFileSync(service.caFile),
    readyTimeoutMs: options.readyTimeoutMs ?? 120_000,
    retryIntervalMs: options.retryIntervalMs ?? 1000,
  });
  const account = await users.ensureUser(service.user, SERVICE_USER_FULL_NAME);

  const admin = EventStoreDBClient.connectionString(
    service.as({ username: ADMIN_USER, password: options.adminPassword }),
  );
  let changed: string[];
  try {
    changed = await grantServiceUserAccess(admin, service.user.username);
  } finally {
    await admin.dispose();
  }

  const asService = new EventStoreDbEventStore(options.serviceConnectionString);
  try {
    await asService.ping();
  } finally {
    await asService.close();
  }
  return { username: service.user.username, account, changed };
}

interface ServiceConnection {
  user: Credentials;
  /** `host:port` */
  address: string;
  caFile: string | null;
  /** The same connection string with other credentials. */
  as(credentials: Credentials): string;
}

function serviceConnection(connectionString: string): ServiceConnection {
  const url = new URL(connectionString);
  if (url.protocol !== 'esdb:' || url.hostname === '' || url.hostname.includes(',')) {
    throw new Error('EVENTSTORE_URL must name one node: esdb://user:password@host:2113?tls=true&tlsCAFile=…');
  }
  if (url.searchParams.get('tls') === 'false') {
    throw new Error('EVENTSTORE_URL has tls=false: an insecure EventStoreDB has no users to set up');
  }
  if (url.username === '' || url.password === '') {
    throw new Error('EVENTSTORE_URL names no user and password (esdb://user:password@host…)');
  }
  return {
    user: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
    address: `${url.hostname}:${url.port === '' ? DEFAULT_PORT : url.port}`,
    caFile: url.searchParams.get('tlsCAFile'),
    as: (credentials) => {
      const other = new URL(url);
      other.username = encodeURIComponent(credentials.username);
      other.password = encodeURIComponent(credentials.password);
      return other.toString();
    },
  };
}
