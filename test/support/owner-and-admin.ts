import { startApi, type ApiHarness, type HarnessOptions } from './api-harness';

export interface TrailEvent {
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface OwnerAndAdmin {
  api: ApiHarness;
  /** alice's user JWT, and root's (an admin). */
  alice: string;
  root: string;
  /** The Authorization header of a user JWT. */
  as: (jwt: string) => { Authorization: string };
  /** Generates a token of alice's; `fields` are the rest of the body. */
  generate: (name: string, fields?: object) => Promise<{ id: string; token: string }>;
  /** The events of one of alice's tokens, oldest first. */
  trail: (id: string) => Promise<TrailEvent[]>;
}

/** A started API with a user (alice) and an admin (root), for the token verbs' suites; `close()` in afterAll. */
export async function startWithOwnerAndAdmin(options: HarnessOptions = {}): Promise<OwnerAndAdmin> {
  const api = await startApi(options);
  const alice = await api.userJwt('alice');
  const root = await api.userJwt('root', { roles: ['admin'] });
  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  return {
    api,
    alice,
    root,
    as,
    generate: async (name, fields = {}) =>
      (
        await api.http
          .post('/api/v1/tokens')
          .set(as(alice))
          .send({ name, ...fields })
          .expect(201)
      ).body as {
        id: string;
        token: string;
      },
    trail: async (id) => {
      const answer = await api.http.get(`/api/v1/tokens/${id}/events`).set(as(alice)).expect(200);
      return (answer.body as { items: TrailEvent[] }).items;
    },
  };
}
