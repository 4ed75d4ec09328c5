import { BANYUWANGI_AGENCIES, BANYUWANGI_CODE } from '@layan/domain';
import type { Kysely } from 'kysely';
import { AUTH_DEFAULTS } from '../../modules/identity/identity.config.ts';
import { createStaff } from '../../modules/identity/identity.staff.service.ts';
import type { Grant } from '../../modules/identity/identity.authorize.ts';
import type { DB, OpeningHours } from '../schema.ts';
import { NATIONAL, withScope } from '../scope.ts';

/**
 * Demo structure and staff of Kabupaten Banyuwangi (35.10): agencies, the MPP, two kantor desa,
 * counters, and one account per demo role. Demo passwords are public (docs/DEMO.md): demo only.
 * Idempotent: each record is added only when its slug / e-mail is absent.
 */
const TENANT = BANYUWANGI_CODE;
export const DEMO_PASSWORD = 'demo-layan-banyuwangi';

const WEEKDAYS: OpeningHours[] = [1, 2, 3, 4].map((day) => ({ day, opens: '08:00', closes: '15:00' }));
const HOURS: OpeningHours[] = [...WEEKDAYS, { day: 5, opens: '08:00', closes: '11:00' }];

// The demo catalog's agencies (domain/src/catalog/data/banyuwangi-agencies.ts), so the structure
// and the catalog name the same instansi by the same slugs.
const AGENCIES = BANYUWANGI_AGENCIES.map((a) => ({ slug: a.slug, name: a.name, short_name: a.shortName, kind: a.kind }));

// Addresses are placeholders for the demo, not verified street addresses.
const LOCATIONS = [
  {
    slug: 'mpp-banyuwangi',
    name: 'Mal Pelayanan Publik Kabupaten Banyuwangi',
    kind: 'mpp',
    region_code: '35.10.16',
    address: 'Kecamatan Banyuwangi, Kabupaten Banyuwangi (alamat demo)',
  },
  {
    slug: 'kantor-desa-kemiren',
    name: 'Kantor Desa Kemiren',
    kind: 'kantor_desa',
    region_code: '35.10.15.2004',
    address: 'Desa Kemiren, Kecamatan Glagah (alamat demo)',
  },
  {
    slug: 'kantor-desa-licin',
    name: 'Kantor Desa Licin',
    kind: 'kantor_desa',
    region_code: '35.10.24.2003',
    address: 'Desa Licin, Kecamatan Licin (alamat demo)',
  },
] as const;

const COUNTERS = [
  { location: 'mpp-banyuwangi', agency: 'disdukcapil', code: 'A1', name: 'Loket Disdukcapil 1' },
  { location: 'mpp-banyuwangi', agency: 'disdukcapil', code: 'A2', name: 'Loket Disdukcapil 2' },
  { location: 'mpp-banyuwangi', agency: 'dpmptsp', code: 'B1', name: 'Loket Perizinan' },
  { location: 'mpp-banyuwangi', agency: 'polresta', code: 'C1', name: 'Loket SKCK' },
  { location: 'mpp-banyuwangi', agency: 'imigrasi', code: 'D1', name: 'Loket Paspor' },
  { location: 'mpp-banyuwangi', agency: 'bpjs-kesehatan', code: 'E1', name: 'Loket BPJS Kesehatan' },
  { location: 'mpp-banyuwangi', agency: 'bpjs-ketenagakerjaan', code: 'E2', name: 'Loket BPJS Ketenagakerjaan' },
  { location: 'mpp-banyuwangi', agency: 'samsat', code: 'F1', name: 'Loket Samsat' },
  { location: 'mpp-banyuwangi', agency: 'kemenag', code: 'G1', name: 'Loket Kemenag' },
  { location: 'mpp-banyuwangi', agency: 'bpn', code: 'H1', name: 'Loket Pertanahan' },
  { location: 'mpp-banyuwangi', agency: 'disnaker', code: 'I1', name: 'Loket Disnaker' },
  { location: 'mpp-banyuwangi', agency: 'dinkes', code: 'J1', name: 'Loket Dinas Kesehatan' },
  { location: 'kantor-desa-kemiren', agency: null, code: 'U1', name: 'Meja Pelayanan Desa Kemiren' },
  { location: 'kantor-desa-licin', agency: null, code: 'U1', name: 'Meja Pelayanan Desa Licin' },
] as const;

