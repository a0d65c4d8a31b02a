import { NoticeChannelError } from '@pat/domain';
import { channelFailure } from './channel-failure';

describe('channelFailure', () => {
  it('keeps the code, and the chain of errors underneath for the log, addresses masked', () => {
    const cause = new Error('fetch failed', {
      cause: new Error('550 5.1.1 <alice@example.com>: unknown at mx.internal [10.0.0.3]'),
    });
    expect(channelFailure(new NoticeChannelError('smtp_refused', cause))).toEqual({
      code: 'smtp_refused',
      error: 'fetch failed: 550 5.1.1 <[address]>: unknown at mx.internal [10.0.0.3]',
    });
  });

  it('calls anything else channel_error', () => {
    expect(channelFailure(new TypeError('boom'))).toEqual({ code: 'channel_error', error: 'boom' });
    expect(channelFailure('text')).toEqual({ code: 'channel_error', error: 'text' });
    expect(channelFailure({ reason: 1 })).toEqual({ code: 'channel_error', error: 'an error without a message' });
  });
});
