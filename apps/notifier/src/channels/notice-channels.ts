import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@pat/config';
import type { NoticeChannel } from '@pat/domain';
import { join } from 'node:path';
import { APP_CONFIG, NOTIFIER_SETTINGS } from '../infrastructure/injection-tokens';
import type { NotifierSettings } from '../infrastructure/notifier-settings';
import { OutboxChannel } from './outbox.channel';
import { SmtpEmailChannel, type SmtpSettings } from './smtp-email.channel';
import { WebhookChannel } from './webhook.channel';

/**
 * The configured channels: SMTP when `SMTP_URL` is set (authenticated with `SMTP_USER` and
 * `SMTP_PASSWORD` when they are), else the `.eml` outbox in `DATA_DIR/outbox`; and the webhook
 * when `NOTIFY_WEBHOOK_URL` is set.
 */
@Injectable()
export class NoticeChannels implements OnApplicationShutdown {
  readonly all: readonly NoticeChannel[];

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(NOTIFIER_SETTINGS) settings: NotifierSettings) {
    const mail = { from: config.mailFrom, appUrl: config.appUrl };
    const channels: NoticeChannel[] = [
      config.smtpUrl === null
        ? new OutboxChannel(join(config.dataDir, 'outbox'), mail)
        : new SmtpEmailChannel({
            ...mail,
            url: config.smtpUrl,
            auth: smtpAuth(config),
            timeoutMs: settings.channelTimeoutMs,
          }),
    ];
    if (config.notifyWebhookUrl !== null && config.notifyWebhookSecret !== null) {
      channels.push(
        new WebhookChannel({
          url: config.notifyWebhookUrl,
          secret: config.notifyWebhookSecret,
          authorization: config.notifyWebhookAuthorization,
          timeoutMs: settings.channelTimeoutMs,
        }),
      );
    }
    this.all = channels;
  }

  /** The channels that can reach an owner with this address (or none). */
  reaching(ownerEmail: string | null): NoticeChannel[] {
    return this.all.filter((channel) => channel.reaches(ownerEmail));
  }

  byName(name: string): NoticeChannel | undefined {
    return this.all.find((channel) => channel.name === name);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all.map((channel) => channel.close()));
  }
}

function smtpAuth({ smtpUser, smtpPassword }: AppConfig): SmtpSettings['auth'] {
  return smtpUser === null || smtpPassword === null ? null : { user: smtpUser, pass: smtpPassword };
}
