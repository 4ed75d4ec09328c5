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
  it('finds Akta Kelahiran by typing "akta lahir"; an admin edits a requirement, the fee and the form, previews, publishes; the public sees version 2 and its history', async () => {
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

    // A fee without its legal basis is refused, the message next to the field, in Indonesian.
    await admin.getByLabel('Jenis biaya', { exact: true }).selectOption('tarif');
    await admin.getByLabel(/^Tarif \(Rupiah/).fill('5.000');
    await admin.getByLabel(/^Dasar hukum biaya/).fill('');
    await admin.getByLabel(/^Catatan perubahan/).fill('Cetak ulang berbayar dan persyaratan KK dua lembar');
    await admin.getByRole('button', { name: 'Simpan draf' }).first().click();
    await admin.waitForLoadState();
    expect(await admin.locator('#std-fee-basis-error').textContent()).toContain('dasar hukum biaya wajib diisi');
    expect(await admin.getByRole('alert').textContent()).toContain('Ada yang perlu diperbaiki');

    // The typed values survived the refusal; add the basis, change a requirement, and save the draft.
    expect(await admin.getByLabel(/^Tarif \(Rupiah/).inputValue()).toBe('5000');
    await admin.getByLabel(/^Dasar hukum biaya/).fill('Perda Kabupaten Banyuwangi 1/2026 (uji)');
    await admin.getByLabel('Jumlah lembar 1', { exact: true }).fill('2');
    await admin.getByLabel('Jumlah', { exact: true }).fill('2');
    await admin.getByLabel('Satuan', { exact: true }).selectOption('working_days');
    await admin.getByRole('button', { name: 'Simpan draf' }).first().click();
    await admin.waitForURL(/tersimpan=2/);
    expect(await admin.getByRole('status').textContent()).toContain('Draf versi 2 tersimpan.');
    const diff = admin.getByRole('region', { name: 'Terbitkan' });
    expect(await diff.locator('h4').allTextContents()).toEqual(['Persyaratan', 'Jangka waktu pelayanan', 'Biaya/tarif']);
    expect(await diff.textContent()).toContain('Rp5.000');

    // The form builder: add a long-text field, name it, preview it as a citizen sees it, save it to the draft.
    await admin.getByRole('link', { name: 'Ubah formulir permohonan' }).click();
    await admin.waitForURL(/\/admin\/layanan\/akta-kelahiran\/formulir$/);
    expect(await admin.locator('h1').textContent()).toBe('Formulir: Penerbitan Akta Kelahiran');
    const fieldCount = await admin.locator('form.builder > fieldset.field-box').count();
    await admin.getByLabel('Jenis isian baru', { exact: true }).selectOption('textarea');
    await admin.getByRole('button', { name: 'Tambah isian', exact: true }).click();
    await admin.waitForLoadState();
    const n = fieldCount + 1;
    expect(await admin.locator('form.builder > fieldset.field-box').count()).toBe(n);
    await admin.getByLabel(`Label (Bahasa Indonesia) ${n}`, { exact: true }).fill('Catatan untuk petugas');
    await admin.getByLabel(`Kunci (huruf kecil, angka, _) ${n}`, { exact: true }).fill('catatanPetugas');
    await admin.getByLabel(`Panjang maksimal ${n}`, { exact: true }).fill('500');
    await admin.getByRole('button', { name: 'Pratinjau' }).first().click();
    await admin.waitForLoadState();
    const preview = admin.getByRole('region', { name: 'Pratinjau formulir' });
    expect(await preview.getByLabel('Catatan untuk petugas').getAttribute('maxlength')).toBe('500');
    expect(await preview.getByLabel(/^Nama lengkap anak/).count()).toBe(1);
    // Moving the new field up puts it before the declaration.
    await admin.getByRole('button', { name: /^Naik\s+Catatan untuk petugas$/ }).click();
    await admin.waitForLoadState();
    expect(
      await admin
        .locator('form.builder > fieldset.field-box')
        .nth(n - 2)
        .locator('legend')
        .first()
        .textContent(),
    ).toContain('Catatan untuk petugas');
    await admin.getByRole('button', { name: 'Simpan formulir ke draf' }).click();
    await admin.waitForURL(/formulir\?tersimpan=2/);
    expect(await admin.getByRole('status').textContent()).toContain('Formulir tersimpan di draf versi 2');

    // Publish: the admin approves the draft.
    await admin.getByRole('link', { name: 'Ke halaman standar dan penerbitan' }).click();
    await admin.waitForURL(/\/admin\/layanan\/akta-kelahiran$/);
    await admin.getByRole('button', { name: 'Setujui dan terbitkan versi 2' }).click();
    await admin.waitForURL(/diterbitkan=2/);
    expect(await admin.getByRole('status').textContent()).toContain('Versi 2 telah diterbitkan.');
    const rows = admin.getByRole('region', { name: 'Riwayat versi' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(
      /2\s*berlaku\s*Persyaratan, Jangka waktu pelayanan, Biaya\/tarif, Formulir\s*Admin Pemda Banyuwangi \(demo\).*Cetak ulang berbayar/,
    );
    expect(await rows.nth(1).textContent()).toMatch(/1\s*digantikan/);

    // axe needs JavaScript: the same session in a context that runs scripts, on every admin page.
    const withScripts = await h.browser.newContext();
    await withScripts.addCookies(await staff.cookies());
    const adminJs = await withScripts.newPage();
    for (const path of ['/admin/layanan', '/admin/layanan/akta-kelahiran', '/admin/layanan/akta-kelahiran/formulir']) {
      await adminJs.goto(`${h.baseUrl}${path}`);
      expect(await adminJs.locator('h1').count()).toBe(1);
      await expectAccessible(adminJs);
    }
    await adminJs.goto(`${h.baseUrl}/admin/layanan`);
    expect(await adminJs.locator('tbody tr').count()).toBe(41);
    await withScripts.close();
    await staff.close();

    const later = await h.browser.newContext({ javaScriptEnabled: false });
    const publicPage = await later.newPage();
    await publicPage.goto(`${h.baseUrl}/layanan/akta-kelahiran`);
    expect((await publicPage.getByTestId('service-time').textContent())?.trim()).toBe('2 hari kerja');
    expect((await publicPage.getByTestId('service-fee').textContent())?.trim()).toBe('Rp5.000');
    expect(await publicPage.locator('.version-line').textContent()).toContain('Versi 2');
    const history = publicPage.getByRole('region', { name: 'Riwayat perubahan' }).locator('tbody tr');
    expect(await history.count()).toBe(2);
    expect(await history.nth(0).textContent()).toMatch(/2\s*berlaku.*Biaya\/tarif.*Cetak ulang berbayar/);
    await publicPage.getByRole('link', { name: 'Daftar periksa formulir (untuk dicetak)' }).click();
    await publicPage.waitForURL(/\/layanan\/akta-kelahiran\/formulir$/);
    expect(await publicPage.locator('h1').textContent()).toBe('Formulir Penerbitan Akta Kelahiran');
    expect(await publicPage.getByRole('region', { name: 'Yang akan ditanyakan' }).textContent()).toContain(
      'Catatan untuk petugas',
    );
    expect(
      await publicPage.getByRole('region', { name: 'Yang perlu dibawa atau diunggah' }).locator('li').count(),
    ).toBeGreaterThan(3);
    await later.close();
    // Some forty page loads in one journey: more time than a one-page test needs on a busy 2-core machine.
  }, 240_000);

  it('shows the MPP’s agencies and most-used services, labelled as demo data', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/`);
    await page.getByRole('link', { name: 'Mal Pelayanan Publik Kabupaten Banyuwangi' }).click();
    await page.waitForURL(/\/mpp\/mpp-banyuwangi$/);
    const popular = page.getByRole('region', { name: 'Layanan paling banyak digunakan' });
    expect(await popular.getByTestId('popular-demo').textContent()).toContain('Data demo');
    const items = popular.locator('ol li');
    expect(await items.count()).toBeGreaterThanOrEqual(10);
    expect(await items.first().locator('a').textContent()).toMatch(/KTP-el/);
    expect(await page.getByRole('region', { name: 'Instansi yang melayani' }).locator('li').count()).toBeGreaterThanOrEqual(10);
    await context.close();
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

  it.each([
    '/',
    '/layanan',
    '/layanan?q=bikin+ktp',
    '/layanan/akta-kelahiran',
    '/layanan/akta-kelahiran/formulir',
    '/layanan/kk-perubahan/formulir',
    '/mpp/mpp-banyuwangi',
    '/instansi/disdukcapil',
    '/petugas/masuk',
  ])('%s meets WCAG 2.2 AA (axe-core)', async (path) => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}${path}`);
    await expectAccessible(page);
    await context.close();
  });
});
