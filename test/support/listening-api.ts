import { freePort } from './api-process';
import { startApi, type ApiHarness, type HarnessOptions } from './api-harness';

export interface ListeningApi extends ApiHarness {
  /** Where a browser opens the page, also the service's APP_URL. */
  url: string;
}

/** The API in this process, listening on a free (or the given) port of 127.0.0.1 that is also its APP_URL, as a browser reaches it. */
export async function startListeningApi(options: HarnessOptions & { port?: number } = {}): Promise<ListeningApi> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const api = await startApi({ ...options, env: { APP_URL: url, ...options.env } });
  await api.app.listen({ port, host: '127.0.0.1' });
  return { ...api, url };
}
