import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { createAuthTestApp, makeAgency, makeStaff, makeTenants, signIn, type AuthTestApp } from '../identity/identity.testing.ts';

let t: AuthTestApp;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createAuthTestApp();
  await makeTenants(t.deps, [
    { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Pemerintah Kabupaten Jember' },
  ]);
  ids.jemberAgency = await makeAgency(t.deps, '35.09', 'disdukcapil');
  ids.bwiImigrasi = await makeAgency(t.deps, '35.10', 'kantor-imigrasi', 'Kantor Imigrasi Kelas II TPI Banyuwangi');
  await makeStaff(t.deps, {
    email: 'nasional@layan.test',
    regionCode: null,
    grants: [{ role: 'admin_nasional', regionCode: null }],
  });
  await makeStaff(t.deps, {
    email: 'pemda@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'admin_pemda', regionCode: '35.10' }],
  });
  await makeStaff(t.deps, {
    email: 'pemda@jember.test',
    regionCode: '35.09',
    grants: [{ role: 'admin_pemda', regionCode: '35.09' }],
  });
  await makeStaff(t.deps, {
    email: 'imigrasi@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'admin_instansi', regionCode: '35.10', agencyId: ids.bwiImigrasi }],
  });
  for (const email of ['nasional@layan.test', 'pemda@banyuwangi.test', 'pemda@jember.test', 'imigrasi@banyuwangi.test']) {
    cookies[email.split('.')[0]!] = await signIn(t.app, email);
  }
});
afterAll(() => t.close());

function call(method: 'GET' | 'POST' | 'PATCH', url: string, who?: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who ? { cookie: cookies[who]! } : {}), [CSRF_HEADER]: '1' },
    ...(payload ? { payload } : {}),
  });
}

