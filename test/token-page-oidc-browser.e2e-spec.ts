import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from './support/api-process';
import { launchChromium } from './support/browser';
import { startListeningApi, type ListeningApi } from './support/listening-api';
import { startOidcProvider, type OidcTestProvider } from './support/oidc-provider';
import { ONCE_WARNING, revokeInPage, seriousViolations, whoamiFromPython } from './support/page-checks';
import { STORE_CONFIGURATION } from './support/test-stores';

const ACCOUNTS = {
  ada: { email: 'ada@example.com', email_verified: true, roles: ['admin'] },
  eve: { email: 'eve@example.com', email_verified: false },
};

describe(`the token page in Chromium, signed in through an OpenID Connect provider (${STORE_CONFIGURATION})`, () => {
  let provider: OidcTestProvider;
  let api: ListeningApi;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    provider = await startOidcProvider(`http://127.0.0.1:${port}/api/v1/session/oidc/callback`, ACCOUNTS);
    api = await startListeningApi({ port, env: provider.env });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await provider?.stop();
  });

  /** Sign in at the provider's own login and consent pages, as a person does. */
  async function signInAtProvider(login: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(api.url);
    await page.waitForURL(`${api.url}/sign-in`);
    expect(await page.getByLabel('User ID').count()).toBe(0);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${api.url}/settings/tokens`);
    await page.getByRole('heading', { name: 'Personal access tokens', exact: true }).waitFor();
    return { context, page };
  }

  const sessionOf = (page: Page) => page.evaluate(() => fetch('/api/v1/session').then((answer) => answer.json()));

  it("walks the guide signed in as the provider's user: its sub, its verified email, its roles claim", async () => {
    const { context, page } = await signInAtProvider('ada');
    expect(await page.getByText('ada@example.com').count()).toBeGreaterThan(0);
    expect(await sessionOf(page)).toMatchObject({ user: { userId: 'ada', email: 'ada@example.com', isAdmin: true } });
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Generate new token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Token name').fill('from single sign-on');
    await dialog.getByLabel('Expiration', { exact: true }).selectOption({ label: '7 days' });
    await dialog.getByText('7 days and 1 day before').waitFor();
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const token = await dialog.getByLabel('Your new token').inputValue();
    await dialog.getByText(ONCE_WARNING).waitFor();
    await dialog.getByLabel('I have stored the token somewhere safe').check();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('row', { name: /from single sign-on/ }).waitFor();
    expect(await page.content()).not.toContain(token);

    const call = await whoamiFromPython(api.url, token);
    expect([call.status, JSON.parse(call.body)]).toMatchObject([
      200,
      { userId: 'ada', tokenName: 'from single sign-on' },
    ]);
    await revokeInPage(page, 'from single sign-on');
    const refused = await whoamiFromPython(api.url, token);
    expect([refused.status, JSON.parse(refused.body).code]).toEqual([401, 'token_revoked']);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${api.url}/sign-in`);
    expect((await context.request.get(`${api.url}/api/v1/tokens`)).status()).toBe(401);
    await context.close();
  });

  it('keeps an unverified email out of the identity, and no admin view without the role', async () => {
    const { context, page } = await signInAtProvider('eve');
    expect(await sessionOf(page)).toMatchObject({ user: { userId: 'eve', email: null, isAdmin: false } });
    expect(await page.getByText('eve@example.com').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    await context.close();
  });

  it('says in words why a sign-in came back without a session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${api.url}/api/v1/session/oidc/callback?code=stale&state=stale`);
    await page.waitForURL(`${api.url}/sign-in?error=sign_in_expired`);
    await page.getByRole('alert').getByText('That sign-in took too long').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
