import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../server/src/db/scope.ts';
import { DEMO_PASSWORD } from '../server/src/db/seeds/demo-structure.ts';
import { seedDemo } from '../server/src/db/seeds/demo.ts';
import { makeStaff } from '../server/src/modules/identity/identity.testing.ts';
import { testDatabaseKind } from '../test/db.ts';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

const ADMIN_PEMDA = 'admin.pemda@banyuwangi.demo.layan.id';
const DUKCAPIL = 'admin.dukcapil@banyuwangi.test';
const DUKCAPIL_PASSWORD = 'kata-sandi-dukcapil-uji-123';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
  await seedDemo(h.deps.database.db);
  const agency = await withScope(h.deps.database.db, { regions: [] }, (trx) =>
    trx
      .selectFrom('agency')
      .select('id')
      .where('tenant_code', '=', '35.10')
      .where('slug', '=', 'disdukcapil')
      .executeTakeFirstOrThrow(),
  );
  await makeStaff(h.deps, {
    email: DUKCAPIL,
    name: 'Admin Disdukcapil (uji)',
    regionCode: '35.10',
    password: DUKCAPIL_PASSWORD,
    grants: [{ role: 'admin_instansi', regionCode: '35.10', agencyId: agency.id }],
  });
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

/** A small, well-formed one-page PDF (with a correct cross-reference table), made here. */
function smallPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  ];
  const stream = `BT /F1 12 Tf 24 72 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function signedIn(browser: Browser, baseUrl: string, email: string, password: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/admin/pengaduan`);
  await page.waitForURL(/\/petugas\/masuk\?kembali=/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL(/\/admin\/pengaduan$/);
  return { context, page };
}

