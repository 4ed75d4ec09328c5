import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpChannel } from '../server/src/modules/notification/notification.smtp.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../server/src/modules/citizen/citizen.testing.ts';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

// Issue 4's journey: a citizen signs up, signs in, downloads their data and withdraws a consent —
// without JavaScript, codes read from a real SMTP server.

let h: BrowserHarness;
let smtp: TestSmtpServer;
// A plausible NIK: kecamatan Pesanggaran (35.10.01), born 7 Aug 1990 (female: day 47), serial 0001.
const NIK = '3510014708900001';
const EMAIL = 'sari@warga.test';

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  h = await startBrowserHarness({
    deps: { channels: { email: createSmtpChannel({ url: smtp.url, from: 'Layan Uji <no-reply@layan.test>' }) } },
  });
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

/** Step 1 of /masuk: NIK and e-mail; returns the code as the SMTP server received it. */
async function askForCode(page: Page): Promise<string> {
  const from = smtp.inbox.items.length;
  await page.goto(`${h.baseUrl}/masuk`);
  await page.getByLabel('NIK', { exact: true }).fill(NIK);
  await page.getByLabel('Email', { exact: true }).check();
  await page.getByLabel('Alamat email atau nomor ponsel').fill(EMAIL);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  expect(await page.getByRole('status').textContent()).toContain('kode 6 angka telah dikirim');
  return smtp.nextCode(EMAIL, from);
}

describe('citizen pages without JavaScript', () => {
  it('shows the API’s errors next to the fields and in a summary', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/akun`);
    expect(new URL(page.url()).pathname).toBe('/masuk');

    await page.getByLabel('NIK', { exact: true }).fill('3510014713900001');
    await page.getByLabel('Alamat email atau nomor ponsel').fill('bukan-email');
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('heading').textContent()).toBe('Ada masalah');
    expect(await summary.getByRole('link').first().textContent()).toContain('Bulan lahir 13 harus 01–12.');
    const nik = page.getByLabel('NIK', { exact: true });
    expect(await nik.getAttribute('aria-invalid')).toBe('true');
    expect(await nik.getAttribute('aria-describedby')).toBe('nik-hint nik-error');
    expect(await page.locator('#nik-error').textContent()).toContain('Bulan lahir 13 harus 01–12.');
    expect(await nik.inputValue()).toBe('3510014713900001');

    await nik.fill(NIK);
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    const destination = page.getByLabel('Alamat email atau nomor ponsel');
    expect(await destination.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#destination-error').textContent()).toContain(
      'Tujuan pengiriman tidak sesuai dengan saluran email',
    );
    await context.close();
  });

  it('signs up, signs out, signs in again, downloads the data and withdraws a consent', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();

    // Sign up: a wrong code first, then the code and a name.
    const code = await askForCode(page);
    await page.getByLabel('Kode masuk').fill(code === '000000' ? '111111' : '000000');
    await page.getByLabel('Nama lengkap').fill('Sari Wulandari');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    expect(await page.locator('#code-error').textContent()).toContain('Kode salah. Sisa percobaan: 4.');
    expect(await page.getByLabel('Kode masuk').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Kode masuk').fill(code);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/akun');
    expect(await page.locator('h1').textContent()).toBe('Akun saya');
    const profile = await page.getByRole('region', { name: 'Profil' }).textContent();
    expect(profile).toContain('Sari Wulandari');
    expect(profile).toContain('************0001');
    expect(profile).toContain('sa***@warga.test');
    expect(await page.content()).not.toContain(NIK);

    // Sign out, then in again with a new code (no name this time).
    await page.getByRole('button', { name: 'Keluar' }).click();
    expect(new URL(page.url()).pathname).toBe('/masuk');
    expect(await page.getByRole('status').textContent()).toBe('Anda telah keluar.');
    await page.goto(`${h.baseUrl}/akun`);
    expect(new URL(page.url()).pathname).toBe('/masuk');
    const again = await askForCode(page);
    expect(again).not.toBe(code);
    await page.getByLabel('Kode masuk').fill(again);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/akun');

    // Give the notices consent, so that there is one to download and to withdraw.
    const notifikasi = page.locator('#consent-notifikasi');
    expect(await notifikasi.textContent()).toContain('Belum diberikan.');
    await notifikasi.getByRole('button', { name: 'Berikan persetujuan' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Persetujuan “notifikasi” diberikan.');
    expect(await page.locator('#consent-notifikasi-status').textContent()).toMatch(/Diberikan .* WIB\./);

    // Download: the API's attachment, passed through.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh data saya (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^layan-data-saya-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await fs.readFile((await download.path())!, 'utf8');
    expect(text).not.toContain(NIK);
    const exported = JSON.parse(text);
    expect(exported.format).toBe('layan.citizen-data.v1');
    expect(exported.profile).toMatchObject({ name: 'Sari Wulandari', nik: '************0001', email: EMAIL });
    expect(exported.consents).toEqual([expect.objectContaining({ purpose: 'notifikasi', active: true, withdrawnAt: null })]);
    expect(exported.sessions).toHaveLength(2);

    // Withdraw it.
    await page.locator('#consent-notifikasi').getByRole('button', { name: 'Tarik persetujuan' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Persetujuan “notifikasi” ditarik.');
    expect(await page.locator('#consent-notifikasi-status').textContent()).toMatch(/Ditarik .* WIB\./);
    expect(await page.locator('#consent-notifikasi').getByRole('button', { name: 'Berikan persetujuan' }).count()).toBe(1);
    const consents = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me/consents',
      headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(consents.json().items).toEqual([expect.objectContaining({ purpose: 'notifikasi', active: false })]);

    // A correction request: missing fields first, then the due time in WIB.
    await page.getByRole('button', { name: 'Kirim permintaan' }).click();
    expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      'Pilih jenis permintaan.',
      'Jelaskan permintaan Anda.',
    ]);
    expect(await page.getByLabel('Apa yang perlu diperbaiki atau dihapus, dan mengapa').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await page.getByLabel('Perbaikan data').check();
    await page
      .getByLabel('Apa yang perlu diperbaiki atau dihapus, dan mengapa')
      .fill('Nama saya ditulis Wulandari, bukan Wulandary.');
    await page.getByRole('button', { name: 'Kirim permintaan' }).click();
    expect(await page.getByRole('status').textContent()).toMatch(
      /Jawaban paling lambat \d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB\./,
    );
    expect(await page.getByRole('region', { name: 'Data saya' }).textContent()).toContain('Wulandary');

    // axe needs JavaScript: the same session in a context that runs scripts.
    const withScripts = await h.browser.newContext();
    await withScripts.addCookies(await context.cookies());
    const account = await withScripts.newPage();
    await account.goto(`${h.baseUrl}/akun`);
    expect(await account.locator('h1').textContent()).toBe('Akun saya');
    await expectAccessible(account);
    await withScripts.close();
    await context.close();
  });

  it('passes axe on /masuk, with and without errors, and on the code step', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/masuk`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    await page.waitForSelector('.error-summary');
    await expectAccessible(page);
    await askForCode(page);
    await expectAccessible(page);
    await context.close();
  });
});
