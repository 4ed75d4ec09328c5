import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as ikmCommand } from '../server/src/cli/commands/ikm.ts';
import { DEMO_SURVEY_TITLE } from '../server/src/db/seeds/demo-survey.ts';
import { seedDemo } from '../server/src/db/seeds/demo.ts';
import { testDatabaseKind } from '../test/db.ts';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
  await seedDemo(h.deps.database.db);
});
afterAll(() => h?.close());

// The journey runs without JavaScript; axe needs it, so each page is checked again in a
// JavaScript-enabled context carrying the same cookies.
async function a11y(page: Page) {
  const context = await h.browser.newContext({ storageState: await page.context().storageState() });
  const check = await context.newPage();
  await check.goto(page.url());
  await expectAccessible(check);
  await context.close();
}

describe(`IKM report in the browser (${testDatabaseKind})`, () => {
  it('shows the seeded round’s IKM, and `layan ikm` computes the same from the page’s CSV export', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/ikm`);
    expect(await page.locator('h1').textContent()).toBe('Indeks Kepuasan Masyarakat');
    await a11y(page);
    await page.getByRole('link', { name: DEMO_SURVEY_TITLE }).click();
    await page.waitForURL(/\/ikm\/[0-9a-f-]{36}$/);
    await a11y(page);
    const shown = (await page.getByTestId('ikm-value').textContent())!.trim();
    const mutu = (await page.getByTestId('ikm-mutu').textContent())!.trim();
    expect(await page.getByTestId('ikm-respondents').textContent()).toBe('48');
    expect(await page.locator('main').textContent()).toContain('Rencana tindak lanjut');

    const href = await page.getByRole('link', { name: /Unduh data \(CSV/ }).getAttribute('href');
    const csv = await page.request.get(new URL(href!, h.baseUrl).toString());
    expect(csv.status()).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-ikm-e2e-'));
    const file = path.join(dir, 'skm.csv');
    fs.writeFileSync(file, await csv.body());
    let out = '';
    const code = await ikmCommand.run([file, '--group-by', 'instansi', '--population', '1200'], {
      stdout: (s) => (out += s),
      stderr: () => {},
    });
    fs.rmSync(dir, { recursive: true });
    expect(code).toBe(0);
    const cli = JSON.parse(out);
    // The page prints the IKM the id-ID way (81,48); the CLI prints 81.48.
    expect(shown).toBe(cli.ikm.toFixed(2).replace('.', ','));
    expect(mutu).toBe(cli.mutu);
    expect(cli.respondents).toBe(48);
    expect(cli.sample).toMatchObject({ population: 1200, required: 291, sufficient: false });
    await context.close();
  });
});
