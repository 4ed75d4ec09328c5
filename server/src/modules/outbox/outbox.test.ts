import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabaseKind } from '../../../../test/db.ts';
import { command as outboxCommand, outboxStatus } from '../../cli/commands/outbox.ts';
import { withScope } from '../../db/scope.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { createAuthTestApp, makeStaff, makeTenants, signIn, type AuthTestApp } from '../identity/identity.testing.ts';
import { createSmtpChannel } from '../notification/notification.smtp.ts';
import { enqueue, messageRows, startControlledSmtpServer, type ControlledSmtpServer } from './outbox.testing.ts';
import { createOutboxWorker, type OutboxWorker } from './outbox.worker.ts';

let t: AuthTestApp;
let smtp: ControlledSmtpServer;
let worker: OutboxWorker;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

const DATA = {
  trackingCode: 'BWI-2611-0042',
  serviceName: 'Penerbitan Akta Kelahiran',
  trackUrl: 'https://layan.example.go.id/lacak/BWI-2611-0042',
};

beforeAll(async () => {
  [t, smtp] = await Promise.all([createAuthTestApp(), startControlledSmtpServer('reject')]);
  worker = createOutboxWorker({
    db: t.deps.database.db,
    channels: { email: createSmtpChannel({ url: smtp.url, from: 'Layan Uji <no-reply@layan.test>' }) },
    log: t.app.log,
    config: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
  });
  await makeTenants(t.deps, [
    { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Pemerintah Kabupaten Jember' },
  ]);
  const staff = [
    { email: 'nasional@layan.test', regionCode: null, grants: [{ role: 'admin_nasional' as const, regionCode: null }] },
    { email: 'pemda@banyuwangi.test', regionCode: '35.10', grants: [{ role: 'admin_pemda' as const, regionCode: '35.10' }] },
    { email: 'pemda@jember.test', regionCode: '35.09', grants: [{ role: 'admin_pemda' as const, regionCode: '35.09' }] },
    { email: 'loket@banyuwangi.test', regionCode: '35.10', grants: [{ role: 'petugas_loket' as const, regionCode: '35.10' }] },
  ];
  for (const s of staff) {
    await makeStaff(t.deps, s);
    cookies[s.email.split('.')[0]!] = await signIn(t.app, s.email);
  }
  // Three messages the SMTP server refuses for good (550): dead after one attempt each.
  await enqueue(t.deps, {
    tenantCode: '35.10',
    channel: 'email',
    recipient: 'wulan.sari@example.com',
    template: 'application.completed',
    language: 'id',
    data: DATA,
  });
  await enqueue(t.deps, {
    tenantCode: '35.09',
    channel: 'email',
    recipient: 'budi@example.com',
    template: 'application.completed',
    language: 'en',
    data: { ...DATA, trackingCode: 'JBR-2611-0007' },
  });
  await enqueue(t.deps, {
    tenantCode: null,
    channel: 'email',
    recipient: 'nasional.warga@example.com',
    template: 'application.completed',
    language: 'id',
    data: DATA,
  });
  expect(await worker.runOnce()).toMatchObject({ claimed: 3, dead: 3 });
  for (const row of await messageRows(t.deps)) ids[row.tenant_code ?? 'national'] = row.id;
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await t?.close();
});

function call(method: 'GET' | 'POST', url: string, who?: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who ? { cookie: cookies[who]! } : {}), [CSRF_HEADER]: '1' },
    ...(payload ? { payload } : {}),
  });
}

