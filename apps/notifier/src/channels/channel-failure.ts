import { NoticeChannelError, type NoticeChannelErrorCode } from '@pat/domain';
import { errorFields } from './channel-error-codes';

/** Why a channel did not accept a notice: the code for the audit trail, the error for the log. */
export interface ChannelFailure {
  code: NoticeChannelErrorCode;
  /** The errors underneath, outermost first, with email addresses masked: for the notifier's log only. */
  error: string;
}

const EMAIL_ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const MAX_CAUSES = 4;

export function channelFailure(error: unknown): ChannelFailure {
  const code = error instanceof NoticeChannelError ? error.code : 'channel_error';
  const start = error instanceof NoticeChannelError && error.cause !== undefined ? error.cause : error;
  const messages: string[] = [];
  for (let cause = start; cause !== undefined && messages.length < MAX_CAUSES;) {
    const { message, cause: next } = errorFields(cause);
    messages.push(
      typeof message === 'string' ? message : typeof cause === 'string' ? cause : 'an error without a message',
    );
    cause = next;
  }
  return { code, error: messages.join(': ').replace(EMAIL_ADDRESS, '[address]') };
}
