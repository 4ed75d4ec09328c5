import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDeps, createTestDeps, testDatabaseKind } from '../../../../test/db.ts';
import { openDatabase } from '../../db/database.ts';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { loggerConfig } from '../../http/logger.ts';
import { startTestGateway, type TestGateway } from '../citizen/citizen.testing.ts';
import { makeTenants } from '../identity/identity.testing.ts';
import type { Channels } from '../notification/notification.channel.ts';
import { createGatewayChannel } from '../notification/notification.gateway.ts';
import { createSmtpChannel } from '../notification/notification.smtp.ts';
import { claimDueMessagesInTx, enqueueInTx, settleMessageInTx, type OutboxMessageInput } from './outbox.repo.ts';
import { enqueue, messageRows, startControlledSmtpServer, type ControlledSmtpServer } from './outbox.testing.ts';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerConfig } from './outbox.worker.ts';

let deps: Deps;
let smtp: ControlledSmtpServer;
let gateway: TestGateway;
let channels: Channels;
const logLines: string[] = [];
let log: ReturnType<typeof Fastify>['log'];

const FAST: Partial<OutboxWorkerConfig> = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3, pollIntervalMs: 10 };

beforeAll(async () => {
  [deps, smtp, gateway] = await Promise.all([createTestDeps(), startControlledSmtpServer(), startTestGateway()]);
  await makeTenants(deps, [{ code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' }]);
  channels = {
    email: createSmtpChannel({ url: smtp.url, from: 'Layan Uji <no-reply@layan.test>' }),
    sms: createGatewayChannel({ url: gateway.url, token: 'gateway-token', channel: 'sms' }),
    whatsapp: createGatewayChannel({ url: gateway.url, token: 'gateway-token', channel: 'whatsapp' }),
  };
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  log = Fastify({ logger: loggerConfig({ level: 'info', stream }) }).log;
});
afterAll(async () => {
  await Promise.all([smtp?.close(), gateway?.close()]);
  if (deps) await closeDeps(deps);
});
beforeEach(async () => {
  smtp.mode = 'accept';
  gateway.status = 202;
  // Each test starts from an empty outbox: earlier messages must not be claimed again.
  await deps.database.db.deleteFrom('outbox_message').execute();
});

function worker(config: Partial<OutboxWorkerConfig> = FAST, overrides: Partial<{ channels: Channels }> = {}): OutboxWorker {
  return createOutboxWorker({ db: deps.database.db, channels: overrides.channels ?? channels, log, config });
}

const SUBMITTED = {
  trackingCode: 'BWI-2611-0042',
  serviceName: 'Penerbitan Akta Kelahiran',
  agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
  trackUrl: 'https://layan.example.go.id/lacak/BWI-2611-0042',
  dueDate: '2026-11-27',
};

function submitted(recipient: string, language: 'id' | 'en' = 'id', extra: Partial<OutboxMessageInput> = {}): OutboxMessageInput {
  return {
    tenantCode: '35.10',
    channel: 'email',
    recipient,
    template: 'application.submitted',
    language,
    data: SUBMITTED,
    ...extra,
  };
}

/** Runs rounds until `done` holds for the rows (the backoff makes later attempts wait a little). */
async function runUntil(w: OutboxWorker, done: (rows: Awaited<ReturnType<typeof messageRows>>) => boolean) {
  for (let round = 0; round < 500; round++) {
    const rows = await messageRows(deps);
    if (done(rows)) return rows;
    const result = await w.runOnce();
    if (result.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the outbox did not settle');
}

describe(`outbox worker (${testDatabaseKind})`, () => {
  it('sends nothing for a transaction that rolled back, and exactly one e-mail, in its language, once the enqueuing transaction commits', async () => {
    await expect(
      withScope(deps.database.db, '35.10', async (trx) => {
        await enqueueInTx(trx, submitted('warga.batal@example.com'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await messageRows(deps)).toHaveLength(0);
    expect(await worker().runOnce()).toEqual({ claimed: 0, sent: 0, retried: 0, dead: 0 });

    // A module's transaction in the tenant's scope, as applications and queues write them.
    await withScope(deps.database.db, '35.10', async (trx) => {
      await enqueueInTx(trx, submitted('warga@example.com', 'id', { dedupeKey: 'application:1:submitted:email' }));
      await enqueueInTx(trx, submitted('resident@example.com', 'en'));
      // The same event enqueued twice (a replayed request) is one message.
      await enqueueInTx(trx, submitted('warga@example.com', 'id', { dedupeKey: 'application:1:submitted:email' }));
    });
    const before = smtp.received.length;
    expect(await worker().runOnce()).toEqual({ claimed: 2, sent: 2, retried: 0, dead: 0 });
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(2);
    const id = mails.find((m) => m.to.includes('warga@example.com'))!;
    expect(id.subject).toBe('Permohonan Penerbitan Akta Kelahiran diterima (BWI-2611-0042)');
    expect(id.text).toContain(
      'Permohonan Anda untuk layanan Penerbitan Akta Kelahiran di Dinas Kependudukan dan Pencatatan Sipil',
    );
    expect(id.text).toContain('Perkiraan selesai: paling lambat 27 November 2026');
    expect(id.text).toContain('https://layan.example.go.id/lacak/BWI-2611-0042');
    expect(id.html).toContain('<a href="https://layan.example.go.id/lacak/BWI-2611-0042">');
    const en = mails.find((m) => m.to.includes('resident@example.com'))!;
    expect(en.subject).toBe('Application for Penerbitan Akta Kelahiran received (BWI-2611-0042)');
    expect(en.text).toContain('Expected completion: by 27 November 2026');

    const rows = await messageRows(deps);
    expect(rows.map((r) => [r.status, r.attempts, r.sent_at !== null, r.locked_until])).toEqual([
      ['sent', 1, true, null],
      ['sent', 1, true, null],
    ]);
    // The message id is the idempotency key: a receiving system can drop a duplicate.
    expect(mails.map((m) => m.messageId).sort()).toEqual(rows.map((r) => `<${r.id}@layan>`).sort());
    // Nothing left: another round sends nothing again.
    expect(await worker().runOnce()).toMatchObject({ claimed: 0 });
    expect(smtp.received.length).toBe(before + 2);
  });

  it('enqueues from a citizen’s or an anonymous scope too, once per dedupe key, without breaking the transaction', async () => {
    for (const scope of [{ regions: [], citizenId: '00000000-0000-4000-8000-000000000001' }, { regions: [] }]) {
      const after = await withScope(deps.database.db, scope, async (trx) => {
        await enqueueInTx(trx, submitted('warga.publik@example.com', 'id', { dedupeKey: 'booking:1:confirmed:email' }));
        await enqueueInTx(trx, submitted('warga.publik@example.com', 'id', { dedupeKey: 'booking:1:confirmed:email' }));
        await enqueueInTx(trx, submitted('warga.publik@example.com', 'en'));
        // The transaction goes on after the duplicate was dropped.
        return trx.selectFrom('region').select('code').where('code', '=', '35.10').executeTakeFirst();
      });
      expect(after).toEqual({ code: '35.10' });
    }
    const rows = await messageRows(deps);
    expect(rows.filter((r) => r.dedupe_key === 'booking:1:confirmed:email')).toHaveLength(1);
    expect(rows).toHaveLength(3);
    // Any other error still fails the caller's transaction.
    await expect(
      withScope(deps.database.db, '35.10', (trx) =>
        enqueueInTx(trx, { ...submitted('x@example.com'), template: 'Bukan Template', dedupeKey: 'k' }),
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('retries a message the SMTP server defers (451) with growing delays, then marks it dead after the last attempt', async () => {
    smtp.mode = 'defer';
    await enqueue(deps, submitted('warga.tunda@example.com'));
    const attemptsBefore = smtp.attempts;
    const w = worker({ ...FAST, baseDelayMs: 40, maxDelayMs: 1000 });
    expect(await w.runOnce()).toEqual({ claimed: 1, sent: 0, retried: 1, dead: 0 });
    const [first] = await messageRows(deps);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_error: 'SMTP server deferred the message (451)' });
    // Not due again at once: the backoff (its sizes: outbox.worker.unit.test.ts) holds it back.
    expect(first!.next_attempt_at.getTime()).toBeGreaterThan(first!.created_at.getTime());

    const rows = await runUntil(w, (r) => r[0]!.status === 'dead');
    expect(rows[0]).toMatchObject({
      status: 'dead',
      attempts: 3,
      last_error: 'SMTP server deferred the message (451)',
      sent_at: null,
    });
    expect(smtp.attempts - attemptsBefore).toBe(3);
    // Dead stays dead: the worker does not pick it up again.
    expect(await w.runOnce()).toMatchObject({ claimed: 0 });
  });

  it('marks a message dead at once when the SMTP server refuses it for good (550)', async () => {
    smtp.mode = 'reject';
    await enqueue(deps, submitted('tidak.ada@example.com'));
    expect(await worker().runOnce()).toEqual({ claimed: 1, sent: 0, retried: 0, dead: 1 });
    expect((await messageRows(deps))[0]).toMatchObject({
      status: 'dead',
      attempts: 1,
      last_error: 'PermanentSendError: SMTP server refused the message (550)',
    });
  });

  it('retries when the SMTP server cannot be reached at all', async () => {
    const closed = await startControlledSmtpServer();
    await closed.close();
    const unreachable = { email: createSmtpChannel({ url: closed.url, from: 'Layan <no-reply@layan.test>' }) };
    await enqueue(deps, submitted('warga@example.com'));
    expect(await worker(FAST, { channels: unreachable }).runOnce()).toMatchObject({ retried: 1 });
    expect((await messageRows(deps))[0]).toMatchObject({ status: 'pending', last_error: 'SMTP failed: ESOCKET' });
  });

  it('retries, rather than kills, messages while the SMTP server refuses the deployment’s credentials (535)', async () => {
    const guarded = new SMTPServer({
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(_auth, _session, callback) {
        callback(new Error('Invalid username or password'));
      },
    });
    await new Promise<void>((resolve) => guarded.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = guarded.server.address() as AddressInfo;
      const email = createSmtpChannel({ url: `smtp://layan:salah@127.0.0.1:${port}`, from: 'Layan <no-reply@layan.test>' });
      await enqueue(deps, submitted('warga@example.com'));
      expect(await worker(FAST, { channels: { email } }).runOnce()).toMatchObject({ retried: 1 });
      expect((await messageRows(deps))[0]).toMatchObject({ status: 'pending', last_error: 'SMTP authentication failed (535)' });
    } finally {
      await new Promise<void>((resolve) => guarded.close(() => resolve()));
    }
  });

  it('sends SMS and WhatsApp through the gateway: 2xx sent, 4xx dead at once, 5xx and 429 retried', async () => {
    const from = gateway.inbox.items.length;
    await enqueue(deps, {
      tenantCode: '35.10',
      channel: 'sms',
      recipient: '+6281234567890',
      template: 'queue.near',
      language: 'id',
      data: { ticketNumber: 'A-017', placesAhead: 3, locationName: 'Mal Pelayanan Publik Banyuwangi' },
    });
    expect(await worker().runOnce()).toMatchObject({ sent: 1 });
    const [row] = await messageRows(deps);
    const request = gateway.inbox.items[from]!;
    expect(request.authorization).toBe('Bearer gateway-token');
    expect(request.body).toEqual({
      to: '+6281234567890',
      channel: 'sms',
      idempotencyKey: row!.id,
      text: 'Layan: Antrean A-017 di Mal Pelayanan Publik Banyuwangi: tinggal 3 orang lagi sebelum giliran Anda. Mohon bersiap di dekat loket.',
    });

    await deps.database.db.deleteFrom('outbox_message').execute();
    gateway.status = 400;
    await enqueue(deps, {
      tenantCode: '35.10',
      channel: 'whatsapp',
      recipient: '+6281234567891',
      template: 'queue.near',
      language: 'en',
      data: { ticketNumber: 'A-018', placesAhead: 0, locationName: 'MPP Banyuwangi' },
    });
    expect(await worker().runOnce()).toMatchObject({ dead: 1 });
    expect((await messageRows(deps))[0]).toMatchObject({
      status: 'dead',
      attempts: 1,
      last_error: 'PermanentSendError: whatsapp gateway answered HTTP 400',
    });
    expect(gateway.inbox.items.at(-1)!.body).toMatchObject({
      channel: 'whatsapp',
      text: expect.stringContaining('you are next'),
    });

    await deps.database.db.deleteFrom('outbox_message').execute();
    gateway.status = 503;
    await enqueue(deps, {
      tenantCode: '35.10',
      channel: 'sms',
      recipient: '+6281234567892',
      template: 'queue.near',
      language: 'id',
      data: { ticketNumber: 'A-019', placesAhead: 1, locationName: 'MPP Banyuwangi' },
    });
    const w = worker({ ...FAST, maxAttempts: 5 });
    expect(await w.runOnce()).toMatchObject({ retried: 1 });
    expect((await messageRows(deps))[0]).toMatchObject({ status: 'pending', last_error: 'sms gateway answered HTTP 503' });
    gateway.status = 429;
    await runUntil(w, (r) => r[0]!.attempts === 2);
    expect((await messageRows(deps))[0]).toMatchObject({ status: 'pending', last_error: 'sms gateway answered HTTP 429' });
    // A refused token is the deployment's to fix, not the message's: retried too.
    gateway.status = 401;
    await runUntil(w, (r) => r[0]!.attempts === 3);
    expect((await messageRows(deps))[0]).toMatchObject({ status: 'pending', last_error: 'sms gateway answered HTTP 401' });
    gateway.status = 202;
    const rows = await runUntil(w, (r) => r[0]!.status !== 'pending');
    expect(rows[0]).toMatchObject({ status: 'sent', attempts: 4 });
    const keys = gateway.inbox.items.filter((i) => i.body.to === '+6281234567892').map((i) => i.body.idempotencyKey);
    // The same key on every attempt: the gateway can drop a retried duplicate.
    expect(keys).toEqual([rows[0]!.id, rows[0]!.id, rows[0]!.id, rows[0]!.id]);
  });

  it('marks dead, with a clear error, a message no retry can fix: unknown template, missing data, channel not configured', async () => {
    await enqueue(deps, { ...submitted('a@example.com'), template: 'application.unknown' });
    await enqueue(deps, { ...submitted('b@example.com'), data: { ...SUBMITTED, trackUrl: undefined } });
    await enqueue(deps, { ...submitted('c@example.com'), data: { ...SUBMITTED, dueDate: 'besok' } });
    await enqueue(deps, { ...submitted('+6281234567893'), channel: 'sms' });
    expect(await worker(FAST, { channels: { email: channels.email } }).runOnce()).toEqual({
      claimed: 4,
      sent: 0,
      retried: 0,
      dead: 4,
    });
    const errors = (await messageRows(deps)).map((r) => [r.status, r.attempts, r.last_error]).sort();
    expect(errors).toEqual(
      [
        ['dead', 1, 'TemplateError: unknown template application.unknown'],
        ['dead', 1, 'TemplateError: template application.submitted needs data.trackUrl'],
        [
          'dead',
          1,
          'TemplateError: template application.submitted: data.dueDate must be a date (YYYY-MM-DD) or an ISO timestamp',
        ],
        ['dead', 1, 'PermanentSendError: channel sms is not configured in this deployment'],
      ].sort(),
    );
  });

  it('hands on a message whose sender died mid-send (its lease lapsed), and ignores the late outcome of the lapsed attempt', async () => {
    await enqueue(deps, submitted('warga.lease@example.com'));
    // A worker claims it with a lease that lapses at once, then "dies".
    const [claimed] = await withScope(deps.database.db, NATIONAL, (trx) => claimDueMessagesInTx(trx, { limit: 5, leaseMs: 0 }));
    expect(claimed).toMatchObject({ attempts: 1, data: SUBMITTED });
    expect((await messageRows(deps))[0]).toMatchObject({ status: 'sending' });

    const before = smtp.received.length;
    expect(await worker().runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received.length).toBe(before + 1);
    expect((await messageRows(deps))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    // The first worker wakes up and reports a failure: too late, nothing changes.
    const late = await withScope(deps.database.db, NATIONAL, (trx) =>
      settleMessageInTx(trx, { id: claimed!.id, attempts: 1, outcome: 'dead', error: 'late' }),
    );
    expect(late).toBe(false);
    expect((await messageRows(deps))[0]).toMatchObject({ status: 'sent', last_error: null });
  });

  it('lets two workers share the outbox: each of 40 messages is sent exactly once', async () => {
    for (let i = 0; i < 40; i++) await enqueue(deps, submitted(`warga${i}@example.com`));
    const before = smtp.received.length;
    const config = { ...FAST, batchSize: 3 };
    // On PostgreSQL the second worker has its own pool, as another process would; PGlite is one
    // process's database, so there the two share it.
    const second =
      deps.database.kind === 'postgres'
        ? await openDatabase({ databaseUrl: deps.database.location, dataDir: '' }, { poolSize: 3 })
        : undefined;
    const workers = [worker(config), createOutboxWorker({ db: second?.db ?? deps.database.db, channels, log, config })];
    const drain = async (w: OutboxWorker) => {
      let sent = 0;
      for (;;) {
        const result = await w.runOnce();
        sent += result.sent;
        if (result.claimed === 0) return sent;
      }
    };
    const [a, b] = await Promise.all(workers.map(drain)).finally(() => second?.close());
    expect(a! + b!).toBe(40);
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(40);
    expect(new Set(mails.flatMap((m) => m.to)).size).toBe(40);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(40);
    const rows = await messageRows(deps);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('runs on its own once started, and stop() ends it cleanly', async () => {
    const w = worker({ ...FAST, pollIntervalMs: 5 });
    w.start();
    const before = smtp.received.length;
    await enqueue(deps, submitted('warga.otomatis@example.com'));
    await smtp.waitForMail(before + 1);
    await w.stop();
    await enqueue(deps, submitted('warga.setelah@example.com'));
    await w.runOnce(); // the test's own round, to show the message was waiting
    const rows = await messageRows(deps);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    // Stopping twice is harmless.
    await w.stop();
  });

  it('never logs recipients or message text', async () => {
    smtp.mode = 'defer';
    await enqueue(deps, submitted('rahasia.warga@example.com'));
    await enqueue(deps, {
      ...submitted('+6281298765432'),
      channel: 'sms',
      data: { ...SUBMITTED, serviceName: 'Layanan 3510014708900001' },
    });
    await worker().runOnce();
    const logged = logLines.join('\n');
    expect(logged).toContain('outbox message failed; will retry');
    expect(logged).not.toContain('rahasia.warga');
    expect(logged).not.toContain('81298765432');
    expect(logged).not.toContain('3510014708900001');
    expect(logged).not.toContain('Akta Kelahiran');
  });
});
