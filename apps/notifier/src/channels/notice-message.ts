import { NoticeChannelError, emailAddress, type OwnerNotice } from '@pat/domain';
import type { SendMailOptions } from 'nodemailer';
import { composeExpiryNoticeMail } from './expiry-notice-mail';
import { composeRevocationNoticeMail } from './revocation-notice-mail';

export interface MailSettings {
  from: string;
  appUrl: string;
}

/**
 * The message nodemailer sends or writes for a notice, to the owner's one address (given as an
 * address, so nothing in it is parsed as a list or a header). Its Message-ID derives from the
 * notice id, so a notice delivered twice (a crash after the server accepted it) is recognisable.
 */
export function noticeMessage(notice: OwnerNotice, settings: MailSettings): SendMailOptions {
  const to = emailAddress(notice.ownerEmail);
  if (to === null) {
    throw new NoticeChannelError('invalid_recipient', new Error(`Token ${notice.tokenId} has no usable owner email`));
  }
  const mail =
    notice.kind === 'expiry'
      ? composeExpiryNoticeMail(notice, settings.appUrl)
      : composeRevocationNoticeMail(notice, settings.appUrl);
  return {
    from: settings.from,
    to: { name: '', address: to },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${notice.noticeId}@${new URL(settings.appUrl).hostname}>`,
    headers: { 'X-PAT-Notice-Id': notice.noticeId },
  };
}
