import { TOKEN_STREAM_PREFIX } from '@pat/domain';
import { EventStoreDouble } from './eventstore-double/eventstore-double';
import { startApi, type ApiHarness } from './support/api-harness';
import { eventually } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { createTestCertificateAuthority, issueTestServerCertificate } from './support/test-certificates';
import { STORE_CONFIGURATION } from './support/test-stores';

const SERVICE_USER = { username: 'pat-service', password: 'service-password-77d0e2' };

/** EventStoreDB in secure mode, as docker-compose.yml runs it: TLS, and the API's own user. */
describe('production EventStoreDB over TLS with the credentials of EVENTSTORE_URL', () => {
  const certificates = tempDataDir('pat-e2e-tls');
  let double: EventStoreDouble;
  let api: ApiHarness;
  let jwt: string;

  beforeAll(async () => {
    expect(STORE_CONFIGURATION).toBe('eventstoredb+mongodb');
    const ca = createTestCertificateAuthority(certificates.path, 'ca');
    const node = issueTestServerCertificate(ca, certificates.path, 'node', { ipAddresses: ['127.0.0.1'] });
    double = new EventStoreDouble({
      secure: { ...node, users: { [SERVICE_USER.username]: SERVICE_USER.password } },
    });
    await double.start({ port: 0 });
    api = await startApi({ env: { EVENTSTORE_URL: double.secureConnectionString(ca.certificateFile, SERVICE_USER) } });
    jwt = await api.userJwt('tess');
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await double?.stop();
    certificates.remove();
  });

  const generate = (name: string) =>
    api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).send({ name });

  it('answers 503 store_unavailable, never 500, while EventStoreDB refuses its password, and recovers', async () => {
    const kept = await generate('before the rotation').expect(201);
    expect(double.log.stream(`${TOKEN_STREAM_PREFIX}${kept.body.id}`)).toHaveLength(1);

    // The password changed on the server, not yet in the API's EVENTSTORE_URL.
    double.users.set(SERVICE_USER.username, 'rotated-on-the-server-only');
    try {
      const refused = await generate('during the rotation');
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('store_unavailable');
      const revoke = await api.http.delete(`/api/v1/tokens/${kept.body.id}`).set('Authorization', `Bearer ${jwt}`);
      expect(revoke.status).toBe(503);
      const ready = await api.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'store_unavailable', detail: expect.stringContaining('eventStore') });
      await api.http.get('/api/v1/whoami').set('X-API-Token', kept.body.token).expect(200);
    } finally {
      double.users.set(SERVICE_USER.username, SERVICE_USER.password);
    }

    await eventually(async () => (await api.http.get('/health/ready')).status === 200, 10_000, 100);
    await generate('after the rotation').expect(201);
    await api.http.delete(`/api/v1/tokens/${kept.body.id}`).set('Authorization', `Bearer ${jwt}`).expect(204);
    await api.http.get('/api/v1/whoami').set('X-API-Token', kept.body.token).expect(401);
  }, 60_000);
});
