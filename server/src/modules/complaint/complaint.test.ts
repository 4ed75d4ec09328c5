import {
  COMPLAINT_EVIDENCE,
  COMPLAINT_RULES,
  complaintDeadline,
  createWorkCalendar,
  isPastDueDate,
  localDateOf,
} from '@layan/domain';
import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL, withScope } from '../../db/scope.ts';
import { signUpCitizen, createCitizenTestApp, type CitizenTestApp } from '../citizen/citizen.testing.ts';
import type { StaffPrincipal } from '../identity/identity.authorize.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { makeAgency, makeLocation, makeStaff, makeTenants, signIn } from '../identity/identity.testing.ts';
import { pdfBytes, pngBytes } from '../application/application.testing.ts';
import * as service from './complaint.service.ts';
import { filingForm } from './complaint.testing.ts';

let t: CitizenTestApp;
const CSRF = { [CSRF_HEADER]: '1' };
const who: Record<string, { cookie: string; id: string }> = {};
let dukcapil = '';
let dinkes = '';
let unitLocation = '';
let citizen: { cookie: string; id: string };
const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta' });

function call(method: 'GET' | 'POST', url: string, options: { as?: string; cookie?: string; payload?: object } = {}) {
  const cookie = options.as ? who[options.as]!.cookie : options.cookie;
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: cookie ? { cookie, ...CSRF } : {},
    ...(options.payload ? { payload: options.payload } : {}),
  });
}

const complaintBody = (overrides: object = {}) => ({
  tenantCode: '35.10',
  kind: 'pengaduan',
  category: 'administrasi_kependudukan',
  title: 'KTP-el belum jadi setelah sebulan',
  body: 'Saya merekam KTP-el di kecamatan Pesanggaran bulan lalu dan sampai sekarang belum dicetak.',
  regionCode: '35.10.01',
  anonymous: true,
  confidential: false,
  email: 'pelapor.anonim@warga.test',
  ...overrides,
});

async function staff(email: string, grants: StaffPrincipal['grants'], regionCode = '35.10') {
  const id = await makeStaff(t.deps, { email, regionCode, grants, name: email.split('@')[0] });
  who[email.split('@')[0]!] = { id, cookie: await signIn(t.app, email) };
  return id;
}

function principalOf(name: string, grants: StaffPrincipal['grants']): StaffPrincipal {
  return { kind: 'staff', staffId: who[name]!.id, sessionId: 'direct', name, regionCode: '35.10', grants };
}

const countComplaints = () =>
  withScope(t.deps.database.db, NATIONAL, (trx) =>
    trx
      .selectFrom('complaint')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ).then((r) => r.n);