describe(`outbox administration (${testDatabaseKind})`, () => {
  it('lists dead letters with masked recipients: a Pemda admin sees only its tenant, admin nasional everything', async () => {
    const pemda = await call('GET', '/admin/outbox', 'pemda@banyuwangi');
    expect(pemda.statusCode).toBe(200);
    expect(pemda.json()).toEqual({
      items: [
        {
          id: ids['35.10'],
          tenantCode: '35.10',
          channel: 'email',
          recipient: 'w•••@example.com',
          template: 'application.completed',
          language: 'id',
          status: 'dead',
          attempts: 1,
          nextAttemptAt: expect.any(String),
          lastError: 'PermanentSendError: SMTP server refused the message (550)',
          createdAt: expect.any(String),
          sentAt: null,
        },
      ],
      counts: { pending: 0, sending: 0, sent: 0, dead: 1 },
    });
    expect(pemda.body).not.toContain('wulan.sari');

    const jember = await call('GET', '/admin/outbox?status=dead', 'pemda@jember');
    expect(jember.json().items.map((m: { id: string }) => m.id)).toEqual([ids['35.09']]);

    const nasional = await call('GET', '/admin/outbox', 'nasional@layan');
    expect(
      nasional
        .json()
        .items.map((m: { id: string }) => m.id)
        .sort(),
    ).toEqual([ids['35.10'], ids['35.09'], ids.national].sort());
    expect(nasional.json().counts).toEqual({ pending: 0, sending: 0, sent: 0, dead: 3 });
    expect((await call('GET', '/admin/outbox?status=sent', 'nasional@layan')).json().items).toEqual([]);
  });

  it('refuses the anonymous (401), other roles (403) and bad queries (400)', async () => {
    expect((await call('GET', '/admin/outbox')).json().error.code).toBe('AUTH_REQUIRED');
    expect((await call('POST', `/admin/outbox/${ids['35.10']}/retry`)).statusCode).toBe(401);
    const loket = await call('GET', '/admin/outbox', 'loket@banyuwangi');
    expect([loket.statusCode, loket.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await call('POST', `/admin/outbox/${ids['35.10']}/retry`, 'loket@banyuwangi')).statusCode).toBe(403);
    const bad = await call('GET', '/admin/outbox?status=lost', 'nasional@layan');
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await call('GET', '/admin/outbox?limit=0', 'nasional@layan')).statusCode).toBe(400);
    expect((await call('GET', '/admin/outbox?limit=201', 'nasional@layan')).statusCode).toBe(400);
    expect((await call('POST', '/admin/outbox/bukan-uuid/retry', 'nasional@layan')).statusCode).toBe(400);
  });

  it('does not let a Pemda admin retry another region’s message (404, as if it did not exist)', async () => {
    const other = await call('POST', `/admin/outbox/${ids['35.10']}/retry`, 'pemda@jember');
    expect([other.statusCode, other.json().error.code]).toEqual([404, 'OUTBOX_MESSAGE_NOT_FOUND']);
    const national = await call('POST', `/admin/outbox/${ids.national}/retry`, 'pemda@banyuwangi');
    expect(national.statusCode).toBe(404);
    const missing = await call('POST', '/admin/outbox/00000000-0000-4000-8000-000000000000/retry', 'nasional@layan');
    expect(missing.json().error.code).toBe('OUTBOX_MESSAGE_NOT_FOUND');
    const rows = await messageRows(t.deps);
    expect(rows.every((r) => r.status === 'dead')).toBe(true);
  });

  it('retries a dead letter: pending with fresh attempts, audited, then delivered by the worker', async () => {
    smtp.mode = 'accept';
    const retried = await call('POST', `/admin/outbox/${ids['35.10']}/retry`, 'pemda@banyuwangi');
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: ids['35.10'], status: 'pending', attempts: 0, recipient: 'w•••@example.com' });

    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outbox.retry')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      tenant_code: '35.10',
      actor_type: 'staff',
      actor_role: 'admin_pemda',
      target_type: 'outbox_message',
      target_id: ids['35.10'],
      detail: {
        template: 'application.completed',
        channel: 'email',
        attempts: 1,
        lastError: 'PermanentSendError: SMTP server refused the message (550)',
      },
    });
    expect(JSON.stringify(audit.detail)).not.toContain('wulan');

    const again = await call('POST', `/admin/outbox/${ids['35.10']}/retry`, 'pemda@banyuwangi');
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'OUTBOX_MESSAGE_NOT_DEAD']);
    expect(again.json().error.message).toBe(
      'Hanya pesan yang gagal terkirim yang dapat dikirim ulang; pesan ini berstatus pending.',
    );

    expect(await worker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    const [mail] = await smtp.waitForMail(1);
    expect(mail!.to).toEqual(['wulan.sari@example.com']);
    expect(mail!.subject).toBe('Permohonan BWI-2611-0042 selesai');
    expect(mail!.text).toContain('Permohonan Anda untuk layanan Penerbitan Akta Kelahiran (kode BWI-2611-0042) telah selesai.');

    const list = await call('GET', '/admin/outbox?status=sent', 'pemda@banyuwangi');
    expect(list.json().items).toMatchObject([{ id: ids['35.10'], status: 'sent', attempts: 1, sentAt: expect.any(String) }]);
    expect(list.json().counts).toEqual({ pending: 0, sending: 0, sent: 1, dead: 0 });
    expect((await call('POST', `/admin/outbox/${ids['35.10']}/retry`, 'pemda@banyuwangi')).json().error.message).toContain(
      'berstatus sent',
    );
  });

  it('lets admin nasional retry a national message, answered in English when asked', async () => {
    const retried = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/outbox/${ids.national}/retry`,
      headers: { cookie: cookies['nasional@layan']!, [CSRF_HEADER]: '1', 'accept-language': 'en' },
    });
    expect(retried.json()).toMatchObject({ tenantCode: null, status: 'pending' });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/outbox/${ids.national}/retry`,
      headers: { cookie: cookies['nasional@layan']!, [CSRF_HEADER]: '1', 'accept-language': 'en' },
    });
    expect(again.json().error.message).toBe('Only messages that failed can be retried; this one is pending.');
  });

  it('keeps the outbox tenant-scoped in the database too: row-level security and column grants', async () => {
    const db = t.deps.database.db;
    const seen = await withScope(db, '35.09', (trx) => trx.selectFrom('outbox_message').select('tenant_code').execute());
    expect(seen.map((r) => r.tenant_code)).toEqual(['35.09']);
    expect(await withScope(db, '', (trx) => trx.selectFrom('outbox_message').select('id').execute())).toEqual([]);
    // An update outside the scope touches nothing; the recipient and text cannot be rewritten at all.
    const moved = await withScope(db, '35.09', (trx) =>
      trx.updateTable('outbox_message').set({ status: 'dead' }).where('tenant_code', '=', '35.10').executeTakeFirst(),
    );
    expect(Number(moved.numUpdatedRows)).toBe(0);
    await expect(
      withScope(db, '*', (trx) => sql`UPDATE outbox_message SET recipient = 'x@example.com'`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
    // Any unit of work may enqueue, even one that cannot read the row back.
    await withScope(db, '35.09', (trx) =>
      trx
        .insertInto('outbox_message')
        .values({
          id: '00000000-0000-4000-8000-0000000000aa',
          tenant_code: '35.10',
          channel: 'sms',
          recipient: '+6281200000000',
          template: 'queue.near',
          language: 'id',
          data: JSON.stringify({ ticketNumber: 'A-001', placesAhead: 0, locationName: 'MPP' }),
        })
        .execute(),
    );
    expect((await messageRows(t.deps)).some((r) => r.id === '00000000-0000-4000-8000-0000000000aa')).toBe(true);
    await db.deleteFrom('outbox_message').where('id', '=', '00000000-0000-4000-8000-0000000000aa').execute();
  });

  it('layan outbox: counts per status, and --retry-dead sends every dead letter again (one audit entry)', async () => {
    smtp.mode = 'reject';
    await enqueue(t.deps, {
      tenantCode: '35.09',
      channel: 'email',
      recipient: 'cli@example.com',
      template: 'application.completed',
      language: 'id',
      data: DATA,
    });
    await worker.runOnce();
    const before = await outboxStatus(t.deps.database.db, { retryDead: false });
    expect(before.counts.dead).toBeGreaterThanOrEqual(2);
    expect(before).not.toHaveProperty('retried');
    const jemberDead = (await messageRows(t.deps)).filter((r) => r.tenant_code === '35.09' && r.status === 'dead').length;
    const after = await outboxStatus(t.deps.database.db, { retryDead: true, tenant: '35.09' });
    expect(after.retried).toBe(jemberDead);
    expect(after.counts.dead).toBe(before.counts.dead - jemberDead);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outbox.retry_all')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_type: 'system', tenant_code: '35.09', detail: { count: jemberDead, via: 'cli' } });

    const errors: string[] = [];
    const io = { stdout: () => {}, stderr: (text: string) => errors.push(text) };
    expect(await outboxCommand.run(['--tenant', '35.10'], io)).toBe(2);
    expect(await outboxCommand.run(['--retry-dead', '--tenant', 'banyuwangi'], io)).toBe(2);
    expect(await outboxCommand.run(['--sideways'], io)).toBe(2);
    expect(errors.join('\n')).toContain('--tenant must be a province or kab/kota code such as 35.10');
  });
});
