import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL, withScope } from '../../db/scope.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { makeStaff, makeTenants, signIn as staffSignIn } from '../identity/identity.testing.ts';
import { createCitizenTestApp, signUpCitizen, type CitizenTestApp } from './citizen.testing.ts';

// Profile, consent, data download, data-subject requests and the officers' side, and row-level
// security between citizens.

let t: CitizenTestApp;
const CSRF = { [CSRF_HEADER]: '1' };
const NIK_A = '3510014708900101';
const NIK_B = '3510010207850102';
let a: { cookie: string; id: string };
let b: { cookie: string; id: string };
let nasional: string;
let pemda: string;

beforeAll(async () => {
  t = await createCitizenTestApp({ citizenConfig: { otpRequestPerIpMax: 1000, signInPerIpMax: 1000 } });
  a = await signUpCitizen(t, { nik: NIK_A, email: 'ani@warga.test', name: 'Ani Lestari' });
  b = await signUpCitizen(t, { nik: NIK_B, email: 'bayu@warga.test', name: 'Bayu Pratama' });
  await makeTenants(t.deps, [{ code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' }]);
  await makeStaff(t.deps, { email: 'dpo@layan.test', regionCode: null, grants: [{ role: 'admin_nasional', regionCode: null }] });
  await makeStaff(t.deps, {
    email: 'pemda@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'admin_pemda', regionCode: '35.10' }],
  });
  nasional = await staffSignIn(t.app, 'dpo@layan.test');
  pemda = await staffSignIn(t.app, 'pemda@banyuwangi.test');
});
afterAll(() => t.close());

function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) {
  return t.app.inject({ method, url, headers: { ...CSRF, cookie }, ...(payload ? { payload } : {}) });
}

describe('profile', () => {
  it('reads and renames; the NIK is shown masked', async () => {
    const me = await call('GET', '/api/v1/me', a.cookie);
    expect(me.json()).toMatchObject({ id: a.id, name: 'Ani Lestari', nik: '************0101', email: 'ani@warga.test' });
    const renamed = await call('PATCH', '/api/v1/me', a.cookie, { name: 'Ani Lestari Putri' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Ani Lestari Putri');
    expect((await call('PATCH', '/api/v1/me', a.cookie, { name: 'A' })).json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('consent', () => {
  it('lists the current notice of each purpose, in both languages (public)', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/consent-notices' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items.map((n: { purpose: string }) => n.purpose)).toEqual(['layanan', 'notifikasi', 'survei']);
    expect(items[0]).toMatchObject({ version: 1, title: { id: expect.any(String), en: expect.any(String) } });
  });

  it('gives, gives again (no change), withdraws and gives anew: the history is kept', async () => {
    const given = await call('POST', '/api/v1/me/consents/notifikasi', a.cookie);
    expect(given.statusCode).toBe(201);
    expect(given.json()).toMatchObject({ purpose: 'notifikasi', version: 1, active: true, withdrawnAt: null });
    const again = await call('POST', '/api/v1/me/consents/notifikasi', a.cookie);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(given.json().id);

    const withdrawn = await call('DELETE', '/api/v1/me/consents/notifikasi', a.cookie);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: given.json().id, active: false, withdrawnAt: expect.any(String) });
    const twice = await call('DELETE', '/api/v1/me/consents/notifikasi', a.cookie);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CONSENT_NOT_GIVEN');

    const anew = await call('POST', '/api/v1/me/consents/notifikasi', a.cookie);
    expect(anew.statusCode).toBe(201);
    expect(anew.json().id).not.toBe(given.json().id);
    const list = (await call('GET', '/api/v1/me/consents', a.cookie)).json().items;
    expect(list.filter((c: { purpose: string }) => c.purpose === 'notifikasi').map((c: { active: boolean }) => c.active)).toEqual(
      [true, false],
    );
    const audited = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('action', 'like', 'consent.%')
      .execute();
    expect(audited.map((x) => x.action)).toEqual(['consent.give', 'consent.withdraw', 'consent.give']);
    expect(new Set(audited.map((x) => x.actor_type))).toEqual(new Set(['citizen']));
  });

  it('a new notice version: the standing consent shows the newer version exists; giving again replaces it', async () => {
    await call('POST', '/api/v1/me/consents/survei', a.cookie);
    await sql`INSERT INTO consent_notice (purpose, version, title_id, title_en, text_id, text_en)
              VALUES ('survei', 2, 'Survei v2', 'Survey v2', 'Teks v2', 'Text v2')`.execute(t.deps.database.db);
    const before = (await call('GET', '/api/v1/me/consents', a.cookie))
      .json()
      .items.find((c: { purpose: string }) => c.purpose === 'survei');
    expect(before).toMatchObject({ version: 1, currentVersion: 2, active: true });
    const renewed = await call('POST', '/api/v1/me/consents/survei', a.cookie);
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json()).toMatchObject({ version: 2, currentVersion: 2 });
    const survei = (await call('GET', '/api/v1/me/consents', a.cookie))
      .json()
      .items.filter((c: { purpose: string }) => c.purpose === 'survei');
    expect(survei.map((c: { version: number; active: boolean }) => [c.version, c.active])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('unknown purpose → 404; anonymous → 401', async () => {
    const unknown = await call('POST', '/api/v1/me/consents/iklan', a.cookie);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CONSENT_PURPOSE_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/consents' })).statusCode).toBe(401);
  });
});

describe('data requests and the 72-hour clock', () => {
  let requestId: string;

  it('a correction request is due exactly 72 hours after it was made', async () => {
    const response = await call('POST', '/api/v1/me/data-requests', a.cookie, {
      kind: 'correction',
      detail: 'Nama saya salah eja.',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ kind: 'correction', status: 'open', overdue: false, outcome: null });
    expect(Date.parse(body.dueAt) - Date.parse(body.createdAt)).toBe(72 * 3600 * 1000);
    requestId = body.id;
    const list = (await call('GET', '/api/v1/me/data-requests', a.cookie)).json().items;
    expect(list.map((r: { id: string }) => r.id)).toEqual([requestId]);
    expect((await call('POST', '/api/v1/me/data-requests', a.cookie, { kind: 'archive', detail: 'x' })).statusCode).toBe(400);
  });

  it('the officer (admin nasional) sees it soonest-due first with overdue flagged, audited as a read of citizens', async () => {
    const deletion = await call('POST', '/api/v1/me/data-requests', b.cookie, { kind: 'deletion', detail: 'Hapus akun saya.' });
    // Make B's request 73 hours old (the CHECK keeps due_at = created_at + 72 h).
    await sql`UPDATE data_request SET created_at = created_at - interval '73 hours', due_at = due_at - interval '73 hours'
              WHERE id = ${deletion.json().id}`.execute(t.deps.database.db);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/admin/data-requests', headers: { cookie: nasional } });
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items.map((r: { id: string; overdue: boolean }) => [r.id, r.overdue])).toEqual([
      [deletion.json().id, true],
      [requestId, false],
    ]);
    expect(items[0].citizen).toEqual({ id: b.id, name: 'Bayu Pratama' });
    const read = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'citizen.read').execute();
    expect(read.at(-1)).toMatchObject({ actor_type: 'staff', actor_role: 'admin_nasional' });
    expect((read.at(-1)!.detail as { citizenIds: string[] }).citizenIds.sort()).toEqual([a.id, b.id].sort());
  });

  it('only admin nasional may: admin Pemda 403, a citizen or the anonymous 401', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/data-requests', headers: { cookie: pemda } })).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/data-requests', headers: { cookie: a.cookie } })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/data-requests' })).statusCode).toBe(401);
    const close = await call('POST', `/api/v1/admin/data-requests/${requestId}/close`, pemda, {
      outcome: 'completed',
      resolution: 'x',
    });
    expect(close.statusCode).toBe(403);
  });

  it('the officer closes it; the citizen sees the answer; closing twice is 409, an unknown id 404', async () => {
    const closed = await call('POST', `/api/v1/admin/data-requests/${requestId}/close`, nasional, {
      outcome: 'completed',
      resolution: 'Nama sudah diperbaiki.',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      outcome: 'completed',
      overdue: false,
      handledAt: expect.any(String),
    });
    const mine = (await call('GET', '/api/v1/me/data-requests', a.cookie)).json().items[0];
    expect(mine).toMatchObject({ status: 'closed', resolution: 'Nama sudah diperbaiki.' });
    const twice = await call('POST', `/api/v1/admin/data-requests/${requestId}/close`, nasional, {
      outcome: 'rejected',
      resolution: 'x',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('DATA_REQUEST_CLOSED');
    const unknown = await call('POST', '/api/v1/admin/data-requests/00000000-0000-4000-8000-000000000000/close', nasional, {
      outcome: 'rejected',
      resolution: 'x',
    });
    expect(unknown.json().error.code).toBe('DATA_REQUEST_NOT_FOUND');
    const open = (
      await t.app.inject({ method: 'GET', url: '/api/v1/admin/data-requests', headers: { cookie: nasional } })
    ).json();
    expect(open.items).toHaveLength(1);
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/data-requests?status=all',
      headers: { cookie: nasional },
    });
    expect(all.json().items).toHaveLength(2);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'data_request.close')
      .execute();
    expect(audit[0]!.detail).toEqual({ outcome: 'completed', kind: 'correction', overdue: false });
  });
});

describe('GET /api/v1/me/data', () => {
  it('downloads everything held about the citizen as a JSON attachment, with no NIK in plain text', async () => {
    const response = await call('GET', '/api/v1/me/data', a.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="layan-data-saya-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body.format).toBe('layan.citizen-data.v1');
    expect(body.profile).toMatchObject({ id: a.id, name: 'Ani Lestari Putri', nik: '************0101', email: 'ani@warga.test' });
    expect(body.consents.length).toBeGreaterThanOrEqual(4);
    expect(body.dataRequests).toHaveLength(1);
    expect(body.dataRequests[0]).toMatchObject({ kind: 'correction', status: 'closed' });
    expect(body.sessions.length).toBeGreaterThanOrEqual(1);
    expect(body.signInCodes[0]).toMatchObject({ channel: 'email', destination: 'a***@warga.test', usedAt: expect.any(String) });
    expect(body.activity.map((x: { action: string }) => x.action)).toEqual(
      expect.arrayContaining([
        'citizen.sign_up',
        'citizen.profile_update',
        'consent.give',
        'consent.withdraw',
        'data_request.create',
      ]),
    );
    expect(response.body).not.toContain(NIK_A);
    expect(response.body).not.toContain(NIK_A.slice(0, 12));
    // Nothing of the other citizen.
    expect(response.body).not.toContain(b.id);
    expect(response.body).not.toContain('bayu');
    const exported = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'citizen.data_export')
      .execute();
    expect(exported.map((e) => e.actor_id)).toEqual([a.id]);
  });

  it('is 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/data' })).statusCode).toBe(401);
  });
});

