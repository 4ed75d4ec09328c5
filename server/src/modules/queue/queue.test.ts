import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { createAuthTestApp, type AuthTestApp } from '../identity/identity.testing.ts';
import { asStaff, createQueueVia, makeQueueWorld, moveBookingToToday, setSkillsVia, type QueueWorld } from './queue.testing.ts';
import { runBookingJobs } from './queue.service.ts';

let t: AuthTestApp;
let w: QueueWorld;
let queueA: string;
let queueB: string;
let bookable: string;
let today: string;

beforeAll(async () => {
  t = await createAuthTestApp();
  w = await makeQueueWorld(t.app, t.deps);
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
const post = (url: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload }) });

async function outbox(template: string) {
  return t.deps.database.db.selectFrom('outbox_message').selectAll().where('template', '=', template).execute();
}

describe(`queue setup (${testDatabaseKind})`, () => {
  it('lets an admin Pemda add queues and set counter skills; refuses others and bad input', async () => {
    queueA = await createQueueVia(t.app, w, {
      code: 'A',
      name: 'Kependudukan',
      agencyId: w.agencyId,
      slotMinutes: 30,
      slotQuota: 2,
      dailyQuota: 3,
    });
    queueB = await createQueueVia(t.app, w, { code: 'B', name: 'Perizinan' });
    await setSkillsVia(t.app, w, w.counters[0]!, [queueA]);
    await setSkillsVia(t.app, w, w.counters[1]!, [queueA, queueB]);
    await setSkillsVia(t.app, w, w.counters[2]!, [queueB]);

    const url = `/queue/locations/${w.locationId}/queues`;
    expect((await post(url, { code: 'C', name: 'Lain' })).json().error.code).toBe('AUTH_REQUIRED');
    expect((await post(url, { code: 'C', name: 'Lain' }, asStaff(w.petugas))).json().error.code).toBe('FORBIDDEN');
    const duplicate = await post(url, { code: 'A', name: 'Lagi' }, asStaff(w.admin));
    expect([duplicate.statusCode, duplicate.json().error.code]).toEqual([409, 'SLUG_TAKEN']);
    expect((await post(url, { code: 'a1', name: 'Salah' }, asStaff(w.admin))).statusCode).toBe(400);
    const skills = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/queue/counters/${w.counters[0]}/skills`,
      headers: asStaff(w.admin),
      payload: { queueIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(skills.json().error.code).toBe('QUEUE_NOT_FOUND');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/queue/queues/${queueB}`,
      headers: asStaff(w.admin),
      payload: { dailyQuota: 80 },
    });
    expect(patched.json().dailyQuota).toBe(80);

    const counters = await get(`/queue/locations/${w.locationId}/counters`, { cookie: w.petugas });
    expect(counters.json().items.map((c: { queueIds: string[] }) => c.queueIds.length)).toEqual([1, 2, 1]);
    expect((await get(`/queue/locations/${w.locationId}/counters`, { cookie: w.stranger })).statusCode).toBe(403);
  });

  it('shows the public the location’s queues and its next open dates', async () => {
    const response = await get(`/queue/locations/${w.locationId}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.queues.map((q: { code: string }) => q.code)).toEqual(['A', 'B']);
    today = body.today;
    bookable = body.dates.find((d: string) => d > today);
    expect(bookable).toBeDefined();
    expect((await get('/queue/locations/00000000-0000-4000-8000-000000000000')).json().error.code).toBe('LOCATION_NOT_FOUND');
  });
});

describe(`booking (${testDatabaseKind})`, () => {
  let code: string;

  it('lists slots, books one anonymously and sends the code by SMS and e-mail through the outbox', async () => {
    const slots = await get(`/queue/locations/${w.locationId}/slots?queue=${queueA}&date=${bookable}`);
    expect(slots.json().slots[0]).toEqual({ start: '07:00', end: '07:30', left: 2, available: true });
    const response = await post(`/queue/locations/${w.locationId}/bookings`, {
      queueId: queueA,
      date: bookable,
      time: '09:00',
      name: 'Siti Aminah',
      phone: '0812-3456-7890',
      email: 'Siti@Warga.test',
      priority: true,
    });
    expect(response.statusCode).toBe(201);
    const booking = response.json();
    code = booking.code;
    expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
    expect(booking).toMatchObject({
      status: 'booked',
      phone: '+6281234567890',
      email: 'siti@warga.test',
      time: '09:00',
      priority: true,
    });
    const messages = (await outbox('booking.confirmed')).filter((m) => (m.data as { bookingCode: string }).bookingCode === code);
    expect(messages.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect(messages[0]!.data).toMatchObject({
      date: bookable,
      time: '09:00',
      manageUrl: `http://localhost:3000/antrean/${code}`,
    });
    const after = await get(`/queue/locations/${w.locationId}/slots?queue=${queueA}&date=${bookable}`);
    expect(after.json().slots.find((s: { start: string }) => s.start === '09:00').left).toBe(1);
  });

  it('finds the booking by its code, loosely typed, and nothing without it', async () => {
    const found = await get(`/queue/bookings/${code.toLowerCase().slice(0, 4)}-${code.toLowerCase().slice(4)}`);
    expect(found.json().code).toBe(code);
    expect((await get('/queue/bookings/22222222')).json().error.code).toBe('BOOKING_NOT_FOUND');
    expect((await get('/queue/bookings/O0O0')).statusCode).toBe(404);
  });

  it('refuses a booking without contact, with a bad phone, on a holiday, off-slot or in the past — writing nothing', async () => {
    const base = { queueId: queueA, date: bookable, time: '10:00', name: 'Budi' };
    const url = `/queue/locations/${w.locationId}/bookings`;
    expect((await post(url, base)).json().error.code).toBe('BOOKING_CONTACT_REQUIRED');
    expect((await post(url, { ...base, phone: '12345' })).json().error.code).toBe('DESTINATION_INVALID');
    const holiday = await post(url, { ...base, date: '2026-12-25', phone: '081234567890' });
    expect([holiday.statusCode, holiday.json().error.code]).toEqual([400, 'SLOT_INVALID']);
    expect((await post(url, { ...base, time: '10:10', phone: '081234567890' })).json().error.code).toBe('SLOT_INVALID');
    expect((await post(url, { ...base, date: '2020-01-06', phone: '081234567890' })).json().error.code).toBe('SLOT_INVALID');
    expect(
      (await post(url, { ...base, queueId: '00000000-0000-4000-8000-000000000000', phone: '081234567890' })).json().error.code,
    ).toBe('QUEUE_NOT_FOUND');
    expect((await post(url, { ...base, phone: '081234567890', extra: 1 })).statusCode).toBe(400);
    const count = await t.deps.database.db
      .selectFrom('booking')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('fills a slot at its quota and a day at its quota, atomically, and frees a cancelled place', async () => {
    const url = `/queue/locations/${w.locationId}/bookings`;
    const attempt = (time: string) => post(url, { queueId: queueA, date: bookable, time, name: 'Warga', phone: '081298765432' });
    // Slot quota 2 with one taken at 09:00: of three concurrent tries one wins.
    const results = await Promise.all([attempt('09:00'), attempt('09:00'), attempt('09:00')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('SLOT_FULL');
    // Day quota 3: one more elsewhere fills the day.
    const third = await attempt('11:00');
    expect(third.statusCode).toBe(201);
    const full = await attempt('12:00');
    expect([full.statusCode, full.json().error.code]).toEqual([409, 'DAY_FULL']);
    const slots = await get(`/queue/locations/${w.locationId}/slots?queue=${queueA}&date=${bookable}`);
    expect(slots.json().dayLeft).toBe(0);

    const cancelled = await post(`/queue/bookings/${third.json().code}/cancel`);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await post(`/queue/bookings/${third.json().code}/cancel`)).json().error.code).toBe('BOOKING_NOT_CHANGEABLE');
    expect((await attempt('12:00')).statusCode).toBe(201);
  });

  it('reschedules within the quota, keeping the code, and refuses a full slot', async () => {
    const moved = await post(`/queue/bookings/${code}/reschedule`, { date: bookable, time: '13:00' });
    expect(moved.statusCode).toBe(409); // the day is full (3 of 3), and moving takes the new place first
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/queue/queues/${queueA}`,
      headers: asStaff(w.admin),
      payload: { dailyQuota: 10 },
    });
    const ok = await post(`/queue/bookings/${code}/reschedule`, { date: bookable, time: '13:00' });
    expect(ok.json()).toMatchObject({ code, time: '13:00', status: 'booked' });
    const slots = (await get(`/queue/locations/${w.locationId}/slots?queue=${queueA}&date=${bookable}`)).json().slots;
    expect(slots.find((s: { start: string }) => s.start === '09:00').left).toBe(1);
    expect(slots.find((s: { start: string }) => s.start === '13:00').left).toBe(1);
  });

  it('reminds the day before, once, and records bookings of past days as no-shows', async () => {
    const dayBefore = new Date(`${bookable}T05:00:00+07:00`);
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
    expect(await runBookingJobs(t.deps.database.db, { now: dayBefore })).toBe(3);
    expect(await runBookingJobs(t.deps.database.db, { now: dayBefore })).toBe(0);
    const reminders = await outbox('booking.reminder');
    expect(reminders.filter((m) => (m.data as { bookingCode: string }).bookingCode === code).length).toBe(2);

    const dayAfter = new Date(`${bookable}T05:00:00+07:00`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    await runBookingJobs(t.deps.database.db, { now: dayAfter });
    expect((await get(`/queue/bookings/${code}`)).json().status).toBe('no_show');
  });
});

describe(`kiosk, counter console and board (${testDatabaseKind})`, () => {
  let booked: string;

  it('issues walk-in tickets numbered per queue per day, and checks a booking in on its day only', async () => {
    const url = `/queue/locations/${w.locationId}/tickets`;
    const a1 = await post(url, { queueId: queueA });
    const a2 = await post(url, { queueId: queueA });
    const b1 = await post(url, { queueId: queueB, priority: true });
    expect([a1.statusCode, a1.json().displayCode, a2.json().displayCode, b1.json().displayCode]).toEqual([
      201,
      'A-001',
      'A-002',
      'B-001',
    ]);
    expect((await post(url, { queueId: queueA, extra: true })).statusCode).toBe(400);

    const booking = await post(`/queue/locations/${w.locationId}/bookings`, {
      queueId: queueA,
      date: bookable,
      time: '15:00',
      name: 'Rahmat',
      phone: '081311112222',
    });
    booked = booking.json().code;
    const early = await post(`/queue/locations/${w.locationId}/check-in`, { code: booked });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'BOOKING_WRONG_DAY']);
    await moveBookingToToday(t.deps, booked, today);
    const elsewhere = await post(`/queue/locations/${w.otherLocationId}/check-in`, { code: booked });
    expect(elsewhere.json().error.code).toBe('BOOKING_WRONG_DAY');
    const ticket = await post(`/queue/locations/${w.locationId}/check-in`, { code: booked.toLowerCase() });
    expect(ticket.statusCode).toBe(201);
    expect(ticket.json()).toMatchObject({ displayCode: 'A-003', source: 'booking', status: 'waiting' });
    expect((await post(`/queue/locations/${w.locationId}/check-in`, { code: booked })).json().error.code).toBe(
      'BOOKING_NOT_CHANGEABLE',
    );
    expect((await get(`/queue/bookings/${booked}`)).json()).toMatchObject({ status: 'checked_in', ticketId: ticket.json().id });
  });

  it('calls by skill: the booking (due at its slot, before the walk-ins) first at counter 1; priority first at counter 2', async () => {
    const c1 = await post(`/queue/counters/${w.counters[0]}/call-next`, undefined, asStaff(w.petugas));
    expect(c1.statusCode).toBe(200);
    expect(c1.json().ticket).toMatchObject({ displayCode: 'A-003', status: 'called', counterCode: 'C1', callCount: 1 });
    const c2 = await post(`/queue/counters/${w.counters[1]}/call-next`, undefined, asStaff(w.petugas));
    expect(c2.json().ticket.displayCode).toBe('B-001');
    const busy = await post(`/queue/counters/${w.counters[0]}/call-next`, undefined, asStaff(w.petugas));
    expect([busy.statusCode, busy.json().error.code]).toEqual([409, 'COUNTER_BUSY']);
    expect((await post(`/queue/counters/${w.counters[0]}/call-next`, undefined, asStaff(w.stranger))).statusCode).toBe(403);
    expect((await post(`/queue/counters/${w.counters[0]}/call-next`)).statusCode).toBe(401);

    const board = (await get(`/queue/locations/${w.locationId}/board`)).json();
    expect(
      board.calls.map((c: { displayCode: string; counterCode: string }) => `${c.displayCode}@${c.counterCode}`).sort(),
    ).toEqual(['A-003@C1', 'B-001@C2']);
    expect(board.waiting).toBe(2);
  });

  it('recalls, then records a no-show after the third call', async () => {
    const recall = () => post(`/queue/counters/${w.counters[1]}/recall`, undefined, asStaff(w.petugas));
    expect((await recall()).json().callCount).toBe(2);
    expect((await recall()).json().callCount).toBe(3);
    const missed = await recall();
    expect(missed.json()).toMatchObject({ displayCode: 'B-001', status: 'no_show' });
    const nothing = await recall();
    expect([nothing.statusCode, nothing.json().error.code]).toEqual([404, 'TICKET_NOT_FOUND']);
  });

  it('starts and finishes service with an application link; transfers keep the number; a chosen ticket can be called', async () => {
    const start = await post(`/queue/counters/${w.counters[0]}/start`, undefined, asStaff(w.petugas));
    expect(start.json().status).toBe('serving');
    expect((await post(`/queue/counters/${w.counters[0]}/start`, undefined, asStaff(w.petugas))).json().error.code).toBe(
      'TICKET_STATE',
    );
    const applicationId = '11111111-1111-4111-8111-111111111111';
    const done = await post(`/queue/counters/${w.counters[0]}/finish`, { applicationId }, asStaff(w.petugas));
    expect(done.json()).toMatchObject({ status: 'done', applicationId });

    const next = await post(`/queue/counters/${w.counters[0]}/call-next`, undefined, asStaff(w.petugas));
    expect(next.json().ticket.displayCode).toBe('A-001');
    const moved = await post(`/queue/counters/${w.counters[0]}/transfer`, { queueId: queueB }, asStaff(w.petugas));
    expect(moved.json()).toMatchObject({ displayCode: 'A-001', status: 'waiting', queueCode: 'B' });
    // Counter 3 serves only B: it now calls A-001.
    const c3 = await post(`/queue/counters/${w.counters[2]}/call-next`, undefined, asStaff(w.petugas));
    expect(c3.json().ticket.displayCode).toBe('A-001');
    const toCounter = await post(`/queue/counters/${w.counters[2]}/transfer`, { counterId: w.counters[0] }, asStaff(w.petugas));
    expect(toCounter.json().targetCounterId).toBe(w.counters[0]);
    // Counter 2 (A and B) may not take a ticket sent to counter 1 by name: it gets A-002.
    expect(
      (await post(`/queue/counters/${w.counters[1]}/call-next`, undefined, asStaff(w.petugas))).json().ticket.displayCode,
    ).toBe('A-002');
    expect(
      (await post(`/queue/counters/${w.counters[0]}/call-next`, undefined, asStaff(w.petugas))).json().ticket.displayCode,
    ).toBe('A-001');
    expect((await post(`/queue/counters/${w.counters[2]}/transfer`, {}, asStaff(w.petugas))).statusCode).toBe(400);

    const walkIn = (await post(`/queue/locations/${w.locationId}/tickets`, { queueId: queueA })).json();
    await post(`/queue/counters/${w.counters[1]}/finish`, {}, asStaff(w.petugas));
    const chosen = await post(`/queue/counters/${w.counters[1]}/call/${walkIn.id}`, undefined, asStaff(w.petugas));
    expect(chosen.json()).toMatchObject({ id: walkIn.id, status: 'called', counterCode: 'C2' });
    const again = await post(`/queue/counters/${w.counters[2]}/call/${walkIn.id}`, undefined, asStaff(w.petugas));
    expect(again.json().error.code).toBe('TICKET_STATE');
    const linked = await post(
      `/queue/counters/${w.counters[1]}/link`,
      { ticketId: walkIn.id, applicationId },
      asStaff(w.petugas),
    );
    expect(linked.json().applicationId).toBe(applicationId);
  });

  it('shows the console and a ticket’s place and estimated wait', async () => {
    const console = await get(`/queue/counters/${w.counters[2]}`, { cookie: w.petugas });
    expect(console.statusCode).toBe(200);
    expect(console.json().counter.code).toBe('C3');
    expect(console.json().queues.find((q: { code: string }) => q.code === 'B').skill).toBe(true);
    expect((await get(`/queue/counters/${w.counters[2]}`, { cookie: w.stranger })).statusCode).toBe(403);
    expect((await get(`/queue/counters/${w.counters[2]}`)).statusCode).toBe(401);

    const first = (await post(`/queue/locations/${w.locationId}/tickets`, { queueId: queueB })).json();
    const second = (await post(`/queue/locations/${w.locationId}/tickets`, { queueId: queueB })).json();
    const status = (await get(`/queue/tickets/${second.id}`)).json();
    expect(status).toMatchObject({ displayCode: second.displayCode, status: 'waiting', placesAhead: 1 });
    expect(status.estimatedWaitMinutes).toBeGreaterThan(0);
    expect((await get(`/queue/tickets/${first.id}`)).json().placesAhead).toBe(0);
    expect((await get('/queue/tickets/00000000-0000-4000-8000-000000000000')).json().error.code).toBe('TICKET_NOT_FOUND');
  });

  it('reports waiting and service times, outcomes and bookings to the admin, not to the petugas of another location', async () => {
    const stats = await get(`/queue/locations/${w.locationId}/stats?from=${today}&to=${bookable}`, { cookie: w.admin });
    expect(stats.statusCode).toBe(200);
    const body = stats.json();
    const a = body.queues.find((q: { queueCode: string }) => q.queueCode === 'A');
    // and the chosen walk-in A-004; A-001 moved to queue B.
    expect(a.issued).toBe(3);
    expect(a.served).toBe(2); // A-003 at C1, A-002 at C2
    expect(a.averageServiceSeconds).not.toBeNull();
    expect(body.queues.find((q: { queueCode: string }) => q.queueCode === 'B').noShow).toBe(1);
    expect(body.bookings.checkedIn).toBe(1);
    expect(body.counters.find((c: { counterCode: string }) => c.counterCode === 'C1').served).toBe(1);
    expect((await get(`/queue/locations/${w.locationId}/stats`, { cookie: w.petugas })).statusCode).toBe(403);
    expect(
      (await get(`/queue/locations/${w.locationId}/stats?from=2026-12-31&to=2026-01-01`, { cookie: w.admin })).statusCode,
    ).toBe(400);
  });

  it('audits every change and keeps personal data out of the trail', async () => {
    const actions = (await t.deps.database.db.selectFrom('audit_log').select(['action', 'detail']).execute()).map(
      (r) => r.action,
    );
    for (const action of [
      'queue.create',
      'counter.skills',
      'booking.create',
      'booking.cancel',
      'booking.reschedule',
      'booking.check_in',
      'ticket.issue',
      'ticket.call',
      'ticket.recall',
      'ticket.no_show',
      'ticket.start',
      'ticket.finish',
      'ticket.transfer',
      'ticket.link_application',
      'booking.remind',
    ]) {
      expect(actions).toContain(action);
    }
    const trail = JSON.stringify(await t.deps.database.db.selectFrom('audit_log').selectAll().execute());
    expect(trail).not.toContain('6281234567890');
    expect(trail).not.toContain('siti@warga.test');
  });
});

describe(`queue API documentation (${testDatabaseKind})`, () => {
  it('documents the display board stream as text/event-stream and the QR as an SVG image', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const events = doc.paths['/api/v1/queue/locations/{location}/events'].get;
    expect(Object.keys(events.responses['200'].content)).toEqual(['text/event-stream']);
    expect(events.tags).toEqual(['queue']);
    const qr = doc.paths['/api/v1/queue/bookings/{code}/qr.svg'].get;
    expect(Object.keys(qr.responses['200'].content)).toEqual(['image/svg+xml']);
    expect(doc.paths['/api/v1/queue/counters/{counter}/call-next'].post.responses['409'].description).toContain('COUNTER_BUSY');
  });

  it('answers the QR of a booking as SVG, and 404 for an unknown code', async () => {
    const code = (await t.deps.database.db.selectFrom('booking').select('code').executeTakeFirstOrThrow()).code;
    const qr = await get(`/queue/bookings/${code}/qr.svg`);
    expect([qr.statusCode, qr.headers['content-type']]).toEqual([200, 'image/svg+xml']);
    expect(qr.body).toContain('<svg');
    expect((await get('/queue/bookings/22222222/qr.svg')).statusCode).toBe(404);
  });
});
