import { startProcess } from './support/api-process';
import { tempDataDir } from './support/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec-credentials-0123456789abcdef';

/** Needs `npm run build`. Credentials in a channel URL would reach logs and errors: the notifier does not start. */
describe('the notifier with credentials in a channel URL', () => {
  const data = tempDataDir('pat-channel-credentials');
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(SECRET);
  });

  afterAll(async () => {
    await receiver.close();
    data.remove();
  });

  it.each([
    [
      'NOTIFY_WEBHOOK_URL',
      () => receiver.url.replace('http://', 'http://user:secret@'),
      'NOTIFY_WEBHOOK_AUTHORIZATION',
    ],
    ['SMTP_URL', () => 'smtp://user:secret@127.0.0.1:2525', 'SMTP_USER and SMTP_PASSWORD'],
  ])(
    'refuses to start with %s carrying user:password@, naming it and never the password',
    async (name, value, instead) => {
      const url = value();
      const started = startProcess('notifier', { DATA_DIR: data.path, [name]: url, NOTIFY_WEBHOOK_SECRET: SECRET });
      const failure = await started.then(
        (notifier) => notifier.stop().then(() => new Error('the notifier started')),
        (error: unknown) => error,
      );
      const message = String(failure);
      expect(message).toMatch(
        new RegExp(`Process exited with 1:[\\s\\S]*Invalid configuration: ${name}: must not carry credentials`),
      );
      expect(message).toContain(`set ${instead} instead`);
      expect(message).not.toContain(':secret@');
      expect(message).not.toContain(url);
      expect(receiver.received).toHaveLength(0);
    },
  );
});