beforeAll(async () => {
  t = await createCitizenTestApp();
  await makeTenants(t.deps, [
    { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Pemerintah Kabupaten Jember' },
  ]);
  dukcapil = await makeAgency(t.deps, '35.10', 'disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil');
  dinkes = await makeAgency(t.deps, '35.10', 'dinkes', 'Dinas Kesehatan');
  unitLocation = await makeLocation(t.deps, '35.10', 'mpp-banyuwangi');
  await staff('koordinator@bwi.test', [{ role: 'admin_pemda', regionCode: '35.10' }]);
  await staff('dukcapil@bwi.test', [{ role: 'admin_instansi', regionCode: '35.10', agencyId: dukcapil }]);
  await staff('dinkes@bwi.test', [{ role: 'admin_instansi', regionCode: '35.10', agencyId: dinkes }]);
  await staff('jember@jbr.test', [{ role: 'admin_pemda', regionCode: '35.09' }], '35.09');
  await staff('loket@bwi.test', [{ role: 'petugas_loket', regionCode: '35.10' }]);
  citizen = await signUpCitizen(t, { nik: '3510014708900001', email: 'sari@warga.test', name: 'Sari Wulandari' });
});
afterAll(() => t?.close());

describe('filing and tracking', () => {
  it('lists the categories and the deadlines as data', async () => {
    const res = await call('GET', '/complaints/categories');
    expect(res.statusCode).toBe(200);
    expect(res.json().verifyDays).toBe(COMPLAINT_RULES.verifyDays);
    expect(res.json().categories.find((c: { code: string }) => c.code === 'pungutan_liar')).toMatchObject({
      defaultClass: 'berat',
      responseDays: 60,
    });
  });

  it('files an anonymous complaint without an account and answers a tracking code with the verification deadline', async () => {
    const res = await call('POST', '/complaints', { payload: complaintBody() });
    expect(res.statusCode).toBe(201);
    const filed = res.json();
    expect(filed.trackingCode).toMatch(/^ADU-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(filed.status).toBe('belum_terverifikasi');
    const track = await call('GET', `/complaints/track/${filed.trackingCode.toLowerCase()}`);
    expect(track.statusCode).toBe(200);
    const view = track.json();
    const expected = complaintDeadline({ calendar, stage: 'verify', start: new Date(view.filedAt) }).dueDate;
    expect(filed.verifyDueDate).toBe(expected);
    expect(view).toMatchObject({ status: 'belum_terverifikasi', anonymous: true, answer: null, canRate: false });
    expect(view.timeline).toHaveLength(1);
    // The receipt goes to the address the reporter gave, through the outbox.
    const messages = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx
        .selectFrom('outbox_message')
        .select(['recipient', 'template', 'data'])
        .where('template', '=', 'complaint.received')
        .execute(),
    );
    expect(messages).toContainEqual(
      expect.objectContaining({
        recipient: 'pelapor.anonim@warga.test',
        data: expect.objectContaining({ trackingCode: filed.trackingCode }),
      }),
    );
  });

  it('refuses a malformed code, and answers 404 for a well-formed unknown one', async () => {
    const bad = await call('GET', '/complaints/track/ADU-12345-67890');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('COMPLAINT_CODE_INVALID');
    const filed = (await call('POST', '/complaints', { payload: complaintBody() })).json();
    // Change one symbol and fix nothing else: the check symbol catches it.
    const typo = filed.trackingCode.slice(0, 4) + (filed.trackingCode[4] === 'A' ? 'B' : 'A') + filed.trackingCode.slice(5);
    expect((await call('GET', `/complaints/track/${typo}`)).json().error.code).toBe('COMPLAINT_CODE_INVALID');
  });

  it('refuses bad input with a clear code and writes nothing', async () => {
    const before = await countComplaints();
    const cases: Array<[object, number, string]> = [
      [{ category: 'ufo' }, 400, 'COMPLAINT_CATEGORY_UNKNOWN'],
      [{ regionCode: '35.09.01' }, 400, 'REGION_OUTSIDE_TENANT'],
      [{ regionCode: '35.10.99' }, 404, 'REGION_NOT_FOUND'],
      [{ tenantCode: '35.11' }, 404, 'TENANT_NOT_FOUND'],
      [{ title: 'KTP' }, 400, 'VALIDATION_FAILED'],
      [{ phone: '12345' }, 400, 'DESTINATION_INVALID'],
      [{ agencyId: '00000000-0000-4000-8000-000000000000' }, 404, 'AGENCY_NOT_FOUND'],
    ];
    for (const [overrides, status, code] of cases) {
      const res = await call('POST', '/complaints', { payload: complaintBody(overrides) });
      expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    }
    expect(await countComplaints()).toBe(before);
  });
});

describe('the lifecycle: verify, dispose, answer, rate, reopen', () => {
  let code = '';
  let id = '';

  beforeAll(async () => {
    code = (await call('POST', '/complaints', { payload: complaintBody() })).json().trackingCode;
    const list = await call('GET', '/admin/tenants/35.10/complaints?status=belum_terverifikasi', { as: 'koordinator' });
    id = list.json().items.find((c: { trackingCode: string }) => c.trackingCode === code).id;
  });

  it('lets only staff of the tenant in, and an agency only sees what was disposed to it', async () => {
    expect((await call('GET', '/admin/tenants/35.10/complaints')).statusCode).toBe(401);
    expect((await call('GET', '/admin/tenants/35.10/complaints', { as: 'jember' })).statusCode).toBe(403);
    expect((await call('GET', '/admin/tenants/35.10/complaints', { as: 'loket' })).statusCode).toBe(403);
    const agency = await call('GET', '/admin/tenants/35.10/complaints', { as: 'dukcapil' });
    expect(agency.json()).toMatchObject({ role: 'agency', items: [] });
    expect((await call('GET', `/admin/tenants/35.10/complaints/${id}`, { as: 'dukcapil' })).json().error.code).toBe(
      'COMPLAINT_NOT_FOUND',
    );
  });

  it('refuses steps out of order', async () => {
    for (const [action, payload] of [
      ['answer', { answer: 'Sudah kami cetak, silakan ambil.' }],
      ['dispose', { agencyId: dukcapil }],
      ['follow_up', {}],
    ] as const) {
      const res = await call('POST', `/admin/tenants/35.10/complaints/${id}/${action}`, { as: 'koordinator', payload });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('COMPLAINT_ACTION_NOT_ALLOWED');
    }
    const noNote = await call('POST', `/admin/tenants/35.10/complaints/${id}/archive`, { as: 'koordinator', payload: {} });
    expect(noNote.json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', `/complaints/track/${code}`)).json().status).toBe('belum_terverifikasi');
  });

  it('verifies with a response class, setting the answer deadline; the coordinator never sees an anonim reporter', async () => {
    const res = await call('POST', `/admin/tenants/35.10/complaints/${id}/verify`, {
      as: 'koordinator',
      payload: { responseClass: 'sedang' },
    });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ status: 'terverifikasi', responseClass: 'sedang', reporter: null, reporterHidden: true });
    const verifiedAt = new Date(view.history.at(-1).at);
    expect(view.responseDueDate).toBe(
      complaintDeadline({ calendar, stage: 'respond', start: verifiedAt, responseClass: 'sedang' }).dueDate,
    );
    expect(view.actions).toEqual(['reject', 'archive', 'dispose']);
  });

  it('disposes to an agency, which passes it down to a unit, follows up and answers without ever seeing the reporter', async () => {
    const disposed = await call('POST', `/admin/tenants/35.10/complaints/${id}/dispose`, {
      as: 'koordinator',
      payload: { agencyId: dukcapil, note: 'Mohon ditindaklanjuti dalam 14 hari kerja.' },
    });
    expect(disposed.json()).toMatchObject({ status: 'terdisposisi', agency: { id: dukcapil } });
    expect((await call('GET', '/admin/tenants/35.10/complaints', { as: 'dinkes' })).json().items).toEqual([]);
    const mine = await call('GET', '/admin/tenants/35.10/complaints', { as: 'dukcapil' });
    expect(mine.json().items.map((c: { id: string }) => c.id)).toEqual([id]);
    const detail = (await call('GET', `/admin/tenants/35.10/complaints/${id}`, { as: 'dukcapil' })).json();
    expect(detail).toMatchObject({ reporter: null, reporterHidden: true, actions: ['dispose', 'follow_up', 'answer'] });
    expect(JSON.stringify(detail)).not.toContain('pelapor.anonim');

    // The agency may pass it down to a unit but not hand it to another agency.
    const sideways = await call('POST', `/admin/tenants/35.10/complaints/${id}/dispose`, {
      as: 'dukcapil',
      payload: { agencyId: dinkes },
    });
    expect(sideways.statusCode).toBe(403);
    const down = await call('POST', `/admin/tenants/35.10/complaints/${id}/dispose`, {
      as: 'dukcapil',
      payload: { locationId: unitLocation },
    });
    expect(down.json()).toMatchObject({ status: 'terdisposisi', location: { id: unitLocation }, agency: { id: dukcapil } });

    expect(
      (
        await call('POST', `/admin/tenants/35.10/complaints/${id}/follow_up`, {
          as: 'dukcapil',
          payload: { note: 'Sedang dicek ke bagian cetak.' },
        })
      ).json().status,
    ).toBe('ditindaklanjuti');
    const shortAnswer = await call('POST', `/admin/tenants/35.10/complaints/${id}/answer`, { as: 'dukcapil', payload: {} });
    expect(shortAnswer.json().error.code).toBe('VALIDATION_FAILED');
    const answered = await call('POST', `/admin/tenants/35.10/complaints/${id}/answer`, {
      as: 'dukcapil',
      payload: { answer: 'KTP-el Anda sudah dicetak dan dapat diambil di MPP Banyuwangi, loket 3.' },
    });
    expect(answered.json()).toMatchObject({ status: 'selesai', reporter: null });

    // The answer reached the anonim reporter through the outbox, written by the database function.
    const sent = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx.selectFrom('outbox_message').select(['recipient', 'data']).where('template', '=', 'complaint.answered').execute(),
    );
    expect(sent).toContainEqual(
      expect.objectContaining({ recipient: 'pelapor.anonim@warga.test', data: expect.objectContaining({ trackingCode: code }) }),
    );
  });

  it('shows the answer by tracking code, takes one rating, and reopens within the window', async () => {
    const view = (await call('GET', `/complaints/track/${code}`)).json();
    expect(view).toMatchObject({
      status: 'selesai',
      canRate: true,
      canReopen: true,
      agency: { name: 'Dinas Kependudukan dan Pencatatan Sipil' },
    });
    expect(view.answer).toContain('MPP Banyuwangi');
    expect(view.timeline.map((e: { status: string }) => e.status)).toEqual([
      'belum_terverifikasi',
      'terverifikasi',
      'terdisposisi',
      'terdisposisi',
      'ditindaklanjuti',
      'selesai',
    ]);
    expect(JSON.stringify(view)).not.toContain('Sedang dicek'); // internal notes stay internal

    expect((await call('POST', `/complaints/track/${code}/rating`, { payload: { rating: 5 } })).statusCode).toBe(400);
    expect((await call('POST', `/complaints/track/${code}/rating`, { payload: { rating: 3 } })).json().rating).toBe(3);
    expect((await call('POST', `/complaints/track/${code}/rating`, { payload: { rating: 4 } })).json().error.code).toBe(
      'COMPLAINT_ALREADY_RATED',
    );

    const reopened = await call('POST', `/complaints/track/${code}/reopen`, {
      payload: { reason: 'Di loket 3 katanya belum ada.' },
    });
    expect(reopened.json()).toMatchObject({ status: 'terdisposisi', reopenCount: 1, rating: null });
    const again = await call('POST', `/complaints/track/${code}/reopen`, {
      payload: { reason: 'Di loket 3 katanya belum ada.' },
    });
    expect(again.json().error.code).toBe('COMPLAINT_ACTION_NOT_ALLOWED');
  });

  it('refuses to reopen after the window', async () => {
    await call('POST', `/admin/tenants/35.10/complaints/${id}/answer`, {
      as: 'dukcapil',
      payload: { answer: 'Mohon maaf, KTP-el sekarang sudah ada di loket 3.' },
    });
    const until = (await call('GET', `/complaints/track/${code}`)).json().reopenUntil;
    const later = new Date(Date.parse(`${until}T12:00:00+07:00`) + 2 * 86_400_000);
    expect(isPastDueDate(calendar, until, later)).toBe(true);
    await expect(
      service.reopenComplaint(
        { db: t.deps.database.db },
        { code, reason: 'Masih belum ada juga.', context: { ip: '127.0.0.1', requestId: 't' }, now: later },
      ),
    ).rejects.toMatchObject({ code: 'COMPLAINT_REOPEN_EXPIRED' });
  });

  it('ends a complaint outside the Pemda’s authority with a reason the reporter reads', async () => {
    const other = (await call('POST', '/complaints', { payload: complaintBody({ title: 'Jalan nasional berlubang' }) })).json();
    const otherId = (await call('GET', '/admin/tenants/35.10/complaints?status=belum_terverifikasi', { as: 'koordinator' }))
      .json()
      .items.find((c: { trackingCode: string }) => c.trackingCode === other.trackingCode).id;
    const rejected = await call('POST', `/admin/tenants/35.10/complaints/${otherId}/reject`, {
      as: 'koordinator',
      payload: { note: 'Jalan nasional adalah wewenang BBPJN; sudah kami teruskan.' },
    });
    expect(rejected.json().status).toBe('bukan_wewenang');
    expect((await call('GET', `/complaints/track/${other.trackingCode}`)).json().closedNote).toContain('BBPJN');
    expect(
      (await call('POST', `/admin/tenants/35.10/complaints/${otherId}/verify`, { as: 'koordinator', payload: {} })).statusCode,
    ).toBe(409);
  });
});

