import {
  expiryNoticeFailed,
  expiryNoticeSent,
  tokenExpired,
  tokenRenamed,
  tokenGenerated,
  tokenRevoked,
} from './testing/token-events';
import { WITHHELD_DETAIL } from '../notice/notice-failure-detail';
import type { TokenEvent } from './token.events';
import { publicEventData, toTokenEvent } from './token-event-codec';

const events: TokenEvent[] = [
  tokenGenerated(),
  tokenRevoked(),
  tokenExpired(),
  tokenRenamed(),
  expiryNoticeSent(),
  expiryNoticeFailed(),
];

describe('toTokenEvent', () => {
  it.each(events.map((event) => [event.type, event] as const))('reads a recorded %s', (_type, event) => {
    const recorded = { id: 'e1', streamId: 'pat-x', revision: 0, type: event.type, data: event.data };
    expect(toTokenEvent(recorded)).toEqual({ type: event.type, data: event.data });
  });

  it('reads a version-1 TokenGenerated (before scopes) as version 3 granting every scope, without a limit', () => {
    const { scopes: _scopes, maxRequestsPerSecond: _limit, ...current } = tokenGenerated().data;
    const recorded = { type: 'TokenGenerated', data: { ...current, schemaVersion: 1 } };
    expect(toTokenEvent(recorded)).toEqual({
      type: 'TokenGenerated',
      data: { ...current, schemaVersion: 3, scopes: ['*'], maxRequestsPerSecond: null },
    });
  });

  it('reads a version-2 TokenGenerated (before rate limits) as version 3 with its scopes, without a limit', () => {
    const { maxRequestsPerSecond: _limit, ...current } = tokenGenerated({ scopes: ['read_api'] }).data;
    const recorded = { type: 'TokenGenerated', data: { ...current, schemaVersion: 2 } };
    expect(toTokenEvent(recorded)).toEqual({
      type: 'TokenGenerated',
      data: { ...current, schemaVersion: 3, scopes: ['read_api'], maxRequestsPerSecond: null },
    });
  });

  it.each(['TokenQuarantined', 'tokengenerated', 'TokenGenerated ', '', '$metadata'])(
    'returns null for the unknown type %j',
    (type) => {
      expect(toTokenEvent({ type, data: { tokenId: 'x' } })).toBeNull();
    },
  );
});

describe('publicEventData', () => {
  it('strips tokenDigest from TokenGenerated, and only that', () => {
    const generated = tokenGenerated();
    const { tokenDigest, ...rest } = generated.data;
    expect(tokenDigest).toBe('d'.repeat(64));
    const shown = publicEventData(generated);
    expect(shown).toEqual(rest);
    expect(Object.keys(shown).sort()).toEqual(
      [
        'schemaVersion',
        'tokenId',
        'userId',
        'ownerEmail',
        'name',
        'tokenHint',
        'generatedAt',
        'expiresAt',
        'scopes',
        'maxRequestsPerSecond',
      ].sort(),
    );
  });

  it('leaves the event itself untouched', () => {
    const generated = tokenGenerated();
    publicEventData(generated);
    expect(generated.data.tokenDigest).toBe('d'.repeat(64));
  });

  it('shows the detail of an ExpiryNoticeFailed recorded with a raw error only as withheld', () => {
    const legacy = expiryNoticeFailed({
      detail: 'webhook: Request cannot be constructed from a URL that includes credentials: http://u:pw@10.0.0.5/h',
    });
    delete legacy.data.errorCodes;
    expect(publicEventData(legacy)).toEqual({ ...legacy.data, detail: WITHHELD_DETAIL });
    expect(legacy.data.detail).toContain('u:pw@');
  });

  it.each(events.slice(1).map((event) => [event.type, event] as const))(
    'shows the data of %s as it is, in a copy',
    (_type, event) => {
      const shown = publicEventData(event);
      expect(shown).toEqual(event.data);
      expect(shown).not.toBe(event.data);
    },
  );
});
