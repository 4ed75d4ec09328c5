import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { StaffRole } from '../identity/identity.authorize.ts';
import { createAuthTestApp, makeStaff, makeTenants, signIn, type AuthTestApp } from '../identity/identity.testing.ts';
import { linkCitizenInTx, type CitizenLinkVia } from './citizen.link.repo.ts';
import { encryptNik, hashNik, resolveCitizenKeys } from './citizen.nik.ts';
import { insertCitizenInTx } from './citizen.repo.ts';
import { exportData } from './citizen.service.ts';

// Staff reads of a citizen (docs/CITIZENS.md, "Staff reads"): Kabupaten Banyuwangi (35.10) and
// Kabupaten Jember (35.09). A citizen is visible to a region's staff only through a citizen_link.

const NIK = {
  a: '3510014708900001', // linked to Banyuwangi at Desa Kemiren
  b: '3509010101800002', // linked to Jember only
  both: '3510015505850003', // linked to both
  online: '3510010202900004', // linked to Banyuwangi's own code (online contact)
  unknown: '3510016006950005', // no account
};

let t: AuthTestApp;
const ids: Record<keyof typeof NIK, string> = {} as never;
const cookies = new Map<string, string>();

async function makeCitizen(nik: string, name: string, links: Array<{ tenant: string; region: string; via: CitizenLinkVia }>) {
  const keys = resolveCitizenKeys(t.deps.env);
  const id = randomUUID();
  const nikHmac = hashNik(keys, nik);
  await withScope(t.deps.database.db, { regions: [], citizenId: id, authNikHash: nikHmac }, async (trx) => {
    await insertCitizenInTx(trx, {
      id,
      nik_hmac: nikHmac,
      nik_ciphertext: encryptNik(keys, nik, id),
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@warga.test`,
      phone: '+6281234567890',
    });
    for (const l of links) await linkCitizenInTx(trx, { tenantCode: l.tenant, citizenId: id, regionCode: l.region, via: l.via });
  });
  return id;
}

async function staff(key: string, role: StaffRole, region: string | null, home: string | null = region) {
  const email = `${key}@staf.test`;
  await makeStaff(t.deps, { email, regionCode: home, grants: [{ role, regionCode: region }] });
  cookies.set(key, await signIn(t.app, email));
}

function get(url: string, who?: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1${url}`,
    headers: { 'x-request-id': `req-${randomUUID()}`, ...(who ? { cookie: cookies.get(who)! } : {}) },
  });
}

async function readAudits() {
  return t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'citizen.read').orderBy('seq').execute();
}

beforeAll(async () => {
  t = await createAuthTestApp({ authRoutePerIpMax: 100_000, signInPerIpMax: 1000 });
  await makeTenants(t.deps, [
    { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Pemerintah Kabupaten Jember' },
  ]);
  ids.a = await makeCitizen(NIK.a, 'Sari Wulandari', [{ tenant: '35.10', region: '35.10.15.2004', via: 'assisted' }]);
  ids.b = await makeCitizen(NIK.b, 'Budi Santoso', [{ tenant: '35.09', region: '35.09', via: 'application' }]);
  ids.both = await makeCitizen(NIK.both, 'Dewi Lestari', [
    { tenant: '35.10', region: '35.10', via: 'queue' },
    { tenant: '35.09', region: '35.09', via: 'application' },
  ]);
  ids.online = await makeCitizen(NIK.online, 'Eko Prasetyo', [{ tenant: '35.10', region: '35.10', via: 'application' }]);
  await staff('loket-a', 'petugas_loket', '35.10');
  await staff('loket-b', 'petugas_loket', '35.09');
  await staff('pemantau-a', 'pemantau', '35.10');
  await staff('desa-a', 'operator_desa', '35.10.15.2004', '35.10');
  await staff('nasional', 'admin_nasional', null);
});
afterAll(() => t.close());

describe(`staff reads of a citizen (${testDatabaseKind})`, () => {
  it('lets a petugas of Kabupaten A read a citizen linked to A, masked, with the link, and audits it', async () => {
    const before = (await readAudits()).length;
    const response = await get(`/staff/citizens/${ids.a}`, 'loket-a');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body).toMatchObject({
      id: ids.a,
      name: 'Sari Wulandari',
      nik: '************0001',
      email: 'sari@warga.test',
      phone: '+6281234567890',
      links: [{ tenantCode: '35.10', regionCode: '35.10.15.2004', via: 'assisted' }],
    });
    expect(response.body).not.toContain(NIK.a);
    const audits = await readAudits();
    expect(audits).toHaveLength(before + 1);
    const entry = audits.at(-1)!;
    expect(entry).toMatchObject({
      actor_type: 'staff',
      actor_role: 'petugas_loket',
      target_type: 'citizen',
      target_id: ids.a,
      tenant_code: '35.10',
      ip: '127.0.0.1',
      request_id: response.headers['x-request-id'],
    });
    expect(entry.actor_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(entry.detail)).not.toContain(NIK.a);
  });

  it('answers 404 for a citizen linked only to Kabupaten B, exactly like an unknown id, and audits nothing', async () => {
    const before = (await readAudits()).length;
    const other = await get(`/staff/citizens/${ids.b}`, 'loket-a');
    const unknown = await get(`/staff/citizens/${randomUUID()}`, 'loket-a');
    expect(other.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(other.json().error.code).toBe('CITIZEN_NOT_FOUND');
    expect(other.json().error.message).toBe(unknown.json().error.message);
    expect(other.body).not.toContain('Budi');
    expect(await readAudits()).toHaveLength(before);
    // Kabupaten B's own petugas does see them.
    expect((await get(`/staff/citizens/${ids.b}`, 'loket-b')).statusCode).toBe(200);
  });

  it('shows a citizen linked to both kabupaten with only the links inside the caller’s region', async () => {
    const a = await get(`/staff/citizens/${ids.both}`, 'loket-a');
    expect(a.json().links).toEqual([expect.objectContaining({ tenantCode: '35.10', regionCode: '35.10', via: 'queue' })]);
    const b = await get(`/staff/citizens/${ids.both}`, 'loket-b');
    expect(b.json().links).toEqual([expect.objectContaining({ tenantCode: '35.09', regionCode: '35.09', via: 'application' })]);
    const national = await get(`/staff/citizens/${ids.both}`, 'nasional');
    expect(national.json().links).toHaveLength(2);
  });

  it('finds a citizen by NIK inside the region only; a bad NIK is 400, an unknown one 404', async () => {
    const found = await get(`/staff/citizens?nik=${NIK.a}`, 'loket-a');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().id).toBe(ids.a);
    const spaced = await get(`/staff/citizens?nik=${encodeURIComponent('3510 0147 0890 0001')}`, 'loket-a');
    expect(spaced.json().id).toBe(ids.a);
    const audit = (await readAudits()).at(-1)!;
    expect(audit.detail).toEqual({ via: 'staff.citizen_by_nik' });

    const elsewhere = await get(`/staff/citizens?nik=${NIK.b}`, 'loket-a');
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('CITIZEN_NOT_FOUND');
    const unknown = await get(`/staff/citizens?nik=${NIK.unknown}`, 'loket-a');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe(elsewhere.json().error.message);
    const bad = await get('/staff/citizens?nik=1234', 'loket-a');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('NIK_INVALID');
    const missing = await get('/staff/citizens', 'loket-a');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('lets an operator desa read citizens linked at their desa, not those linked to the whole kabupaten', async () => {
    expect((await get(`/staff/citizens/${ids.a}`, 'desa-a')).statusCode).toBe(200);
    expect((await get(`/staff/citizens/${ids.online}`, 'desa-a')).statusCode).toBe(404);
    expect((await get(`/staff/citizens/${ids.online}`, 'loket-a')).statusCode).toBe(200);
  });

  it('refuses the anonymous (401), a role without citizen.read (403) and a malformed id (400)', async () => {
    const anonymous = await get(`/staff/citizens/${ids.a}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
    const monitor = await get(`/staff/citizens/${ids.a}`, 'pemantau-a');
    expect(monitor.statusCode).toBe(403);
    expect(monitor.json().error.code).toBe('FORBIDDEN');
    expect((await get('/staff/citizens/not-a-uuid', 'loket-a')).statusCode).toBe(400);
  });

  it('row-level security alone holds: an unscoped SELECT in A’s scope returns only citizens linked to A', async () => {
    const db = t.deps.database.db;
    const inA = await withScope(db, '35.10', (trx) => sql<{ id: string }>`SELECT * FROM citizen`.execute(trx));
    expect(inA.rows.map((r) => r.id).sort()).toEqual([ids.a, ids.both, ids.online].sort());
    const inB = await withScope(db, '35.09', (trx) => sql<{ id: string }>`SELECT * FROM citizen`.execute(trx));
    expect(inB.rows.map((r) => r.id).sort()).toEqual([ids.b, ids.both].sort());
    const desa = await withScope(db, '35.10.15.2004', (trx) => sql<{ id: string }>`SELECT id FROM citizen`.execute(trx));
    expect(desa.rows.map((r) => r.id)).toEqual([ids.a]);
    const links = await withScope(db, '35.10', (trx) => sql<{ tenant_code: string }>`SELECT * FROM citizen_link`.execute(trx));
    expect(new Set(links.rows.map((r) => r.tenant_code))).toEqual(new Set(['35.10']));
    const none = await withScope(db, '', (trx) => sql`SELECT * FROM citizen`.execute(trx));
    expect(none.rows).toHaveLength(0);
    const all = await withScope(db, NATIONAL, (trx) => sql`SELECT * FROM citizen`.execute(trx));
    expect(all.rows).toHaveLength(4);
  });

  it('includes the citizen’s links in their own data download', async () => {
    const data = await exportData(
      { db: t.deps.database.db, keys: resolveCitizenKeys(t.deps.env) },
      { kind: 'citizen', citizenId: ids.both, sessionId: randomUUID() },
      { ip: '127.0.0.1', requestId: 'test-export' },
    );
    expect(data.links.map((l) => `${l.tenantCode} ${l.regionCode} ${l.via}`).sort()).toEqual([
      '35.09 35.09 application',
      '35.10 35.10 queue',
    ]);
  });
});