describe('anonymity in the database', () => {
  let namedId = '';
  let anonId = '';

  beforeAll(async () => {
    const named = await call('POST', '/complaints', {
      cookie: citizen.cookie,
      payload: complaintBody({ anonymous: false, email: undefined, title: 'Petugas meminta uang tambahan' }),
    });
    expect(named.statusCode).toBe(201);
    const anon = await call('POST', '/complaints', {
      cookie: citizen.cookie,
      payload: complaintBody({ anonymous: true, email: undefined, title: 'Petugas meminta uang lagi' }),
    });
    const items = (await call('GET', '/admin/tenants/35.10/complaints', { as: 'koordinator' })).json().items;
    namedId = items.find((c: { trackingCode: string }) => c.trackingCode === named.json().trackingCode).id;
    anonId = items.find((c: { trackingCode: string }) => c.trackingCode === anon.json().trackingCode).id;
    for (const cid of [namedId, anonId]) {
      await call('POST', `/admin/tenants/35.10/complaints/${cid}/verify`, { as: 'koordinator', payload: {} });
      await call('POST', `/admin/tenants/35.10/complaints/${cid}/dispose`, {
        as: 'koordinator',
        payload: { agencyId: dukcapil },
      });
    }
  });

  it('shows a named reporter to the coordinator (audited as citizen.read) and links the citizen; never to the agency', async () => {
    const coordinator = (await call('GET', `/admin/tenants/35.10/complaints/${namedId}`, { as: 'koordinator' })).json();
    expect(coordinator.reporter).toEqual({ name: 'Sari Wulandari', email: 'sari@warga.test', phone: null, hasAccount: true });
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'citizen.read')
      .execute();
    expect(audit).toContainEqual({ action: 'citizen.read', target_id: citizen.id });
    const agency = (await call('GET', `/admin/tenants/35.10/complaints/${namedId}`, { as: 'dukcapil' })).json();
    expect(agency).toMatchObject({ reporter: null, reporterHidden: true });
    const links = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx.selectFrom('citizen_link').select(['tenant_code', 'via']).where('citizen_id', '=', citizen.id).execute(),
    );
    expect(links).toEqual([{ tenant_code: '35.10', via: 'complaint' }]);
    expect((await call('GET', `/admin/tenants/35.10/complaints/${anonId}`, { as: 'koordinator' })).json().reporter).toBeNull();
  });

  it('hides every reporter row from a raw unscoped query in the agency’s scope, and anonim ones from the coordinator too', async () => {
    const raw = (scope: Parameters<typeof withScope>[1]) =>
      withScope(t.deps.database.db, scope, (trx) =>
        sql<{ complaint_id: string; name: string | null }>`SELECT complaint_id, name FROM complaint_reporter`.execute(trx),
      ).then((r) => r.rows);
    expect(await raw({ regions: ['35.10'], actorId: who.dukcapil!.id })).toEqual([]);
    expect(await raw({ regions: ['35.10'] })).toEqual([]);
    const coordinator = await raw({ regions: ['35.10'], actorId: who.koordinator!.id });
    expect(coordinator.map((r) => r.complaint_id)).toEqual([namedId]);
    // The citizen sees their own rows, anonim included.
    const own = await raw({ regions: [], citizenId: citizen.id });
    expect(own.map((r) => r.complaint_id).sort()).toEqual([namedId, anonId].sort());
    // The agency's scope still reads the complaint itself.
    const complaints = await withScope(t.deps.database.db, { regions: ['35.10'], actorId: who.dukcapil!.id }, (trx) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM complaint`.execute(trx),
    );
    expect(complaints.rows[0]!.n).toBeGreaterThan(0);
  });
});

describe('escalation, statistics and the SP4N-LAPOR! export', () => {
  it('escalates complaints past their stage deadline once per day', async () => {
    const caller = {
      principal: principalOf('koordinator', [{ role: 'admin_pemda', regionCode: '35.10' }]),
      context: { ip: '127.0.0.1', requestId: 't' },
    };
    const now = await call('POST', '/admin/tenants/35.10/complaints/escalate', { as: 'koordinator' });
    expect(now.statusCode).toBe(200);
    expect(now.json().escalated).toEqual([]);
    const later = new Date(Date.now() + 120 * 86_400_000);
    const first = await service.escalateOverdue({ db: t.deps.database.db }, { caller, tenant: '35.10', now: later });
    expect(first.escalated.length).toBeGreaterThan(0);
    const second = await service.escalateOverdue({ db: t.deps.database.db }, { caller, tenant: '35.10', now: later });
    expect(second.escalated).toEqual([]);
    expect((await call('POST', '/admin/tenants/35.10/complaints/escalate', { as: 'dukcapil' })).statusCode).toBe(403);

    // The scheduled job (layan sla-escalate) does the same for every tenant, as the system: a day
    // later the same complaints rise once more, and a second run that day changes nothing.
    const nextDay = new Date(later.getTime() + 86_400_000);
    const job = await service.escalateOverdueEverywhere(t.deps.database.db, nextDay);
    const inTenant = job.find((r) => r.tenant === '35.10')!;
    expect([...inTenant.escalated].sort()).toEqual([...first.escalated].sort());
    const again = await service.escalateOverdueEverywhere(t.deps.database.db, nextDay);
    expect(again.every((r) => r.escalated.length === 0)).toBe(true);
    const levels = await t.deps.database.db
      .selectFrom('complaint')
      .select(['id', 'escalation_level'])
      .where('id', 'in', first.escalated)
      .execute();
    expect(levels.every((c) => c.escalation_level >= 2)).toBe(true);
    const audited = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_type', 'detail'])
      .where('action', '=', 'complaint.escalate')
      .where('actor_type', '=', 'system')
      .execute();
    expect(audited.some((a) => (a.detail as { escalated: number }).escalated === first.escalated.length)).toBe(true);
  });

  it('publishes counts per tenant: by status, by category, on-time rate', async () => {
    const res = await call('GET', '/tenants/35.10/complaints/stats');
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    expect(stats.total).toBe(await countComplaints());
    expect(stats.byStatus.reduce((a: number, s: { count: number }) => a + s.count, 0)).toBe(stats.total);
    expect(stats.answered).toBe(1);
    expect(stats.answeredOnTime).toBe(1);
    expect(stats.onTimeRate).toBe(1);
    expect(stats.byCategory).toContainEqual(expect.objectContaining({ category: 'administrasi_kependudukan' }));
    expect(JSON.stringify(stats)).not.toContain('KTP-el');
    expect((await call('GET', '/tenants/35.10/complaints/stats?from=2026-12-01&to=2026-01-01')).statusCode).toBe(400);
  });

  it('exports for SP4N-LAPOR! as JSON and CSV, with reporter fields only for named complaints', async () => {
    const today = localDateOf(new Date(), 'Asia/Jakarta');
    const q = `from=2026-01-01&to=${today > '2026-12-31' ? today : '2026-12-31'}`;
    expect((await call('GET', `/admin/tenants/35.10/complaints/export?${q}`)).statusCode).toBe(401);
    expect((await call('GET', `/admin/tenants/35.10/complaints/export?${q}`, { as: 'dukcapil' })).statusCode).toBe(403);
    const json = await call('GET', `/admin/tenants/35.10/complaints/export?${q}&format=json`, { as: 'koordinator' });
    expect(json.statusCode).toBe(200);
    const records = json.json().records as Array<Record<string, unknown>>;
    expect(records.length).toBe(await countComplaints());
    expect(records.filter((r) => r.anonim === true).every((r) => r.nama_pelapor === null && r.email_pelapor === null)).toBe(true);
    expect(records.find((r) => r.judul === 'Petugas meminta uang tambahan')).toMatchObject({ nama_pelapor: 'Sari Wulandari' });
    const csv = await call('GET', `/admin/tenants/35.10/complaints/export?${q}&format=csv`, { as: 'koordinator' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]!.startsWith('nomor_pelacakan,jenis,kategori,judul,isi')).toBe(true);
    expect(lines).toHaveLength(records.length + 1);
  });
});

describe('evidence filed with a complaint', () => {
  const evidencePdf = pdfBytes(4000, 'bukti-pungli');
  const evidencePng = pngBytes(3000);
  let code = '';
  let id = '';
  let evidence: Array<{ id: string; fileName: string; mediaType: string; size: number }> = [];

  async function fileWith(files: Parameters<typeof filingForm>[1], overrides: object = {}, cookie?: string) {
    const form = await filingForm(complaintBody({ title: 'Pungutan di loket KTP-el', ...overrides }), files);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { ...form.headers, ...(cookie ? { cookie, ...CSRF } : {}) },
      payload: form.payload,
    });
  }
  const download = (as: string | undefined, evidenceId: string, complaintId = id) =>
    call('GET', `/admin/tenants/35.10/complaints/${complaintId}/evidence/${evidenceId}`, as ? { as } : {});
  // Outside withScope: the connection's own (superuser) role, which row-level security does not limit.
  const blobCount = (sha256: string) =>
    sql<{ n: number }>`SELECT count(*)::int AS n FROM upload_blob WHERE sha256 = ${sha256}`
      .execute(t.deps.database.db)
      .then((r) => r.rows[0]!.n);

  beforeAll(async () => {
    // A signed-in citizen files anonim: nothing stored with the evidence may lead back to them.
    const res = await fileWith(
      [
        { name: 'kuitansi pungli.pdf', bytes: evidencePdf, type: 'application/pdf' },
        { name: 'foto loket.png', bytes: evidencePng, type: 'image/png' },
      ],
      { anonymous: true, email: undefined },
      citizen.cookie,
    );
    expect(res.statusCode, res.body).toBe(201);
    code = res.json().trackingCode;
    const items = (await call('GET', '/admin/tenants/35.10/complaints', { as: 'koordinator' })).json().items;
    id = items.find((c: { trackingCode: string }) => c.trackingCode === code).id;
  });

  it('files evidence without an account too, and lists only names and sizes by tracking code', async () => {
    const anon = await fileWith([{ name: 'bukti.pdf', bytes: pdfBytes(1500, 'tanpa-akun') }]);
    expect(anon.statusCode, anon.body).toBe(201);
    const view = (await call('GET', `/complaints/track/${anon.json().trackingCode}`)).json();
    expect(view.evidence).toEqual([{ fileName: 'bukti.pdf', mediaType: 'application/pdf', size: 1500 }]);
    expect(view).toMatchObject({ anonymous: true, confidential: false });
    const mine = (await call('GET', `/complaints/track/${code}`)).json();
    expect(mine.evidence.map((e: { fileName: string }) => e.fileName)).toEqual(['kuitansi pungli.pdf', 'foto loket.png']);
    expect(mine.evidence.every((e: object) => !('id' in e))).toBe(true);
    // Filing without files still works as JSON, with an empty list.
    const plain = (await call('POST', '/complaints', { payload: complaintBody() })).json();
    expect((await call('GET', `/complaints/track/${plain.trackingCode}`)).json().evidence).toEqual([]);
  });

  it('lets the coordinator list and download it, without the reporter', async () => {
    const detail = (await call('GET', `/admin/tenants/35.10/complaints/${id}`, { as: 'koordinator' })).json();
    expect(detail).toMatchObject({ reporter: null, reporterHidden: true });
    evidence = detail.evidence;
    expect(evidence.map((e) => [e.fileName, e.mediaType, e.size])).toEqual([
      ['kuitansi pungli.pdf', 'application/pdf', 4000],
      ['foto loket.png', 'image/png', 3000],
    ]);
    const file = await download('koordinator', evidence[0]!.id);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toContain('kuitansi pungli.pdf');
    expect(Buffer.compare(file.rawPayload, evidencePdf)).toBe(0);
  });

  it('lets the agency it is disposed to download it; another agency and the anonymous get nothing', async () => {
    // Before disposition no agency reaches it.
    expect((await download('dukcapil', evidence[0]!.id)).json().error.code).toBe('COMPLAINT_NOT_FOUND');
    await call('POST', `/admin/tenants/35.10/complaints/${id}/verify`, { as: 'koordinator', payload: {} });
    await call('POST', `/admin/tenants/35.10/complaints/${id}/dispose`, { as: 'koordinator', payload: { agencyId: dukcapil } });
    const detail = (await call('GET', `/admin/tenants/35.10/complaints/${id}`, { as: 'dukcapil' })).json();
    expect(detail.evidence.map((e: { id: string }) => e.id)).toEqual(evidence.map((e) => e.id));
    expect(detail).toMatchObject({ reporter: null, reporterHidden: true });
    const png = await download('dukcapil', evidence[1]!.id);
    expect([png.statusCode, png.headers['content-type']]).toEqual([200, 'image/png']);
    expect(Buffer.compare(png.rawPayload, evidencePng)).toBe(0);

    const otherAgency = await download('dinkes', evidence[0]!.id);
    expect([otherAgency.statusCode, otherAgency.json().error.code]).toEqual([404, 'COMPLAINT_NOT_FOUND']);
    expect((await download('jember', evidence[0]!.id)).statusCode).toBe(403);
    expect((await download(undefined, evidence[0]!.id)).statusCode).toBe(401);
    // Neither the upload route nor an unknown id opens it.
    expect((await call('GET', `/uploads/${evidence[0]!.id}`, { cookie: citizen.cookie })).statusCode).toBe(404);
    const unknown = await download('koordinator', '00000000-0000-4000-8000-000000000000');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'COMPLAINT_EVIDENCE_NOT_FOUND']);
    // Staff reading evidence is audited, naming the complaint, never a reporter.
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'target_id'])
      .where('action', '=', 'complaint.evidence_read')
      .execute();
    expect(audit).toContainEqual({ action: 'complaint.evidence_read', target_type: 'complaint', target_id: id });
  });

  it('stores no uploader identity: a raw unscoped SELECT in the agency’s scope, and RLS for the others', async () => {
    const raw = (scope: Parameters<typeof withScope>[1]) =>
      withScope(t.deps.database.db, scope, (trx) =>
        sql<Record<string, unknown>>`SELECT * FROM complaint_evidence`.execute(trx),
      ).then((r) => r.rows);
    const agencyRows = await raw({ regions: ['35.10'], actorId: who.dukcapil!.id });
    expect(agencyRows.map((r) => r.id).sort()).toEqual(evidence.map((e) => e.id).sort());
    for (const row of agencyRows) {
      expect(Object.keys(row).sort()).toEqual(
        ['complaint_id', 'created_at', 'file_name', 'id', 'media_type', 'position', 'sha256', 'size', 'tenant_code'].sort(),
      );
    }
    const text = JSON.stringify(agencyRows);
    expect(text).not.toContain(citizen.id);
    expect(text).not.toContain('127.0.0.1');
    // No upload row (which would carry an uploader) was made for the evidence.
    const sha = agencyRows.map((r) => r.sha256 as string);
    const uploads = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx.selectFrom('upload').select('id').where('sha256', 'in', sha).execute(),
    );
    expect(uploads).toEqual([]);
    // The audit of the filing names no citizen and lists no file.
    const filed = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'complaint.file')
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(filed.actor_id).toBeNull();
    expect(JSON.stringify(filed.detail)).not.toContain(sha[0]!);

    // Another agency, the public, and a signed-in citizen read no evidence and no bytes.
    expect(await raw({ regions: ['35.10'], actorId: who.dinkes!.id })).toEqual([]);
    expect(await raw({ regions: [] })).toEqual([]);
    expect(await raw({ regions: [], citizenId: citizen.id })).toEqual([]);
    const blobs = await withScope(t.deps.database.db, { regions: ['35.10'], actorId: who.dinkes!.id }, (trx) =>
      trx.selectFrom('upload_blob').select('sha256').where('sha256', 'in', sha).execute(),
    );
    expect(blobs).toEqual([]);
    // The coordinator's scope reads them.
    expect((await raw({ regions: ['35.10'], actorId: who.koordinator!.id })).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a disguised program (415), a file too big (413), too many files (400), and files nothing', async () => {
    const before = await countComplaints();
    const good = pdfBytes(2000, 'baik-tapi-ditolak-bersama');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 0x90)]);
    const disguised = await fileWith([
      { name: 'baik.pdf', bytes: good, type: 'application/pdf' },
      { name: 'bukti.pdf', bytes: exe, type: 'application/pdf' },
    ]);
    expect([disguised.statusCode, disguised.json().error.code]).toEqual([415, 'COMPLAINT_EVIDENCE_TYPE_NOT_ALLOWED']);
    expect(disguised.json().error.message).toContain('bukti.pdf');
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(100)]);
    expect((await fileWith([{ name: 'foto.webp', bytes: webp }])).statusCode).toBe(415);

    const big = await fileWith([{ name: 'besar.pdf', bytes: pdfBytes(COMPLAINT_EVIDENCE.maxBytes + 1, 'besar') }]);
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'COMPLAINT_EVIDENCE_TOO_LARGE']);

    const many = Array.from({ length: COMPLAINT_EVIDENCE.maxFiles + 1 }, (_, i) => ({
      name: `bukti-${i}.pdf`,
      bytes: pdfBytes(600, `banyak-${i}`),
    }));
    const tooMany = await fileWith(many);
    expect([tooMany.statusCode, tooMany.json().error.code]).toEqual([400, 'COMPLAINT_EVIDENCE_TOO_MANY']);

    const empty = await fileWith([{ name: 'kosong.pdf', bytes: Buffer.alloc(0) }]);
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'UPLOAD_EMPTY']);
    const badField = await fileWith([{ name: 'baik.pdf', bytes: good }], { title: 'KTP' });
    expect([badField.statusCode, badField.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badRegion = await fileWith([{ name: 'baik.pdf', bytes: good }], { regionCode: '35.09.01' });
    expect(badRegion.json().error.code).toBe('REGION_OUTSIDE_TENANT');

    expect(await countComplaints()).toBe(before);
    expect(await blobCount(createHash('sha256').update(good).digest('hex'))).toBe(0);
  });

  it('takes exactly the maximum number of files, and the same bytes twice are stored once', async () => {
    const same = pdfBytes(800, 'sama-dua-kali');
    const files = Array.from({ length: COMPLAINT_EVIDENCE.maxFiles }, (_, i) => ({
      name: `bukti-${i}.pdf`,
      bytes: i < 2 ? same : pdfBytes(700, `maks-${i}`),
    }));
    const res = await fileWith(files);
    expect(res.statusCode, res.body).toBe(201);
    expect((await call('GET', `/complaints/track/${res.json().trackingCode}`)).json().evidence).toHaveLength(
      COMPLAINT_EVIDENCE.maxFiles,
    );
    expect(await blobCount(createHash('sha256').update(same).digest('hex'))).toBe(1);
  });
});

describe('deadlines never fall on a day off', () => {
  it('skips weekends and holidays for the verification deadline', () => {
    // Tuesday 22 Dec 2026: 24 (cuti bersama), 25 (Natal), 26–27 (weekend) do not count.
    const due = complaintDeadline({ calendar, stage: 'verify', start: new Date('2026-12-22T10:00:00+07:00') });
    expect(due.dueDate).toBe('2026-12-29');
  });
});
