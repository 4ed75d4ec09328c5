import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { withScope } from '../../db/scope.ts';
import { SEED_APPROVER } from '../../db/seeds/demo-catalog.ts';
import { seedDemo } from '../../db/seeds/demo.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { createAuthTestApp, makeStaff, makeTenants, signIn, type AuthTestApp } from '../identity/identity.testing.ts';

let t: AuthTestApp;
const cookies: Record<string, string> = {};
let aktaId = '';
let paspor = { id: '', agencyId: '' };

beforeAll(async () => {
  t = await createAuthTestApp();
  await seedDemo(t.deps.database.db);
  await makeTenants(t.deps, [{ code: '35.09', name: 'Pemerintah Kabupaten Jember' }]);
  const agencies = await withScope(t.deps.database.db, { regions: [] }, (trx) =>
    trx.selectFrom('agency').select(['slug', 'id']).where('tenant_code', '=', '35.10').execute(),
  );
  const agency = (slug: string) => agencies.find((a) => a.slug === slug)!.id;
  await makeStaff(t.deps, {
    email: 'pemda@banyuwangi.test',
    name: 'Ratna Admin Pemda',
    regionCode: '35.10',
    grants: [{ role: 'admin_pemda', regionCode: '35.10' }],
  });
  await makeStaff(t.deps, {
    email: 'pemda@jember.test',
    regionCode: '35.09',
    grants: [{ role: 'admin_pemda', regionCode: '35.09' }],
  });
  await makeStaff(t.deps, {
    email: 'dukcapil@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'admin_instansi', regionCode: '35.10', agencyId: agency('disdukcapil') }],
  });
  await makeStaff(t.deps, {
    email: 'loket@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'petugas_loket', regionCode: '35.10' }],
  });
  for (const email of ['pemda@banyuwangi.test', 'pemda@jember.test', 'dukcapil@banyuwangi.test', 'loket@banyuwangi.test'])
    cookies[email.split('@')[0]! + '@' + email.split('@')[1]!.split('.')[0]!] = await signIn(t.app, email);
  const akta = await call('GET', '/services/akta-kelahiran?region=35.10');
  aktaId = akta.json().id;
  const found = (await call('GET', '/services?region=35.10&q=paspor')).json().items[0];
  paspor = { id: found.id, agencyId: found.agency.id };
});
afterAll(() => t?.close());

function call(method: 'GET' | 'POST', url: string, who?: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who ? { cookie: cookies[who]!, [CSRF_HEADER]: '1' } : {}) },
    ...(payload ? { payload } : {}),
  });
}

describe(`catalog search and standards (${testDatabaseKind})`, () => {
  it('lists the demo catalog: 41 services of 11 agencies, by agency', async () => {
    const response = await call('GET', '/services?region=35.10&limit=500');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ agency: { slug: string } }>;
    expect(items.length).toBe(41);
    expect(new Set(items.map((i) => i.agency.slug)).size).toBeGreaterThanOrEqual(10);
  });

  it.each([
    ['bikin ktp', /^ktp-el/],
    ['akta lahir anak', /^akta-kelahiran$/],
    ['akta lahir', /^akta-kelahiran$/],
    ['perpanjang sim', /sim/],
    ['izin usaha', /nib/],
  ])('finds "%s" first', async (q, slug) => {
    const response = await call('GET', `/services?region=35.10&q=${encodeURIComponent(q)}&limit=5`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ slug: string; score: number }>;
    expect(items[0]?.slug).toMatch(slug);
    expect(items[0]!.score).toBeGreaterThan(0);
  });

  it('filters by channel and agency, and searches from a desa code below the tenant', async () => {
    const online = (await call('GET', '/services?region=35.10.15.2004&channel=online&limit=500')).json().items;
    expect(online.length).toBeGreaterThan(0);
    expect(online.every((s: { channels: string[] }) => s.channels.includes('online'))).toBe(true);
    const dukcapil = (await call('GET', '/services?region=35.10&agency=disdukcapil&limit=500')).json().items;
    expect(dukcapil.length).toBe(13);
    expect((await call('GET', '/services?region=35.09&q=ktp')).json().items).toEqual([]);
  });

  it('answers the full standard by slug and by id, the six published components marked', async () => {
    const bySlug = await call('GET', '/services/akta-kelahiran?region=35.10');
    expect(bySlug.statusCode).toBe(200);
    const body = bySlug.json();
    expect(body.name.id).toBe('Penerbitan Akta Kelahiran');
    expect(body.fee.text).toBe('Gratis');
    expect(body.standard.fee.basis).toMatch(/\S/);
    expect(body.standard.requirements.length).toBeGreaterThan(0);
    expect(body.components).toHaveLength(14);
    expect(body.components.filter((c: { published: boolean }) => c.published).map((c: { key: string }) => c.key)).toEqual([
      'requirements',
      'procedure',
      'serviceTime',
      'fee',
      'product',
      'complaints',
    ]);
    expect(body.approval.approvedByName).toBe(SEED_APPROVER);
    expect(body.version).toBe(1);
    const byId = await call('GET', `/services/${aktaId}?region=35.10`);
    expect(byId.json().slug).toBe('akta-kelahiran');
  });

  it('answers 404 SERVICE_NOT_FOUND for an unknown service or another kabupaten', async () => {
    for (const url of ['/services/tidak-ada?region=35.10', '/services/akta-kelahiran?region=35.09']) {
      const response = await call('GET', url);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('SERVICE_NOT_FOUND');
    }
  });

  it('formats a fee as Rupiah', async () => {
    const items = (await call('GET', '/services?region=35.10&limit=500')).json().items as Array<{
      fee: { kind: string; text: string };
    }>;
    const paid = items.find((i) => i.fee.kind === 'tarif')!;
    expect(paid.fee.text).toMatch(/^Rp\d{1,3}(\.\d{3})*$/);
  });
});

