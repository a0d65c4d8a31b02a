import { NoticeChannelError, emailAddress, type NoticeChannel, type OwnerNotice } from '@pat/domain';
import { createTransport } from 'nodemailer';
import { noticeMessage, type MailSettings } from './notice-message';
import { smtpErrorCode } from './channel-error-codes';

export interface SmtpSettings extends MailSettings {
  /** `SMTP_URL`: never with credentials in it (the configuration refuses them). */
  url: string;
  /** `SMTP_USER` and `SMTP_PASSWORD`, or null to send without authenticating. */
  auth: { user: string; pass: string } | null;
  /** Bounds every wait on the server, so that a stuck server fails an attempt instead of holding it. */
  timeoutMs: number;
}

/** Sends each notice by SMTP (`SMTP_URL`) to the owner's address. */
export class SmtpEmailChannel implements NoticeChannel {
  readonly name = 'email';
  private readonly transport;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = createTransport({
      url: settings.url,
      ...(settings.auth === null ? {} : { auth: settings.auth }),
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
  }

  reaches(ownerEmail: string | null): boolean {
    return emailAddress(ownerEmail) !== null;
  }

  async deliver(notice: OwnerNotice): Promise<void> {
    const message = noticeMessage(notice, this.settings);
    const info = await this.transport.sendMail(message).catch((error: unknown) => {
      throw new NoticeChannelError(smtpErrorCode(error), error);
    });
    if (info.rejected.length > 0) {
      throw new NoticeChannelError(
        'smtp_refused',
        new Error(`The SMTP server refused the recipient: ${info.response}`),
      );
    }
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
