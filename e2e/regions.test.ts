import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(() => h?.close());

describe('region browser without JavaScript', () => {
  it('walks provinsi → kab/kota → kecamatan → desa with plain links', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/wilayah`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Wilayah');
    await page.getByRole('link', { name: 'Jawa Timur', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Jawa Timur');
    await page.getByRole('link', { name: 'Kabupaten Banyuwangi', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Kabupaten Banyuwangi');
    expect(await page.locator('dl.facts').textContent()).toContain('WIB (Asia/Jakarta)');

    const district = page.locator('section a').first();
    const districtName = (await district.textContent())!;
    await district.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(districtName);
    const village = page.locator('section a').first();
    const villageName = (await village.textContent())!;
    await village.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(villageName);

    const crumbs = await page.getByRole('navigation', { name: 'Jejak wilayah' }).getByRole('link').allTextContents();
    expect(crumbs).toEqual(['Wilayah', 'Jawa Timur', 'Kabupaten Banyuwangi', districtName, villageName]);
    expect(page.url()).toMatch(/\/wilayah\/35\.10\.\d{2}\.\d{4}$/);
    await context.close();
  });

  it('searches a desa by name with the plain form', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/wilayah`);
    await page.getByLabel('Cari desa, kecamatan, kabupaten/kota, atau provinsi').fill('sukamaj');
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(page.url()).toContain('/wilayah?q=sukamaj');
    const first = page
      .getByRole('region', { name: /hasil untuk/ })
      .getByRole('link')
      .first();
    expect(await first.textContent()).toBe('Sukamaju');
    await first.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sukamaju');
    await context.close();
  });

  it('answers an unknown region with a 404 page', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${h.baseUrl}/wilayah/99.99`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Halaman tidak ditemukan');
    await context.close();
  });
});

describe('region browser with JavaScript', () => {
  it('suggests regions as the user types and opens the chosen one with the keyboard', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/wilayah`);
    const input = page.getByRole('combobox', { name: 'Cari desa, kecamatan, kabupaten/kota, atau provinsi' });
    await input.pressSequentially('banyuwan', { delay: 20 });
    const option = page.getByRole('option').first();
    await expect.poll(() => option.textContent(), { timeout: 5000 }).toContain('Banyuwangi');
    await input.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe('region-opt-0');
    await input.press('Enter');
    await page.waitForURL(/\/wilayah\/35\.10$/);
    expect(await page.locator('h1').textContent()).toBe('Kabupaten Banyuwangi');
    await context.close();
  });
});

describe('language and accessibility', () => {
  it('switches to English and keeps it across pages, without JavaScript', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/wilayah/35`);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(/\/wilayah\/35$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { name: 'Regions below' }).count()).toBe(1);
    await page.goto(`${h.baseUrl}/`);
    expect(await page.locator('h1').textContent()).toBe('All your region’s services in one place');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await context.close();
  });

  it('has a skip link to the main content', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/`);
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Langsung ke isi utama');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#main$/);
    await context.close();
  });

  it.each(['/', '/wilayah', '/wilayah?q=sukamaju', '/wilayah/35.10'])('%s meets WCAG 2.2 AA (axe-core)', async (path) => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}${path}`);
    await expectAccessible(page);
    await context.close();
  });
});
