// A real OpenID Connect provider (panva's oidc-provider) for the sign-in tests, as its own
// process: its development login form takes any password for the accounts in ACCOUNTS.
// Environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, ACCOUNTS (JSON: login → claims).
import Provider from 'oidc-provider';

const { PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, ACCOUNTS } = process.env;
const accounts = JSON.parse(ACCOUNTS ?? '{}');

const provider = new Provider(`http://localhost:${PORT}`, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: { openid: ['sub', 'roles'], email: ['email', 'email_verified'], profile: ['name'] },
  pkce: { required: () => true },
  cookies: { keys: ['oidc-provider-test-cookie-key'] },
  findAccount: (_context, id) =>
    accounts[id] === undefined ? undefined : { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) },
});
provider.on('server_error', (_context, error) => console.error('server_error', error));

provider.listen(Number(PORT), () => console.log(`ready ${provider.issuer}`));
