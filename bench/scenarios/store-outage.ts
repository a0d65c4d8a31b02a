import { FerretDbServer } from '../../test/support/ferretdb';
import { signUserJwt } from '../../test/support/user-jwt';
import { apiEnv, JWT_SECRET, logOfOwnedTokens, startApi } from '../support/bench-env';
import { below, fixed, row, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { percentile } from '../support/stats';

const OWNER = 'bench-owner';
const GIVE_UP_MS = 30_000;

/**
 * The API on the MongoDB read model, with a MongoDB-wire server of its own that is then
 * stopped: how long after the stop the API still answers a token check from its view cache,
 * then how long each token check and each management call takes to answer 503.
 */
export async function storeOutageScenario({ sizes, log }: ScenarioContext): Promise<ResultRow[]> {
  const mongo = await FerretDbServer.start();
  const {
    dir,
    tokens: [token],
  } = logOfOwnedTokens('outage', OWNER, 1);
  const api = await startApi(apiEnv(dir, { MONGO_URL: mongo.url('bench_outage') }), 120_000);
  const owner = await signUserJwt(JWT_SECRET, { sub: OWNER });
  const check = (): Promise<Response> => fetch(`${api.url}/api/v1/whoami`, { headers: { 'X-API-Token': token.token } });
  const list = (): Promise<Response> =>
    fetch(`${api.url}/api/v1/tokens`, { headers: { Authorization: `Bearer ${owner}` } });
  try {
    if ((await check()).status !== 200) throw new Error('the token is refused before the outage');
    await mongo.stop();
    const stopped = performance.now();
    while ((await check()).status === 200) {
      if (performance.now() - stopped > GIVE_UP_MS) throw new Error(`still 200 ${GIVE_UP_MS} ms after the stop`);
    }
    const unnoticed = performance.now() - stopped;
    const [checks, calls] = [await timed503(check, sizes.outageSamples), await timed503(list, sizes.outageSamples)];
    log(`  cache served ${fixed(unnoticed)} ms; 503 max ${fixed(Math.max(...checks, ...calls))} ms`);
    const answer503 = (label: string, samples: number[]): ResultRow =>
      row(
        '9. store outage',
        `MongoDB down: ${label} → 503 (${samples.length} requests)`,
        `p50 ${fixed(percentile(samples, 50))} ms, p99 ${fixed(percentile(samples, 99))} ms`,
        'p99 < 5 s',
        below(percentile(samples, 99), 5_000),
      );
    return [
      row('9. store outage', 'MongoDB stopped → first 503 on a token check (view cache)', `${fixed(unnoticed)} ms`),
      answer503('token check', checks),
      answer503('management call', calls),
    ];
  } finally {
    await api.stop();
    await mongo.dispose();
  }
}

/** Times `count` requests, one after another; each must answer 503. */
async function timed503(request: () => Promise<Response>, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const response = await request();
    samples.push(performance.now() - started);
    if (response.status !== 503) throw new Error(`answered ${response.status} with MongoDB down`);
  }
  return samples;
}
