import { OIDC_TRANSACTION_SECONDS, OidcTransactionCodec } from './oidc-transaction';

describe('OidcTransactionCodec', () => {
  const codec = new OidcTransactionCodec(Buffer.alloc(32, 7));
  const transaction = { state: 's-1', nonce: 'n-1', codeVerifier: 'v-1' };
  const issued = new Date('2026-12-01T10:00:00Z');
  const later = (seconds: number): Date => new Date(issued.getTime() + seconds * 1000);

  it('gives back what it encoded, within the time a sign-in may take', () => {
    const value = codec.encode(transaction, issued);
    expect(codec.decode(value, later(OIDC_TRANSACTION_SECONDS))).toEqual(transaction);
    expect(codec.decode(value, later(OIDC_TRANSACTION_SECONDS + 1))).toBeNull();
  });

  it('refuses a value signed with another key, altered, or not one of its own', () => {
    const value = codec.encode(transaction, issued);
    const [payload, signature] = value.split('.');
    const altered = Buffer.from(JSON.stringify({ ...transaction, state: 's-2', issuedAt: issued.getTime() }));
    for (const sent of [
      new OidcTransactionCodec(Buffer.alloc(32, 8)).encode(transaction, issued),
      `${altered.toString('base64url')}.${signature}`,
      `${payload}.${signature}.x`,
      payload,
      '',
      undefined,
    ]) {
      expect(codec.decode(sent, issued)).toBeNull();
    }
  });
});
