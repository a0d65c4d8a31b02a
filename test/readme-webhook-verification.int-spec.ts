import { spawnSync } from 'node:child_process';
import { readmeExample } from './support/readme-examples';
import { signatureCases } from './support/webhook-signature-cases';

const SECRET = 'whsec-0123456789abcdef-0123456789abcdef';

/** Runs the README's Python example, as written there, on each case; what it answered, in order. */
function pythonVerdicts(cases: ReturnType<typeof signatureCases>): unknown[] {
  const driver = [
    readmeExample('webhook-verification-python'),
    'import json, sys',
    'cases = json.load(sys.stdin)',
    'print(json.dumps([verify_webhook_signature(c["body"].encode(), c["header"], c["secret"], c["now"] / 1000) for c in cases]))',
  ].join('\n');
  const input = JSON.stringify(
    cases.map(({ body, header, now }) => ({ body, header: header ?? null, now, secret: SECRET })),
  );
  const run = spawnSync('python3', ['-c', driver], { input, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as unknown[];
}

describe("the README's verification example (Python), as written there", () => {
  it('accepts and refuses exactly what the Node.js example does, without raising', () => {
    const cases = signatureCases(SECRET);
    const verdicts = pythonVerdicts(cases);
    expect(cases.map((example, index) => [example.name, verdicts[index]])).toEqual(
      cases.map((example) => [example.name, example.valid]),
    );
  });
});