interface DemoStaff {
  email: string;
  name: string;
  regionCode: string;
  grants: (ids: { mpp: string }) => Grant[];
}

const STAFF: DemoStaff[] = [
  {
    email: 'admin.pemda@banyuwangi.demo.layan.id',
    name: 'Admin Pemda Banyuwangi (demo)',
    regionCode: TENANT,
    grants: () => [{ role: 'admin_pemda', regionCode: TENANT }],
  },
  {
    email: 'loket.mpp@banyuwangi.demo.layan.id',
    name: 'Petugas Loket MPP (demo)',
    regionCode: TENANT,
    grants: ({ mpp }) => [{ role: 'petugas_loket', regionCode: TENANT, locationId: mpp }],
  },
  {
    email: 'operator.kemiren@banyuwangi.demo.layan.id',
    name: 'Operator Desa Kemiren (demo)',
    regionCode: '35.10.15.2004',
    grants: () => [{ role: 'operator_desa', regionCode: '35.10.15.2004' }],
  },
];

/** Adds what is missing of the demo structure and staff; returns what it created. */
export async function seedDemoStructure(db: Kysely<DB>): Promise<string[]> {
  const created: string[] = [];
  const ids = await withScope(db, { regions: [TENANT] }, async (trx) => {
    const agencies = new Map(
      (await trx.selectFrom('agency').select(['slug', 'id']).where('tenant_code', '=', TENANT).execute()).map((a) => [
        a.slug,
        a.id,
      ]),
    );
    for (const agency of AGENCIES) {
      if (agencies.has(agency.slug)) continue;
      const row = await trx
        .insertInto('agency')
        .values({ tenant_code: TENANT, ...agency })
        .returning('id')
        .executeTakeFirstOrThrow();
      agencies.set(agency.slug, row.id);
      created.push(`agency ${agency.slug}`);
    }
    const locations = new Map(
      (await trx.selectFrom('location').select(['slug', 'id']).where('tenant_code', '=', TENANT).execute()).map((l) => [
        l.slug,
        l.id,
      ]),
    );
    for (const location of LOCATIONS) {
      if (locations.has(location.slug)) continue;
      const row = await trx
        .insertInto('location')
        .values({ tenant_code: TENANT, ...location, opening_hours: JSON.stringify(HOURS) })
        .returning('id')
        .executeTakeFirstOrThrow();
      locations.set(location.slug, row.id);
      created.push(`location ${location.slug}`);
    }
    for (const counter of COUNTERS) {
      const locationId = locations.get(counter.location)!;
      const result = await trx
        .insertInto('counter')
        .values({
          tenant_code: TENANT,
          location_id: locationId,
          agency_id: counter.agency ? agencies.get(counter.agency)! : null,
          code: counter.code,
          name: counter.name,
        })
        .onConflict((oc) => oc.columns(['tenant_code', 'location_id', 'code']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) created.push(`counter ${counter.location}/${counter.code}`);
    }
    return { mpp: locations.get('mpp-banyuwangi')! };
  });
  const existing = new Set(
    (
      await withScope(db, NATIONAL, (trx) =>
        trx
          .selectFrom('staff_account')
          .select('email')
          .where(
            'email',
            'in',
            STAFF.map((s) => s.email),
          )
          .execute(),
      )
    ).map((r) => r.email),
  );
  for (const staff of STAFF) {
    if (existing.has(staff.email)) continue;
    await createStaff({
      db,
      config: AUTH_DEFAULTS,
      principal: null,
      input: {
        email: staff.email,
        name: staff.name,
        regionCode: staff.regionCode,
        password: DEMO_PASSWORD,
        grants: staff.grants(ids),
      },
      context: { ip: '127.0.0.1', requestId: 'seed-demo' },
    });
    created.push(`staff ${staff.email} (kata sandi/password: ${DEMO_PASSWORD})`);
  }
  return created;
}
