import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { withScope } from '../../db/scope.ts';
import { seedDemo } from '../../db/seeds/demo.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { createAuthTestApp, makeStaff, makeTenants, signIn, type AuthTestApp } from '../identity/identity.testing.ts';
import { recordServiceUseInTx } from './catalog.usage.repo.ts';

let t: AuthTestApp;
const cookies: Record<string, string> = {};
let aktaId = '';
let pasporId = '';

beforeAll(async () => {
  t = await createAuthTestApp();
  await seedDemo(t.deps.database.db);
  await makeTenants(t.deps, [{ code: '35.09', name: 'Pemerintah Kabupaten Jember' }]);
  const agencies = await withScope(t.deps.database.db, { regions: [] }, (trx) =>
    trx.selectFrom('agency').select(['slug', 'id']).where('tenant_code', '=', '35.10').execute(),
  );
  const dukcapil = agencies.find((a) => a.slug === 'disdukcapil')!.id;
  const staff = [
    {
      email: 'pemda@banyuwangi.test',
      name: 'Ratna Admin Pemda',
      grants: [{ role: 'admin_pemda' as const, regionCode: '35.10' }],
    },
    { email: 'pemda@jember.test', regionCode: '35.09', grants: [{ role: 'admin_pemda' as const, regionCode: '35.09' }] },
    { email: 'dukcapil@banyuwangi.test', grants: [{ role: 'admin_instansi' as const, regionCode: '35.10', agencyId: dukcapil }] },
    { email: 'loket@banyuwangi.test', grants: [{ role: 'petugas_loket' as const, regionCode: '35.10' }] },
  ];
  for (const s of staff) {
    await makeStaff(t.deps, { regionCode: '35.10', ...s });
    cookies[s.email] = await signIn(t.app, s.email);
  }
  aktaId = (await call('GET', '/services/akta-kelahiran?region=35.10')).json().id;
  pasporId = (await call('GET', '/services/paspor-baru?region=35.10')).json().id;
});
afterAll(() => t?.close());

function call(method: 'GET' | 'POST' | 'PATCH', url: string, who?: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who ? { cookie: cookies[who]!, [CSRF_HEADER]: '1' } : {}) },
    ...(payload ? { payload } : {}),
  });
}

const PEMDA = 'pemda@banyuwangi.test';

describe(`most-used services (${testDatabaseKind})`, () => {
  it('ranks the demo history, says it is demo data, and counts a new use at once', async () => {
    const response = await call('GET', '/services/popular?region=35.10&limit=5');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.demo).toBe(true);
    expect(body.items.map((i: { slug: string }) => i.slug)).toEqual([
      'ktp-el-baru',
      'kk-perubahan',
      'akta-kelahiran',
      'skck-baru',
      'sim-c-perpanjangan',
    ]);
    expect(body.items[0].uses).toBeGreaterThan(body.items[1].uses);
    expect(body.items[0]).toMatchObject({ agency: { slug: 'disdukcapil' }, fee: { text: 'Gratis' } });
    expect(body.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Today has no demo counts: one ticket today is the only use of the last day.
    await withScope(t.deps.database.db, { regions: [] }, (trx) =>
      recordServiceUseInTx(trx, { tenantCode: '35.10', serviceId: pasporId, kind: 'ticket' }),
    );
    await withScope(t.deps.database.db, { regions: [] }, (trx) =>
      recordServiceUseInTx(trx, { tenantCode: '35.10', serviceId: pasporId, kind: 'ticket' }),
    );
    const today = (await call('GET', '/services/popular?region=35.10.15.2004&days=1')).json();
    expect(today.items.map((i: { slug: string; uses: number }) => [i.slug, i.uses])).toEqual([['paspor-baru', 2]]);
    expect(today.demo).toBe(false);

    // Concurrent uses, on as many connections as the pool gives, land in several stripes and all count.
    await Promise.all(
      Array.from({ length: 12 }, () =>
        withScope(t.deps.database.db, { regions: [] }, (trx) =>
          recordServiceUseInTx(trx, { tenantCode: '35.10', serviceId: pasporId, kind: 'application' }),
        ),
      ),
    );
    const after = (await call('GET', '/services/popular?region=35.10&days=1')).json();
    expect(after.items.map((i: { slug: string; uses: number }) => [i.slug, i.uses])).toEqual([['paspor-baru', 14]]);
  });

  it('answers an empty ranking for a region without use, and 400 for a bad query', async () => {
    const jember = await call('GET', '/services/popular?region=35.09');
    expect(jember.statusCode).toBe(200);
    expect(jember.json()).toMatchObject({ items: [], demo: false });
    for (const url of ['/services/popular', '/services/popular?region=35.10&days=0', '/services/popular?region=x']) {
      const response = await call('GET', url);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses a count for a service that does not exist', async () => {
    await expect(
      withScope(t.deps.database.db, { regions: [] }, (trx) =>
        recordServiceUseInTx(trx, {
          tenantCode: '35.10',
          serviceId: '00000000-0000-4000-8000-000000000000',
          kind: 'application',
        }),
      ),
    ).rejects.toThrow(/foreign key/);
  });
});

describe(`the public form (${testDatabaseKind})`, () => {
  it('answers the form definition of the published version', async () => {
    const response = await call('GET', '/services/akta-kelahiran/form?region=35.10');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ slug: 'akta-kelahiran', version: 1, form: { id: 'akta-kelahiran', serviceVersion: 1 } });
    expect(body.form.fields.length).toBeGreaterThan(5);
    const none = (await call('GET', '/services/nikah-kua/form?region=35.10')).json();
    expect(none.form === null || typeof none.form === 'object').toBe(true);
  });

  it('answers 404 for an unknown service and another kabupaten', async () => {
    for (const url of ['/services/tidak-ada/form?region=35.10', '/services/akta-kelahiran/form?region=35.09']) {
      const response = await call('GET', url);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('SERVICE_NOT_FOUND');
    }
  });
});

