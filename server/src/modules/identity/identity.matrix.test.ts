import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { withScope } from '../../db/scope.ts';
import { STAFF_ROLES, type StaffRole } from './identity.authorize.ts';
import { CSRF_HEADER } from './identity.plugin.ts';
import {
  createAuthTestApp,
  makeAgency,
  makeLocation,
  makeStaff,
  makeTenants,
  signIn,
  type AuthTestApp,
} from './identity.testing.ts';

// Every protected route × every role × {inside, outside} its scope. Each role is granted at
// Kabupaten Banyuwangi (35.10) — admin instansi narrowed to one agency, operator desa at a desa —
// except admin nasional (all of Indonesia). "Outside" targets Kabupaten Jember (35.09).

type Target = { tenant: string; agency: string; location: string; counter: string };
interface Route {
  name: string;
  /** Roles that may, inside their scope; null: any signed-in staff (own sessions), no scope. */
  allowed: StaffRole[] | null;
  ok: number;
  request: (target: Target, n: number) => { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object };
}

const WRITERS: StaffRole[] = ['admin_nasional', 'admin_pemda'];
const AGENCY_WRITERS: StaffRole[] = ['admin_nasional', 'admin_pemda', 'admin_instansi'];
const READERS: StaffRole[] = ['admin_nasional', 'admin_pemda', 'admin_instansi', 'supervisor', 'pemantau'];

