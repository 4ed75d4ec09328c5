import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../test/db.ts';
import { startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

// On a slow connection a page is usable before its scripts arrive: people type into the fields of
// the server-rendered form. Hydration must not wipe what they typed (it did, for every field whose
// value came from the page's data: an intermittent test failure led here). The scripts are held
// back until the fields are filled, as a slow 3T connection would.

let h: BrowserHarness;
let context: BrowserContext;

beforeAll(async () => {
  h = await startBrowserHarness();
  context = await h.browser.newContext();
});

afterAll(async () => {
  await context?.close();
  await h?.close();
});

const PAGES: Array<{ path: string; fields: Array<[selector: string, text: string]> }> = [
  {
    path: '/petugas/masuk?kembali=%2Fadmin',
    fields: [
      ['#staff-email', 'petugas@banyuwangi.test'],
      ['#staff-password', 'kata-sandi-panjang'],
    ],
  },
  { path: '/masuk', fields: [['#nik', '3510014708900001']] },
  { path: '/lacak', fields: [['#code', 'LYN-7KQ4-M9XW-H26']] },
  { path: '/layanan', fields: [['#catalog-q', 'akta kelahiran']] },
  {
    path: '/pengaduan',
    fields: [
      ['#title', 'Lampu jalan padam'],
      ['#body', 'Lampu jalan di depan balai desa padam sejak seminggu yang lalu.'],
    ],
  },
];

describe(`fields typed before the scripts arrive (${testDatabaseKind})`, () => {
  for (const { path, fields } of PAGES) {
    it(`keeps them on ${path}`, async () => {
      const page = await context.newPage();
      let release!: () => void;
      const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
      let held = 0;
      await page.route('**/_app/immutable/**', async (route) => {
        held++;
        await scriptsHeld;
        await route.continue();
      });
      // 'commit': the module scripts hold DOMContentLoaded back until they run.
      await page.goto(`${h.baseUrl}${path}`, { waitUntil: 'commit' });
      for (const [selector, text] of fields) await page.locator(selector).fill(text);
      expect(held).toBeGreaterThan(0);
      release();
      // Hydration runs as soon as the held scripts have loaded; network idle comes after it.
      await page.waitForLoadState('networkidle');
      for (const [selector, text] of fields) expect(await page.locator(selector).inputValue(), selector).toBe(text);
      await page.close();
    });
  }
});

describe(`fields after a refused post, without JavaScript (${testDatabaseKind})`, () => {
  it('come back as typed: text, long text and a checkbox', async () => {
    const noScripts = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await noScripts.newPage();
    await page.goto(`${h.baseUrl}/pengaduan`);
    const body = 'Lampu jalan di depan balai desa padam sejak seminggu yang lalu.';
    await page.locator('#title').fill('Lam');
    await page.locator('#body').fill(body);
    await page.locator('#anonymous').check();
    // A browser that does not check the constraints, so the server answers the short title.
    await page.evaluate(() =>
      document.querySelectorAll('[required], [minlength]').forEach((e) => e.removeAttribute('minlength')),
    );
    await page.locator('#title').evaluate((e) => e.removeAttribute('required'));
    await page.locator('form.stack button[type="submit"]').last().click();
    await page.waitForLoadState('load');
    await page.getByRole('alert').first().waitFor();
    expect(await page.locator('#title').inputValue()).toBe('Lam');
    expect(await page.locator('#body').inputValue()).toBe(body);
    expect(await page.locator('#anonymous').isChecked()).toBe(true);
    await noScripts.close();
  });
});
