import { NoticeChannelError, emailAddress, type NoticeChannel, type OwnerNotice } from '@pat/domain';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { noticeMessage, type MailSettings } from './notice-message';

/** `20261204T225002Z-<tokenId>-7d.eml` (or `-leaked.eml`): sorted by claim time, one name per notice. */
export function outboxFileName(notice: OwnerNotice): string {
  const claimed = notice.claimedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const about = notice.kind === 'expiry' ? `${notice.thresholdDays}d` : notice.cause;
  return `${claimed}-${notice.tokenId}-${about}.eml`;
}

/**
 * Writes each notice as an RFC 5322 message (`.eml`, as nodemailer renders it) into
 * `DATA_DIR/outbox`, when no SMTP server is configured. Exactly once per notice, crashes
 * included: the file appears complete or not at all (written aside, then linked in place),
 * and a notice whose file exists is not written again.
 */
export class OutboxChannel implements NoticeChannel {
  readonly name = 'outbox';
  private readonly transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(
    private readonly directory: string,
    private readonly mail: MailSettings,
  ) {}

  reaches(ownerEmail: string | null): boolean {
    return emailAddress(ownerEmail) !== null;
  }

  async deliver(notice: OwnerNotice): Promise<void> {
    const target = join(this.directory, outboxFileName(notice));
    if (existsSync(target)) return;
    const mail = noticeMessage(notice, this.mail);
    await this.write(mail, target).catch((error: unknown) => {
      throw new NoticeChannelError('outbox_write_failed', error);
    });
  }

  private async write(mail: SendMailOptions, target: string): Promise<void> {
    const { message } = await this.transport.sendMail(mail);
    if (!Buffer.isBuffer(message)) throw new Error('nodemailer did not render the message into a buffer');
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const aside = join(this.directory, `.${randomUUID()}.tmp`);
    const file = await open(aside, 'wx', 0o600);
    try {
      await file.writeFile(message);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await link(aside, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(aside);
    }
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
