import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFunction } from 'node:vm';

const README = join(__dirname, '..', '..', 'README.md');

/** The fenced code block that follows `<!-- example: <name> -->` in the README, as it is written there. */
export function readmeExample(name: string): string {
  const readme = readFileSync(README, 'utf8');
  const marker = `<!-- example: ${name} -->`;
  const at = readme.indexOf(marker);
  const block = at < 0 ? null : /^\s*```\w*\n([\s\S]*?)\n```/.exec(readme.slice(at + marker.length));
  if (block?.[1] === undefined) throw new Error(`README.md has no code block after ${marker}`);
  return block[1];
}

/** `verifyWebhookSignature(rawBody, header, secret, now?)` of the README. */
export type WebhookVerifier = (
  rawBody: string | Buffer,
  header: string | string[] | undefined,
  secret: string,
  now?: number,
) => boolean;

/**
 * The README's Node.js example of webhook verification, compiled from the README itself, so
 * that the tests (and the test receiver) check what a subscriber copies.
 */
export function readmeWebhookVerifier(): WebhookVerifier {
  const code = readmeExample('webhook-verification-node');
  const define = compileFunction(`${code}\nreturn verifyWebhookSignature;`, ['require']) as (
    load: NodeJS.Require,
  ) => unknown;
  const verifier = define(require);
  if (typeof verifier !== 'function') throw new Error('The README example defines no verifyWebhookSignature');
  return verifier as WebhookVerifier;
}