describe(`catalog versions (${testDatabaseKind})`, () => {
  const draftUrl = () => `/admin/tenants/35.10/services/${aktaId}/versions`;

  it('rejects a fee without its legal basis, naming fee.basis', async () => {
    const response = await call('POST', draftUrl(), 'pemda@banyuwangi', {
      changeNote: 'uji',
      changes: { fee: { kind: 'tarif', amount: 10000 } },
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('CATALOG_STANDARD_INVALID');
    expect(error.message).toContain('fee.basis');
    expect(error.details.map((d: { path: string }) => d.path)).toContain('fee.basis');
  });

  it('rejects an SLA without a unit, naming serviceTime.unit', async () => {
    const response = await call('POST', draftUrl(), 'pemda@banyuwangi', {
      changeNote: 'uji',
      changes: { serviceTime: { amount: 3 } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toEqual(['serviceTime.unit']);
  });

  it('rejects a form definition whose condition names a missing field', async () => {
    const response = await call('POST', draftUrl(), 'pemda@banyuwangi', {
      changeNote: 'uji',
      changes: {},
      formDefinition: {
        id: 'akta-kelahiran',
        version: 2,
        title: { id: 'Formulir' },
        fields: [
          {
            key: 'nama',
            type: 'text',
            label: { id: 'Nama' },
            required: true,
            visibleWhen: { field: 'tidak_ada', equals: 'ya' },
          },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('CATALOG_FORM_INVALID');
    expect(JSON.stringify(response.json().error.details)).toContain('tidak_ada');
  });

  it('refuses the anonymous (401), another kabupaten’s admin (403), a counter clerk (403)', async () => {
    const body = { changeNote: 'uji', changes: {} };
    expect((await call('POST', draftUrl(), undefined, body)).statusCode).toBe(401);
    expect((await call('POST', draftUrl(), 'pemda@jember', body)).statusCode).toBe(403);
    expect((await call('POST', draftUrl(), 'loket@banyuwangi', body)).statusCode).toBe(403);
  });

  it('lets an admin instansi change only its own agency’s services', async () => {
    const body = { changeNote: 'uji instansi', changes: {} };
    expect(
      (await call('POST', `/admin/tenants/35.10/services/${paspor.id}/versions`, 'dukcapil@banyuwangi', body)).statusCode,
    ).toBe(403);
    const own = await call('POST', draftUrl(), 'dukcapil@banyuwangi', body);
    expect(own.statusCode).toBe(201);
    expect(own.json().status).toBe('draft');
  });

  it('publishes a new SLA at run time: the public answer changes in the same app, history lists both', async () => {
    const before = (await call('GET', '/services/akta-kelahiran?region=35.10')).json();
    // Search fills the per-process cache; the publish must invalidate it.
    await call('GET', '/services?region=35.10&q=akta%20lahir');
    const draft = await call('POST', draftUrl(), 'pemda@banyuwangi', {
      changeNote: 'SLA dipercepat menjadi 2 hari kerja',
      changes: { serviceTime: { amount: 2, unit: 'working_days' } },
    });
    expect(draft.statusCode).toBe(201);
    const version = draft.json().version as number;
    expect(version).toBeGreaterThan(1);
    // A draft is not public yet.
    expect((await call('GET', '/services/akta-kelahiran?region=35.10')).json().serviceTime.text).toBe(before.serviceTime.text);

    const published = await call('POST', `${draftUrl()}/${version}/publish`, 'pemda@banyuwangi');
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', approvedByName: 'Ratna Admin Pemda' });

    const after = (await call('GET', '/services/akta-kelahiran?region=35.10')).json();
    expect(after.serviceTime.text).toBe('2 hari kerja');
    expect(after.version).toBe(version);
    expect(after.approval.approvedByName).toBe('Ratna Admin Pemda');
    expect(after.standard.approval.approvedBy).toBe('Ratna Admin Pemda');
    const searched = (await call('GET', '/services?region=35.10&q=akta%20lahir')).json().items[0];
    expect(searched.serviceTime.text).toBe('2 hari kerja');

    const history = (await call('GET', '/services/akta-kelahiran/versions?region=35.10')).json().items;
    expect(history.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [version, 'published'],
      [1, 'superseded'],
    ]);
    expect(history[0].changeNote).toBe('SLA dipercepat menjadi 2 hari kerja');
    expect(history[1].approvedByName).toBe(SEED_APPROVER);

    const again = await call('POST', `${draftUrl()}/${version}/publish`, 'pemda@banyuwangi');
    expect(again.statusCode).toBe(409);
    expect((await call('POST', `${draftUrl()}/999/publish`, 'pemda@banyuwangi')).statusCode).toBe(404);

    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('target_id', '=', aktaId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['service_version.create', 'service_version.publish']));
  });

  it('seeding again changes nothing', async () => {
    const { created } = await seedDemo(t.deps.database.db);
    expect(created).toEqual([]);
  });
});
