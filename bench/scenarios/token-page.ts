import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../test/support/browser';
import { apiEnv, logOfOwnedTokens, startApi } from '../support/bench-env';
import { ROOT } from '../support/child-process';
import { below, fixed, row, type ResultRow } from '../support/results';
import type { ScenarioContext } from '../support/scenario-context';
import { median } from '../support/stats';

const TOKENS = 1_000;
const FIRST_PAGE = 100;
const ASSETS = join(ROOT, 'dist', 'apps', 'web', 'assets');

/**
 * In the page: presses "Load more" for the last page, and resolves, after the frame that shows
 * all TOKENS rows, with the time since the press and the time its page of the API took.
 */
const LAST_PAGE_SHOWN = `new Promise((resolve) => {
  const rows = () => document.querySelectorAll('tbody tr').length;
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (rows() < ${TOKENS}) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => {
      const fetches = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('cursor='));
      resolve({ totalMs: performance.now() - started, fetchMs: fetches.at(-1).duration });
    }));
  });
  observer.observe(document.body, { childList: true, subtree: true });
  [...document.querySelectorAll('button')].find((button) => button.textContent === 'Load more').click();
})`;

/** Before the page's own scripts: notes when the first page of rows is in the document. */
const FIRST_ROWS_NOTED = `new MutationObserver((_, observer) => {
  if (document.querySelectorAll('tbody tr').length < ${FIRST_PAGE}) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.firstRowsPaintedMs = performance.now(); });
}).observe(document, { childList: true, subtree: true });`;

const rowCount = (page: Page): Promise<number> => page.evaluate<number>("document.querySelectorAll('tbody tr').length");

async function loadAllButTheLastPage(page: Page): Promise<void> {
  for (let shown = FIRST_PAGE; shown < TOKENS - FIRST_PAGE; shown += FIRST_PAGE) {
    await page.getByRole('button', { name: 'Load more' }).click();
    await page
      .locator('tbody tr')
      .nth(shown + FIRST_PAGE - 1)
      .waitFor();
  }
  await page.getByRole('button', { name: 'Load more' }).waitFor();
}

function gzippedKb(extension: string): number {
  const files = readdirSync(ASSETS).filter((file) => file.endsWith(extension));
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(ASSETS, file))).length, 0) / 1024;
}

/**
 * The token page in Debian's Chromium, for a user with 1,000 tokens on the embedded default:
 * opening the list (its first page of 100), and the list at 1,000 rows (the last "Load more").
 */
export async function tokenPageScenario({ sizes, log }: ScenarioContext): Promise<ResultRow[]> {
  const { dir } = logOfOwnedTokens('token-page', 'ada', TOKENS);
  const api = await startApi(apiEnv(dir));
  const browser = await launchChromium();
  const opened: number[] = [];
  const lastPage: number[] = [];
  const rendered: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${api.url}/sign-in`);
    await page.getByLabel('User ID').fill('ada');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${api.url}/settings/tokens`);
    await page.addInitScript(FIRST_ROWS_NOTED);
    for (let round = 0; round <= sizes.rounds; round++) {
      await page.goto(`${api.url}/settings/tokens`);
      await page
        .locator('tbody tr')
        .nth(FIRST_PAGE - 1)
        .waitFor();
      const openedMs = await page.evaluate<number>(
        'new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(window.firstRowsPaintedMs))))',
      );
      await loadAllButTheLastPage(page);
      const { totalMs, fetchMs } = await page.evaluate<{ totalMs: number; fetchMs: number }>(LAST_PAGE_SHOWN);
      if ((await rowCount(page)) !== TOKENS) throw new Error(`The list shows ${await rowCount(page)} rows`);
      if (round === 0) continue;
      opened.push(openedMs);
      lastPage.push(totalMs);
      rendered.push(totalMs - fetchMs);
      log(`  round ${round}: opened ${fixed(openedMs, 0)} ms, 1,000 rows ${fixed(totalMs, 0)} ms`);
    }
  } finally {
    await browser.close();
    await api.stop();
  }
  const javascript = gzippedKb('.js');
  return [
    row(
      '10. token page',
      'JavaScript, gzipped (all of it: the page loads nothing else)',
      `${fixed(javascript)} KB`,
      '≤ 200 KB',
      below(javascript, 200.01),
    ),
    row('10. token page', 'CSS, gzipped', `${fixed(gzippedKb('.css'))} KB`),
    row(
      '10. token page',
      `open /settings/tokens → its first ${FIRST_PAGE} rows painted (navigation start, incl. the API)`,
      `${fixed(median(opened), 0)} ms`,
    ),
    row(
      '10. token page',
      `the list at ${TOKENS} rows: "Load more" pressed → ${TOKENS} rows painted`,
      `${fixed(median(lastPage), 0)} ms`,
    ),
    row(
      '10. token page',
      `… of which rendering (the last page's fetch taken out)`,
      `${fixed(median(rendered), 0)} ms`,
      '< 200 ms',
      below(median(rendered), 200),
    ),
  ];
}