describe(`tenancy administration (${testDatabaseKind})`, () => {
  it('an admin Pemda builds the structure: agency, MPP, kantor desa, counter — each audited', async () => {
    const agency = await call('POST', '/admin/tenants/35.10/agencies', 'pemda@banyuwangi', {
      slug: 'disdukcapil',
      name: 'Dinas Kependudukan dan Pencatatan Sipil',
      shortName: 'Disdukcapil',
      kind: 'daerah',
    });
    expect(agency.statusCode).toBe(201);
    expect(agency.json()).toMatchObject({ tenantCode: '35.10', slug: 'disdukcapil', active: true });
    ids.disdukcapil = agency.json().id;

    const mpp = await call('POST', '/admin/tenants/35.10/locations', 'pemda@banyuwangi', {
      slug: 'mpp-banyuwangi',
      name: 'Mal Pelayanan Publik Banyuwangi',
      kind: 'mpp',
      regionCode: '35.10.16',
      address: 'Kecamatan Banyuwangi',
      openingHours: [{ day: 1, opens: '08:00', closes: '15:00' }],
    });
    expect(mpp.statusCode).toBe(201);
    ids.mpp = mpp.json().id;
    const desa = await call('POST', '/admin/tenants/35.10/locations', 'pemda@banyuwangi', {
      slug: 'kantor-desa-kemiren',
      name: 'Kantor Desa Kemiren',
      kind: 'kantor_desa',
      regionCode: '35.10.15.2004',
      address: 'Desa Kemiren, Kecamatan Glagah',
    });
    expect(desa.statusCode).toBe(201);

    const counter = await call('POST', '/admin/tenants/35.10/counters', 'pemda@banyuwangi', {
      locationId: ids.mpp,
      agencyId: ids.disdukcapil,
      code: 'A1',
      name: 'Loket Disdukcapil 1',
    });
    expect(counter.statusCode).toBe(201);
    ids.counter = counter.json().id;

    const patched = await call('PATCH', `/admin/tenants/35.10/agencies/${ids.disdukcapil}`, 'pemda@banyuwangi', {
      active: false,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().active).toBe(false);

    const actions = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_code', '=', '35.10')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['agency.create', 'location.create', 'counter.create', 'agency.update']),
    );
  });

  it('lists for administration (inactive included) and publicly (active only)', async () => {
    const admin = await call('GET', '/admin/tenants/35.10/agencies', 'pemda@banyuwangi');
    expect(
      admin
        .json()
        .items.map((a: { slug: string }) => a.slug)
        .sort(),
    ).toEqual(['disdukcapil', 'kantor-imigrasi']);
    const pub = await call('GET', '/agencies?region=35.10.15.2004');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items.map((a: { slug: string }) => a.slug)).toEqual(['kantor-imigrasi']);
    const locations = await call('GET', '/locations?region=35.10.15');
    expect(locations.json().items.map((l: { slug: string }) => l.slug)).toEqual(['kantor-desa-kemiren']);
    const counters = await call('GET', '/admin/tenants/35.10/counters', 'pemda@banyuwangi');
    expect(counters.json().items).toHaveLength(1);
  });

  it('answers clear errors: duplicate slug 409, region outside the tenant 400, unknown field 400, unknown id 404, unregistered tenant 404', async () => {
    const dup = await call('POST', '/admin/tenants/35.10/agencies', 'pemda@banyuwangi', {
      slug: 'disdukcapil',
      name: 'Lagi',
      kind: 'daerah',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('SLUG_TAKEN');
    const outside = await call('POST', '/admin/tenants/35.10/locations', 'pemda@banyuwangi', {
      slug: 'x',
      name: 'Kantor X',
      kind: 'kantor_desa',
      regionCode: '35.09.01',
      address: 'Jember',
    });
    expect(outside.json().error.code).toBe('REGION_OUTSIDE_TENANT');
    const unknownField = await call('POST', '/admin/tenants/35.10/agencies', 'pemda@banyuwangi', {
      slug: 'y',
      name: 'Y instansi',
      kind: 'daerah',
      tenantCode: '35.09',
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.code).toBe('VALIDATION_FAILED');
    const missing = await call('PATCH', `/admin/tenants/35.10/agencies/${ids.jemberAgency}`, 'pemda@banyuwangi', {
      name: 'Bukan milik',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('AGENCY_NOT_FOUND');
    const emptyPatch = await call('PATCH', `/admin/tenants/35.10/agencies/${ids.disdukcapil}`, 'pemda@banyuwangi', {});
    expect(emptyPatch.statusCode).toBe(400);
    const unregistered = await call('GET', '/admin/tenants/35.11/agencies', 'nasional@layan');
    expect(unregistered.statusCode).toBe(404);
    expect(unregistered.json().error.code).toBe('TENANT_NOT_FOUND');
  });

  it('an admin nasional registers tenants; not a kecamatan, not twice', async () => {
    const created = await call('POST', '/admin/tenants', 'nasional@layan', {
      regionCode: '35.11',
      name: 'Pemerintah Kabupaten Bondowoso',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().regionName).toBe('Kabupaten Bondowoso');
    expect(
      (await call('POST', '/admin/tenants', 'nasional@layan', { regionCode: '35.11', name: 'Lagi' })).json().error.code,
    ).toBe('TENANT_EXISTS');
    expect(
      (await call('POST', '/admin/tenants', 'nasional@layan', { regionCode: '35.10.01', name: 'Kecamatan' })).statusCode,
    ).toBe(400);
    expect(
      (await call('POST', '/admin/tenants', 'pemda@banyuwangi', { regionCode: '35.12', name: 'Situbondo' })).statusCode,
    ).toBe(403);
  });

  it('an admin instansi changes only its own agency and its counters', async () => {
    const own = await call('PATCH', `/admin/tenants/35.10/agencies/${ids.bwiImigrasi}`, 'imigrasi@banyuwangi', {
      shortName: 'Imigrasi',
    });
    expect(own.statusCode).toBe(200);
    const other = await call('PATCH', `/admin/tenants/35.10/agencies/${ids.disdukcapil}`, 'imigrasi@banyuwangi', {
      name: 'Diambil alih',
    });
    expect(other.statusCode).toBe(403);
    const ownCounter = await call('POST', '/admin/tenants/35.10/counters', 'imigrasi@banyuwangi', {
      locationId: ids.mpp,
      agencyId: ids.bwiImigrasi,
      code: 'IMI-1',
      name: 'Loket Imigrasi',
    });
    expect(ownCounter.statusCode).toBe(201);
    const otherCounter = await call('PATCH', `/admin/tenants/35.10/counters/${ids.counter}`, 'imigrasi@banyuwangi', {
      name: 'Diambil',
    });
    expect(otherCounter.statusCode).toBe(403);
    const moveToOther = await call('PATCH', `/admin/tenants/35.10/counters/${ownCounter.json().id}`, 'imigrasi@banyuwangi', {
      agencyId: ids.disdukcapil,
    });
    expect(moveToOther.statusCode).toBe(403);
    const newAgency = await call('POST', '/admin/tenants/35.10/agencies', 'imigrasi@banyuwangi', {
      slug: 'baru',
      name: 'Instansi baru',
      kind: 'badan_hukum_publik',
    });
    expect(newAgency.statusCode).toBe(403);
  });
});

describe(`isolation through the API (${testDatabaseKind})`, () => {
  it('a 35.10 admin cannot read 35.09’s staff, nor create agencies or staff there', async () => {
    expect((await call('GET', '/admin/staff?region=35.09', 'pemda@banyuwangi')).statusCode).toBe(403);
    expect((await call('GET', '/admin/tenants/35.09/agencies', 'pemda@banyuwangi')).statusCode).toBe(403);
    const agency = await call('POST', '/admin/tenants/35.09/agencies', 'pemda@banyuwangi', {
      slug: 'dpmptsp',
      name: 'DPMPTSP Jember',
      kind: 'daerah',
    });
    expect(agency.statusCode).toBe(403);
    expect(agency.json().error.code).toBe('FORBIDDEN');
    const staff = await call('POST', '/admin/staff', 'pemda@banyuwangi', {
      email: 'penyusup@jember.test',
      name: 'Penyusup',
      regionCode: '35.09',
      grants: [{ role: 'admin_pemda', regionCode: '35.09' }],
    });
    expect(staff.statusCode).toBe(403);
  });

  it('the default staff list holds only the caller’s region', async () => {
    const list = await call('GET', '/admin/staff', 'pemda@banyuwangi');
    expect(list.statusCode).toBe(200);
    const regions = new Set(list.json().items.map((s: { regionCode: string }) => s.regionCode));
    expect([...regions]).toEqual(['35.10']);
    const national = await call('GET', '/admin/staff', 'nasional@layan');
    expect(national.json().items.map((s: { email: string }) => s.email)).toEqual(
      expect.arrayContaining(['pemda@jember.test', 'nasional@layan.test']),
    );
  });
});

describe('staff administration', () => {
  it('creates an account with grants and a one-time generated password, which signs in', async () => {
    const created = await call('POST', '/admin/staff', 'pemda@banyuwangi', {
      email: 'Loket1@Banyuwangi.test',
      name: 'Petugas Loket Satu',
      regionCode: '35.10',
      grants: [{ role: 'petugas_loket', regionCode: '35.10', locationId: ids.mpp }],
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.staff.email).toBe('loket1@banyuwangi.test');
    expect(body.staff.grants).toEqual([
      { id: expect.any(String), role: 'petugas_loket', regionCode: '35.10', locationId: ids.mpp },
    ]);
    expect(body.password).toMatch(/^\w{20}$/);
    await signIn(t.app, 'loket1@banyuwangi.test', body.password);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'staff.create')
      .where('target_id', '=', body.staff.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).not.toContain('loket1');
  });

  it('refuses a taken e-mail, admin_nasional from an admin Pemda, grants outside the home region, bad shapes', async () => {
    const base = { name: 'Seseorang', regionCode: '35.10' };
    const taken = await call('POST', '/admin/staff', 'pemda@banyuwangi', {
      ...base,
      email: 'pemda@jember.test',
      grants: [{ role: 'petugas_loket', regionCode: '35.10' }],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('STAFF_EMAIL_TAKEN');
    const escalate = await call('POST', '/admin/staff', 'pemda@banyuwangi', {
      ...base,
      email: 'a1@x.test',
      grants: [{ role: 'admin_nasional', regionCode: null }],
    });
    expect(escalate.statusCode).toBe(403);
    const wide = await call('POST', '/admin/staff', 'pemda@banyuwangi', {
      ...base,
      email: 'a2@x.test',
      grants: [{ role: 'supervisor', regionCode: '35' }],
    });
    expect(wide.json().error.code).toBe('INVALID_GRANT');
    const instansi = await call('POST', '/admin/staff', 'pemda@banyuwangi', {
      ...base,
      email: 'a3@x.test',
      grants: [{ role: 'admin_instansi', regionCode: '35.10' }],
    });
    expect(instansi.json().error.code).toBe('INVALID_GRANT');
    const foreignAgency = await call('POST', '/admin/staff', 'pemda@banyuwangi', {
      ...base,
      email: 'a4@x.test',
      grants: [{ role: 'admin_instansi', regionCode: '35.10', agencyId: ids.jemberAgency }],
    });
    expect(foreignAgency.json().error.code).toBe('AGENCY_NOT_FOUND');
    const shortPassword = await call('POST', '/admin/staff', 'pemda@banyuwangi', {
      ...base,
      email: 'a5@x.test',
      password: 'pendek',
      grants: [{ role: 'petugas_loket', regionCode: '35.10' }],
    });
    expect(shortPassword.statusCode).toBe(400);
    const noGrants = await call('POST', '/admin/staff', 'pemda@banyuwangi', { ...base, email: 'a6@x.test', grants: [] });
    expect(noGrants.statusCode).toBe(400);
  });
});