describe(`admin service list and detail (${testDatabaseKind})`, () => {
  it('lists every service of the tenant for the admin Pemda, only its agency’s for the admin instansi', async () => {
    const pemda = await call('GET', '/admin/services', PEMDA);
    expect(pemda.statusCode).toBe(200);
    expect(pemda.json().items).toHaveLength(41);
    expect(pemda.json().items[0]).toMatchObject({ tenantCode: '35.10', currentVersion: 1, latestStatus: 'published' });
    const dukcapil = (await call('GET', '/admin/services', 'dukcapil@banyuwangi.test')).json().items;
    expect(dukcapil).toHaveLength(13);
    expect(new Set(dukcapil.map((s: { agency: { slug: string } }) => s.agency.slug))).toEqual(new Set(['disdukcapil']));
    expect((await call('GET', '/admin/services?tenant=35.10', 'pemda@jember.test')).statusCode).toBe(403);
    expect((await call('GET', '/admin/services', 'pemda@jember.test')).json().items).toEqual([]);
  });

  it('refuses the anonymous (401) and a counter clerk (403)', async () => {
    expect((await call('GET', '/admin/services')).statusCode).toBe(401);
    expect((await call('GET', '/admin/services', 'loket@banyuwangi.test')).statusCode).toBe(403);
    expect((await call('GET', `/admin/tenants/35.10/services/${aktaId}`)).statusCode).toBe(401);
    expect((await call('GET', `/admin/tenants/35.10/services/${aktaId}`, 'loket@banyuwangi.test')).statusCode).toBe(403);
    expect((await call('GET', `/admin/tenants/35.10/services/${aktaId}`, 'pemda@jember.test')).statusCode).toBe(403);
    expect((await call('GET', `/admin/tenants/35.10/services/${pasporId}`, 'dukcapil@banyuwangi.test')).statusCode).toBe(403);
  });

  it('answers a service by slug or id with every version; 404 for an unknown one', async () => {
    const bySlug = await call('GET', '/admin/tenants/35.10/services/akta-kelahiran', PEMDA);
    expect(bySlug.statusCode).toBe(200);
    const body = bySlug.json();
    expect(body.service).toMatchObject({ id: aktaId, slug: 'akta-kelahiran', currentVersion: 1 });
    expect(body.versions[0]).toMatchObject({ version: 1, status: 'published', changed: [], formChanged: false });
    expect(body.versions[0].standard.fee.basis).toMatch(/\S/);
    expect(body.versions[0].formDefinition.id).toBe('akta-kelahiran');
    expect((await call('GET', `/admin/tenants/35.10/services/${aktaId}`, PEMDA)).json().service.slug).toBe('akta-kelahiran');
    const missing = await call('GET', '/admin/tenants/35.10/services/tidak-ada', PEMDA);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('SERVICE_NOT_FOUND');
  });
});

