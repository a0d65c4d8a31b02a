import { TokenDigester } from '@pat/domain';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_NOTIFIER_SETTINGS } from '../apps/notifier/src/infrastructure/notifier-settings';
import { startProcess, type ApiProcess } from './support/api-process';
import { bearer, httpClient } from './support/http-client';
import { parseMimeMessage } from './support/mime-message';
import { eventually, OUTCOME_DEADLINE_MS } from './support/outcome-deadline';
import { tempDataDir } from './support/temp-dir';
import { testStores, tokenPepper, userJwtSecret, type TestStores } from './support/test-stores';
import { signUserJwt } from './support/user-jwt';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Needs `npm run build`. Real processes, real time, on the stores of the jest project. */
describe('expiry notice in real time, with two notifier processes', () => {
  const data = tempDataDir('pat-notifier');
  let stores: TestStores;
  let env: Record<string, string>;
  const outbox = join(data.path, 'outbox');
  let api: ApiProcess;
  let notifiers: ApiProcess[] = [];
  const output: string[] = [];

  beforeAll(async () => {
    stores = await testStores(data.path);
    env = stores.env;
    api = await startProcess('api', env);
    notifiers = await Promise.all([startProcess('notifier', env), startProcess('notifier', env)]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all([api, ...notifiers].map((process) => process?.stop()));
    await stores?.stop();
    data.remove();
  });

  const emlFiles = (): string[] => {
    try {
      return readdirSync(outbox).filter((name) => name.endsWith('.eml'));
    } catch {
      return [];
    }
  };

  it('writes exactly one 7-day .eml, once due, for a token expiring in 7 days and 20 s, across a restart', async () => {
    const jwt = await signUserJwt(userJwtSecret(env), {
      sub: 'alice',
      email: 'alice@example.com',
    });
    const client = httpClient(api.url);
    const expiresAt = new Date(Date.now() + 7 * DAY_MS + 20_000);
    const created = await client.post(
      '/api/v1/tokens',
      { name: 'CI deploy', expiresAt: expiresAt.toISOString() },
      bearer(jwt),
    );
    expect(created.status).toBe(201);
    const tokenId = String(created.body.id);
    const token = String(created.body.token);
    const dueAt = Date.parse(String(created.body.expiresAt)) - 7 * DAY_MS;

    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await notifiers[0].stop('SIGTERM');
    output.push(...notifiers[0].output);
    notifiers[0] = await startProcess('notifier', env);

    // Waits past the safety scan: that the timer wakes a notifier is notifier-instances.int-spec.ts's to show.
    const deadline = Math.max(0, dueAt - Date.now()) + DEFAULT_NOTIFIER_SETTINGS.safetyScanMs + OUTCOME_DEADLINE_MS;
    await eventually(() => Promise.resolve(emlFiles().length > 0), deadline, 50);

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const files = emlFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`-${tokenId}-7d\\.eml$`));
    const raw = readFileSync(join(outbox, files[0]), 'utf8');
    const mail = parseMimeMessage(raw);
    expect(mail.headers.get('to')).toBe('alice@example.com');
    expect(mail.headers.get('subject')).toBe('Your personal access token "CI deploy" expires in 7 days');
    expect([...mail.parts.keys()].sort()).toEqual(['text/html', 'text/plain']);
    for (const body of mail.parts.values()) {
      expect(body).toContain(String(created.body.tokenHint));
      expect(body).toContain(expiresAt.toISOString());
      expect(body).toContain(`http://localhost:3000/settings/tokens?rotate=${tokenId}`);
      expect(body).toContain('It has never been used');
    }
    const digest = new TokenDigester(tokenPepper(env)).digest(token);
    for (const text of [raw, ...output, ...notifiers.flatMap((notifier) => notifier.output)]) {
      expect(text).not.toContain(token.slice(4));
      expect(text).not.toContain(digest);
    }

    const trail = await client.get(`/api/v1/tokens/${tokenId}/events`, bearer(jwt));
    const notices = (trail.body.items ?? []).filter((item) => item.type === 'ExpiryNoticeSent');
    expect(notices).toHaveLength(1);
    expect(notices[0].data).toMatchObject({ tokenId, thresholdDays: 7, channel: 'outbox' });
    expect(Date.parse(String((notices[0].data as { sentAt: unknown }).sentAt))).toBeGreaterThanOrEqual(dueAt);
    expect((trail.body.items ?? []).some((item) => item.type === 'ExpiryNoticeFailed')).toBe(false);

    const sent = await Promise.all(
      notifiers.map(async (notifier) => {
        const metrics = await httpClient(notifier.url).get('/metrics');
        const line = metrics.text.split('\n').find((row) => row.startsWith('pat_notices_sent_total{channel="outbox"}'));
        return line === undefined ? 0 : Number(line.split(' ')[1]);
      }),
    );
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(1);
  }, 120_000);

  it('tells the owner once, in one .eml, that a token reported leaked was revoked', async () => {
    const jwt = await signUserJwt(userJwtSecret(env), { sub: 'alice', email: 'alice@example.com' });
    const client = httpClient(api.url);
    const created = await client.post('/api/v1/tokens', { name: 'Pasted in a gist', expiresInDays: 30 }, bearer(jwt));
    expect(created.status).toBe(201);
    const tokenId = String(created.body.id);

    const report = await client.post('/api/v1/tokens/leaks', { tokens: [String(created.body.token)] });
    expect(report.status).toBe(202);

    const leakedMails = (): string[] => emlFiles().filter((name) => name.endsWith(`-${tokenId}-leaked.eml`));
    await eventually(() => Promise.resolve(leakedMails().length > 0), OUTCOME_DEADLINE_MS, 50);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(leakedMails()).toHaveLength(1);
    const mail = parseMimeMessage(readFileSync(join(outbox, leakedMails()[0]), 'utf8'));
    expect(mail.headers.get('subject')).toBe(
      'Your personal access token "Pasted in a gist" was revoked: it was reported as leaked',
    );
    const trail = await client.get(`/api/v1/tokens/${tokenId}/events`, bearer(jwt));
    expect((trail.body.items ?? []).map((item) => item.type)).toEqual([
      'TokenGenerated',
      'TokenLeakReported',
      'TokenRevoked',
      'RevocationNoticeSent',
    ]);
  }, 60_000);
});
