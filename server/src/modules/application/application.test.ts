import {
  addCalendarDays,
  computeSlaDeadline,
  createWorkCalendar,
  DEFAULT_WORKFLOW,
  endOfLocalDay,
  localDateOf,
  parseTrackingCode,
} from '@layan/domain';
import type { Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema.ts';
import { resolveCitizenKeys } from '../citizen/citizen.nik.ts';
import type { StaffPrincipal } from '../identity/identity.authorize.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { signIn } from '../identity/identity.testing.ts';
import { createCitizenTestApp, signUpCitizen, type CitizenTestApp } from '../citizen/citizen.testing.ts';
import { createEscalationJob } from '../../jobs/escalation.ts';
import { escalateBreachesOnce } from './application.sla.ts';
import { transitionApplication } from './application.staff.service.ts';
import {
  makeApplicationFixture,
  makeService,
  pdfBytes,
  TEST_FORM,
  validAnswers,
  type ApplicationFixture,
} from './application.testing.ts';

const NIK = '3510014708900001';
const EMAIL = 'siti@warga.test';

let t: CitizenTestApp;
let fx: ApplicationFixture;
let citizen: { cookie: string; id: string };
const staff: Record<string, string> = {};

const db = () => t.deps.database.db;

async function upload(cookie: string, bytes: Buffer, name = 'ktp.pdf', query = '') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/uploads?name=${encodeURIComponent(name)}${query}`,
    headers: { cookie, [CSRF_HEADER]: '1', 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
}

async function uploadId(cookie = citizen.cookie, seed = randomUUID()) {
  const response = await upload(cookie, pdfBytes(4096, seed));
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

function post(url: string, cookie: string, payload: object, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie, [CSRF_HEADER]: '1', ...headers }, payload });
}

function get(url: string, cookie?: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: cookie ? { cookie } : {} });
}

async function submitNew(answers?: object) {
  const response = await post('/applications', citizen.cookie, {
    serviceId: fx.serviceId,
    submit: true,
    answers: answers ?? validAnswers(await uploadId()),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function move(id: string, who: string, to: string, extra: object = {}) {
  const current = await get(`/staff/applications/${id}`, staff[who]);
  expect(current.statusCode, current.body).toBe(200);
  return post(`/applications/${id}/transitions`, staff[who]!, { to, expectedVersion: current.json().rowVersion, ...extra });
}

async function outboxFor(id: string) {
  return db()
    .selectFrom('outbox_message')
    .select(['template', 'channel', 'recipient', 'dedupe_key', 'data'])
    .where('dedupe_key', 'like', `application:${id}:%`)
    .orderBy('created_at')
    .execute();
}

async function countApplications() {
  const row = await db()
    .selectFrom('application')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('citizen_id', '=', citizen.id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await createCitizenTestApp();
  fx = await makeApplicationFixture(t.deps);
  citizen = await signUpCitizen(t, { nik: NIK, email: EMAIL, name: 'Siti Aminah' });
  for (const who of ['loket', 'bo1', 'bo2', 'spv', 'jember', 'desa']) staff[who] = await signIn(t.app, `${who}@uji.go.id`);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('the whole lifecycle', () => {
  it('draft → save → submit → verifikasi → dikembalikan → resubmit → diproses → selesai', async () => {
    const ktp = await uploadId();
    const draft = await post('/applications', citizen.cookie, { serviceId: fx.serviceId, answers: { nama: 'Siti' } });
    expect(draft.statusCode, draft.body).toBe(201);
    const app = draft.json();
    expect(app).toMatchObject({ state: 'draft', trackingCode: null, rowVersion: 1, stateLabel: { id: 'Draf' } });

    const saved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${app.id}`,
      headers: { cookie: citizen.cookie, [CSRF_HEADER]: '1' },
      payload: { answers: { ...validAnswers(ktp), nama: 'Siti Aminah' }, expectedVersion: 1 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().uploads.map((u: { id: string }) => u.id)).toEqual([ktp]);

    const submitted = await post(`/applications/${app.id}/submit`, citizen.cookie, { expectedVersion: 2 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const receipt = submitted.json();
    expect(receipt.state).toBe('diajukan');
    expect(parseTrackingCode(receipt.trackingCode)).toBe(receipt.trackingCode);
    // Answers are stored normalised, the file as metadata pointing at the upload.
    expect(receipt.answers.telepon).toBe('+6281234567890');
    expect(receipt.answers.ktp[0]).toMatchObject({ ref: ktp, mimeType: 'application/pdf' });
    const firstDue = receipt.sla.dueDate;

    expect((await move(app.id, 'loket', 'verifikasi')).statusCode).toBe(200);
    const returned = await move(app.id, 'bo1', 'dikembalikan', { note: 'Pindaian KTP buram, unggah ulang.' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().sla).toMatchObject({ dueDate: null, risk: 'paused' });

    const mine = (await get(`/applications/${app.id}`, citizen.cookie)).json();
    expect(mine.state).toBe('dikembalikan');
    expect(mine.history.at(-1)).toMatchObject({ to: 'dikembalikan', note: 'Pindaian KTP buram, unggah ulang.', by: 'staff' });

    const fixed = await uploadId();
    const resubmitted = await post(`/applications/${app.id}/submit`, citizen.cookie, {
      answers: validAnswers(fixed),
      expectedVersion: mine.rowVersion,
    });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({ state: 'diajukan', trackingCode: receipt.trackingCode });
    expect(resubmitted.json().sla.dueDate >= firstDue).toBe(true);
    expect(
      resubmitted
        .json()
        .uploads.map((u: { id: string }) => u.id)
        .sort(),
    ).toEqual([ktp, fixed].sort());

    expect((await move(app.id, 'loket', 'verifikasi')).statusCode).toBe(200);
    expect((await move(app.id, 'loket', 'diproses')).statusCode).toBe(200);
    const done = await move(app.id, 'bo1', 'selesai');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'selesai', outcome: 'completed', transitions: [] });
    expect(done.json().history.map((h: { to: string }) => h.to)).toEqual([
      'diajukan',
      'verifikasi',
      'dikembalikan',
      'diajukan',
      'verifikasi',
      'diproses',
      'selesai',
    ]);

    // Exactly one message per event (the citizen has an e-mail only), with the agreed templates.
    const messages = await outboxFor(app.id);
    expect(messages.map((m) => m.template)).toEqual([
      'application.submitted',
      'application.status_changed',
      'application.returned',
      'application.status_changed',
      'application.status_changed',
      'application.status_changed',
      'application.completed',
    ]);
    expect(new Set(messages.map((m) => m.dedupe_key)).size).toBe(messages.length);
    expect(messages.every((m) => m.channel === 'email' && m.recipient === EMAIL)).toBe(true);
    expect(messages[0]!.data).toMatchObject({ trackingCode: receipt.trackingCode, dueDate: firstDue });
    expect(messages[2]!.data).toMatchObject({ note: 'Pindaian KTP buram, unggah ulang.' });

    // A transition after the end is refused, and nothing changes.
    const after = await move(app.id, 'bo1', 'diproses');
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await outboxFor(app.id)).length).toBe(7);

    const audit = await db().selectFrom('audit_log').select(['action']).where('target_id', '=', app.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'application.create',
      'application.update',
      'application.submit',
      'application.transition',
      'application.transition',
      'application.resubmit',
      'application.transition',
      'application.transition',
      'application.transition',
    ]);

    const list = (await get('/me/applications', citizen.cookie)).json();
    expect(list.items.some((i: { id: string; state: string }) => i.id === app.id && i.state === 'selesai')).toBe(true);

    // Completing issued the signed letter in the same transaction: the citizen sees and downloads
    // it, the message links to it, and the public verifier accepts exactly those bytes.
    const letterView = (await get(`/applications/${app.id}`, citizen.cookie)).json();
    expect(letterView.documents).toHaveLength(1);
    expect(letterView.documents[0]).toMatchObject({ decision: 'approved', revoked: false });
    expect(messages[6]!.data.documentUrl).toMatch(new RegExp(`/api/v1/documents/${letterView.documents[0].id}/pdf$`));
    const pdf = await get(letterView.documents[0].url.replace('/api/v1', ''), citizen.cookie);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: pdf.rawPayload,
    });
    expect(verified.json()).toMatchObject({ valid: true, revoked: false });
    const issuedAudit = await db()
      .selectFrom('audit_log')
      .select(['action'])
      .where('target_id', '=', letterView.documents[0].id)
      .execute();
    expect(issuedAudit.map((a) => a.action)).toEqual(['document.issue']);
  });

  it('computes the deadline with the domain clock, holidays and cuti bersama skipped', async () => {
    const receipt = await submitNew();
    const expected = computeSlaDeadline({
      calendar: createWorkCalendar({ timeZone: 'Asia/Jakarta' }),
      start: new Date(receipt.submittedAt),
      amount: 30,
    });
    expect(expected.skipped.some((s) => s.reason === 'libur_nasional' || s.reason === 'cuti_bersama')).toBe(true);
    expect(receipt.sla).toMatchObject({
      amount: 30,
      unit: 'working_days',
      dueDate: expected.dueDate,
      dueAt: expected.dueAt!.toISOString(),
    });
  });
});

