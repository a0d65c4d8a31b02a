import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import { startApi, type ApiHarness } from './support/api-harness';
import { signUserJwt } from './support/user-jwt';

/** User JWTs verified against an identity provider's JWKS (RS256 and ES256). */
describe('user JWTs from an identity provider', () => {
  const issuer = 'https://idp.example.test/';
  const audience = 'pat-service';
  let idp: Server;
  let api: ApiHarness;
  let rsa: KeyLike;
  let ec: KeyLike;
  let stranger: KeyLike;

  beforeAll(async () => {
    const rsaPair = await generateKeyPair('RS256');
    const ecPair = await generateKeyPair('ES256');
    stranger = (await generateKeyPair('RS256')).privateKey;
    rsa = rsaPair.privateKey;
    ec = ecPair.privateKey;
    const keys: JWK[] = [
      { ...(await exportJWK(rsaPair.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ecPair.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    idp = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const address = idp.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    api = await startApi({
      env: {
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
        AUTH_JWT_ISSUER: issuer,
        AUTH_JWT_AUDIENCE: audience,
      },
    });
  });

  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => idp.close(resolve));
  });

  const sign = (key: KeyLike, alg: string, kid: string, claims: { iss?: string; aud?: string } = {}) =>
    new SignJWT({ email: 'dana@example.com' })
      .setProtectedHeader({ alg, kid })
      .setSubject('dana')
      .setIssuer(claims.iss ?? issuer)
      .setAudience(claims.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  it('accepts RS256 and ES256 tokens signed by the provider', async () => {
    for (const jwt of [await sign(rsa, 'RS256', 'rsa-1'), await sign(ec, 'ES256', 'ec-1')]) {
      const created = await api.http
        .post('/api/v1/tokens')
        .set('Authorization', `Bearer ${jwt}`)
        .send({ name: 'idp' })
        .expect(201);
      const whoami = await api.http.get('/api/v1/whoami').set('X-API-Token', created.body.token).expect(200);
      expect(whoami.body.userId).toBe('dana');
    }
  });

  it('refuses another key, another issuer or audience, and HS256 tokens', async () => {
    const refused = [
      await sign(stranger, 'RS256', 'rsa-1'),
      await sign(rsa, 'RS256', 'rsa-1', { iss: 'https://evil.example.test/' }),
      await sign(rsa, 'RS256', 'rsa-1', { aud: 'someone-else' }),
      await signUserJwt('a-shared-secret-of-some-length', { sub: 'dana' }),
    ];
    for (const jwt of refused) {
      const response = await api.http.get('/api/v1/tokens').set('Authorization', `Bearer ${jwt}`).expect(401);
      expect(response.body.code).toBe('auth_invalid');
    }
  });
});
