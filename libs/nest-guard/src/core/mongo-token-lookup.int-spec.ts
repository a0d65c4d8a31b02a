import {
  dropTestDatabase,
  testMongoUrl,
  uniqueDatabaseName,
  withRawDatabase,
} from '../../../../test/support/mongo-test-database';
import { MongoTokenLookup, TOKEN_VIEWS_COLLECTION } from './mongo-token-lookup';

describe('MongoTokenLookup, on the PAT service read model', () => {
  const url = testMongoUrl(uniqueDatabaseName('guard'));
  let lookup: MongoTokenLookup;

  beforeAll(async () => {
    await withRawDatabase(url, (db) =>
      db.collection(TOKEN_VIEWS_COLLECTION).insertMany([
        {
          _id: 't-scoped' as never,
          userId: 'alice',
          ownerEmail: null,
          name: 'scoped',
          tokenHint: 'pat_AbCd…wXyZ',
          tokenDigest: 'digest-scoped',
          createdAt: new Date('2026-11-01T00:00:00Z'),
          expiresAt: new Date('2026-12-31T00:00:00Z'),
          scopes: ['read_api'],
          status: 'active',
          revokedAt: null,
          revokedBy: null,
          expiredAt: null,
          revision: 0,
        },
        {
          _id: 't-old' as never,
          userId: 'bob',
          ownerEmail: null,
          name: 'projected before scopes',
          tokenHint: 'pat_AbCd…wXyZ',
          tokenDigest: 'digest-old',
          createdAt: new Date('2026-01-01T00:00:00Z'),
          expiresAt: null,
          status: 'revoked',
          revokedAt: new Date('2026-02-01T00:00:00Z'),
          revokedBy: 'bob',
          expiredAt: null,
          revision: 1,
        },
        {
          _id: 't-rotated' as never,
          userId: 'alice',
          ownerEmail: null,
          name: 'rotated',
          tokenHint: 'pat_AbCd…wXyZ',
          tokenDigest: 'digest-rotated',
          createdAt: new Date('2026-11-01T00:00:00Z'),
          expiresAt: new Date('2026-12-31T00:00:00Z'),
          scopes: ['api'],
          status: 'rotated',
          revokedAt: null,
          revokedBy: null,
          expiredAt: null,
          successorId: 't-successor',
          rotatedAt: new Date('2026-11-20T00:00:00Z'),
          graceUntil: new Date('2026-11-20T01:00:00Z'),
          revision: 1,
        },
        {
          _id: 't-by-policy' as never,
          userId: 'alice',
          ownerEmail: null,
          name: 'outlived the policy',
          tokenHint: 'pat_AbCd…wXyZ',
          tokenDigest: 'digest-by-policy',
          createdAt: new Date('2026-01-01T00:00:00Z'),
          expiresAt: new Date('2027-01-01T00:00:00Z'),
          scopes: ['api'],
          status: 'expired',
          revokedAt: null,
          revokedBy: null,
          expiredAt: new Date('2026-11-20T00:00:00Z'),
          expiredByPolicy: true,
          revision: 1,
        },
      ]),
    );
    lookup = new MongoTokenLookup(url);
  });

  afterAll(async () => {
    await lookup.close();
    await dropTestDatabase(url);
  });

  it('finds a token by digest with what a check needs, and nothing it does not', async () => {
    expect(await lookup.findByDigest('digest-scoped')).toEqual({
      id: 't-scoped',
      userId: 'alice',
      name: 'scoped',
      status: 'active',
      createdAt: new Date('2026-11-01T00:00:00Z'),
      expiresAt: new Date('2026-12-31T00:00:00Z'),
      expiredByPolicy: false,
      graceUntil: null,
      scopes: ['read_api'],
    });
  });

  it('reads a token recorded as expired by the lifetime policy as such', async () => {
    expect(await lookup.findByDigest('digest-by-policy')).toMatchObject({ status: 'expired', expiredByPolicy: true });
  });

  it('reads until when a rotated token is still accepted', async () => {
    expect(await lookup.findByDigest('digest-rotated')).toMatchObject({
      status: 'rotated',
      graceUntil: new Date('2026-11-20T01:00:00Z'),
    });
  });

  it('reads a document from before scopes as carrying every scope', async () => {
    expect(await lookup.findByDigest('digest-old')).toMatchObject({ id: 't-old', status: 'revoked', scopes: ['*'] });
  });

  it('answers null for an unknown digest', async () => {
    expect(await lookup.findByDigest('digest-nobody')).toBeNull();
  });
});

describe('MongoTokenLookup, with MongoDB out of reach', () => {
  it('rejects with TokenStoreUnavailableError within seconds', async () => {
    const lookup = new MongoTokenLookup('mongodb://127.0.0.1:9/pat');
    try {
      await expect(lookup.findByDigest('digest')).rejects.toMatchObject({ name: 'TokenStoreUnavailableError' });
    } finally {
      await lookup.close();
    }
  });
});
