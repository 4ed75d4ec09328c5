import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeSlaDeadline, createWorkCalendar, formatDateTime, TRACKING_CODE_PATTERN, type SlaUnit } from '@layan/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../server/src/db/seeds/demo.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../server/src/modules/citizen/citizen.testing.ts';
import { FAST_ARGON2, makeStaff, TEST_PASSWORD } from '../server/src/modules/identity/identity.testing.ts';
import { createSmtpChannel } from '../server/src/modules/notification/notification.smtp.ts';
import { parseMail } from '../server/src/modules/outbox/outbox.testing.ts';
import { createOutboxWorker } from '../server/src/modules/outbox/outbox.worker.ts';
import { testDatabaseKind } from '../test/db.ts';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

// Issue 6's journey: a citizen applies for Akta Kelahiran with uploads, the officer returns it for
// a fix, the citizen fixes it and resubmits, the officer approves; the public tracking page
// follows each state and the inbox shows the domain clock's deadline.

const OFFICER = 'bo.disdukcapil@banyuwangi.test';
const COUNTER = 'loket@banyuwangi.test';
const SUPERVISOR = 'spv@banyuwangi.test';
const ZONE = 'Asia/Jakarta';
// Plausible NIKs of kecamatan Pesanggaran (35.10.01): a woman born 7 Aug 1990, a man born 7 Aug 1985.
const MOTHER = '3510014708900001';
const FATHER = '3510010708850002';

let h: BrowserHarness;
let smtp: TestSmtpServer;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-applications-e2e-'));
const files = {
  birthNotice: path.join(tmp, 'surat-keterangan-lahir.pdf'),
  marriage: path.join(tmp, 'buku-nikah.jpg'),
  familyCard: path.join(tmp, 'kartu-keluarga.pdf'),
  familyCardFixed: path.join(tmp, 'kartu-keluarga-terbaru.pdf'),
};

