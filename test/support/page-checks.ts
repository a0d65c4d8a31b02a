import AxeBuilder from '@axe-core/playwright';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';

/** The guide's last step: the token used from code, with Python requests, as the page shows it. */
export async function whoamiFromPython(apiUrl: string, token: string): Promise<{ status: number; body: string }> {
  const script = [
    'import os, requests',
    'r = requests.get(os.environ["API"] + "/api/v1/whoami", headers={"X-API-Token": os.environ["TOKEN"]}, timeout=10)',
    'print(r.status_code); print(r.text)',
  ].join('\n');
  // Not execFileSync: the API answering the call runs in this process.
  const { stdout } = await promisify(execFile)('python3', ['-c', script], {
    env: { PATH: process.env.PATH, API: apiUrl, TOKEN: token },
    encoding: 'utf8',
  });
  const [status, ...body] = stdout.split('\n');
  return { status: Number(status), body: body.join('\n') };
}

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
    );
}

export const ONCE_WARNING = "Make sure to copy your personal access token now. You won't be able to see it again.";

/** The guide's Revoke: the dialog names the token, and the row shows it revoked afterwards. */
export async function revokeInPage(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Revoke the token '${name}'?` });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('button', { name: `Revoke ${name}` }).waitFor({ state: 'detached' });
  expect(await page.getByRole('row', { name: new RegExp(name) }).textContent()).toContain('Revoked');
}
