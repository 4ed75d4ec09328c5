import { localDateOf } from '@layan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/db/seeds/demo-structure.ts';
import { seedDemo } from '../server/src/db/seeds/demo.ts';
import { moveBookingToToday } from '../server/src/modules/queue/queue.testing.ts';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';
import { testDatabaseKind } from '../test/db.ts';

// Issue 7's journey: a citizen books a slot without JavaScript, checks in at the kiosk, is called
// from the counter console, and the display board in another browser context shows the call.

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
  await seedDemo(h.deps.database.db);
});
afterAll(() => h?.close());

describe(`queue in the browser (${testDatabaseKind})`, () => {
  it('books a slot, checks in at the kiosk, is called at counter A1 and appears on the display board', async () => {
    // 1. Booking from home, without JavaScript.
    const citizen = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await citizen.newPage();
    await page.goto(`${h.baseUrl}/antrean`);
    expect(await page.locator('h1').textContent()).toBe('Ambil antrean dari rumah');
    // Queue A (Disdukcapil) comes first and is chosen already.
    expect(await page.getByLabel('Layanan', { exact: true }).locator('option:checked').textContent()).toMatch(
      /^Kependudukan \(Disdukcapil\)/,
    );
    await page.getByRole('button', { name: 'Tampilkan jam' }).click();
    await page.locator('input[name="time"]:not([disabled])').first().check();
    await page.getByLabel('Nama lengkap').fill('Siti Aminah');
    await page.getByLabel('Nomor HP (untuk SMS)').fill('081234567890');
    await page.getByLabel(/lansia/).check();
    await page.getByRole('button', { name: 'Pesan antrean' }).click();
    await page.waitForURL(/\/antrean\/[2-9A-Z]{8}\?baru=1$/);
    const code = (await page.getByTestId('booking-code').textContent())!.trim();
    expect(await page.getByTestId('booking-status').textContent()).toBe('Terpesan');
    expect(await page.getByRole('img', { name: `Kode QR pemesanan ${code}` }).count()).toBe(1);
    await citizen.close();

    // Time passes: the booked day has come (a fixture moves the booking to today).
    await moveBookingToToday(h.deps, code, localDateOf(new Date(), 'Asia/Jakarta'));

    // 2. The display board, live (JavaScript on), in its own browser context.
    const screen = await h.browser.newContext();
    const board = await screen.newPage();
    await board.goto(`${h.baseUrl}/layar/mpp-banyuwangi`);
    await board.getByTestId('live').waitFor();
    expect(await board.getByText('Belum ada panggilan.').count()).toBe(1);
    await expectAccessible(board);

    // 3. Check-in at the kiosk by the code (a QR scanner types it), no JavaScript.
    const kioskContext = await h.browser.newContext({ javaScriptEnabled: false });
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(`${h.baseUrl}/kios/mpp-banyuwangi`);
    await kiosk.getByLabel('Kode pemesanan').fill(code.toLowerCase());
    await kiosk.getByRole('button', { name: 'Hadir' }).click();
    expect(await kiosk.getByTestId('ticket-number').textContent()).toBe('A-001');
    // A walk-in takes the next number.
    await kiosk.goto(`${h.baseUrl}/kios/mpp-banyuwangi`);
    await kiosk.getByRole('button', { name: 'A — Kependudukan (Disdukcapil)' }).click();
    expect(await kiosk.getByTestId('ticket-number').textContent()).toBe('A-002');
    await kioskContext.close();

    // 4. The counter console: sign in, choose counter A1, call next (plain form posts).
    const staffContext = await h.browser.newContext({ javaScriptEnabled: false });
    const staff = await staffContext.newPage();
    await staff.goto(`${h.baseUrl}/loket`);
    await staff.waitForURL(/\/petugas\/masuk\?kembali=/);
    await staff.getByLabel('Email').fill('loket.mpp@banyuwangi.demo.layan.id');
    await staff.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await staff.getByRole('button', { name: 'Masuk', exact: true }).click();
    await staff.waitForURL(/\/loket$/);
    await staff.getByLabel('Pilih loket').selectOption({ label: 'A1 — Loket Disdukcapil 1' });
    await staff.getByRole('button', { name: 'Gunakan' }).click();
    await staff.waitForURL(/\/loket\?loket=/);
    await staff.getByRole('button', { name: 'Panggil berikutnya' }).click();
    expect(await staff.getByTestId('current-ticket').textContent()).toBe('A-001');

    // 5. The board shows the call, pushed over Server-Sent Events (no reload), within a second of
    // the console's answer (the bar; the event is sent at commit, before that answer).
    const row = board.getByTestId('board-row').first();
    await row.filter({ hasText: 'A-001' }).waitFor({ timeout: 1000 });
    expect(await row.textContent()).toMatch(/A-001\s*A1/);
    await expectAccessible(board);

    // Finishing clears it from the board.
    await staff.getByRole('button', { name: 'Selesai' }).click();
    await board.getByText('Belum ada panggilan.').waitFor({ timeout: 5000 });
    await screen.close();

    // Accessibility (axe needs scripts, so with JavaScript on): the pages of the journey.
    const a11y = await h.browser.newContext();
    const check = await a11y.newPage();
    for (const path of ['/antrean', `/antrean/${code}`, '/kios/mpp-banyuwangi', '/antrean?kode=ZZZZ']) {
      await check.goto(`${h.baseUrl}${path}`);
      await expectAccessible(check);
    }
    await check.context().addCookies(await staffContext.cookies());
    await check.goto(staff.url());
    expect(await check.locator('h1').textContent()).toContain('A1');
    await expectAccessible(check);
    await a11y.close();
    await staffContext.close();
  });
});