describe(`complaints in the browser (${testDatabaseKind})`, () => {
  it('an anonymous complaint is filed, verified and disposed, answered by the agency without the reporter, and read by tracking code', async () => {
    // 1. A citizen without an account (and without JavaScript) files an anonymous complaint.
    const citizen = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await citizen.newPage();
    await page.goto(`${h.baseUrl}/pengaduan`);
    expect(await page.locator('h1').textContent()).toBe('Sampaikan pengaduan');
    await a11y(page);
    await page.getByLabel('Kategori').selectOption('administrasi_kependudukan');
    await page.getByLabel('Judul laporan').fill('Akta kelahiran anak belum terbit');
    await page
      .getByLabel('Isi laporan')
      .fill('Berkas akta kelahiran anak saya lengkap sejak tiga minggu lalu, tetapi aktanya belum terbit.');
    await page.getByLabel('Lokasi kejadian (kecamatan)').selectOption({ label: 'Banyuwangi' });
    // Evidence: a real PDF, chosen in the plain file input (the form posts multipart without JavaScript).
    const evidence = smallPdf('Kuitansi pembayaran di loket');
    await page.getByLabel('Bukti (jika ada)').setInputFiles({
      name: 'kuitansi-loket.pdf',
      mimeType: 'application/pdf',
      buffer: evidence,
    });
    await page.getByLabel(/^Anonim/).check();
    await page.getByLabel('Nama').fill('Wati Rahayu');
    await page.getByLabel('Email').fill('wati.rahayu@warga.test');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await page.waitForURL(/\/pengaduan\/lacak\?kode=ADU-/);
    const code = new URL(page.url()).searchParams.get('kode')!;
    expect(await page.getByRole('status').textContent()).toContain(code);
    expect(await page.getByTestId('complaint-status').textContent()).toBe('Belum terverifikasi');
    expect(await page.getByTestId('complaint-evidence').textContent()).toContain('kuitansi-loket.pdf');
    await a11y(page);

    // 2. The admin Pemda verifies it and disposes it to Disdukcapil; an anonim reporter stays hidden even from them.
    const coordinator = await signedIn(h.browser, h.baseUrl, ADMIN_PEMDA, DEMO_PASSWORD);
    await coordinator.page.getByRole('link', { name: code }).click();
    await coordinator.page.waitForURL(/\/admin\/pengaduan\/[0-9a-f-]{36}$/);
    expect(await coordinator.page.getByTestId('complaint-reporter').textContent()).toContain('tidak dapat Anda lihat');
    expect(await coordinator.page.getByTestId('complaint-evidence').textContent()).toContain('kuitansi-loket.pdf');
    await a11y(coordinator.page);
    await coordinator.page.getByLabel('Tingkat penanganan').selectOption('ringan');
    await coordinator.page.getByRole('button', { name: 'Verifikasi' }).click();
    await coordinator.page.waitForURL(/tersimpan=1/);
    expect(await coordinator.page.getByTestId('complaint-status').textContent()).toBe('Terverifikasi');
    await coordinator.page
      .getByLabel('Ke instansi')
      .selectOption({ label: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi' });
    await coordinator.page.getByRole('button', { name: 'Disposisikan' }).click();
    await coordinator.page.waitForURL(/tersimpan=1/);
    expect(await coordinator.page.getByTestId('complaint-status').textContent()).toBe('Terdisposisi');
    await coordinator.context.close();

    // 3. Disdukcapil's admin sees it in its list, never the reporter, and answers.
    const agency = await signedIn(h.browser, h.baseUrl, DUKCAPIL, DUKCAPIL_PASSWORD);
    await agency.page.getByRole('link', { name: code }).click();
    await agency.page.waitForURL(/\/admin\/pengaduan\/[0-9a-f-]{36}$/);
    const content = (await agency.page.content()).toLowerCase();
    expect(content).not.toContain('wati');
    expect(content).not.toContain('warga.test');
    // The agency sees the evidence and downloads exactly the reporter's PDF, which names nobody.
    const link = agency.page.getByRole('link', { name: 'Unduh kuitansi-loket.pdf' });
    const download = await agency.context.request.get(`${h.baseUrl}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.compare(await download.body(), evidence)).toBe(0);
    // The public (no session) cannot fetch it.
    const stranger = await h.browser.newContext();
    expect((await stranger.request.get(`${h.baseUrl}${await link.getAttribute('href')}`)).status()).toBe(401);
    await stranger.close();
    await agency.page.getByRole('button', { name: 'Tandai sedang ditindaklanjuti' }).click();
    await agency.page.waitForURL(/tersimpan=1/);
    await agency.page
      .getByLabel('Jawaban untuk pelapor')
      .fill('Akta kelahiran sudah terbit hari ini dan dapat diunduh atau diambil di MPP.');
    await agency.page.getByRole('button', { name: 'Kirim jawaban' }).click();
    await agency.page.waitForURL(/tersimpan=1/);
    expect(await agency.page.getByTestId('complaint-status').textContent()).toBe('Selesai');
    await a11y(agency.page);
    await agency.context.close();

    // 4. The citizen reads the answer by tracking code and rates it.
    await page.goto(`${h.baseUrl}/pengaduan/lacak`);
    await page.getByLabel('Kode pelacakan').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Lacak' }).click();
    await page.waitForURL(/\/pengaduan\/lacak\?kode=/);
    expect(await page.getByTestId('complaint-status').textContent()).toBe('Selesai');
    expect(await page.getByTestId('complaint-answer').textContent()).toContain('Akta kelahiran sudah terbit');
    await a11y(page);
    await page.getByLabel('Puas', { exact: true }).check();
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    await page.waitForURL(/\/pengaduan\/lacak\?kode=/);
    expect(await page.locator('main').textContent()).toContain('Penilaian Anda: Puas');

    // 5. The public statistics count it.
    await page.goto(`${h.baseUrl}/pengaduan/statistik`);
    expect(await page.getByTestId('stats-total').textContent()).toBe('1');
    await a11y(page);
    await citizen.close();
  });
});
