import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from './support/api-process';
import { launchChromium } from './support/browser';
import { ONCE_WARNING, revokeInPage, seriousViolations, whoamiFromPython } from './support/page-checks';
import { startListeningApi, type ListeningApi } from './support/listening-api';
import { STORE_CONFIGURATION } from './support/test-stores';

const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');

/** Everything the browser keeps for the page, where a token must never be. */
async function browserStorage(page: Page, context: BrowserContext): Promise<string> {
  const storage = String(await page.evaluate('JSON.stringify([{ ...localStorage }, { ...sessionStorage }])'));
  const cookies = JSON.stringify(await context.cookies());
  return `${storage}\n${cookies}\n${await page.content()}`;
}

describe(`the token page in Chromium, the guide's steps with the local sign-in (${STORE_CONFIGURATION})`, () => {
  let api: ListeningApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let reader: string;

  beforeAll(async () => {
    api = await startListeningApi();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1200, height: 800 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('signs in locally with User ID and Email, and lands on the tokens of the Settings menu', async () => {
    await page.goto(api.url);
    await page.waitForURL(`${api.url}/sign-in`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('User ID').fill('ada');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Personal Access Token (PAT)' })
      .click();
    await page.waitForURL(`${api.url}/settings/tokens`);
    await page.getByRole('heading', { name: 'Personal access tokens', exact: true }).waitFor();
    expect(await page.getByText('ada@example.com').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('generates a token from Token name and Expiration, and shows it once with Copy and Download', async () => {
    await page.getByRole('button', { name: 'Generate new token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Token name').fill('CI deploy');
    await dialog.getByLabel('Expiration', { exact: true }).selectOption({ label: '30 days' });
    await dialog.getByText('7 days and 1 day before').waitFor();
    await dialog.getByText(/Expires on/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'generate-form.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Generate' }).click();

    const field = dialog.getByLabel('Your new token');
    await field.waitFor();
    token = await field.inputValue();
    expect(token).toMatch(/^pat_[A-Za-z0-9]+$/);
    await dialog.getByText(ONCE_WARNING).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'generated-token.png') });
    expect(await seriousViolations(page)).toEqual([]);

    expect(await dialog.getByRole('button', { name: 'Done' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByText('Copied').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(readFileSync(await download.path(), 'utf8')).toContain(token);
  });

  it('never shows the token again after Done: not in the DOM, not in storage, not after a reload', async () => {
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row', { name: /CI deploy/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(token.slice(0, 8));
    expect(await browserStorage(page, context)).not.toContain(token);
    await page.reload();
    await page.getByRole('row', { name: /CI deploy/ }).waitFor();
    expect(await browserStorage(page, context)).not.toContain(token);
    await page.screenshot({ path: join(SCREENSHOTS, 'token-list.png') });
  });

  it("shows how to use the token with this service's URL, and the token works from Python requests", async () => {
    const usage = await page.getByLabel('Python example').textContent();
    expect(usage).toContain(api.url);
    expect(usage).toContain('X-API-Token');
    const call = await whoamiFromPython(api.url, token);
    expect(call.status).toBe(200);
    expect(JSON.parse(call.body)).toMatchObject({ userId: 'ada', tokenName: 'CI deploy' });
  });

  it('generates a read-only token when api is unticked, lists its scopes, and a gateway asking for api refuses it', async () => {
    await page.getByRole('button', { name: 'Generate new token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Token name').fill('Reports');
    const api_ = dialog.getByRole('checkbox', { name: /^api\b/ });
    const readApi = dialog.getByRole('checkbox', { name: /^read_api\b/ });
    expect([await api_.isChecked(), await readApi.isChecked()]).toEqual([true, true]);
    await api_.uncheck();
    await readApi.uncheck();
    await dialog.getByRole('button', { name: 'Generate' }).click();
    await dialog.getByText('Choose at least one scope.').waitFor();
    await readApi.check();
    await dialog.getByRole('button', { name: 'Generate' }).click();
    reader = await dialog.getByLabel('Your new token').inputValue();
    await dialog.getByLabel('I have stored the token somewhere safe').check();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const row = page.getByRole('row', { name: /Reports/ });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(0).innerText()).toBe('read_api');
    const verify = (scope: string) =>
      fetch(`${api.url}/api/v1/auth/verify?scope=${scope}`, { headers: { 'x-api-token': reader } });
    expect([(await verify('read_api')).status, (await verify('api')).status]).toEqual([200, 403]);
  });

  it('limits a token to 2 requests a second from the form: the list says so, and a third call in a second gets 429', async () => {
    await page.getByRole('button', { name: 'Generate new token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Token name').fill('Deploy bot');
    const limit = dialog.getByLabel('Max requests per second');
    await limit.fill('ten');
    await dialog.getByRole('button', { name: 'Generate' }).click();
    await dialog.getByText(/maxRequestsPerSecond must be a whole number/).waitFor();
    await limit.fill('2');
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const limited = await dialog.getByLabel('Your new token').inputValue();
    await dialog.getByLabel('I have stored the token somewhere safe').check();
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page
      .getByRole('row', { name: /Deploy bot/ })
      .getByText('Max 2/s')
      .waitFor();
    const call = () => fetch(`${api.url}/api/v1/whoami`, { headers: { 'x-api-token': limited } });
    const statuses = [(await call()).status, (await call()).status, (await call()).status];
    expect(statuses).toEqual([200, 200, 429]);

    await page.reload();
    const from = page.getByRole('row', { name: /Deploy bot/ }).getByText(/^from /);
    await from.waitFor();
    expect(await from.innerText()).toMatch(/^from (::ffff:)?127\.0\.0\.1$/);
    expect(await from.getAttribute('title')).toMatch(/127\.0\.0\.1 · node · /);

    // An expiry notice links to the token's Rotate dialog.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { tokenId } = (await (await call()).json()) as { tokenId: string };
    await page.goto(`${api.url}/settings/tokens?rotate=${tokenId}`);
    const rotateDialog = page.getByRole('dialog', { name: "Rotate the token 'Deploy bot'?" });
    await rotateDialog.waitFor();
    expect(new URL(page.url()).search).toBe('');
    await rotateDialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('renames a token from its row, refusing an empty name, and the list shows the new name', async () => {
    await page.getByRole('button', { name: 'Rename Reports' }).click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByLabel('Token name');
    expect(await field.inputValue()).toBe('Reports');
    await field.fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Give the token a name.').waitFor();
    await field.fill('Reports (daily)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /Reports \(daily\)/ }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('rotates a token with an hour of overlap: the new secret is shown once, both work, and revoking the old ends it', async () => {
    await page.getByRole('button', { name: 'Rotate Reports (daily)' }).click();
    const dialog = page.getByRole('dialog', { name: "Rotate the token 'Reports (daily)'?" });
    await dialog.getByLabel('Keep it working for 1 hour').check();
    await page.screenshot({ path: join(SCREENSHOTS, 'rotate-form.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Rotate' }).click();

    const shown = page.getByRole('dialog', { name: 'Your new personal access token' });
    const successor = await shown.getByLabel('Your new token').inputValue();
    expect(successor).toMatch(/^pat_[A-Za-z0-9]+$/);
    expect(successor).not.toBe(reader);
    await shown.getByText(/keeps working until/).waitFor();
    await shown.getByText(ONCE_WARNING).waitFor();
    const verify = (secret: string) =>
      fetch(`${api.url}/api/v1/auth/verify?scope=read_api`, { headers: { 'x-api-token': secret } });
    expect([(await verify(reader)).status, (await verify(successor)).status]).toEqual([200, 200]);
    await shown.getByLabel('I have stored the token somewhere safe').check();
    await shown.getByRole('button', { name: 'Done' }).click();

    const old = page.getByRole('row').filter({ hasText: 'Rotated' });
    await old.getByText(/Works until/).waitFor();
    expect(await old.textContent()).toContain(reader.slice(0, 8));
    expect(await old.getByRole('button', { name: 'Rename Reports (daily)' }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'token-rotated.png') });
    await old.getByRole('button', { name: 'Revoke Reports (daily)' }).click();
    await page
      .getByRole('dialog', { name: "Revoke the token 'Reports (daily)'?" })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await page
      .getByRole('row')
      .filter({ hasText: reader.slice(0, 8) })
      .locator('.badge--revoked')
      .waitFor();
    expect([(await verify(reader)).status, (await verify(successor)).status]).toEqual([401, 200]);
  });

  it('suspends a token from its row with a reason, the call is refused, and Reactivate lets it work again', async () => {
    await page.getByRole('button', { name: 'Suspend CI deploy' }).click();
    const dialog = page.getByRole('dialog', { name: "Suspend the token 'CI deploy'?" });
    await dialog.getByLabel('Reason (optional)').fill('Looking into unexpected calls');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    const row = page.getByRole('row', { name: /CI deploy/ });
    await row.getByText('Suspended').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'token-suspended.png') });
    const refused = await whoamiFromPython(api.url, token);
    expect([refused.status, JSON.parse(refused.body).code]).toEqual([401, 'token_suspended']);

    await page.getByRole('button', { name: 'Reactivate CI deploy' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reactivate' }).click();
    await page.getByRole('button', { name: 'Suspend CI deploy' }).waitFor();
    expect((await whoamiFromPython(api.url, token)).status).toBe(200);
  });

  it('revokes the token after a confirmation that names it, and the call is refused from then on', async () => {
    await revokeInPage(page, 'CI deploy');
    const call = await whoamiFromPython(api.url, token);
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({ code: 'token_revoked' });
  });

  it('refuses a cross-site form POST that rides on the session cookie', async () => {
    const evilPort = await freePort();
    const evil: Server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(
        `<form method="POST" action="${api.url}/api/v1/tokens" enctype="text/plain">` +
          `<input name='{"name":"planted","x":"' value='"}'></form><script>document.forms[0].submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(evilPort, 'localhost', resolve));
    try {
      const answer = page.waitForResponse(`${api.url}/api/v1/tokens`);
      await page.goto(`http://localhost:${evilPort}/`);
      expect((await answer).status()).toBeGreaterThanOrEqual(400);
    } finally {
      evil.close();
    }
    await page.goto(`${api.url}/settings/tokens`);
    await page.getByRole('row', { name: /CI deploy/ }).waitFor();
    expect(await page.getByRole('row', { name: /planted/ }).count()).toBe(0);
  });

  it('signs out: the page is back at sign-in, and the old session opens nothing', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${api.url}/sign-in`);
    expect((await context.request.get(`${api.url}/api/v1/tokens`)).status()).toBe(401);
  });
});

describe(`the admin's audit view in Chromium (${STORE_CONFIGURATION})`, () => {
  let api: ListeningApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startListeningApi();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('shows a revocation made elsewhere, through the API, without a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${api.url}/sign-in`);
    await page.getByLabel('User ID').fill('root');
    await page.getByLabel('Sign in as an administrator').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit' }).waitFor();
    await page.getByRole('status').getByText('Live').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const jwt = await api.userJwt('bob');
    const created = await api.http
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ name: "bob's job" });
    await api.http.delete(`/api/v1/tokens/${created.body.id}`).set('Authorization', `Bearer ${jwt}`).expect(204);
    await page
      .getByRole('row', { name: /Token revoked/ })
      .first()
      .waitFor({ timeout: 15_000 });

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'All tokens' }).click();
    await page.getByRole('row', { name: /bob's job/ }).waitFor();
    await context.close();
  });
});
