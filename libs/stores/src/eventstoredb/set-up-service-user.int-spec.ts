import type { Credentials } from '@eventstore/db-client';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { newEvent, uniqueStream } from '../../../../test/contracts/event-store.contract';
import { EventStoreDouble } from '../../../../test/eventstore-double/eventstore-double';
import { UsersHttpApi } from '../../../../test/eventstore-double/users-http-api';
import { tempDataDir } from '../../../../test/support/temp-dir';
import {
  createTestCertificateAuthority,
  issueTestServerCertificate,
  type TestCertificateAuthority,
  type TestServerCertificate,
} from '../../../../test/support/test-certificates';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { setUpServiceUser, type ServiceUserSetupOptions } from './set-up-service-user';

const ADMIN_PASSWORD = 'admin-password-5e0b71';
const SERVICE_USER: Credentials = { username: 'pat-service', password: 'service-password-a3d4' };

/** The eventstore-setup step of docker-compose.yml against a secure test server and its users endpoints. */
describe('setUpServiceUser', () => {
  const dir = tempDataDir('pat-esdb-setup');
  let ca: TestCertificateAuthority;
  let double: EventStoreDouble;
  let usersApi: UsersHttpApi;
  let node: TestServerCertificate;

  const options = (user: Credentials = SERVICE_USER): ServiceUserSetupOptions => ({
    serviceConnectionString: double.secureConnectionString(ca.certificateFile, user),
    adminPassword: ADMIN_PASSWORD,
    httpUrl: usersApi.url,
    readyTimeoutMs: 5000,
    retryIntervalMs: 20,
  });
  const lastEvent = (stream: string) => double.log.stream(stream)?.at(-1);
  const jsonOf = (data: Uint8Array | undefined): unknown => JSON.parse(Buffer.from(data ?? []).toString('utf8'));

  beforeEach(async () => {
    ca = createTestCertificateAuthority(dir.path, 'ca');
    node = issueTestServerCertificate(ca, dir.path, 'node', { ipAddresses: ['127.0.0.1'] });
    double = new EventStoreDouble({ secure: { ...node, users: { admin: ADMIN_PASSWORD } } });
    await double.start({ port: 0 });
    usersApi = await UsersHttpApi.start(double, node);
  });

  afterEach(async () => {
    await usersApi.stop();
    await double.stop();
  });

  afterAll(() => dir.remove());

  it('creates the user of EVENTSTORE_URL and lets it read $all and the user streams, nothing else', async () => {
    const result = await setUpServiceUser(options());

    expect(result).toMatchObject({ username: 'pat-service', account: 'created' });
    expect(double.users.get('pat-service')).toBe(SERVICE_USER.password);
    expect(lastEvent('$$$all')?.type).toBe('$metadata');
    expect(jsonOf(lastEvent('$$$all')?.data)).toEqual({ $acl: { $r: ['pat-service'] } });
    expect(lastEvent('$settings')?.type).toBe('update-default-acl');
    expect(jsonOf(lastEvent('$settings')?.data)).toEqual({
      $userStreamAcl: { $r: ['pat-service'], $w: ['pat-service'], $d: '$admins', $mr: '$admins', $mw: '$admins' },
      $systemStreamAcl: { $r: '$admins', $w: '$admins', $d: '$admins', $mr: '$admins', $mw: '$admins' },
    });
    const store = new EventStoreDbEventStore(options().serviceConnectionString);
    try {
      const stream = uniqueStream();
      await store.append(stream, [newEvent('Generated')], 'no_stream');
      expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['Generated']);
    } finally {
      await store.close();
    }
  });

  it('run again with a new password, resets the password and writes no ACL twice', async () => {
    await setUpServiceUser(options());
    const aclEvents = [double.log.stream('$$$all')?.length, double.log.stream('$settings')?.length];

    const rotated = { ...SERVICE_USER, password: 'rotated-password-91bc' };
    const again = await setUpServiceUser(options(rotated));

    expect(again).toEqual({ username: 'pat-service', account: 'password reset', changed: [] });
    expect(double.users.get('pat-service')).toBe(rotated.password);
    expect([double.log.stream('$$$all')?.length, double.log.stream('$settings')?.length]).toEqual(aclEvents);
  });

  it('waits while the node answers that it is not ready', async () => {
    usersApi.answerNotReady(3);

    const result = await setUpServiceUser(options());

    expect(result.account).toBe('created');
    expect(usersApi.requests).toEqual(Array.from({ length: 4 }, () => 'POST /users/'));
  });

  it('gives up when the node takes connections but never answers', async () => {
    const silent = createServer({ cert: node.certificateChain, key: node.privateKey }, () => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const setup = setUpServiceUser({ ...options(), httpUrl: `https://127.0.0.1:${port}`, readyTimeoutMs: 300 });

      await expect(setup).rejects.toThrow(/was not ready in time/);
      expect(double.users.has('pat-service')).toBe(false);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('fails, naming the variable, when the admin password is wrong', async () => {
    await expect(setUpServiceUser({ ...options(), adminPassword: 'changeit' })).rejects.toThrow(
      /HTTP 401.*EVENTSTORE_DEFAULT_ADMIN_PASSWORD/,
    );
    expect(double.users.has('pat-service')).toBe(false);
  });

  it('refuses a connection string it cannot set up: tls=false, or no user and password', async () => {
    const insecure = options().serviceConnectionString.replace('tls=true', 'tls=false');
    await expect(setUpServiceUser({ ...options(), serviceConnectionString: insecure })).rejects.toThrow(/tls=false/);
    const anonymous = double.secureConnectionString(ca.certificateFile, null);
    await expect(setUpServiceUser({ ...options(), serviceConnectionString: anonymous })).rejects.toThrow(
      /no user and password/,
    );
    expect(usersApi.requests).toEqual([]);
  });
});
