import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../server/src/db/scope.ts';
import { linkCitizenInTx } from '../server/src/modules/citizen/citizen.link.repo.ts';
import { encryptNik, hashNik, resolveCitizenKeys } from '../server/src/modules/citizen/citizen.nik.ts';
import { insertCitizenInTx } from '../server/src/modules/citizen/citizen.repo.ts';
import {
  FAST_ARGON2,
  makeAgency,
  makeLocation,
  makeStaff,
  makeTenants,
  TEST_PASSWORD,
} from '../server/src/modules/identity/identity.testing.ts';
import { parseOidcProviders } from '../server/src/modules/sso/sso.config.ts';
import { testDatabaseKind } from '../test/db.ts';
import { expectAccessible, startBrowserHarness, type BrowserHarness } from '../test/browser.ts';

// Two kabupaten: Banyuwangi (35.10, "A") and Jember (35.09, "B"). Staff of A sign in through the
// pages and must see A's structure and citizens, and get a clear refusal for B's, with the status.

const LOKET_A = 'loket@banyuwangi.test';
const ADMIN_A = 'admin@banyuwangi.test';
const NIK_B = '3509010101800002';
let h: BrowserHarness;
const citizens = { a: '', b: '' };

async function makeCitizen(nik: string, name: string, tenant: string) {
  const keys = resolveCitizenKeys(h.deps.env);
  const id = randomUUID();
  const nikHmac = hashNik(keys, nik);
  await withScope(h.deps.database.db, { regions: [], citizenId: id, authNikHash: nikHmac }, async (trx) => {
    await insertCitizenInTx(trx, {
      id,
      nik_hmac: nikHmac,
      nik_ciphertext: encryptNik(keys, nik, id),
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@warga.test`,
      phone: null,
    });
    await linkCitizenInTx(trx, { tenantCode: tenant, citizenId: id, regionCode: tenant, via: 'application' });
  });
  return id;
}

beforeAll(async () => {
  h = await startBrowserHarness({ deps: { authConfig: { argon2: FAST_ARGON2 } } });
  await makeTenants(h.deps, [
    { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Pemerintah Kabupaten Jember' },
  ]);
  await makeAgency(h.deps, '35.10', 'disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil Banyuwangi');
  await makeLocation(h.deps, '35.10', 'mpp-banyuwangi');
  await makeAgency(h.deps, '35.09', 'disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil Jember');
  await makeStaff(h.deps, {
    email: LOKET_A,
    name: 'Rina Petugas Loket',
    regionCode: '35.10',
    grants: [{ role: 'petugas_loket', regionCode: '35.10' }],
  });
  await makeStaff(h.deps, {
    email: ADMIN_A,
    name: 'Ratna Admin Pemda',
    regionCode: '35.10',
    grants: [{ role: 'admin_pemda', regionCode: '35.10' }],
  });
  citizens.a = await makeCitizen('3510014708900001', 'Sari Wulandari', '35.10');
  citizens.b = await makeCitizen(NIK_B, 'Budi Santoso', '35.09');
});
afterAll(() => h?.close());

/** Signs in through /petugas/masuk with JavaScript off, starting from `path` (which sends there). */
async function signInFrom(context: BrowserContext, path: string, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${h.baseUrl}${path}`);
  await page.waitForURL(/\/petugas\/masuk\?kembali=/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL((url) => url.pathname === path);
  return page;
}

/** The same session in a context that runs scripts (axe needs them), at `path`. */
async function checkAccessible(from: BrowserContext, path: string) {
  const withScripts = await h.browser.newContext();
  await withScripts.addCookies(await from.cookies());
  const page = await withScripts.newPage();
  const response = await page.goto(`${h.baseUrl}${path}`);
  expect(response?.status(), path).toBe(200);
  await expectAccessible(page);
  await withScripts.close();
}

describe(`staff isolation and administration in the browser (${testDatabaseKind})`, () => {
  it('lets a petugas of Banyuwangi read a Banyuwangi citizen and refuses a Jember one with a 404', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await signInFrom(context, '/admin', LOKET_A);
    expect(await page.locator('h1').textContent()).toBe('Beranda petugas');
    const sections = page.getByRole('navigation', { name: 'Yang dapat Anda kelola' });
    expect(await sections.getByRole('link', { name: 'Cari warga' }).count()).toBe(1);
    // A counter officer administers nothing: no structure or staff pages are offered.
    expect(await sections.getByRole('link', { name: 'Struktur' }).count()).toBe(0);
    expect(await sections.getByRole('link', { name: 'Staf' }).count()).toBe(0);
    expect(await page.locator('li', { hasText: 'Petugas loket — 35.10 Kabupaten Banyuwangi' }).count()).toBe(1);

    const own = await page.goto(`${h.baseUrl}/admin/warga/${citizens.a}`);
    expect(own?.status()).toBe(200);
    expect(await page.getByTestId('citizen-name').textContent()).toBe('Sari Wulandari');
    expect(await page.content()).toContain('************0001');

    const other = await page.goto(`${h.baseUrl}/admin/warga/${citizens.b}`);
    expect(other?.status()).toBe(404);
    expect(await page.locator('main').textContent()).toContain('Warga tidak ditemukan di wilayah Anda.');
    expect(await page.content()).not.toContain('Budi');

    // By NIK, through the search form: the same answer.
    await page.goto(`${h.baseUrl}/admin/warga`);
    await page.getByLabel('NIK').fill(NIK_B);
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Warga tidak ditemukan di wilayah Anda.');
    await page.getByLabel('NIK').fill('3510 0147 0890 0001');
    await page.getByRole('button', { name: 'Cari' }).click();
    expect(await page.getByTestId('citizen-name').textContent()).toBe('Sari Wulandari');

    // Structure is not a counter officer's to see, in any kabupaten.
    const structure = await page.goto(`${h.baseUrl}/admin/struktur?wilayah=35.09`);
    expect(structure?.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain('Anda tidak berwenang melakukan ini.');

    const reads = await h.deps.database.db
      .selectFrom('audit_log')
      .select(['target_id', 'actor_role'])
      .where('action', '=', 'citizen.read')
      .execute();
    expect(reads).toEqual([
      { target_id: citizens.a, actor_role: 'petugas_loket' },
      { target_id: citizens.a, actor_role: 'petugas_loket' },
    ]);

    await checkAccessible(context, '/admin');
    await checkAccessible(context, '/admin/warga');
    await checkAccessible(context, `/admin/warga/${citizens.a}`);
    await context.close();
  });

  it('lets an admin Pemda manage Banyuwangi’s structure and staff, and refuses Jember’s structure with a 403', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await signInFrom(context, '/admin/struktur', ADMIN_A);
    expect(await page.locator('h1').textContent()).toBe('Struktur Kabupaten Banyuwangi');
    expect(
      await page.getByRole('cell', { name: 'Dinas Kependudukan dan Pencatatan Sipil Banyuwangi', exact: true }).count(),
    ).toBe(1);
    expect(await page.content()).not.toContain('Jember');

    // A new location: first with a missing address and a bad Friday, then right.
    await page.locator('summary', { hasText: 'Tambah lokasi' }).click();
    const form = page.locator('form[action="?/lokasiBaru"]');
    await form.getByLabel('Nama', { exact: true }).fill('Kantor Kecamatan Glagah');
    await form.getByLabel('Kode singkat (untuk alamat)').fill('kecamatan-glagah');
    await form.getByLabel('Jenis').selectOption('kantor_kecamatan');
    await form.getByLabel('Kode wilayah', { exact: true }).fill('35.10.15');
    await form.getByLabel('Buka Jumat').fill('11:00');
    await form.getByLabel('Tutup Jumat').fill('08:00');
    await form.getByRole('button', { name: 'Tambah lokasi' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Isi alamat.');
    expect(await summary.textContent()).toContain('Jumat: isi jam buka dan tutup');
    const again = page.locator('form[action="?/lokasiBaru"]');
    expect(await again.getByLabel('Nama', { exact: true }).inputValue()).toBe('Kantor Kecamatan Glagah');
    await again.getByLabel('Alamat', { exact: true }).fill('Jl. Raya Glagah No. 1');
    await again.getByLabel('Buka Jumat').fill('08:00');
    await again.getByLabel('Tutup Jumat').fill('11:00');
    await again.getByLabel('Buka Senin').fill('08:00');
    await again.getByLabel('Tutup Senin').fill('15:00');
    await again.getByRole('button', { name: 'Tambah lokasi' }).click();
    await page.waitForURL(/tersimpan=lokasi/);
    const row = page.getByRole('row', { name: /Kantor Kecamatan Glagah/ });
    expect(await row.textContent()).toContain('35.10.15');
    expect(await row.textContent()).toContain('Senin 08:00–15:00, Jumat 08:00–11:00');

    const refused = await page.goto(`${h.baseUrl}/admin/struktur?wilayah=35.09`);
    expect(refused?.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain('Anda tidak berwenang melakukan ini.');
    expect(await page.content()).not.toContain('Dinas Kependudukan dan Pencatatan Sipil Jember');

    // Staff: a new account, then a second role for it.
    await page.goto(`${h.baseUrl}/admin/staf`);
    const create = page.locator('form[action="?/buat"]');
    await create.getByLabel('Nama').fill('Dedi Petugas Baru');
    await create.getByLabel('Email').fill('dedi@banyuwangi.test');
    expect(await create.getByLabel('Wilayah asal').inputValue()).toBe('35.10');
    await create.getByLabel('Peran pertama').selectOption('petugas_loket');
    await create.getByRole('button', { name: 'Buat akun' }).click();
    const created = page.getByRole('status');
    expect(await created.textContent()).toMatch(/Akun dedi@banyuwangi\.test dibuat\. Kata sandi awal .*: \S{12,}/);
    expect(await page.getByRole('row', { name: /Dedi Petugas Baru/ }).textContent()).toContain('Petugas loket — 35.10');

    // Granting admin_nasional is not offered to an admin Pemda.
    const grant = page.locator('form[action="?/beri"]');
    expect(await grant.getByLabel('Peran', { exact: true }).locator('option[value="admin_nasional"]').count()).toBe(0);
    await grant.getByLabel('Akun').selectOption({ label: 'Dedi Petugas Baru (dedi@banyuwangi.test)' });
    await grant.getByLabel('Peran', { exact: true }).selectOption('operator_desa');
    await grant.getByLabel(/Kode wilayah peran/).fill('35.09.01.2001');
    await grant.getByRole('button', { name: 'Berikan peran' }).click();
    // Outside the account's home region: refused by the API, shown in the summary.
    expect(await page.getByRole('alert').textContent()).toContain('Hak akses tidak valid');
    const retry = page.locator('form[action="?/beri"]');
    await retry.getByLabel(/Kode wilayah peran/).fill('35.10.15.2004');
    await retry.getByRole('button', { name: 'Berikan peran' }).click();
    await page.waitForURL(/tersimpan=peran/);
    const dedi = page.getByRole('row', { name: /Dedi Petugas Baru/ });
    expect(await dedi.textContent()).toContain('Operator desa — 35.10.15.2004');

    const grants = await h.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('action', 'in', ['staff.create', 'staff.grant'])
      .where('actor_type', '=', 'staff')
      .orderBy('seq')
      .execute();
    expect(grants).toEqual([
      { action: 'staff.create', actor_role: 'admin_pemda' },
      { action: 'staff.grant', actor_role: 'admin_pemda' },
    ]);

    // And revoke it again.
    await dedi.getByRole('button', { name: /^Cabut peran Operator desa di 35\.10\.15\.2004/ }).click();
    await page.waitForURL(/tersimpan=dicabut/);
    expect(await page.getByRole('row', { name: /Dedi Petugas Baru/ }).textContent()).not.toContain('Operator desa');

    await checkAccessible(context, '/admin');
    await checkAccessible(context, '/admin/struktur');
    await checkAccessible(context, '/admin/staf');
    await checkAccessibleWithErrors(context);
    await context.close();
  });

  it('shows "Masuk dengan …" buttons for the configured providers of each audience, and none without', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/masuk`);
    expect(await page.getByRole('link', { name: /^Masuk dengan/ }).count()).toBe(0);
    await page.goto(`${h.baseUrl}/petugas/masuk`);
    expect(await page.getByRole('link', { name: /^Masuk dengan/ }).count()).toBe(0);

    h.deps.env.oidcProviders.push(
      ...parseOidcProviders(
        JSON.stringify([
          { id: 'inapas', label: 'INApas', issuer: 'https://inapas.example.id', clientId: 'layan', audience: 'citizen' },
          {
            id: 'sso-pemda',
            label: 'SSO Pemkab Banyuwangi',
            issuer: 'https://sso.banyuwangikab.example.id',
            clientId: 'layan',
            audience: 'staff',
            staffRegions: ['35.10'],
          },
        ]),
      ),
    );
    try {
      await page.goto(`${h.baseUrl}/masuk`);
      const citizenButton = page.getByRole('link', { name: /^Masuk dengan/ });
      expect(await citizenButton.count()).toBe(1);
      expect(await citizenButton.textContent()).toBe('Masuk dengan INApas');
      expect(await citizenButton.getAttribute('href')).toBe('/api/v1/auth/oidc/inapas/start?returnTo=%2Fakun');
      await checkAccessible(context, '/masuk');

      await page.goto(`${h.baseUrl}/petugas/masuk?kembali=/admin/staf`);
      const staffButton = page.getByRole('link', { name: /^Masuk dengan/ });
      expect(await staffButton.count()).toBe(1);
      expect(await staffButton.textContent()).toBe('Masuk dengan SSO Pemkab Banyuwangi');
      expect(await staffButton.getAttribute('href')).toBe('/api/v1/auth/oidc/sso-pemda/start?returnTo=%2Fadmin%2Fstaf');
      await checkAccessible(context, '/petugas/masuk');
    } finally {
      h.deps.env.oidcProviders.length = 0;
    }
    await context.close();
  });
});

/** axe on /admin/struktur showing the error summary of an empty location form (posted with scripts on). */
async function checkAccessibleWithErrors(from: BrowserContext) {
  const withScripts = await h.browser.newContext();
  await withScripts.addCookies(await from.cookies());
  const page = await withScripts.newPage();
  // Until the page has hydrated, a click on <summary> can be undone by hydration: wait for it.
  await page.goto(`${h.baseUrl}/admin/struktur`, { waitUntil: 'networkidle' });
  await page.locator('summary', { hasText: 'Tambah lokasi' }).click();
  await page.locator('form[action="?/lokasiBaru"]').getByRole('button', { name: 'Tambah lokasi' }).click();
  await page.getByRole('alert').waitFor();
  // Every link of the summary leads to a field on the page.
  const links = page.getByRole('alert').getByRole('link');
  expect(await links.count()).toBeGreaterThan(0);
  for (let i = 0; i < (await links.count()); i++) {
    const target = (await links.nth(i).getAttribute('href'))!.slice(1);
    expect(await page.locator(`[id="${target}"]`).count(), target).toBe(1);
  }
  await expectAccessible(page);
  await withScripts.close();
}
