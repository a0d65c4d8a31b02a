import { startApi, type ApiHarness } from './support/api-harness';

interface Item {
  id: string;
  createdAt: string;
  status: string;
}

describe('GET /api/v1/tokens in pages (cursor, limit, nextCursor)', () => {
  let api: ApiHarness;
  let jwt: string;
  const generated: string[] = [];

  beforeAll(async () => {
    api = await startApi();
    jwt = await api.userJwt('pager');
    for (let index = 0; index < 7; index++) {
      const created = await api.http
        .post('/api/v1/tokens')
        .set('Authorization', `Bearer ${jwt}`)
        .send({ name: `token ${index}` })
        .expect(201);
      generated.push(created.body.id as string);
    }
    for (const index of [1, 4]) {
      await api.http.delete(`/api/v1/tokens/${generated[index]}`).set('Authorization', `Bearer ${jwt}`).expect(204);
    }
    const other = await api.userJwt('someone-else');
    await api.http.post('/api/v1/tokens').set('Authorization', `Bearer ${other}`).send({ name: 'not theirs' });
  });
  afterAll(() => api.close());

  const list = (query: string) => api.http.get(`/api/v1/tokens${query}`).set('Authorization', `Bearer ${jwt}`);

  async function allPages(query: string): Promise<{ pages: Item[][]; last: unknown }> {
    const pages: Item[][] = [];
    let cursor: string | null = null;
    for (;;) {
      const separator: string = query === '' ? '?' : '&';
      const response = await list(cursor === null ? query : `${query}${separator}cursor=${cursor}`).expect(200);
      pages.push(response.body.items as Item[]);
      cursor = response.body.nextCursor as string | null;
      if (cursor === null) return { pages, last: response.body.nextCursor };
      if (pages.length > 20) throw new Error('the pages do not end');
    }
  }

  it('answers {items, nextCursor}: one page of at most 100 by default, nextCursor null on the last', async () => {
    const response = await list('').expect(200);
    expect(Object.keys(response.body).sort()).toEqual(['items', 'nextCursor']);
    expect(response.body.nextCursor).toBeNull();
    expect((response.body.items as Item[]).map((item) => item.id)).toEqual([...generated].reverse());
  });

  it('gives every token exactly once across pages, newest first', async () => {
    const { pages } = await allPages('?limit=3');

    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const ids = pages.flat().map((item) => item.id);
    expect(ids).toEqual([...generated].reverse());
    const created = pages.flat().map((item) => Date.parse(item.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const exact = await allPages('?limit=7');
    expect(exact.pages.map((page) => page.length)).toEqual([7]);
  });

  it('keeps the status filter across pages', async () => {
    const active = await allPages('?status=active&limit=2');
    const revoked = await allPages('?status=revoked&limit=1');

    const expectedActive = [...generated].reverse().filter((id) => id !== generated[1] && id !== generated[4]);
    expect(active.pages.flat().map((item) => item.id)).toEqual(expectedActive);
    expect(active.pages.flat().every((item) => item.status === 'active')).toBe(true);
    expect(revoked.pages.flat().map((item) => item.id)).toEqual([generated[4], generated[1]]);
  });

  it.each([
    ['?cursor=garbage!', 'cursor'],
    ['?cursor=1.not-a-token-id', 'cursor'],
    ['?cursor=', 'cursor'],
    ['?limit=0', 'limit'],
    ['?limit=501', 'limit'],
    ['?limit=two', 'limit'],
    ['?limit=1.5', 'limit'],
  ])('answers %s with 400 naming %s', async (query, field) => {
    const response = await list(query).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'validation_failed' });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
  });
});