describe('row-level security between citizens', () => {
  const db = () => t.deps.database.db;

  it('a raw query without WHERE inside A’s scope sees only A’s rows, in every citizen table', async () => {
    await withScope(db(), { regions: [], citizenId: a.id }, async (trx) => {
      expect((await trx.selectFrom('citizen').select('id').execute()).map((r) => r.id)).toEqual([a.id]);
      for (const table of ['consent_record', 'data_request', 'citizen_session', 'citizen_otp'] as const) {
        const rows = await trx.selectFrom(table).select('citizen_id').execute();
        expect(rows.length, table).toBeGreaterThan(0);
        expect(new Set(rows.map((r) => r.citizen_id)), table).toEqual(new Set([a.id]));
      }
      // Asking for B's rows by id finds nothing.
      expect(await trx.selectFrom('citizen').selectAll().where('id', '=', b.id).execute()).toEqual([]);
      expect(await trx.selectFrom('data_request').selectAll().where('citizen_id', '=', b.id).execute()).toEqual([]);
    });
  });

  it('A’s scope cannot write B’s rows', async () => {
    await expect(
      withScope(db(), { regions: [], citizenId: a.id }, (trx) =>
        trx.insertInto('consent_record').values({ citizen_id: b.id, purpose: 'layanan', version: 1 }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const renamed = await withScope(db(), { regions: [], citizenId: a.id }, (trx) =>
      trx.updateTable('citizen').set({ name: 'Diretas' }).where('id', '=', b.id).executeTakeFirst(),
    );
    expect(Number(renamed.numUpdatedRows)).toBe(0);
  });

  it('no citizen in scope sees nothing; a regional staff scope sees no citizen; national sees requests, not consents', async () => {
    await withScope(db(), { regions: [] }, async (trx) => {
      expect(await trx.selectFrom('citizen').select('id').execute()).toEqual([]);
      expect(await trx.selectFrom('citizen_otp').select('id').execute()).toEqual([]);
    });
    await withScope(db(), '35.10', async (trx) => {
      expect(await trx.selectFrom('citizen').select('id').execute()).toEqual([]);
      expect(await trx.selectFrom('data_request').select('id').execute()).toEqual([]);
    });
    await withScope(db(), NATIONAL, async (trx) => {
      expect((await trx.selectFrom('data_request').select('id').execute()).length).toBe(2);
      expect(await trx.selectFrom('consent_record').select('id').execute()).toEqual([]);
      expect(await trx.selectFrom('citizen_session').select('id').execute()).toEqual([]);
    });
  });

  it('the app role cannot change a NIK or delete a citizen', async () => {
    await expect(
      withScope(db(), { regions: [], citizenId: a.id }, (trx) => sql`DELETE FROM citizen WHERE id = ${a.id}`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withScope(db(), { regions: [], citizenId: a.id }, (trx) =>
        sql`UPDATE citizen SET nik_hmac = nik_hmac WHERE id = ${a.id}`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
