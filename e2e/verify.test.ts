import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL, withScope } from '../server/src/db/scope.ts';
import { makeTenants } from '../server/src/modules/identity/identity.testing.ts';
import { revokeDocumentInTx } from '../server/src/modules/document/document.service.ts';
import { alterByte, issueSample } from '../server/src/modules/document/document.testing.ts';
import type { IssuedDocument } from '../server/src/modules/document/document.issue.ts';
import { testDatabaseKind } from '../test/db.ts';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

let h: BrowserHarness;
let issued: IssuedDocument;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-verify-e2e-'));
const validFile = path.join(tmp, 'dokumen-LYN-7Q4K2M.pdf');
const alteredFile = path.join(tmp, 'dokumen-diubah.pdf');

beforeAll(async () => {
  h = await startBrowserHarness();
  await makeTenants(h.deps, [{ code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' }]);
  issued = await issueSample(h.deps);
  fs.writeFileSync(validFile, issued.pdf);
  // One byte in the middle of the file (the letter's drawing), nothing else.
  fs.writeFileSync(alteredFile, alterByte(issued.pdf, Math.floor(issued.pdf.length / 2)));
}, 120_000);
afterAll(async () => {
  await h?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Waits for the verdict heading to read `text` (a form post or navigation may still be under way). */
async function verdictReads(page: Page, text: string) {
  await page
    .getByRole('status')
    .getByRole('heading', { level: 2, name: new RegExp(text) })
    .waitFor();
}

describe(`the verify page /verifikasi (${testDatabaseKind})`, () => {
  // Once without JavaScript (plain forms must do), once with it, where axe can run.
  it.each([false, true])(
    'says valid for the downloaded PDF and invalid for a copy with one altered byte (JavaScript %s)',
    async (js) => {
      const context = await h.browser.newContext({ javaScriptEnabled: js });
      const accessible = async (page: Page) => (js ? expectAccessible(page) : undefined);
      const page = await context.newPage();
      await page.goto(`${h.baseUrl}/verifikasi`);
      expect(await page.locator('h1').textContent()).toBe('Periksa keaslian dokumen');
      await accessible(page);

      await page.getByLabel('Berkas PDF dokumen').setInputFiles(validFile);
      await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
      await verdictReads(page, 'Dokumen SAH');
      const verdict = page.getByRole('status');
      expect(await verdict.getByRole('heading', { level: 2 }).textContent()).toContain('Dokumen SAH');
      const facts = await verdict.locator('dl').innerText();
      expect(facts).toContain('Kutipan Akta Kelahiran');
      expect(facts).toContain('Disetujui');
      expect(facts).toContain('Siti Rahayu');
      expect(facts).toContain('Pemerintah Kabupaten Banyuwangi');
      expect(facts).toContain('22 November 2026');
      expect(facts).toContain(issued.documentId);
      expect(await verdict.textContent()).toContain('dokumen-LYN-7Q4K2M.pdf');
      await accessible(page);

      await page.getByLabel('Berkas PDF dokumen').setInputFiles(alteredFile);
      await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
      await verdictReads(page, 'Dokumen TIDAK SAH');
      const altered = page.getByRole('status');
      expect(await altered.getByRole('heading', { level: 2 }).textContent()).toContain('Dokumen TIDAK SAH');
      expect(await altered.textContent()).toContain('sedikitnya satu bait berkas telah diubah');
      expect(await altered.locator('dl').count()).toBe(0);
      await accessible(page);

      // Submitting without a file: an error summary linked to the field.
      await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('Pilih berkas PDF yang akan diperiksa.');
      expect(await page.title()).toMatch(/^Galat:/);
      await accessible(page);
      await context.close();
    },
  );

  it('opens with the answer from the QR link, in English too, and says when a document was revoked', async () => {
    // axe needs JavaScript; the forms and links are the same as without it (previous test).
    const context = await h.browser.newContext();
    const page = await context.newPage();
    // What a phone camera opens: the QR holds <public url>/verifikasi?d=<payload>.
    const qrPath = new URL(issued.verifyUrl);
    await page.goto(`${h.baseUrl}${qrPath.pathname}${qrPath.search}`);
    expect(await page.getByRole('status').getByRole('heading', { level: 2 }).textContent()).toContain('Dokumen SAH');

    // A pasted payload with one character changed.
    const tampered = issued.payload.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await page.getByLabel('Kode atau tautan verifikasi').fill(tampered);
    await page.getByRole('button', { name: 'Periksa', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('d') === tampered);
    await verdictReads(page, 'Dokumen TIDAK SAH');
    expect(await page.getByRole('status').getByRole('heading', { level: 2 }).textContent()).toContain('Dokumen TIDAK SAH');
    await expectAccessible(page);

    await context.addCookies([{ name: 'lang', value: 'en', url: h.baseUrl }]);
    await page.goto(`${h.baseUrl}/verifikasi?d=${issued.payload}`);
    expect(await page.locator('h1').textContent()).toBe('Check a document');
    expect(await page.getByRole('status').getByRole('heading', { level: 2 }).textContent()).toContain('Document is VALID');
    await expectAccessible(page);

    await withScope(h.deps.database.db, NATIONAL, (trx) =>
      revokeDocumentInTx(trx, {
        tenantCode: '35.10',
        documentId: issued.documentId,
        reason: 'Diganti dokumen baru',
        audit: { actor: { type: 'system' } },
      }),
    );
    await page.reload();
    const revoked = page.getByRole('status');
    expect(await revoked.getByRole('heading', { level: 2 }).textContent()).toContain('Document REVOKED');
    expect(await revoked.textContent()).toMatch(/revoked it on \d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB/);
    await expectAccessible(page);
    await context.close();
  });
});
