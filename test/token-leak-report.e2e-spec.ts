import { TokenFormat } from '@pat/domain';
import { randomBytes } from 'node:crypto';
import { adjustableClock, type ApiHarness } from './support/api-harness';
import { startWithOwnerAndAdmin, type OwnerAndAdmin } from './support/owner-and-admin';

describe('leak reports: POST /api/v1/tokens/leaks, without signing in', () => {
  const clock = adjustableClock();
  let api: ApiHarness;
  let alice: string;
  let root: string;
  let as: OwnerAndAdmin['as'];
  let generate: OwnerAndAdmin['generate'];
  let trail: OwnerAndAdmin['trail'];

  beforeAll(async () => {
    ({ api, alice, root, as, generate, trail } = await startWithOwnerAndAdmin({ clock }));
  });
  afterAll(() => api.close());

  const report = (body: unknown) => api.http.post('/api/v1/tokens/leaks').send(body as object);
  const whoami = (token: string) => api.http.get('/api/v1/whoami').set('X-API-Token', token);
  const unknownToken = () => new TokenFormat('pat').generate(randomBytes);

  it('revokes each reported token that still works, with reason leaked, and passes over the rest alike', async () => {
    const leaked = await generate('pasted in a gist');
    const ended = await generate('already revoked');
    const kept = await generate('not reported');
    await api.http.delete(`/api/v1/tokens/${ended.id}`).set(as(alice)).expect(204);

    const strings = [leaked.token, leaked.token, ended.token, unknownToken(), 'pat_not-a-token', 'hello'];
    const answer = await report({ tokens: strings }).expect(202);
    expect(answer.body).toEqual({ received: strings.length });

    expect((await whoami(leaked.token).expect(401)).body.code).toBe('token_revoked');
    await whoami(kept.token).expect(200);
    const events = await trail(leaked.id);
    expect(events.map((event) => event.type)).toEqual(['TokenGenerated', 'TokenLeakReported', 'TokenRevoked']);
    expect(events[1].data).toMatchObject({ tokenId: leaked.id, reportedAt: expect.any(String) });
    expect(events[2].data).toMatchObject({ revokedBy: 'system:leak-report', reason: 'leaked' });
    expect((await trail(ended.id)).map((event) => event.type)).toEqual(['TokenGenerated', 'TokenRevoked']);
    const item = await api.http.get(`/api/v1/tokens/${leaked.id}`).set(as(alice)).expect(200);
    expect(item.body).toMatchObject({ status: 'revoked', revokedBy: 'system:leak-report' });

    const audit = await api.http.get(`/api/v1/audit/events?tokenId=${leaked.id}`).set(as(root)).expect(200);
    expect(audit.body.items.map((item: { type: string; actor: string }) => [item.type, item.actor])).toEqual([
      ['TokenGenerated', 'alice'],
      ['TokenLeakReported', 'system:leak-report'],
      ['TokenRevoked', 'system:leak-report'],
    ]);
  });

  it('answers a report of real tokens exactly as one of junk: the reporter learns nothing', async () => {
    const real = await generate('real');
    const answers = [
      await report({ tokens: [real.token] }).expect(202),
      await report({ tokens: [unknownToken()] }).expect(202),
      await report({ tokens: [real.token] }).expect(202),
      await report({ tokens: ['junk'] }).expect(202),
    ];
    for (const answer of answers) {
      expect(answer.body).toEqual({ received: 1 });
      expect(answer.headers['content-type']).toBe(answers[0].headers['content-type']);
    }
  });

  it('refuses a body it cannot take with 400 naming tokens: missing, not an array, too many, too long, not strings', async () => {
    const bodies: [unknown, string][] = [
      [{}, 'tokens must be an array of strings'],
      [{ tokens: 'pat_x' }, 'tokens must be an array of strings'],
      [{ tokens: Array.from({ length: 101 }, unknownToken) }, 'tokens must hold at most 100 strings'],
      [{ tokens: ['x'.repeat(201)] }, 'each of tokens must be at most 200 characters'],
      [{ tokens: ['pat_x', 42] }, 'each of tokens must be a string'],
      [{ tokens: [null] }, 'each of tokens must be a string'],
    ];
    for (const [body, message] of bodies) {
      const refused = await report(body).expect(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'tokens', message }] });
    }
    await report({ tokens: Array.from({ length: 100 }, unknownToken) }).expect(202);
  });

  it('is a path of its own, not a token id: another method answers 405 with Allow: POST, signed in or not', async () => {
    for (const request of [
      api.http.get('/api/v1/tokens/leaks').set(as(alice)),
      api.http.delete('/api/v1/tokens/leaks'),
    ]) {
      const answer = await request.expect(405);
      expect([answer.headers['allow'], answer.body.code]).toEqual(['POST', 'method_not_allowed']);
    }
  });

  it('answers 429 with Retry-After past 10 reports a minute from one address, and takes reports again after it', async () => {
    clock.advance(61_000);
    for (let report_ = 0; report_ < 10; report_ += 1) await report({ tokens: ['junk'] }).expect(202);
    const throttled = await report({ tokens: ['junk'] }).expect(429);
    expect(throttled.body).toMatchObject({ code: 'too_many_requests' });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    clock.advance(61_000);
    await report({ tokens: ['junk'] }).expect(202);
  });
});