describe('the receipt of a new application', () => {
  // The answer to POST is built from what the transaction wrote, not read back (decision 0016).
  it('is the application as GET reads it afterwards, with and without uploads, online and assisted', async () => {
    const withUpload = await post('/applications', citizen.cookie, {
      serviceId: fx.serviceId,
      submit: true,
      answers: validAnswers(await uploadId()),
    });
    expect(withUpload.statusCode, withUpload.body).toBe(201);
    expect(withUpload.json().uploads).toHaveLength(1);
    expect((await get(`/applications/${withUpload.json().id}`, citizen.cookie)).json()).toEqual(withUpload.json());

    const noFileForm = { ...TEST_FORM, id: 'tanpa-berkas', fields: TEST_FORM.fields.filter((f) => f.type !== 'file') };
    const serviceId = await makeService(t.deps, {
      tenant: '35.10',
      agencyId: fx.agencyId,
      slug: 'tanpa-berkas',
      days: 3,
      form: noFileForm,
    });
    const { ktp: _ktp, ...answers } = validAnswers('unused');
    const noUpload = await post('/applications', citizen.cookie, { serviceId, submit: true, answers });
    expect(noUpload.statusCode, noUpload.body).toBe(201);
    expect(noUpload.json()).toMatchObject({
      state: 'diajukan',
      uploads: [],
      history: [{ seq: 1, from: null, to: 'diajukan', by: 'citizen' }],
    });
    expect((await get(`/applications/${noUpload.json().id}`, citizen.cookie)).json()).toEqual(noUpload.json());

    const assisted = await post(
      '/assisted-applications',
      staff.loket!,
      {
        nik: NIK,
        name: 'Siti Aminah',
        serviceId: fx.serviceId,
        regionCode: fx.desa,
        answers: validAnswers(await uploadId(staff.loket!)),
        consent: { method: 'tertulis' },
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(assisted.statusCode, assisted.body).toBe(201);
    const read = (await get(`/staff/applications/${assisted.json().id}`, staff.loket)).json();
    // The staff view adds the citizen and the assisting details to what the receipt holds.
    expect(read).toMatchObject(assisted.json());
  });
});

describe('Idempotency-Key', () => {
  it('answers a repeated request the same and creates one application', async () => {
    const key = randomUUID();
    const body = { serviceId: fx.serviceId, submit: true, answers: validAnswers(await uploadId()) };
    const before = await countApplications();
    const first = await post('/applications', citizen.cookie, body, { 'idempotency-key': key });
    const second = await post('/applications', citizen.cookie, body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await countApplications()).toBe(before + 1);

    const other = await post(
      '/applications',
      citizen.cookie,
      { ...body, answers: { ...body.answers, nama: 'Lain' } },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countApplications()).toBe(before + 1);
  });

  it('20 concurrent requests with one key create exactly one application and one receipt message', async () => {
    const key = randomUUID();
    const body = { serviceId: fx.serviceId, submit: true, answers: validAnswers(await uploadId()) };
    const before = await countApplications();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post('/applications', citizen.cookie, body, { 'idempotency-key': key })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const ids = new Set(responses.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(await countApplications()).toBe(before + 1);
    expect((await outboxFor([...ids][0] as string)).length).toBe(1);
  });

  it('refuses a malformed key', async () => {
    const response = await post('/applications', citizen.cookie, { serviceId: fx.serviceId }, { 'idempotency-key': 'a b' });
    expect(response.statusCode).toBe(400);
  });
});

describe('bad input leaves nothing behind', () => {
  it('a form violation answers 422 with every field named, and creates nothing', async () => {
    const before = await countApplications();
    const response = await post('/applications', citizen.cookie, {
      serviceId: fx.serviceId,
      submit: true,
      answers: { nama: 'S', tanggalLahir: '2999-01-01', keperluan: 'liburan', telepon: '12345', ktp: [randomUUID()] },
    });
    expect(response.statusCode).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('APPLICATION_FORM_INVALID');
    const byPath = Object.fromEntries(error.details.issues.map((i: { path: string; code: string }) => [i.path, i.code]));
    expect(byPath).toMatchObject({
      nama: 'FORM_ANSWER_TOO_SHORT',
      keperluan: 'FORM_ANSWER_OPTION',
      telepon: 'FORM_ANSWER_PHONE',
      ktp: 'FORM_ANSWER_FILE',
      pernyataan: 'FORM_ANSWER_REQUIRED',
    });
    expect(Object.keys(byPath)).toContain('tanggalLahir');
    expect(await countApplications()).toBe(before);
  });

  it('an unknown service is 404 and a body with unknown fields is 400', async () => {
    expect((await post('/applications', citizen.cookie, { serviceId: randomUUID() })).json().error.code).toBe(
      'SERVICE_NOT_FOUND',
    );
    expect((await post('/applications', citizen.cookie, { serviceId: fx.serviceId, extra: 1 })).statusCode).toBe(400);
  });

  it('the anonymous and staff cannot use the citizen routes', async () => {
    expect((await post('/applications', '', { serviceId: fx.serviceId })).statusCode).toBe(401);
    expect((await get('/me/applications')).statusCode).toBe(401);
  });

  it('another citizen cannot read, change or submit the application', async () => {
    const receipt = await submitNew();
    const other = await signUpCitizen(t, { nik: '3510010101900002', email: 'budi@warga.test', name: 'Budi' });
    expect((await get(`/applications/${receipt.id}`, other.cookie)).statusCode).toBe(404);
    expect((await post(`/applications/${receipt.id}/submit`, other.cookie, {})).statusCode).toBe(404);
  });

  it('a submitted application cannot be edited', async () => {
    const receipt = await submitNew();
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${receipt.id}`,
      headers: { cookie: citizen.cookie, [CSRF_HEADER]: '1' },
      payload: { answers: {} },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('APPLICATION_NOT_EDITABLE');
  });
});

describe('transitions', () => {
  it('of two officers acting on the same version at once, exactly one wins', async () => {
    const receipt = await submitNew();
    const [a, b] = await Promise.all([
      post(`/applications/${receipt.id}/transitions`, staff.bo1!, { to: 'verifikasi', expectedVersion: receipt.rowVersion }),
      post(`/applications/${receipt.id}/transitions`, staff.bo2!, { to: 'verifikasi', expectedVersion: receipt.rowVersion }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('APPLICATION_STALE');
    const view = (await get(`/staff/applications/${receipt.id}`, staff.bo1)).json();
    expect(view.history.map((h: { to: string }) => h.to)).toEqual(['diajukan', 'verifikasi']);
    expect((await outboxFor(receipt.id)).length).toBe(2);
  });

  it('a stale version is refused even without a race', async () => {
    const receipt = await submitNew();
    const response = await post(`/applications/${receipt.id}/transitions`, staff.bo1!, { to: 'verifikasi', expectedVersion: 1 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('APPLICATION_STALE');
  });

  it('checks the state, the role and the required note', async () => {
    const receipt = await submitNew();
    const skip = await move(receipt.id, 'bo1', 'selesai');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await move(receipt.id, 'loket', 'verifikasi')).statusCode).toBe(200);
    const byLoket = await move(receipt.id, 'loket', 'ditolak', { note: 'Bukan wewenang loket' });
    expect(byLoket.statusCode).toBe(403);
    expect(byLoket.json().error.code).toBe('TRANSITION_ROLE_FORBIDDEN');
    const noNote = await move(receipt.id, 'bo1', 'ditolak');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.code).toBe('TRANSITION_NOTE_REQUIRED');
    const byDesa = await post(`/applications/${receipt.id}/transitions`, staff.desa!, { to: 'diproses', expectedVersion: 3 });
    expect(byDesa.statusCode).toBe(403);
    expect(byDesa.json().error.code).toBe('FORBIDDEN');
    const rejected = await move(receipt.id, 'bo1', 'ditolak', { note: 'Syarat tidak terpenuhi.' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ state: 'ditolak', outcome: 'rejected' });
    expect((await outboxFor(receipt.id)).map((m) => m.template)).toEqual([
      'application.submitted',
      'application.status_changed',
      'application.rejected',
    ]);
  });

  it('a staff member of another region gets 404 and an empty inbox', async () => {
    const receipt = await submitNew();
    expect((await get(`/staff/applications/${receipt.id}`, staff.jember)).statusCode).toBe(404);
    const response = await post(`/applications/${receipt.id}/transitions`, staff.jember!, {
      to: 'verifikasi',
      expectedVersion: receipt.rowVersion,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('APPLICATION_NOT_FOUND');
    expect((await get('/staff/applications', staff.jember)).json().items).toEqual([]);
  });

  it('opening an application shows the citizen (NIK masked) and is audited as citizen.read', async () => {
    const receipt = await submitNew();
    const view = await get(`/staff/applications/${receipt.id}`, staff.bo1);
    expect(view.statusCode).toBe(200);
    expect(view.json().citizen).toMatchObject({ id: citizen.id, name: 'Siti Aminah', email: EMAIL });
    expect(view.json().citizen.nik).not.toContain('47089000');
    expect(view.json().transitions.map((x: { to: string }) => x.to)).toEqual(['verifikasi']);
    const reads = await db()
      .selectFrom('audit_log')
      .select(['actor_type', 'target_id', 'detail'])
      .where('action', '=', 'citizen.read')
      .where('target_id', '=', citizen.id)
      .execute();
    expect(reads.some((r) => (r.detail as { applicationId?: string }).applicationId === receipt.id)).toBe(true);
  });
});

describe('inbox, supervisor view and escalation', () => {
  it('orders by risk and counts per agency; breaches are recorded once', async () => {
    const overdue = await submitNew();
    const today = await submitNew();
    // Move two deadlines by hand, as time passing would (the connection's own user bypasses RLS).
    const now = new Date();
    const todayLocal = localDateOf(now, 'Asia/Jakarta');
    const yesterdayLocal = addCalendarDays(todayLocal, -1);
    await db()
      .updateTable('application')
      .set({ due_at: endOfLocalDay(yesterdayLocal, 'Asia/Jakarta'), due_date: yesterdayLocal })
      .where('id', '=', overdue.id)
      .execute();
    await db()
      .updateTable('application')
      .set({ due_at: endOfLocalDay(todayLocal, 'Asia/Jakarta'), due_date: todayLocal })
      .where('id', '=', today.id)
      .execute();

    const inbox = await get('/staff/applications', staff.bo1);
    expect(inbox.statusCode).toBe(200);
    const items = inbox.json().items as Array<{ id: string; risk: string }>;
    expect(items[0]).toMatchObject({ id: overdue.id, risk: 'overdue' });
    expect(items[1]).toMatchObject({ id: today.id, risk: 'due_today' });
    const overdueOnly = (await get('/staff/applications?risk=overdue', staff.bo1)).json().items;
    expect(overdueOnly.map((i: { id: string }) => i.id)).toEqual([overdue.id]);
    expect(JSON.stringify(inbox.json())).not.toContain('Siti');

    const first = await escalateBreachesOnce(db(), now);
    expect(first.escalated.map((e) => e.applicationId)).toEqual([overdue.id]);
    expect((await escalateBreachesOnce(db(), now)).escalated).toEqual([]);
    const audited = await db().selectFrom('audit_log').select('action').where('target_id', '=', overdue.id).execute();
    expect(audited.filter((a) => a.action === 'application.sla_breach')).toHaveLength(1);

    const summary = await get('/staff/applications/summary', staff.spv);
    expect(summary.statusCode, summary.body).toBe(200);
    const agency = summary.json().agencies.find((a: { agencyId: string }) => a.agencyId === fx.agencyId);
    expect(agency.byRisk.overdue).toBe(1);
    expect(agency.byRisk.due_today).toBe(1);
    expect(agency.escalations).toBe(1);
    expect(agency.open).toBe(Object.values(agency.byState as Record<string, number>).reduce((a, b) => a + b, 0));
    expect((await get('/staff/applications/summary', staff.loket)).statusCode).toBe(403);
    expect((await get('/staff/applications', staff.desa)).statusCode).toBe(403);
    expect((await get('/staff/applications')).statusCode).toBe(401);
  });

  it('the job of `layan start` records a new breach by itself, once, and stops cleanly', async () => {
    const late = await submitNew();
    const yesterday = addCalendarDays(localDateOf(new Date(), 'Asia/Jakarta'), -1);
    await db()
      .updateTable('application')
      .set({ due_at: endOfLocalDay(yesterday, 'Asia/Jakarta'), due_date: yesterday })
      .where('id', '=', late.id)
      .execute();
    const breachesOf = (id: string) =>
      db().selectFrom('sla_escalation').select('due_at').where('application_id', '=', id).execute();

    const job = createEscalationJob({ db: db(), log: t.app.log, intervalMs: 1000 });
    job.start();
    try {
      const deadline = Date.now() + 30_000;
      while ((await breachesOf(late.id)).length === 0) {
        if (Date.now() > deadline) throw new Error('the job recorded no breach within 30 s');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await job.stop();
    }
    // Later rounds (and the cron command, and other processes) record nothing twice.
    expect(await job.runOnce()).toEqual({ applications: 0, complaints: 0 });
    expect(await breachesOf(late.id)).toHaveLength(1);
    const audited = await db()
      .selectFrom('audit_log')
      .select('actor_type')
      .where('action', '=', 'application.sla_breach')
      .where('target_id', '=', late.id)
      .execute();
    expect(audited).toEqual([{ actor_type: 'system' }]);
  });
});

describe('public tracking', () => {
  it('shows status and history, tolerates typing, and carries no personal data or notes', async () => {
    const receipt = await submitNew();
    await move(receipt.id, 'loket', 'verifikasi');
    await move(receipt.id, 'bo1', 'dikembalikan', { note: 'Catatan rahasia petugas' });
    const typed = receipt.trackingCode.toLowerCase().replace(/-/g, ' ');
    const response = await get(`/track/${encodeURIComponent(typed)}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ trackingCode: receipt.trackingCode, state: 'dikembalikan', agencyName: 'Instansi disdukcapil' });
    expect(body.history.map((h: { state: string }) => h.state)).toEqual(['diajukan', 'verifikasi', 'dikembalikan']);
    const text = response.body;
    for (const secret of [NIK, 'Siti', EMAIL, '6281234567890', 'Catatan rahasia', citizen.id, 'Jl. Ahmad Yani']) {
      expect(text).not.toContain(secret);
    }
  });

  it('answers 400 for a malformed code and 404 for an unknown one', async () => {
    expect((await get('/track/LYN-0000')).json().error.code).toBe('TRACKING_CODE_INVALID');
    const unknown = await get('/track/LYN-2222-2222-222');
    expect([400, 404]).toContain(unknown.statusCode);
  });
});

describe('assisted submission', () => {
  it('an operator desa submits for a new citizen by NIK, with consent; the citizen gets the code by SMS', async () => {
    const ktp = await uploadId(staff.desa!);
    const nik = '3510015203850003';
    const response = await post(
      '/assisted-applications',
      staff.desa!,
      {
        nik,
        name: 'Mbah Sarni',
        phone: '0813 1111 2222',
        serviceId: fx.serviceId,
        regionCode: fx.desa,
        answers: validAnswers(ktp),
        consent: { method: 'lisan' },
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(response.statusCode, response.body).toBe(201);
    const app = response.json();
    expect(app).toMatchObject({ state: 'diajukan', channel: 'desa' });
    const messages = await outboxFor(app.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ template: 'application.submitted', channel: 'sms', recipient: '+6281311112222' });
    expect((messages[0]!.data as { trackingCode: string }).trackingCode).toBe(app.trackingCode);

    const view = (await get(`/staff/applications/${app.id}`, staff.bo1)).json();
    expect(view.citizen).toMatchObject({ name: 'Mbah Sarni', phone: '+6281311112222' });
    expect(view.assisted).toMatchObject({ regionCode: fx.desa, consentMethod: 'lisan' });
    const row = await db().selectFrom('citizen_link').selectAll().where('citizen_id', '=', view.citizen.id).execute();
    expect(row).toMatchObject([{ tenant_code: '35.10', region_code: fx.desa, via: 'assisted' }]);
    // The Kabupaten officer of Jember never sees it; the desa operator cannot work it.
    expect((await get(`/staff/applications/${app.id}`, staff.jember)).statusCode).toBe(404);
  });

  it('needs consent, a valid NIK, a contact for a new citizen, and a region within the grant', async () => {
    const assisted = () => db().selectFrom('application').select('id').where('assisted_by', 'is not', null).execute();
    const before = (await assisted()).length;
    const ktp = await uploadId(staff.desa!);
    const base = {
      nik: '3510015203850004',
      name: 'Warga Baru',
      serviceId: fx.serviceId,
      answers: validAnswers(ktp),
      regionCode: fx.desa,
    };
    const noConsent = await post('/assisted-applications', staff.desa!, { ...base, phone: '081311112223' });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.code).toBe('ASSISTED_CONSENT_REQUIRED');
    const noContact = await post('/assisted-applications', staff.desa!, { ...base, consent: { method: 'tertulis' } });
    expect(noContact.json().error.code).toBe('ASSISTED_CONTACT_REQUIRED');
    const badNik = await post('/assisted-applications', staff.desa!, {
      ...base,
      nik: '1234567890123456',
      phone: '081311112223',
      consent: { method: 'lisan' },
    });
    expect(badNik.json().error.code).toBe('NIK_INVALID');
    const elsewhere = await post('/assisted-applications', staff.desa!, {
      ...base,
      phone: '081311112223',
      regionCode: '35.10.02.2001',
      consent: { method: 'lisan' },
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(
      (await post('/assisted-applications', staff.bo1!, { ...base, phone: '081311112223', consent: { method: 'lisan' } }))
        .statusCode,
    ).toBe(403);
    expect(await assisted()).toHaveLength(before);
  });
});

describe('extension point and limits', () => {
  it('onCompletedInTx runs once, inside the completing transaction, and its document URL reaches the message', async () => {
    const receipt = await submitNew();
    await move(receipt.id, 'loket', 'verifikasi');
    await move(receipt.id, 'loket', 'diproses');
    const officer = await db()
      .selectFrom('staff_account')
      .select(['id', 'name'])
      .where('email', '=', 'bo1@uji.go.id')
      .executeTakeFirstOrThrow();
    const principal: StaffPrincipal = {
      kind: 'staff',
      staffId: officer.id,
      sessionId: randomUUID(),
      name: officer.name,
      regionCode: '35.10',
      grants: [{ role: 'petugas_back_office', regionCode: '35.10' }],
    };
    const calls: Array<{ applicationId: string; trackingCode: string; inTransaction: boolean }> = [];
    const services = {
      db: db(),
      baseUrl: 'https://layan.example.go.id',
      keys: resolveCitizenKeys(t.deps.env),
      hooks: {
        onCompletedInTx: async (trx: Transaction<DB>, completed: { applicationId: string; trackingCode: string }) => {
          // The hook sees the application already completed: it runs in the same transaction.
          const row = await trx
            .selectFrom('application')
            .select('state')
            .where('id', '=', completed.applicationId)
            .executeTakeFirst();
          calls.push({ ...completed, inTransaction: row?.state === 'selesai' });
          return { documentUrl: `https://layan.example.go.id/dokumen/${completed.trackingCode}` };
        },
      },
    };
    const current = (await get(`/staff/applications/${receipt.id}`, staff.bo1)).json();
    await transitionApplication(services, {
      principal,
      id: receipt.id,
      input: { to: 'selesai', expectedVersion: current.rowVersion },
      context: { ip: '127.0.0.1', requestId: 'uji-hook' },
    });
    expect(calls).toEqual([
      expect.objectContaining({ applicationId: receipt.id, trackingCode: receipt.trackingCode, inTransaction: true }),
    ]);
    const completed = (await outboxFor(receipt.id)).at(-1)!;
    expect(completed.template).toBe('application.completed');
    expect(completed.data).toMatchObject({
      documentUrl: `https://layan.example.go.id/dokumen/${receipt.trackingCode}`,
      trackUrl: `https://layan.example.go.id/lacak/${receipt.trackingCode}`,
    });
  });

  it('rate-limits the public tracking route per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await get('/track/LYN-2222-2222-222')).statusCode);
    expect(statuses).toContain(429);
  });
});

describe('a service with its own workflow', () => {
  it('requires an output upload to complete, attaches it, and the citizen can download it', async () => {
    const workflow = {
      ...DEFAULT_WORKFLOW,
      id: 'dengan-hasil',
      transitions: DEFAULT_WORKFLOW.transitions.map((tr) => (tr.to === 'selesai' ? { ...tr, requires: { output: true } } : tr)),
    };
    const serviceId = await makeService(t.deps, {
      tenant: '35.10',
      agencyId: fx.agencyId,
      slug: 'dengan-hasil',
      days: 5,
      workflow,
    });
    const created = await post('/applications', citizen.cookie, {
      serviceId,
      submit: true,
      answers: validAnswers(await uploadId()),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await move(id, 'loket', 'verifikasi');
    await move(id, 'loket', 'diproses');
    const missing = await move(id, 'bo1', 'selesai');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('TRANSITION_OUTPUT_REQUIRED');
    const foreign = await move(id, 'bo1', 'selesai', { outputUploadId: await uploadId() });
    expect(foreign.json().error.code).toBe('UPLOAD_NOT_FOUND');
    const output = await uploadId(staff.bo1!);
    const done = await move(id, 'bo1', 'selesai', { outputUploadId: output });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().history.at(-1)).toMatchObject({ to: 'selesai', outputUploadId: output });
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${output}`, headers: { cookie: citizen.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
  });
});