/** A real PDF printed by Chromium and a real JPEG drawn on a canvas: what a phone would upload. */
async function makeFiles(): Promise<void> {
  const context = await h.browser.newContext();
  const page = await context.newPage();
  for (const [file, text] of [
    [files.birthNotice, 'Surat keterangan lahir — RSUD Blambangan'],
    [files.familyCard, 'Kartu Keluarga 3510010101200001'],
    [files.familyCardFixed, 'Kartu Keluarga 3510010101200001 (terbaru, terbaca)'],
  ] as const) {
    await page.setContent(`<html lang="id"><body><h1>${text}</h1></body></html>`);
    fs.writeFileSync(file, await page.pdf({ format: 'A6' }));
  }
  const jpeg = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#3a6';
    ctx.fillRect(0, 0, 64, 48);
    ctx.fillStyle = '#fff';
    ctx.fillText('Buku nikah', 4, 26);
    return canvas.toDataURL('image/jpeg', 0.8).split(',')[1]!;
  });
  fs.writeFileSync(files.marriage, Buffer.from(jpeg, 'base64'));
  await context.close();
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  h = await startBrowserHarness({
    deps: {
      channels: { email: createSmtpChannel({ url: smtp.url, from: 'Layan Uji <no-reply@layan.test>' }) },
      authConfig: { argon2: FAST_ARGON2 },
    },
  });
  await seedDemo(h.deps.database.db);
  await makeStaff(h.deps, {
    email: OFFICER,
    name: 'Petugas Back Office Disdukcapil',
    regionCode: '35.10',
    grants: [{ role: 'petugas_back_office', regionCode: '35.10' }],
  });
  await makeStaff(h.deps, { email: COUNTER, regionCode: '35.10', grants: [{ role: 'petugas_loket', regionCode: '35.10' }] });
  await makeStaff(h.deps, { email: SUPERVISOR, regionCode: '35.10', grants: [{ role: 'supervisor', regionCode: '35.10' }] });
  await makeFiles();
}, 180_000);
afterAll(async () => {
  await h?.close();
  await smtp?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Signs a citizen up on /masuk with a code read from the SMTP server; ends on /akun. */
async function signUpCitizen(page: Page, options: { nik: string; email: string; name: string }): Promise<void> {
  const from = smtp.inbox.items.length;
  await page.goto(`${h.baseUrl}/masuk`);
  await page.getByLabel('NIK', { exact: true }).fill(options.nik);
  await page.getByLabel('Email', { exact: true }).check();
  await page.getByLabel('Alamat email atau nomor ponsel').fill(options.email);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  const code = await smtp.nextCode(options.email, from);
  await page.getByLabel('Kode masuk').fill(code);
  await page.getByLabel('Nama lengkap').fill(options.name);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL(/\/akun$/);
}

/** Presses a form's button and waits for the page it answers with (a failed action stays on `?/action`). */
async function press(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForLoadState('load');
}

async function signInStaff(context: BrowserContext, next: string, email = OFFICER): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${h.baseUrl}/petugas/masuk?kembali=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
  return page;
}

/** The Akta Kelahiran form's answers, typed as a citizen would. */
async function fillBirthForm(page: Page, options: { withFiles: boolean }): Promise<void> {
  await page.getByLabel('Nama lengkap anak').fill('Bima Pratama');
  await page.getByLabel('Laki-laki').check();
  await page.getByLabel('Tanggal lahir').fill('2026-11-02');
  await page.getByLabel('Tempat lahir (kabupaten/kota)').fill('35.10');
  await page.getByLabel('Rumah sakit').check();
  await page.getByLabel('NIK ibu').fill(MOTHER);
  await page.getByLabel('Nama ibu').fill('Sari Wulandari');
  await page.getByLabel('Ya, ada buku nikah/akta perkawinan').check();
  await page.getByLabel('NIK ayah').fill(FATHER);
  await page.getByLabel('Nama ayah').fill('Adi Pratama');
  await page.getByLabel('Nomor HP pemohon').fill('0812-3456-7890');
  await page.getByLabel('Saya menyatakan data yang saya isi benar').check();
  if (options.withFiles) {
    await page.getByLabel('Surat keterangan lahir dari RS/puskesmas/bidan').setInputFiles(files.birthNotice);
    await page.getByLabel('Buku nikah/akta perkawinan orang tua').setInputFiles(files.marriage);
    await page.getByLabel('Kartu Keluarga').setInputFiles(files.familyCard);
  }
}

/** The public tracking page's status, reached by typing the code in lower case with spaces. */
async function trackedStatus(page: Page, code: string): Promise<string> {
  await page.goto(`${h.baseUrl}/lacak`);
  await page.getByLabel('Kode lacak').fill(` ${code.toLowerCase().replace(/-/g, ' ')} `);
  await page.getByRole('button', { name: 'Lacak' }).click();
  await page.waitForURL((url) => url.pathname === `/lacak/${code}`);
  return (await page.getByTestId('track-status').textContent())!.trim();
}

describe(`applications in the browser (${testDatabaseKind})`, () => {
  it('applies for Akta Kelahiran with uploads; the officer returns it, the citizen fixes it, the officer approves', async () => {
    const citizen = await h.browser.newContext();
    const page = await citizen.newPage();
    await signUpCitizen(page, { nik: MOTHER, email: 'sari@warga.test', name: 'Sari Wulandari' });
    expect(await page.getByRole('region', { name: 'Permohonan saya' }).textContent()).toContain('Belum ada permohonan.');

    // Start: a draft, then the form.
    await page.goto(`${h.baseUrl}/permohonan/baru/akta-kelahiran`);
    expect(await page.locator('h1').textContent()).toBe('Ajukan permohonan: Penerbitan Akta Kelahiran');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Mulai mengisi formulir' }).click();
    await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
    const applicationUrl = page.url();
    expect(await page.locator('h1').textContent()).toBe('Formulir: Penerbitan Akta Kelahiran');
    await expectAccessible(page);

    // "Continue" with nothing filled: every required field named, in a summary linked to it.
    await press(page, 'Lanjut');
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('heading').textContent()).toBe('Ada masalah');
    expect(await summary.getByRole('link').count()).toBeGreaterThanOrEqual(8);
    expect(await page.getByLabel('Nama lengkap anak').getAttribute('aria-invalid')).toBe('true');
    expect(await page.title()).toMatch(/^Galat:/);
    await expectAccessible(page);

    // Save a draft with the files, leave, come back: the answers and the documents are kept.
    await fillBirthForm(page, { withFiles: true });
    await press(page, 'Simpan draf');
    expect(await page.getByRole('status').textContent()).toMatch(/Draf tersimpan \d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB\./);
    await page.goto(`${h.baseUrl}/akun`);
    const mine = page.getByTestId('my-applications');
    expect(await mine.textContent()).toContain('Penerbitan Akta Kelahiran');
    expect(await mine.textContent()).toContain('Draf');
    await mine.getByRole('link', { name: /Lanjutkan draf/ }).click();
    await page.waitForURL(applicationUrl);
    expect(await page.getByLabel('Nama lengkap anak').inputValue()).toBe('Bima Pratama');
    const saved = page.getByRole('region', { name: 'Dokumen yang sudah diunggah' });
    expect(await saved.textContent()).toContain('surat-keterangan-lahir.pdf');
    expect(await saved.textContent()).toContain('buku-nikah.jpg');
    expect(await saved.textContent()).toContain('kartu-keluarga.pdf');
    await expectAccessible(page);

    // Check your answers, then send.
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.waitForURL(/\/periksa$/);
    expect(await page.locator('h1').textContent()).toBe('Periksa isian Anda');
    const answers = await page.getByRole('table', { name: 'Isian' }).innerText();
    expect(answers).toContain('Bima Pratama');
    expect(answers).toContain('Laki-laki');
    expect(answers).toContain('2 November 2026');
    expect(answers).toContain('kartu-keluarga.pdf');
    expect(await page.getByRole('link', { name: 'Ubah Nama lengkap anak' }).getAttribute('href')).toBe(
      `${new URL(applicationUrl).pathname}#f-namaAnak`,
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    await page.waitForURL(/\/terkirim$/);
    expect(await page.locator('h1').textContent()).toBe('Permohonan terkirim');
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(new RegExp(TRACKING_CODE_PATTERN));
    expect(await page.locator('body').textContent()).toContain(
      `Dieja: ${code
        .split('-')
        .map((g) => g.split('').join('-'))
        .join(', ')}`,
    );
    await expectAccessible(page);

    // Public tracking, typed loosely; no personal data on it.
    const visitor = await h.browser.newContext();
    const track = await visitor.newPage();
    expect(await trackedStatus(track, code)).toBe('Diajukan');
    const trackText = (await track.locator('main').textContent())!;
    expect(trackText).not.toContain('Sari');
    expect(trackText).not.toContain('Bima');
    expect(trackText).not.toContain(MOTHER);
    await expectAccessible(track);
    await track.goto(`${h.baseUrl}/lacak`);
    await track.getByLabel('Kode lacak').fill('LYN-2222-2222-222');
    await press(track, 'Lacak');
    expect(await track.locator('#code-error').textContent()).toMatch(/Kode lacak tidak sah|Tidak ada permohonan/);
    await expectAccessible(track);

    // The officer's inbox: the deadline the domain clock gives, formatted the same way.
    const staff = await h.browser.newContext();
    const officer = await signInStaff(staff, '/petugas/permohonan');
    expect(await officer.locator('h1').textContent()).toBe('Kotak masuk permohonan');
    const row = officer.getByTestId('inbox-row').filter({ hasText: code });
    expect(await row.count()).toBe(1);
    const staffCookie = (await staff.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const inbox = await h.app.inject({ method: 'GET', url: '/api/v1/staff/applications', headers: { cookie: staffCookie } });
    const item = inbox.json().items.find((i: { trackingCode: string }) => i.trackingCode === code);
    const standard = (await h.app.inject({ method: 'GET', url: '/api/v1/services/akta-kelahiran?region=35.10' })).json().standard;
    const deadline = computeSlaDeadline({
      calendar: createWorkCalendar({ timeZone: ZONE }),
      start: new Date(item.submittedAt),
      amount: standard.serviceTime.amount,
      unit: standard.serviceTime.unit as SlaUnit,
    });
    expect((await row.getByTestId('due').textContent())!.trim()).toBe(formatDateTime(deadline.dueAt!, ZONE));
    expect((await row.getByTestId('risk').textContent())!.trim()).toMatch(
      /^(Terlambat|Jatuh tempo hari ini|Segera jatuh tempo|Sesuai jadwal)$/,
    );
    await expectAccessible(officer);

    // Open it: answers, documents, and the workflow's next steps.
    await row.getByRole('link', { name: code }).click();
    await officer.waitForURL(/\/petugas\/permohonan\/[0-9a-f-]{36}$/);
    const staffUrl = officer.url();
    expect(await officer.locator('h1').textContent()).toBe(`Permohonan ${code}`);
    expect(await officer.locator('main').textContent()).toContain('Bima Pratama');
    // The applicant's own NIK is masked; the answers (the parents' NIKs) are what the officer checks.
    expect(await officer.locator('main').textContent()).toContain('************0001');
    expect(await officer.getByRole('link', { name: 'Unduh kartu-keluarga.pdf' }).getAttribute('href')).toMatch(
      /^\/api\/v1\/uploads\//,
    );
    await expectAccessible(officer);

    // A second tab opened now will be stale once the first one acts.
    const otherTab = await staff.newPage();
    await otherTab.goto(staffUrl);

    await officer.getByRole('button', { name: 'Pindahkan ke “Verifikasi berkas”' }).click();
    await officer.waitForURL(/\?dipindah=verifikasi$/);
    expect(await officer.getByRole('status').textContent()).toContain('Permohonan dipindahkan ke “Verifikasi berkas”.');
    expect(await officer.getByTestId('staff-status').textContent()).toBe('Verifikasi berkas');

    await press(otherTab, 'Pindahkan ke “Verifikasi berkas”');
    expect(await otherTab.getByTestId('stale').textContent()).toContain('baru saja diubah orang lain');
    expect(await otherTab.getByTestId('staff-status').textContent()).toBe('Verifikasi berkas');
    await expectAccessible(otherTab);
    await otherTab.close();

    // Return it for a fix: without a note first (refused), then with one.
    const returnButton = officer.getByRole('button', { name: 'Pindahkan ke “Dikembalikan untuk diperbaiki”' });
    await press(officer, 'Pindahkan ke “Dikembalikan untuk diperbaiki”');
    expect(await officer.getByRole('alert').textContent()).toContain('Tulis catatan untuk pemohon');
    expect(await officer.locator('#note-dikembalikan').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(officer);
    await officer.locator('#note-dikembalikan').fill('Pindaian Kartu Keluarga buram. Unggah ulang yang terbaca.');
    await returnButton.click();
    await officer.waitForURL(/\?dipindah=dikembalikan$/);
    expect(await officer.getByTestId('staff-status').textContent()).toBe('Dikembalikan untuk diperbaiki');
    expect(await trackedStatus(track, code)).toBe('Dikembalikan untuk diperbaiki');

    // The citizen sees the note, replaces the family card and resubmits.
    await page.goto(`${h.baseUrl}/akun`);
    await page
      .getByTestId('my-applications')
      .getByRole('link', { name: /Perbaiki dan ajukan kembali/ })
      .click();
    await page.waitForURL(applicationUrl);
    expect(await page.getByTestId('officer-note').textContent()).toBe(
      'Pindaian Kartu Keluarga buram. Unggah ulang yang terbaca.',
    );
    await expectAccessible(page);
    await page.getByLabel('Kartu Keluarga').setInputFiles(files.familyCardFixed);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.waitForURL(/\/periksa$/);
    expect(await page.getByRole('table', { name: 'Isian' }).innerText()).toContain('kartu-keluarga-terbaru.pdf');
    await page.getByRole('button', { name: 'Ajukan kembali' }).click();
    await page.waitForURL(/\/terkirim$/);
    expect(await page.locator('h1').textContent()).toBe('Permohonan diajukan kembali');
    expect((await page.getByTestId('tracking-code').textContent())!.trim()).toBe(code);
    expect(await trackedStatus(track, code)).toBe('Diajukan');

    // The officer approves: verifikasi → diproses → selesai.
    await officer.goto(staffUrl);
    expect(await officer.getByRole('link', { name: 'Unduh kartu-keluarga-terbaru.pdf' }).count()).toBe(1);
    for (const [state, label] of [
      ['verifikasi', 'Verifikasi berkas'],
      ['diproses', 'Diproses'],
      ['selesai', 'Selesai'],
    ]) {
      await officer.getByRole('button', { name: `Pindahkan ke “${label}”` }).click();
      await officer.waitForURL(new RegExp(`\\?dipindah=${state}$`));
      expect(await officer.getByTestId('staff-status').textContent()).toBe(label);
    }
    expect(await officer.getByText('Tidak ada tindakan yang dapat Anda lakukan pada status ini.').count()).toBe(1);
    expect(await trackedStatus(track, code)).toBe('Selesai');
    const history = await track.getByRole('table', { name: 'Riwayat' }).innerText();
    for (const state of ['Diajukan', 'Verifikasi berkas', 'Dikembalikan untuk diperbaiki', 'Diproses', 'Selesai']) {
      expect(history).toContain(state);
    }
    expect(history).toMatch(/\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB/);
    await expectAccessible(track);
    // In English when the visitor chose it.
    await visitor.addCookies([{ name: 'lang', value: 'en', url: h.baseUrl }]);
    await track.reload();
    expect(await track.locator('h1').textContent()).toBe(`Application ${code}`);
    expect((await track.getByTestId('track-status').textContent())!.trim()).toBe('Completed');
    await expectAccessible(track);

    // The citizen's account shows it done.
    await page.goto(`${h.baseUrl}/akun`);
    expect(await page.getByTestId('my-applications').textContent()).toContain('Selesai');
    await page
      .getByTestId('my-applications')
      .getByRole('link', { name: /Lihat permohonan/ })
      .click();
    await page.waitForURL(applicationUrl);
    expect(await page.getByTestId('app-status').textContent()).toBe('Selesai');
    await expectAccessible(page);

    // The signed decision letter: the citizen downloads it from the application page; the public
    // verify page says valid for exactly those bytes and invalid once one byte is altered.
    const letterLink = page.getByTestId('app-letters').getByRole('link');
    expect(await letterLink.count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), letterLink.click()]);
    const letter = fs.readFileSync((await download.path())!);
    expect(letter.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const letterFile = path.join(tmp, 'surat.pdf');
    const alteredFile = path.join(tmp, 'surat-diubah.pdf');
    fs.writeFileSync(letterFile, letter);
    const altered = Buffer.from(letter);
    altered[Math.floor(altered.length / 3)]! ^= 0x01;
    fs.writeFileSync(alteredFile, altered);
    // A stranger's browser (the visitor above chose English).
    const stranger = await h.browser.newContext();
    const verify = await stranger.newPage();
    for (const [file, verdict] of [
      [letterFile, 'Dokumen SAH'],
      [alteredFile, 'Dokumen TIDAK SAH'],
    ] as const) {
      await verify.goto(`${h.baseUrl}/verifikasi`);
      await verify.getByLabel('Berkas PDF dokumen').setInputFiles(file);
      await verify.getByRole('button', { name: 'Unggah dan periksa' }).click();
      await verify
        .getByRole('status')
        .getByRole('heading', { level: 2, name: new RegExp(verdict) })
        .waitFor();
    }
    await expectAccessible(verify);
    await stranger.close();

    // The notifications: the outbox worker delivers what each step enqueued to the real SMTP
    // server, in Bahasa Indonesia, each naming the tracking code.
    const worker = createOutboxWorker({ db: h.deps.database.db, channels: h.deps.channels!, log: h.app.log });
    const before = smtp.inbox.items.length;
    while ((await worker.runOnce()).claimed > 0);
    const mails = smtp.inbox.items
      .slice(before)
      .filter((m) => m.to.includes('sari@warga.test'))
      .map((m) => parseMail(m.raw, m.to));
    const aboutThis = mails.filter((m) => `${m.subject}\n${m.text}`.includes(code));
    // submitted, returned, resubmitted and three status changes, completed (with the letter's link)
    expect(aboutThis.length).toBeGreaterThanOrEqual(7);
    expect(aboutThis.some((m) => /dikembalikan/i.test(`${m.subject} ${m.text}`))).toBe(true);
    expect(aboutThis.some((m) => m.text.includes('/api/v1/documents/'))).toBe(true);

    await Promise.all([citizen.close(), visitor.close(), staff.close()]);
  }, 240_000);

  it('works without JavaScript: a double post of the start form makes one draft, and the form is sent', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/permohonan/baru/akta-kelahiran`);
    expect(new URL(page.url()).pathname).toBe('/masuk');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/permohonan/baru/akta-kelahiran');
    await signUpCitizen(page, { nik: '3510015201950003', email: 'dewi@warga.test', name: 'Dewi Lestari' });

    // The same start form posted twice (a double click): one draft, the same address both times.
    await page.goto(`${h.baseUrl}/permohonan/baru/akta-kelahiran`);
    const key = await page.locator('input[name="idempotencyKey"]').inputValue();
    const serviceId = await page.locator('input[name="serviceId"]').inputValue();
    const post = () =>
      context.request.post(`${h.baseUrl}/permohonan/baru/akta-kelahiran?/mulai`, {
        form: { serviceId, idempotencyKey: key },
        // A browser's form post: SvelteKit answers JSON to clients that prefer it.
        headers: { origin: h.baseUrl, accept: 'text/html' },
        maxRedirects: 0,
      });
    const [first, second] = await Promise.all([post(), post()]);
    expect(first.status()).toBe(303);
    expect(second.headers().location).toBe(first.headers().location);
    expect(first.headers().location).toMatch(/^\/permohonan\/[0-9a-f-]{36}$/);

    await page.goto(`${h.baseUrl}${first.headers().location}`);
    await fillBirthForm(page, { withFiles: true });
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.waitForURL(/\/periksa$/);
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    await page.waitForURL(/\/terkirim$/);
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(new RegExp(TRACKING_CODE_PATTERN));

    await page.goto(`${h.baseUrl}/akun`);
    const mine = page.getByTestId('my-applications').locator('li');
    expect(await mine.count()).toBe(1);
    expect(await mine.textContent()).toContain(code);
    await context.close();
  }, 120_000);

  it('a counter officer applies on behalf of a citizen by NIK with consent; the supervisor sees it per agency', async () => {
    const staff = await h.browser.newContext();
    const page = await signInStaff(staff, '/petugas/bantuan', COUNTER);
    expect(await page.locator('h1').textContent()).toBe('Ajukan atas nama warga');
    await page.getByLabel('Layanan', { exact: true }).selectOption('akta-kelahiran');
    await page.getByRole('button', { name: 'Lanjut ke formulir' }).click();
    await page.waitForURL(/\?layanan=akta-kelahiran$/);
    await expectAccessible(page);

    // Everything but the consent: refused, and the uploaded files are kept for the next try.
    await page.getByLabel('NIK warga').fill('3510016505880004');
    await page.getByLabel('Nama lengkap warga').fill('Rina Marlina');
    await page.getByLabel('Nomor ponsel warga').fill('0812-9876-5432');
    await fillBirthForm(page, { withFiles: true });
    await press(page, 'Ajukan atas nama warga');
    const alert = await page.getByRole('alert').allTextContents();
    expect(alert.join(' ')).toContain('Pilih cara persetujuan.');
    expect(alert.join(' ')).toContain('Centang persetujuan warga sebelum mengajukan.');
    expect(await page.getByLabel('Nama lengkap anak').inputValue()).toBe('Bima Pratama');
    await expectAccessible(page);

    await page.getByLabel('Lisan', { exact: true }).check();
    await page.getByLabel('Warga telah menyetujui').check();
    await press(page, 'Ajukan atas nama warga');
    expect(await page.getByRole('status').textContent()).toContain('Permohonan diajukan');
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(new RegExp(TRACKING_CODE_PATTERN));
    await expectAccessible(page);
    expect(await trackedStatus(page, code)).toBe('Diajukan');

    // The officer's view names how it came in and the consent.
    const inbox = await signInStaff(await h.browser.newContext(), '/petugas/permohonan');
    const row = inbox.getByTestId('inbox-row').filter({ hasText: code });
    expect(await row.textContent()).toContain('Loket');
    await row.getByRole('link', { name: code }).click();
    await inbox.waitForURL(/\/petugas\/permohonan\/[0-9a-f-]{36}$/);
    expect(await inbox.locator('main').textContent()).toMatch(
      /Diajukan dengan bantuan petugas \(persetujuan lisan, \d{1,2} \w+ \d{4} pukul/,
    );
    expect(await inbox.locator('main').textContent()).toContain('Rina Marlina');

    const supervisor = await signInStaff(await h.browser.newContext(), '/petugas/permohonan/ringkasan', SUPERVISOR);
    expect(await supervisor.locator('h1').textContent()).toBe('Ringkasan permohonan per instansi');
    const agency = supervisor.getByRole('row', { name: /Dinas Kependudukan dan Pencatatan Sipil/ });
    expect(Number((await agency.locator('td').first().textContent())!.trim())).toBeGreaterThanOrEqual(1);
    await expectAccessible(supervisor);
    await Promise.all([staff.close(), inbox.context().close(), supervisor.context().close()]);
  }, 180_000);
});
