import { oidcUser } from './oidc-user';

describe('oidcUser', () => {
  it('reads the sub, the email the provider verified, and the roles from the configured claim', () => {
    const user = oidcUser(
      { sub: 'u-1', email: 'old@example.com' },
      { sub: 'u-1', email: 'ada@example.com', email_verified: true, groups: ['admin', 7, 'dev'] },
      'groups',
    );
    expect(user).toEqual({ userId: 'u-1', email: 'ada@example.com', roles: ['admin', 'dev'] });
  });

  it.each([undefined, false, 'true'])('leaves the email out when email_verified is %j', (verified) => {
    expect(oidcUser({ sub: 'u-1' }, { email: 'ada@example.com', email_verified: verified }, 'roles').email).toBeNull();
  });

  it('takes the roles from the ID token when userinfo has none, and none when the claim is not a list', () => {
    expect(oidcUser({ sub: 'u-1', roles: ['admin'] }, {}, 'roles').roles).toEqual(['admin']);
    expect(oidcUser({ sub: 'u-1', roles: 'admin' }, {}, 'roles').roles).toEqual([]);
  });

  it("keeps the ID token's sub even if userinfo names another", () => {
    expect(oidcUser({ sub: 'u-1' }, { sub: 'u-2' }, 'roles').userId).toBe('u-1');
  });
});
