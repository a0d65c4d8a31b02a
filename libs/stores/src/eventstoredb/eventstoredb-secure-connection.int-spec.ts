import type { Credentials } from '@eventstore/db-client';
import { loadConfig } from '@pat/config';
import { StoreUnavailableError, type EventStore, type RecordedEvent } from '@pat/domain';
import { newEvent, uniqueStream, waitUntil, withTimeout } from '../../../../test/contracts/event-store.contract';
import { EventStoreDouble } from '../../../../test/eventstore-double/eventstore-double';
import { tempDataDir } from '../../../../test/support/temp-dir';
import {
  createTestCertificateAuthority,
  issueTestServerCertificate,
  type TestCertificateAuthority,
} from '../../../../test/support/test-certificates';
import { openEventStore } from '../open-stores';

// The connection docker-compose.yml gives the apps, `esdb://user:pass@host:2113?tls=true&tlsCAFile=…`,
// against the EventStoreDB test server in secure mode, opened as the API opens its store.
const SERVICE_USER: Credentials = { username: 'pat-service', password: 'service-password-4f1c9a' };
const LOCAL_NAMES = { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] };

describe('EventStoreDbEventStore on a secure EventStoreDB (TLS and basic authentication)', () => {
  const dir = tempDataDir('pat-esdb-tls');
  let trustedCa: TestCertificateAuthority;
  let otherCa: TestCertificateAuthority;
  let double: EventStoreDouble;
  const opened: EventStore[] = [];

  const openStore = (connectionString: string): EventStore => {
    const config = loadConfig({
      EVENTSTORE_URL: connectionString,
      DATA_DIR: dir.path,
      AUTH_JWT_SECRET: 'secure-connection-test-secret-0123',
      TOKEN_PEPPER: 'secure-connection-test-pepper-0123',
    });
    const store = openEventStore(config);
    opened.push(store);
    return store;
  };
  const secureDouble = (ca: TestCertificateAuthority, name: string, altNames: typeof LOCAL_NAMES) =>
    new EventStoreDouble({
      secure: {
        ...issueTestServerCertificate(ca, dir.path, name, altNames),
        users: { [SERVICE_USER.username]: SERVICE_USER.password },
      },
    });

  beforeAll(async () => {
    trustedCa = createTestCertificateAuthority(dir.path, 'trusted');
    otherCa = createTestCertificateAuthority(dir.path, 'other');
    double = secureDouble(trustedCa, 'node', LOCAL_NAMES);
    await double.start({ port: 0 });
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  afterAll(async () => {
    await double.stop();
    dir.remove();
  });

  it('appends, reads and follows the log over TLS as the user of the connection string', async () => {
    const store = openStore(double.secureConnectionString(trustedCa.certificateFile, SERVICE_USER));
    const stream = uniqueStream();
    const refusedBefore = double.calls.refused;

    await store.append(stream, [newEvent('Generated')], 'no_stream');
    await store.append(stream, [newEvent('Revoked')], 0);
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(null, (event) => void received.push(event), { streamPrefix: stream });
    await withTimeout(subscription.caughtUp, 5000);
    await subscription.close();

    expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['Generated', 'Revoked']);
    expect((await store.readAll(null, 10, { streamPrefix: stream })).map((event) => event.type)).toEqual([
      'Generated',
      'Revoked',
    ]);
    expect(received.map((event) => event.type)).toEqual(['Generated', 'Revoked']);
    await expect(store.ping()).resolves.toBeUndefined();
    expect(double.calls.refused).toBe(refusedBefore);
  });

  it('fails every call with a wrong password as StoreUnavailableError naming the credentials, and appends only once', async () => {
    const store = openStore(
      double.secureConnectionString(trustedCa.certificateFile, { ...SERVICE_USER, password: 'not-the-password' }),
    );
    const stream = uniqueStream();
    const refusedBefore = double.calls.refused;

    const append = await store.append(stream, [newEvent('Generated')], 'no_stream').catch((error: unknown) => error);
    const refusedByAppend = double.calls.refused - refusedBefore;
    const others = await Promise.allSettled([store.readStream(stream), store.readAll(null, 1), store.ping()]);

    expect(append).toBeInstanceOf(StoreUnavailableError);
    expect((append as Error).message).toMatch(/user of EVENTSTORE_URL.*user and password.*Unauthenticated/);
    expect(refusedByAppend).toBe(1);
    for (const outcome of others) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    }
    expect(double.log.stream(stream)).toBeUndefined();
  });

  it('reports each refused attempt of a subscription to its onError, retrying with backoff', async () => {
    const store = openStore(
      double.secureConnectionString(trustedCa.certificateFile, { ...SERVICE_USER, password: 'x' }),
    );
    const errors: unknown[] = [];
    const received: RecordedEvent[] = [];

    const subscription = store.subscribeToAll(null, (event) => void received.push(event), {
      onError: (error) => errors.push(error),
    });
    await waitUntil(() => errors.length >= 2, 3000);
    await subscription.close();

    expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
    expect(errors[1]).toBeInstanceOf(StoreUnavailableError);
    expect((errors[0] as Error).message).toContain('follow $all');
    expect(received).toEqual([]);
  });

  it('is refused without credentials: anonymous calls may not touch streams', async () => {
    const store = openStore(double.secureConnectionString(trustedCa.certificateFile, null));
    const stream = uniqueStream();

    const append = await store.append(stream, [newEvent('Generated')], 'no_stream').catch((error: unknown) => error);

    expect(append).toBeInstanceOf(StoreUnavailableError);
    expect((append as Error).message).toContain('Access Denied');
    expect(double.log.stream(stream)).toBeUndefined();
  });

  it('refuses a server whose certificate is not signed by the CA of tlsCAFile, before sending it a call', async () => {
    const store = openStore(double.secureConnectionString(otherCa.certificateFile, SERVICE_USER));
    const stream = uniqueStream();
    const callsBefore = { ...double.calls };

    const outcomes = await Promise.allSettled([
      store.append(stream, [newEvent('Generated')], 'no_stream'),
      store.readStream(stream),
      store.ping(),
    ]);

    for (const outcome of outcomes) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    }
    expect(double.calls).toEqual(callsBefore);
    expect(double.log.stream(stream)).toBeUndefined();
  });

  it('refuses a certificate of the right CA issued for another host name', async () => {
    const elsewhere = secureDouble(trustedCa, 'eventstore-node', { dnsNames: ['eventstore'], ipAddresses: [] });
    await elsewhere.start({ port: 0 });
    try {
      const store = openStore(elsewhere.secureConnectionString(trustedCa.certificateFile, SERVICE_USER));

      const append = await store.append(uniqueStream(), [newEvent('Generated')], 'no_stream').catch((e: unknown) => e);

      expect(append).toBeInstanceOf(StoreUnavailableError);
      expect(elsewhere.calls).toEqual({ accepted: 0, refused: 0 });
    } finally {
      await elsewhere.stop();
    }
  });

  it('gets no answer from the secure server over a plain connection (tls=false)', async () => {
    const plain = double
      .secureConnectionString(trustedCa.certificateFile, SERVICE_USER)
      .replace('tls=true', 'tls=false');
    const store = openStore(plain);

    const append = await store.append(uniqueStream(), [newEvent('Generated')], 'no_stream').catch((e: unknown) => e);

    expect(append).toBeInstanceOf(StoreUnavailableError);
  });
});
