import type { ReactElement } from 'react';

function curlExample(apiUrl: string): string {
  return `curl -H "X-API-Token: $PAT_TOKEN" ${apiUrl}/api/v1/whoami`;
}

function pythonExample(apiUrl: string): string {
  return [
    'import os',
    'import requests',
    '',
    `API = "${apiUrl}"`,
    'token = os.environ["PAT_TOKEN"]',
    '',
    'response = requests.get(f"{API}/api/v1/whoami", headers={"X-API-Token": token})',
    'response.raise_for_status()',
    'print(response.json())',
  ].join('\n');
}

export function UsageExamples({ apiUrl }: { apiUrl: string }): ReactElement {
  const base = apiUrl.replace(/\/+$/, '');
  return (
    <section className="card usage" aria-labelledby="usage-title">
      <h3 id="usage-title">How to use it</h3>
      <p>
        Send the token in the <code>X-API-Token</code> header. Keep it out of your code: read it from an environment
        variable such as <code>PAT_TOKEN</code>.
      </p>
      <h4>curl</h4>
      <pre className="code" tabIndex={0} aria-label="curl example">
        <code>{curlExample(base)}</code>
      </pre>
      <h4>Python (requests)</h4>
      <pre className="code" tabIndex={0} aria-label="Python example">
        <code>{pythonExample(base)}</code>
      </pre>
    </section>
  );
}
