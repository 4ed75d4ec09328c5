import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { CSRF_HEADER } from './identity.plugin.ts';
import { createAuthTestApp, makeAgency, makeStaff, makeTenants, signIn, type AuthTestApp } from './identity.testing.ts';

// Granting and revoking roles on existing accounts (docs/ACCESS.md, "Staff administration").

let t: AuthTestApp;
let adminA: string;
let adminB: string;
let loketA: string;
let nasional: string;
let targetA: string;
let targetB: string;
let agencyA: string;
let agencyB: string;

function call(method: 'GET' | 'POST' | 'DELETE', url: string, cookie?: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { [CSRF_HEADER]: '1', ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function audits(action: string) {
  return t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}

beforeAll(async () => {
  t = await createAuthTestApp({ authRoutePerIpMax: 100_000, signInPerIpMax: 1000 });
  await makeTenants(t.deps, [
    { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Pemerintah Kabupaten Jember' },
  ]);
  agencyA = await makeAgency(t.deps, '35.10', 'dukcapil');
  agencyB = await makeAgency(t.deps, '35.09', 'dukcapil');
  const make = async (email: string, regionCode: string | null, role: Parameters<typeof makeStaff>[1]['grants'][0]['role']) => {
    const id = await makeStaff(t.deps, { email, regionCode, grants: [{ role, regionCode }] });
    return { id, cookie: await signIn(t.app, email) };
  };
  adminA = (await make('admin-a@grant.test', '35.10', 'admin_pemda')).cookie;
  adminB = (await make('admin-b@grant.test', '35.09', 'admin_pemda')).cookie;
  loketA = (await make('loket-a@grant.test', '35.10', 'petugas_loket')).cookie;
  nasional = (await make('nasional@grant.test', null, 'admin_nasional')).cookie;
  targetA = await makeStaff(t.deps, {
    email: 'target-a@grant.test',
    regionCode: '35.10',
    grants: [{ role: 'pemantau', regionCode: '35.10' }],
  });
  targetB = await makeStaff(t.deps, {
    email: 'target-b@grant.test',
    regionCode: '35.09',
    grants: [{ role: 'pemantau', regionCode: '35.09' }],
  });
});
afterAll(() => t.close());

describe(`granting and revoking roles (${testDatabaseKind})`, () => {
  it('lets an admin Pemda grant a role in their kabupaten, audited, effective at once; and revoke it', async () => {
    const targetCookie = await signIn(t.app, 'target-a@grant.test');
    const granted = await call('POST', `/admin/staff/${targetA}/grants`, adminA, {
      role: 'admin_instansi',
      regionCode: '35.10',
      agencyId: agencyA,
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const grant = granted.json().grants.find((g: { role: string }) => g.role === 'admin_instansi');
    expect(grant).toMatchObject({ id: expect.any(String), regionCode: '35.10', agencyId: agencyA });
    expect((await audits('staff.grant')).at(-1)).toMatchObject({
      actor_role: 'admin_pemda',
      target_id: targetA,
      tenant_code: '35.10',
      detail: { role: 'admin_instansi', regionCode: '35.10', agencyId: agencyA, locationId: null },
    });
    const session = await call('GET', '/auth/session', targetCookie);
    expect(
      session
        .json()
        .grants.map((g: { role: string }) => g.role)
        .sort(),
    ).toEqual(['admin_instansi', 'pemantau']);

    // The same grant again changes nothing (no second row, no audit entry).
    const count = (await audits('staff.grant')).length;
    const again = await call('POST', `/admin/staff/${targetA}/grants`, adminA, {
      role: 'admin_instansi',
      regionCode: '35.10',
      agencyId: agencyA,
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().grants).toHaveLength(2);
    expect(await audits('staff.grant')).toHaveLength(count);

    const revoked = await call('DELETE', `/admin/staff/${targetA}/grants/${grant.id}`, adminA);
    expect(revoked.statusCode, revoked.body).toBe(204);
    expect((await audits('staff.revoke')).at(-1)).toMatchObject({
      actor_role: 'admin_pemda',
      target_id: targetA,
      detail: { grantId: grant.id, role: 'admin_instansi' },
    });
    const after = await call('GET', '/auth/session', targetCookie);
    expect(after.json().grants.map((g: { role: string }) => g.role)).toEqual(['pemantau']);
    const twice = await call('DELETE', `/admin/staff/${targetA}/grants/${grant.id}`, adminA);
    expect(twice.statusCode).toBe(404);
    expect(twice.json().error.code).toBe('GRANT_NOT_FOUND');
  });

  it('hides another kabupaten’s accounts (404) and refuses grants outside the account’s region (400)', async () => {
    const other = await call('POST', `/admin/staff/${targetB}/grants`, adminA, { role: 'petugas_loket', regionCode: '35.09' });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('STAFF_NOT_FOUND');
    const list = await call('GET', '/admin/staff?region=35.10', adminB);
    expect(list.statusCode).toBe(403);
    const outside = await call('POST', `/admin/staff/${targetA}/grants`, adminA, { role: 'petugas_loket', regionCode: '35.09' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('INVALID_GRANT');
    const foreignAgency = await call('POST', `/admin/staff/${targetA}/grants`, adminA, {
      role: 'admin_instansi',
      regionCode: '35.10',
      agencyId: agencyB,
    });
    expect(foreignAgency.statusCode).toBe(404);
    expect(foreignAgency.json().error.code).toBe('AGENCY_NOT_FOUND');
    const noAgency = await call('POST', `/admin/staff/${targetA}/grants`, adminA, {
      role: 'admin_instansi',
      regionCode: '35.10',
    });
    expect(noAgency.json().error.code).toBe('INVALID_GRANT');
    const unknownRegion = await call('POST', `/admin/staff/${targetA}/grants`, adminA, {
      role: 'operator_desa',
      regionCode: '35.10.99.9999',
    });
    expect(unknownRegion.statusCode).toBe(404);
    expect(unknownRegion.json().error.code).toBe('REGION_NOT_FOUND');
    const revokeOther = await call('DELETE', `/admin/staff/${targetB}/grants/${randomUUID()}`, adminA);
    expect(revokeOther.json().error.code).toBe('STAFF_NOT_FOUND');
    const unknown = await call('POST', `/admin/staff/${randomUUID()}/grants`, adminA, { role: 'pemantau', regionCode: '35.10' });
    expect(unknown.json().error.code).toBe('STAFF_NOT_FOUND');
  });

  it('keeps admin_nasional to admin nasional, and the rest to admins', async () => {
    const national = await call('POST', `/admin/staff/${targetA}/grants`, adminA, { role: 'admin_nasional', regionCode: null });
    expect(national.statusCode).toBe(403);
    const loket = await call('POST', `/admin/staff/${targetA}/grants`, loketA, { role: 'pemantau', regionCode: '35.10' });
    expect(loket.statusCode).toBe(403);
    expect(loket.json().error.code).toBe('FORBIDDEN');
    const anonymous = await call('POST', `/admin/staff/${targetA}/grants`, undefined, { role: 'pemantau', regionCode: '35.10' });
    expect(anonymous.statusCode).toBe(401);
    const bad = await call('POST', `/admin/staff/${targetA}/grants`, adminA, { role: 'kepala', regionCode: '35.10' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    // Admin nasional reaches both kabupaten.
    const fromNational = await call('POST', `/admin/staff/${targetB}/grants`, nasional, {
      role: 'petugas_loket',
      regionCode: '35.09',
    });
    expect(fromNational.statusCode).toBe(201);
  });
});
