import { emailAddress, type ExpiryNotice, type NoticeChannel } from '@pat/domain';
import { createTransport } from 'nodemailer';
import { expiryNoticeMessage, type MailSettings } from './expiry-notice-message';

export interface SmtpSettings extends MailSettings {
  url: string;
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
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
  }

  reaches(ownerEmail: string | null): boolean {
    return emailAddress(ownerEmail) !== null;
  }

  async deliver(notice: ExpiryNotice): Promise<void> {
    const info = await this.transport.sendMail(expiryNoticeMessage(notice, this.settings));
    if (info.rejected.length > 0) throw new Error(`The SMTP server refused the recipient: ${info.response}`);
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
