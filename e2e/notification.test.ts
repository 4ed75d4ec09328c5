import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_ARGON2, makeStaff, makeTenants, TEST_PASSWORD } from '../server/src/modules/identity/identity.testing.ts';
import { createSmtpChannel } from '../server/src/modules/notification/notification.smtp.ts';
import {
  enqueue,
  messageRows,
  startControlledSmtpServer,
  type ControlledSmtpServer,
} from '../server/src/modules/outbox/outbox.testing.ts';
import { createOutboxWorker, type OutboxWorker } from '../server/src/modules/outbox/outbox.worker.ts';
import { testDatabaseKind } from '../test/db.ts';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

const ADMIN = 'admin.pemda@banyuwangi.test';

let h: BrowserHarness;
let smtp: ControlledSmtpServer;
let worker: OutboxWorker;

beforeAll(async () => {
  [h, smtp] = await Promise.all([
    startBrowserHarness({ deps: { authConfig: { argon2: FAST_ARGON2 } } }),
    startControlledSmtpServer('reject'),
  ]);
  worker = createOutboxWorker({
    db: h.deps.database.db,
    channels: { email: createSmtpChannel({ url: smtp.url, from: 'Layan Uji <no-reply@layan.test>' }) },
    log: h.app.log,
  });
  await makeTenants(h.deps, [{ code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' }]);
  await makeStaff(h.deps, {
    email: ADMIN,
    name: 'Admin Pemda Banyuwangi',
    regionCode: '35.10',
    grants: [{ role: 'admin_pemda', regionCode: '35.10' }],
  });
  await enqueue(h.deps, {
    tenantCode: '35.10',
    channel: 'email',
    recipient: 'wulan.sari@example.com',
    template: 'application.completed',
    language: 'id',
    data: {
      trackingCode: 'BWI-2611-0042',
      serviceName: 'Penerbitan Akta Kelahiran',
      trackUrl: `${h.baseUrl}/lacak/BWI-2611-0042`,
    },
  });
  // The SMTP server refuses it for good: a dead letter.
  await worker.runOnce();
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await h?.close();
});

describe(`dead letters in the browser (${testDatabaseKind})`, () => {
  it('an admin Pemda sees the undelivered e-mail, masked, and sends it again without JavaScript; it arrives', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/admin/pesan`);
    await page.waitForURL(/\/petugas\/masuk\?kembali=/);
    await page.getByLabel('Email').fill(ADMIN);
    await page.getByLabel('Kata sandi').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL(/\/admin\/pesan$/);
    expect(await page.locator('h1').textContent()).toBe('Pesan gagal terkirim');
    expect((await page.getByTestId('count-dead').textContent())?.trim()).toBe('1');
    const row = page.locator('tbody tr');
    expect(await row.count()).toBe(1);
    const text = (await row.textContent())!;
    expect(text).toContain('35.10');
    expect(text).toContain('Permohonan selesai');
    expect(text).toContain('E-mail');
    expect(text).toContain('w•••@example.com');
    expect(text).toContain('PermanentSendError: SMTP server refused the message (550)');
    expect(text).toMatch(/\d{1,2} \w+ 20\d\d pukul \d\d\.\d\d WIB/);
    expect(await page.content()).not.toContain('wulan.sari');

    // axe needs JavaScript: the same session in a context that runs scripts.
    const withScripts = await h.browser.newContext();
    await withScripts.addCookies(await context.cookies());
    const checked = await withScripts.newPage();
    await checked.goto(`${h.baseUrl}/admin/pesan`);
    await expectAccessible(checked);
    // And in English.
    await withScripts.addCookies([{ name: 'lang', value: 'en', url: h.baseUrl }]);
    await checked.goto(`${h.baseUrl}/admin/pesan`);
    expect(await checked.locator('h1').textContent()).toBe('Undelivered messages');
    expect(await checked.getByRole('button', { name: 'Send again the message to w•••@example.com' }).count()).toBe(1);
    await withScripts.close();

    smtp.mode = 'accept';
    await page.getByRole('button', { name: 'Kirim ulang pesan ke w•••@example.com' }).click();
    await page.waitForURL(/\/admin\/pesan\?dikirim-ulang=1$/);
    expect(await page.getByRole('status').textContent()).toContain('Pesan dijadwalkan untuk dikirim ulang');
    expect(await page.getByText('Tidak ada pesan yang gagal terkirim.').count()).toBe(1);
    expect((await page.getByTestId('count-pending').textContent())?.trim()).toBe('1');

    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const [mail] = await smtp.waitForMail(1);
    expect(mail!.to).toEqual(['wulan.sari@example.com']);
    expect(mail!.subject).toBe('Permohonan BWI-2611-0042 selesai');
    expect((await messageRows(h.deps))[0]).toMatchObject({ status: 'sent', attempts: 1 });

    await page.reload();
    expect((await page.getByTestId('count-sent').textContent())?.trim()).toBe('1');
    await context.close();
  });

  it('refuses staff whose role does not manage messages (403 page)', async () => {
    await makeStaff(h.deps, {
      email: 'loket@banyuwangi.test',
      regionCode: '35.10',
      grants: [{ role: 'petugas_loket', regionCode: '35.10' }],
    });
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/petugas/masuk?kembali=%2Fadmin%2Fpesan`);
    await page.getByLabel('Email').fill('loket@banyuwangi.test');
    await page.getByLabel('Kata sandi').fill(TEST_PASSWORD);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/admin/pesan')),
      page.getByRole('button', { name: 'Masuk', exact: true }).click(),
    ]);
    expect(response.status()).toBe(403);
    expect(await page.locator('body').textContent()).toContain('Anda tidak berwenang');
    await context.close();
  });
});
