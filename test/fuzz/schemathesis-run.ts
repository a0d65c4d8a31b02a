import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FuzzPass {
  /** What the pass covers, for the report. */
  label: string;
  docsUrl: string;
  env: { FUZZ_USER_JWT: string; FUZZ_API_TOKEN: string };
  /** Schemathesis filter options, such as `--include-path-regex`. */
  filters: string[];
  maxExamples: number;
  seed: string;
  reportDir: string;
}

export interface FuzzFailure {
  operation: string;
  check: string;
  message: string;
}

export interface FuzzResult {
  exitCode: number | null;
  output: string;
  failures: FuzzFailure[];
  testCases: number;
}

const CONFIG_FILE = join(__dirname, 'schemathesis.toml');

/** Runs Schemathesis once and reads its failures from the JUnit report. */
export function runSchemathesis(pass: FuzzPass): Promise<FuzzResult> {
  const junit = join(pass.reportDir, 'junit.xml');
  const args = [
    '--config-file',
    CONFIG_FILE,
    'run',
    pass.docsUrl,
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--max-examples',
    String(pass.maxExamples),
    '--seed',
    pass.seed,
    // One worker: with two, CPython 3.11 sometimes failed Hypothesis' parse of a lambda's source file
    // ("SystemError: AST constructor recursion depth mismatch") and the run counted it as an error.
    '--workers',
    '1',
    '--request-timeout',
    '10',
    '--no-color',
    '--report',
    'junit',
    '--report-junit-path',
    junit,
    ...pass.filters,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('schemathesis', args, {
      env: { ...process.env, ...pass.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (error) =>
      reject(
        new Error(`Cannot run schemathesis (python3 -m pip install -r test/fuzz/requirements.txt): ${error.message}`),
      ),
    );
    child.on('close', (exitCode) => {
      const report = safeRead(junit);
      resolve({ exitCode, output, failures: junitFailures(report), testCases: testCaseCount(output) });
    });
  });
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** `<testcase name="POST /api/v1/tokens"><failure message="ST202">details</failure>` → one failure each. */
export function junitFailures(xml: string): FuzzFailure[] {
  const failures: FuzzFailure[] = [];
  for (const testcase of xml.matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g)) {
    for (const failure of testcase[2].matchAll(
      /<(?:failure|error)\b[^>]*\bmessage="([^"]*)"[^>]*>([\s\S]*?)<\/(?:failure|error)>/g,
    )) {
      failures.push({
        operation: unescapeXml(testcase[1]),
        check: unescapeXml(failure[1]),
        message: unescapeXml(failure[2]).slice(0, 2000),
      });
    }
  }
  return failures;
}

function testCaseCount(output: string): number {
  const match = /(\d+) generated/.exec(output);
  return match ? Number(match[1]) : 0;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}