describe(`editing a draft (${testDatabaseKind})`, () => {
  const base = () => `/admin/tenants/35.10/services/${aktaId}/versions`;
  let draft = 0;

  it('changes a requirement, the fee and the form of a draft; the detail shows what changed', async () => {
    const created = await call('POST', base(), PEMDA, { changeNote: 'Draf awal', changes: {} });
    expect(created.statusCode).toBe(201);
    draft = created.json().version;
    const detail = (await call('GET', '/admin/tenants/35.10/services/akta-kelahiran', PEMDA)).json();
    const current = detail.versions.find((v: { status: string }) => v.status === 'published');
    const requirements = [...current.standard.requirements];
    requirements[0] = { ...requirements[0], count: 2, conditions: { id: 'bila ada' } };
    const form = {
      ...current.formDefinition,
      fields: [
        ...current.formDefinition.fields,
        { key: 'catatan', type: 'textarea', label: { id: 'Catatan', en: 'Note' }, maxLength: 500 },
      ],
    };
    const patched = await call('PATCH', `${base()}/${draft}`, PEMDA, {
      changeNote: 'Persyaratan dan biaya cetak ulang',
      changes: { requirements, fee: { kind: 'tarif', amount: 5000, basis: 'Perda Banyuwangi 1/2026 (uji)' } },
      formDefinition: form,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ version: draft, status: 'draft', changeNote: 'Persyaratan dan biaya cetak ulang' });
    expect(patched.json().fee.text).toBe('Rp5.000');

    const after = (await call('GET', '/admin/tenants/35.10/services/akta-kelahiran', PEMDA)).json();
    expect(after.service).toMatchObject({ latestVersion: draft, latestStatus: 'draft', currentVersion: 1 });
    expect(after.versions[0]).toMatchObject({ version: draft, changed: ['requirements', 'fee'], formChanged: true });
    expect(after.versions[0].formDefinition.serviceVersion).toBe(draft);
    // The public still sees version 1.
    expect((await call('GET', '/services/akta-kelahiran?region=35.10')).json().fee.text).toBe('Gratis');

    const published = await call('POST', `${base()}/${draft}/publish`, PEMDA);
    expect(published.statusCode).toBe(200);
    const history = (await call('GET', '/services/akta-kelahiran/versions?region=35.10')).json().items;
    expect(history[0]).toMatchObject({ version: draft, changed: ['requirements', 'fee'] });
    expect(history[1]).toMatchObject({ version: 1, changed: [] });
    const form2 = (await call('GET', '/services/akta-kelahiran/form?region=35.10')).json();
    expect(form2.form.fields.at(-1).key).toBe('catatan');

    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', aktaId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['service_version.create', 'service_version.update', 'service_version.publish']);
  });

  it('rejects a fee without a basis and a form naming a missing field, leaving the draft as it was', async () => {
    const created = await call('POST', base(), PEMDA, { changeNote: 'Draf kedua', changes: {} });
    const version = created.json().version as number;
    const noBasis = await call('PATCH', `${base()}/${version}`, PEMDA, {
      changes: { fee: { kind: 'tarif', amount: 1000 }, serviceTime: { amount: 3 } },
    });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().error.code).toBe('CATALOG_STANDARD_INVALID');
    expect(noBasis.json().error.details.map((d: { path: string }) => d.path)).toEqual(['serviceTime.unit', 'fee.basis']);
    const badForm = await call('PATCH', `${base()}/${version}`, PEMDA, {
      formDefinition: {
        id: 'akta-kelahiran',
        version: 3,
        title: { id: 'Formulir' },
        fields: [{ key: 'nama', type: 'text', label: { id: 'Nama' }, visibleWhen: { field: 'hilang', notEmpty: true } }],
      },
    });
    expect(badForm.statusCode).toBe(400);
    expect(badForm.json().error.code).toBe('CATALOG_FORM_INVALID');
    expect(badForm.json().error.details[0].path).toBe('nama.visibleWhen.field');
    const english = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1${base()}/${version}`,
      headers: { cookie: cookies[PEMDA]!, [CSRF_HEADER]: '1', 'accept-language': 'en' },
      payload: { changes: { fee: { kind: 'gratis' } } },
    });
    expect(english.json().error.details[0].messageEn).toMatch(/legal basis/);
    const row = (await call('GET', '/admin/tenants/35.10/services/akta-kelahiran', PEMDA))
      .json()
      .versions.find((v: { version: number }) => v.version === version);
    expect(row).toMatchObject({ changeNote: 'Draf kedua', changed: [], formChanged: false });
  });

  it('answers 409 for a published version, 404 for a missing one, 401/403 for others', async () => {
    const body = { changeNote: 'x' };
    const notDraft = await call('PATCH', `${base()}/1`, PEMDA, body);
    expect(notDraft.statusCode).toBe(409);
    expect(notDraft.json().error.code).toBe('SERVICE_VERSION_NOT_DRAFT');
    expect((await call('PATCH', `${base()}/999`, PEMDA, body)).json().error.code).toBe('SERVICE_VERSION_NOT_FOUND');
    expect((await call('PATCH', `${base()}/${draft}`, undefined, body)).statusCode).toBe(401);
    expect((await call('PATCH', `${base()}/${draft}`, 'pemda@jember.test', body)).statusCode).toBe(403);
    expect((await call('PATCH', `${base()}/${draft}`, 'loket@banyuwangi.test', body)).statusCode).toBe(403);
    expect((await call('PATCH', `${base()}/${draft}`, PEMDA, { changes: { nope: 1 } })).statusCode).toBe(400);
  });
});
