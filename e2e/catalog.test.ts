import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/db/seeds/demo-structure.ts';
import { seedDemo } from '../server/src/db/seeds/demo.ts';
import { testDatabaseKind } from '../test/db.ts';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

// The demo seed (Banyuwangi: agencies, staff, 41 services) is not run for tests; this file seeds it.
const ADMIN_PEMDA = 'admin.pemda@banyuwangi.demo.layan.id';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
  await seedDemo(h.deps.database.db);
});
afterAll(() => h?.close());

describe(`service catalog in the browser (${testDatabaseKind})`, () => {
  it('finds Akta Kelahiran by typing "akta lahir", reads its standard; an admin changes its SLA and the history shows both versions', async () => {
    const citizen = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await citizen.newPage();
    await page.goto(`${h.baseUrl}/layanan`);
    expect(await page.locator('h1').textContent()).toBe('Katalog layanan');
    await page.getByLabel('Cari layanan').fill('akta lahir');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.waitForURL(/\/layanan\?q=akta\+lahir/);
    const first = page
      .getByRole('region', { name: /layanan untuk “akta lahir”/ })
      .getByRole('link')
      .first();
    expect(await first.textContent()).toBe('Penerbitan Akta Kelahiran');
    await first.click();
    await page.waitForURL(/\/layanan\/akta-kelahiran$/);
    expect(await page.locator('h1').textContent()).toBe('Penerbitan Akta Kelahiran');
    const requirements = page.locator('h3', { hasText: 'Persyaratan' }).locator('xpath=following-sibling::ol[1]/li');
    expect(await requirements.count()).toBeGreaterThan(0);
    expect(await requirements.first().textContent()).toMatch(/asli|fotokopi|unggah/);
    expect((await page.getByTestId('service-fee').textContent())?.trim()).toBe('Gratis');
    const before = (await page.getByTestId('service-time').textContent())!.trim();
    expect(before).not.toBe('2 hari kerja');
    await citizen.close();

    const staff = await h.browser.newContext({ javaScriptEnabled: false });
    const admin = await staff.newPage();
    await admin.goto(`${h.baseUrl}/admin/layanan/akta-kelahiran`);
    await admin.waitForURL(/\/petugas\/masuk\?kembali=/);
    await admin.getByLabel('Email').fill(ADMIN_PEMDA);
    await admin.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await admin.getByRole('button', { name: 'Masuk', exact: true }).click();
    await admin.waitForURL(/\/admin\/layanan\/akta-kelahiran$/);
    expect(await admin.locator('h1').textContent()).toBe('Kelola standar: Penerbitan Akta Kelahiran');

    await admin.getByLabel('Jumlah').fill('2');
    await admin.getByLabel('Satuan').selectOption('working_days');
    await admin.getByLabel(/Catatan perubahan/).fill('Percepatan layanan: akta terbit dalam 2 hari kerja');
    await admin.getByRole('button', { name: 'Simpan dan terbitkan' }).click();
    await admin.waitForURL(/diterbitkan=2/);
    expect(await admin.getByRole('status').textContent()).toContain('Versi 2 telah diterbitkan.');
    const rows = admin.getByRole('region', { name: 'Riwayat perubahan' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(
      /2\s*berlaku\s*2 hari kerja.*Admin Pemda Banyuwangi \(demo\).*Percepatan layanan/,
    );
    expect(await rows.nth(1).textContent()).toMatch(/1\s*digantikan/);
    // axe needs JavaScript: the same session in a context that runs scripts.
    const withScripts = await h.browser.newContext();
    await withScripts.addCookies(await staff.cookies());
    const adminJs = await withScripts.newPage();
    await adminJs.goto(`${h.baseUrl}/admin/layanan/akta-kelahiran`);
    expect(await adminJs.locator('h1').textContent()).toBe('Kelola standar: Penerbitan Akta Kelahiran');
    await expectAccessible(adminJs);
    await withScripts.close();
    await staff.close();

    const later = await h.browser.newContext({ javaScriptEnabled: false });
    const publicPage = await later.newPage();
    await publicPage.goto(`${h.baseUrl}/layanan/akta-kelahiran`);
    expect((await publicPage.getByTestId('service-time').textContent())?.trim()).toBe('2 hari kerja');
    expect(await publicPage.locator('.version-line').textContent()).toContain('Versi 2');
    await later.close();
  });

  it('shows an agency page with its services', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/layanan`);
    await page.getByRole('link', { name: 'Imigrasi', exact: false }).first().click();
    await page.waitForURL(/\/instansi\/imigrasi$/);
    expect(await page.locator('h1').textContent()).toBe('Kantor Imigrasi Banyuwangi');
    expect(await page.locator('main ul.list li').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('answers an unknown service with a 404 page', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${h.baseUrl}/layanan/tidak-ada`);
    expect(response?.status()).toBe(404);
    await context.close();
  });

  it.each(['/layanan', '/layanan?q=bikin+ktp', '/layanan/akta-kelahiran', '/instansi/disdukcapil', '/petugas/masuk'])(
    '%s meets WCAG 2.2 AA (axe-core)',
    async (path) => {
      const context = await h.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${h.baseUrl}${path}`);
      await expectAccessible(page);
      await context.close();
    },
  );
});