const ROUTES: Route[] = [
  { name: 'GET /auth/session', allowed: null, ok: 200, request: () => ({ method: 'GET', url: '/auth/session' }) },
  { name: 'GET /auth/sessions', allowed: null, ok: 200, request: () => ({ method: 'GET', url: '/auth/sessions' }) },
  {
    name: 'GET /admin/staff',
    allowed: WRITERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/admin/staff?region=${t.tenant}` }),
  },
  {
    name: 'POST /admin/staff',
    allowed: WRITERS,
    ok: 201,
    request: (t, n) => ({
      method: 'POST',
      url: '/admin/staff',
      payload: {
        email: `m${n}@matrix.test`,
        name: 'Petugas Matriks',
        regionCode: t.tenant,
        grants: [{ role: 'petugas_loket', regionCode: t.tenant }],
      },
    }),
  },
  {
    name: 'POST /admin/tenants',
    allowed: ['admin_nasional'],
    ok: 201,
    request: (_t, n) => ({
      method: 'POST',
      url: '/admin/tenants',
      payload: { regionCode: `35.${20 + (n % 9)}`, name: 'Pemerintah Kabupaten' },
    }),
  },
  {
    name: 'GET agencies',
    allowed: READERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/admin/tenants/${t.tenant}/agencies` }),
  },
  {
    name: 'POST agencies',
    allowed: WRITERS,
    ok: 201,
    request: (t, n) => ({
      method: 'POST',
      url: `/admin/tenants/${t.tenant}/agencies`,
      payload: { slug: `instansi-${n}`, name: 'Instansi Matriks', kind: 'daerah' },
    }),
  },
  {
    name: 'PATCH agency',
    allowed: AGENCY_WRITERS,
    ok: 200,
    request: (t) => ({ method: 'PATCH', url: `/admin/tenants/${t.tenant}/agencies/${t.agency}`, payload: { active: true } }),
  },
  {
    name: 'GET locations',
    allowed: READERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/admin/tenants/${t.tenant}/locations` }),
  },
  {
    name: 'POST locations',
    allowed: WRITERS,
    ok: 201,
    request: (t, n) => ({
      method: 'POST',
      url: `/admin/tenants/${t.tenant}/locations`,
      payload: {
        slug: `lokasi-${n}`,
        name: 'Lokasi Matriks',
        kind: 'kantor_kecamatan',
        regionCode: t.tenant,
        address: 'Jl. Matriks',
      },
    }),
  },
  {
    name: 'PATCH location',
    allowed: WRITERS,
    ok: 200,
    request: (t) => ({ method: 'PATCH', url: `/admin/tenants/${t.tenant}/locations/${t.location}`, payload: { active: true } }),
  },
  {
    name: 'GET counters',
    allowed: READERS,
    ok: 200,
    request: (t) => ({ method: 'GET', url: `/admin/tenants/${t.tenant}/counters` }),
  },
  {
    name: 'POST counters',
    allowed: AGENCY_WRITERS,
    ok: 201,
    request: (t, n) => ({
      method: 'POST',
      url: `/admin/tenants/${t.tenant}/counters`,
      payload: { locationId: t.location, agencyId: t.agency, code: `M${n}`, name: 'Loket Matriks' },
    }),
  },
  {
    name: 'PATCH counter',
    allowed: AGENCY_WRITERS,
    ok: 200,
    request: (t) => ({ method: 'PATCH', url: `/admin/tenants/${t.tenant}/counters/${t.counter}`, payload: { active: true } }),
  },
];

let t: AuthTestApp;
const cookies = new Map<StaffRole, string>();
const targets: Record<'inside' | 'outside', Target> = {} as never;
let n = 0;

async function makeTarget(tenant: string): Promise<Target> {
  const agency = await makeAgency(t.deps, tenant, 'instansi-sasaran');
  const location = await makeLocation(t.deps, tenant, 'lokasi-sasaran');
  const counter = await withScope(t.deps.database.db, '*', (trx) =>
    trx
      .insertInto('counter')
      .values({ tenant_code: tenant, location_id: location, agency_id: agency, code: 'S1', name: 'Loket Sasaran' })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return { tenant, agency, location, counter: counter.id };
}

beforeAll(async () => {
  t = await createAuthTestApp({ authRoutePerIpMax: 100_000, signInPerIpMax: 1000 });
  await makeTenants(t.deps, [
    { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Pemerintah Kabupaten Jember' },
  ]);
  targets.inside = await makeTarget('35.10');
  targets.outside = await makeTarget('35.09');
  for (const role of STAFF_ROLES) {
    const national = role === 'admin_nasional';
    const regionCode = national ? null : role === 'operator_desa' ? '35.10.15.2004' : '35.10';
    const email = `${role.replace(/_/g, '-')}@matrix.test`;
    await makeStaff(t.deps, {
      email,
      regionCode: national ? null : '35.10',
      grants: [{ role, regionCode, ...(role === 'admin_instansi' ? { agencyId: targets.inside.agency } : {}) }],
    });
    cookies.set(role, await signIn(t.app, email));
  }
});
afterAll(() => t.close());

function expected(route: Route, role: StaffRole | 'anonymous', where: 'inside' | 'outside'): number {
  if (role === 'anonymous') return 401;
  if (route.allowed === null) return route.ok;
  if (!route.allowed.includes(role)) return 403;
  if (where === 'outside' && role !== 'admin_nasional') return 403;
  return route.ok;
}

const cases = ROUTES.flatMap((route) =>
  (['anonymous', ...STAFF_ROLES] as const).flatMap((role) =>
    (['inside', 'outside'] as const).map((where) => ({ route, role, where })),
  ),
);

describe(`authorization matrix (${testDatabaseKind}): ${ROUTES.length} routes × ${STAFF_ROLES.length + 1} callers × 2 scopes`, () => {
  it.each(cases.map((c) => [c.route.name, c.role, c.where, expected(c.route, c.role, c.where), c] as const))(
    '%s as %s, %s → %i',
    async (_name, role, where, status, c) => {
      const request = c.route.request(targets[where], ++n);
      const response = await t.app.inject({
        method: request.method,
        url: `/api/v1${request.url}`,
        headers: { [CSRF_HEADER]: '1', ...(role === 'anonymous' ? {} : { cookie: cookies.get(role)! }) },
        ...(request.payload ? { payload: request.payload } : {}),
      });
      expect(response.statusCode, response.body).toBe(status);
      if (status === 401) expect(response.json().error.code).toBe('AUTH_REQUIRED');
      if (status === 403) expect(response.json().error.code).toBe('FORBIDDEN');
    },
  );

  it('lists the routes the app registers', () => {
    const paths: Array<[string, string]> = [
      ['GET', '/auth/session'],
      ['GET', '/auth/sessions'],
      ['GET', '/admin/staff'],
      ['POST', '/admin/staff'],
      ['POST', '/admin/tenants'],
      ...(['agencies', 'locations', 'counters'] as const).flatMap((kind): Array<[string, string]> => [
        ['GET', `/admin/tenants/:tenant/${kind}`],
        ['POST', `/admin/tenants/:tenant/${kind}`],
        ['PATCH', `/admin/tenants/:tenant/${kind}/:id`],
      ]),
    ];
    expect(paths).toHaveLength(ROUTES.length);
    for (const [method, url] of paths) expect(t.app.hasRoute({ method, url: `/api/v1${url}` }), `${method} ${url}`).toBe(true);
  });
});
