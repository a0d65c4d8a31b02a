export interface JsonResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { items?: Record<string, unknown>[]; code?: string };
  text: string;
}

/** A tiny JSON client for API processes started with `startProcess`. */
export function httpClient(baseUrl: string) {
  async function call(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<JsonResponse> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    const parsed = isJson && text ? (JSON.parse(text) as JsonResponse['body']) : {};
    return { status: response.status, headers: response.headers, body: parsed, text };
  }
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, headers, body),
    delete: (path: string, headers?: Record<string, string>) => call('DELETE', path, headers),
  };
}

export const bearer = (jwt: string): Record<string, string> => ({ authorization: `Bearer ${jwt}` });
export const apiToken = (token: string): Record<string, string> => ({ 'x-api-token': token });
