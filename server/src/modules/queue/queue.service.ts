import {
  addCalendarDays,
  bookingCodeFromBytes,
  closedReason,
  dayNumberOf,
  dueAtOf,
  estimateWaitMinutes,
  formatTicketNumber,
  instantAt,
  isBookingCode,
  localDateOf,
  normalizeBookingCode,
  openDates,
  slotsOn,
} from '@layan/domain';
import type { Kysely, Transaction } from 'kysely';
import { randomBytes } from 'node:crypto';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { recordServiceUseInTx } from '../catalog/catalog.usage.repo.ts';
import { normalizeDestination } from '../citizen/citizen.auth.service.ts';
import { linkCitizenInTx } from '../citizen/citizen.link.repo.ts';
import { enqueueInTx } from '../outbox/outbox.repo.ts';
import * as repo from './queue.repo.ts';
import {
  BOOKING_HORIZON_DAYS,
  bookingView,
  getLocationInTx,
  queueView,
  slotRulesOf,
  ticketView,
  timeZoneOf,
  todayAt,
  withPublicScope,
  type PublicCaller,
} from './queue.views.ts';

/** Public side of the queue: the booking page, the kiosk, the display board, a citizen's ticket. */

type Trx = Transaction<DB>;

function manageUrl(publicUrl: string | undefined, code: string) {
  return `${publicUrl ?? 'http://localhost:3000'}/antrean/${code}`;
}

/** A location's open queues with their services, and the next dates with slots. Throws LOCATION_NOT_FOUND. */
export function getLocationQueues(db: Kysely<DB>, locationId: string, now = new Date()) {
  return withPublicScope(db, undefined, async (trx) => {
    const location = await getLocationInTx(trx, locationId);
    const queues = await repo.listQueuesInTx(trx, { tenantCode: location.tenant_code, locationId });
    const services = await repo.listQueueServicesInTx(trx, {
      tenantCode: location.tenant_code,
      queueIds: queues.map((q) => q.id),
    });
    const today = todayAt(location, now);
    const rules = queues[0] ? slotRulesOf(location, queues[0]) : undefined;
    return {
      location: {
        id: location.id,
        tenantCode: location.tenant_code,
        slug: location.slug,
        name: location.name,
        regionCode: location.region_code,
        timeZone: timeZoneOf(location),
      },
      today,
      dates: rules ? openDates(rules, today, { count: 10, horizonDays: BOOKING_HORIZON_DAYS }) : [],
      queues: queues.map((q) =>
        queueView(
          q,
          services.filter((s) => s.queue_id === q.id).map((s) => ({ id: s.id, slug: s.slug, name: s.name })),
        ),
      ),
    };
  });
}

async function getQueueAtInTx(trx: Trx, location: repo.LocationRow, queueId: string) {
  const queue = await repo.findQueueInTx(trx, queueId);
  if (!queue || !queue.active || queue.location_id !== location.id) throw new AppError('QUEUE_NOT_FOUND');
  return queue;
}

/** Why `date`/`time` cannot be booked, or undefined. */
function slotProblem(options: { location: repo.LocationRow; queue: repo.QueueRow; date: string; time: string; now: Date }) {
  const rules = slotRulesOf(options.location, options.queue);
  const today = todayAt(options.location, options.now);
  if (dayNumberOf(options.date) > dayNumberOf(addCalendarDays(today, BOOKING_HORIZON_DAYS)))
    return 'terlalu jauh ke depan / too far ahead';
  const closed = closedReason(rules, options.date);
  if (closed) return `lokasi tutup (${closed.name ?? closed.reason}) / closed`;
  const slot = slotsOn(rules, options.date).find((s) => s.start === options.time);
  if (!slot) return 'bukan awal sesi / not a slot start';
  if (instantAt({ date: options.date, time: slot.start, timeZone: rules.timeZone }).getTime() <= options.now.getTime()) {
    return 'sudah lewat / already past';
  }
  return undefined;
}

/** The slots of a queue on a date with the places left. Throws LOCATION_NOT_FOUND, QUEUE_NOT_FOUND, VALIDATION_FAILED. */
export function getSlots(db: Kysely<DB>, options: { locationId: string; queueId: string; date: string; now?: Date }) {
  const now = options.now ?? new Date();
  return withPublicScope(db, undefined, async (trx) => {
    const location = await getLocationInTx(trx, options.locationId);
    const queue = await getQueueAtInTx(trx, location, options.queueId);
    const rules = slotRulesOf(location, queue);
    let closed;
    try {
      closed = closedReason(rules, options.date);
    } catch {
      throw new AppError('VALIDATION_FAILED', { detail: `date ${options.date}` });
    }
    const usage = await repo.slotUsageInTx(trx, { tenantCode: location.tenant_code, queueId: queue.id, date: options.date });
    const dayLeft = Math.max(0, queue.daily_quota - usage.dayBooked);
    return {
      date: options.date,
      closed: closed ? { reason: closed.reason, name: closed.name ?? null } : null,
      dayLeft,
      slots: slotsOn(rules, options.date).map((slot) => {
        const left = Math.max(0, queue.slot_quota - (usage.slots.get(slot.start) ?? 0));
        const past = slotProblem({ location, queue, date: options.date, time: slot.start, now }) !== undefined;
        return { start: slot.start, end: slot.end, left, available: !past && left > 0 && dayLeft > 0 };
      }),
    };
  });
}

export interface BookingInput {
  queueId: string;
  serviceId?: string;
  date: string;
  time: string;
  name: string;
  phone?: string;
  email?: string;
  priority?: boolean;
}

async function takePlaceInTx(
  trx: Trx,
  options: { location: repo.LocationRow; queue: repo.QueueRow; date: string; time: string; now: Date },
) {
  const problem = slotProblem(options);
  if (problem) throw new AppError('SLOT_INVALID', { date: options.date, time: options.time, reason: problem });
  const key = { tenantCode: options.location.tenant_code, queueId: options.queue.id, date: options.date };
  if (!(await repo.takeDayQuotaInTx(trx, { ...key, quota: options.queue.daily_quota }))) {
    throw new AppError('DAY_FULL', { date: options.date });
  }
  if (!(await repo.takeSlotQuotaInTx(trx, { ...key, slot: options.time, quota: options.queue.slot_quota }))) {
    throw new AppError('SLOT_FULL', { date: options.date, time: options.time });
  }
  const rules = slotRulesOf(options.location, options.queue);
  const slot = slotsOn(rules, options.date).find((s) => s.start === options.time)!;
  return {
    startsAt: instantAt({ date: options.date, time: slot.start, timeZone: rules.timeZone }),
    endsAt: instantAt({ date: options.date, time: slot.end, timeZone: rules.timeZone }),
  };
}

async function enqueueBookingMessagesInTx(
  trx: Trx,
  options: {
    booking: repo.BookingRow;
    template: 'booking.confirmed' | 'booking.reminder';
    names: { locationName: string; serviceName: string };
    publicUrl?: string;
    timeZone: string;
  },
) {
  const { booking } = options;
  const data = {
    bookingCode: booking.code,
    serviceName: options.names.serviceName,
    locationName: options.names.locationName,
    date: booking.service_date,
    time: booking.slot_start,
    timeZone: options.timeZone,
    manageUrl: manageUrl(options.publicUrl, booking.code),
  };
  const stamp = `${booking.service_date}T${booking.slot_start}`;
  for (const [channel, recipient] of [
    ['email', booking.email],
    ['sms', booking.phone],
  ] as const) {
    if (!recipient) continue;
    await enqueueInTx(trx, {
      tenantCode: booking.tenant_code,
      channel,
      recipient,
      template: options.template,
      language: booking.language,
      data,
      // A confirmation follows each booking change (a new event every time); a reminder is sent
      // once per booking and slot, however often the daily job runs.
      ...(options.template === 'booking.reminder'
        ? { dedupeKey: `booking:${booking.id}:${options.template}:${stamp}:${channel}` }
        : {}),
    });
  }
}

async function serviceNameInTx(trx: Trx, booking: { tenant_code: string; service_id: string | null }, queue: repo.QueueRow) {
  if (!booking.service_id) return queue.name;
  const service = await trx
    .selectFrom('service')
    .select('name')
    .where('tenant_code', '=', booking.tenant_code)
    .where('id', '=', booking.service_id)
    .executeTakeFirst();
  return service?.name ?? queue.name;
}

/**
 * Books a slot, anonymously (name and phone or e-mail) or as the signed-in citizen; sends the code
 * by e-mail/SMS through the outbox. Throws LOCATION_NOT_FOUND, QUEUE_NOT_FOUND, SLOT_INVALID,
 * SLOT_FULL, DAY_FULL, BOOKING_CONTACT_REQUIRED, DESTINATION_INVALID, VALIDATION_FAILED.
 */
export async function createBooking(
  db: Kysely<DB>,
  caller: PublicCaller,
  options: { locationId: string; input: BookingInput; publicUrl?: string; now?: Date },
) {
  const { input } = options;
  const now = options.now ?? new Date();
  const phone = input.phone?.trim() ? normalizeDestination('sms', input.phone) : null;
  const email = input.email?.trim() ? normalizeDestination('email', input.email) : null;
  if (!phone && !email) throw new AppError('BOOKING_CONTACT_REQUIRED');
  const code = bookingCodeFromBytes(randomBytes(8));
  return withPublicScope(db, caller, async (trx) => {
    const location = await getLocationInTx(trx, options.locationId);
    const queue = await getQueueAtInTx(trx, location, input.queueId);
    if (input.serviceId) {
      const services = await repo.listQueueServicesInTx(trx, { tenantCode: location.tenant_code, queueIds: [queue.id] });
      if (!services.some((s) => s.id === input.serviceId))
        throw new AppError('VALIDATION_FAILED', { detail: 'serviceId is not served by this queue' });
    }
    const { startsAt, endsAt } = await takePlaceInTx(trx, { location, queue, date: input.date, time: input.time, now });
    await repo.presentBookingCodeInTx(trx, code);
    const booking = await repo.insertBookingInTx(trx, {
      tenantCode: location.tenant_code,
      code,
      locationId: location.id,
      queueId: queue.id,
      serviceId: input.serviceId ?? null,
      date: input.date,
      slot: input.time,
      startsAt,
      endsAt,
      name: input.name.trim(),
      email,
      phone,
      language: caller.language,
      priority: input.priority ?? false,
      citizenId: caller.citizenId ?? null,
    });
    if (caller.citizenId) {
      await linkCitizenInTx(trx, {
        tenantCode: location.tenant_code,
        citizenId: caller.citizenId,
        regionCode: location.region_code,
        via: 'queue',
      });
    }
    await enqueueBookingMessagesInTx(trx, {
      booking,
      template: 'booking.confirmed',
      names: { locationName: location.name, serviceName: await serviceNameInTx(trx, booking, queue) },
      publicUrl: options.publicUrl,
      timeZone: timeZoneOf(location),
    });
    await appendAuditInTx(trx, {
      action: 'booking.create',
      actor: { type: 'citizen', id: caller.citizenId ?? null },
      tenantCode: location.tenant_code,
      target: { type: 'booking', id: booking.id },
      ip: caller.context.ip,
      requestId: caller.context.requestId,
      detail: { queue: queue.code, date: input.date, time: input.time, priority: booking.priority },
    });
    return bookingView(booking, { locationName: location.name, queueName: queue.name, queueCode: queue.code });
  });
}

/** The booking named by `code`, locked for a change when `forUpdate`. Throws BOOKING_NOT_FOUND. */
async function getBookingByCodeInTx(trx: Trx, rawCode: string) {
  const code = normalizeBookingCode(rawCode);
  if (!isBookingCode(code)) throw new AppError('BOOKING_NOT_FOUND');
  await repo.presentBookingCodeInTx(trx, code);
  const booking = await repo.findBookingByCodeInTx(trx, code);
  if (!booking) throw new AppError('BOOKING_NOT_FOUND');
  const location = (await repo.findLocationInTx(trx, booking.location_id))!;
  const queue = (await repo.findQueueInTx(trx, booking.queue_id))!;
  return { booking, location, queue };
}

/** A booking by its code (whoever holds the code may see it). Throws BOOKING_NOT_FOUND. */
export function getBooking(db: Kysely<DB>, code: string) {
  return withPublicScope(db, undefined, async (trx) => {
    const { booking, location, queue } = await getBookingByCodeInTx(trx, code);
    return bookingView(booking, { locationName: location.name, queueName: queue.name, queueCode: queue.code });
  });
}

function assertChangeable(booking: repo.BookingRow) {
  if (booking.status !== 'booked') throw new AppError('BOOKING_NOT_CHANGEABLE', { status: booking.status });
}

/** Cancels a booking and frees its place. Throws BOOKING_NOT_FOUND, BOOKING_NOT_CHANGEABLE. */
export function cancelBooking(db: Kysely<DB>, caller: PublicCaller, code: string) {
  return withPublicScope(db, caller, async (trx) => {
    const { booking, location, queue } = await getBookingByCodeInTx(trx, code);
    assertChangeable(booking);
    await repo.releaseQuotaInTx(trx, {
      tenantCode: booking.tenant_code,
      queueId: booking.queue_id,
      date: booking.service_date,
      slot: booking.slot_start,
    });
    const updated = await repo.updateBookingInTx(
      trx,
      { tenantCode: booking.tenant_code, id: booking.id },
      { status: 'cancelled', cancelled_at: new Date() },
    );
    await appendAuditInTx(trx, {
      action: 'booking.cancel',
      actor: { type: 'citizen', id: caller.citizenId ?? null },
      tenantCode: booking.tenant_code,
      target: { type: 'booking', id: booking.id },
      ip: caller.context.ip,
      requestId: caller.context.requestId,
    });
    return bookingView(updated, { locationName: location.name, queueName: queue.name, queueCode: queue.code });
  });
}

/**
 * Moves a booking to another date/time of the same queue, keeping its code; the old place is freed
 * only when the new one is taken. Throws BOOKING_NOT_FOUND, BOOKING_NOT_CHANGEABLE, SLOT_INVALID, SLOT_FULL, DAY_FULL.
 */
export function rescheduleBooking(
  db: Kysely<DB>,
  caller: PublicCaller,
  options: { code: string; date: string; time: string; publicUrl?: string; now?: Date },
) {
  const now = options.now ?? new Date();
  return withPublicScope(db, caller, async (trx) => {
    const { booking, location, queue } = await getBookingByCodeInTx(trx, options.code);
    assertChangeable(booking);
    if (booking.service_date === options.date && booking.slot_start === options.time) {
      return bookingView(booking, { locationName: location.name, queueName: queue.name, queueCode: queue.code });
    }
    const { startsAt, endsAt } = await takePlaceInTx(trx, { location, queue, date: options.date, time: options.time, now });
    await repo.releaseQuotaInTx(trx, {
      tenantCode: booking.tenant_code,
      queueId: booking.queue_id,
      date: booking.service_date,
      slot: booking.slot_start,
    });
    const updated = await repo.updateBookingInTx(
      trx,
      { tenantCode: booking.tenant_code, id: booking.id },
      { service_date: options.date, slot_start: options.time, starts_at: startsAt, ends_at: endsAt, reminder_sent_at: null },
    );
    await enqueueBookingMessagesInTx(trx, {
      booking: updated,
      template: 'booking.confirmed',
      names: { locationName: location.name, serviceName: await serviceNameInTx(trx, updated, queue) },
      publicUrl: options.publicUrl,
      timeZone: timeZoneOf(location),
    });
    await appendAuditInTx(trx, {
      action: 'booking.reschedule',
      actor: { type: 'citizen', id: caller.citizenId ?? null },
      tenantCode: booking.tenant_code,
      target: { type: 'booking', id: booking.id },
      ip: caller.context.ip,
      requestId: caller.context.requestId,
      detail: { from: `${booking.service_date} ${booking.slot_start}`, to: `${options.date} ${options.time}` },
    });
    return bookingView(updated, { locationName: location.name, queueName: queue.name, queueCode: queue.code });
  });
}

async function issueTicketInTx(
  trx: Trx,
  options: { location: repo.LocationRow; queue: repo.QueueRow; priority: boolean; booking?: repo.BookingRow; now: Date },
) {
  const { location, queue, now } = options;
  const date = todayAt(location, now);
  const number = await repo.nextTicketNumberInTx(trx, { tenantCode: location.tenant_code, queueId: queue.id, date });
  const dueAt = dueAtOf({
    issuedAt: now,
    ...(options.booking ? { slot: { startsAt: options.booking.starts_at, endsAt: options.booking.ends_at } } : {}),
  });
  const ticket = await repo.insertTicketInTx(trx, {
    tenantCode: location.tenant_code,
    locationId: location.id,
    queueId: queue.id,
    date,
    number,
    displayCode: formatTicketNumber(queue.code, number),
    source: options.booking ? 'booking' : 'walk_in',
    bookingId: options.booking?.id ?? null,
    priority: options.priority,
    issuedAt: now,
    dueAt,
  });
  if (options.booking?.service_id) {
    await recordServiceUseInTx(trx, {
      tenantCode: location.tenant_code,
      serviceId: options.booking.service_id,
      kind: 'ticket',
      at: now,
    });
  }
  return ticket;
}

/** A walk-in ticket from the kiosk. Throws LOCATION_NOT_FOUND, QUEUE_NOT_FOUND. */
export function issueWalkInTicket(
  db: Kysely<DB>,
  caller: PublicCaller,
  options: { locationId: string; queueId: string; priority?: boolean; now?: Date },
) {
  const now = options.now ?? new Date();
  return withPublicScope(db, caller, async (trx) => {
    const location = await getLocationInTx(trx, options.locationId);
    const queue = await getQueueAtInTx(trx, location, options.queueId);
    const ticket = await issueTicketInTx(trx, { location, queue, priority: options.priority ?? false, now });
    await appendAuditInTx(trx, {
      action: 'ticket.issue',
      actor: { type: 'citizen', id: caller.citizenId ?? null },
      tenantCode: location.tenant_code,
      target: { type: 'ticket', id: ticket.id },
      ip: caller.context.ip,
      requestId: caller.context.requestId,
      detail: { ticket: ticket.display_code, priority: ticket.priority, source: 'walk_in' },
    });
    return ticketView(ticket, { queueCode: queue.code, queueName: queue.name });
  });
}

/**
 * Checks a booking in at its location on its day (kiosk, by code or QR) and issues its ticket.
 * Throws BOOKING_NOT_FOUND, BOOKING_NOT_CHANGEABLE, BOOKING_WRONG_DAY.
 */
export function checkInBooking(db: Kysely<DB>, caller: PublicCaller, options: { locationId: string; code: string; now?: Date }) {
  const now = options.now ?? new Date();
  return withPublicScope(db, caller, async (trx) => {
    const { booking, location, queue } = await getBookingByCodeInTx(trx, options.code);
    if (booking.status === 'checked_in' && booking.ticket_id) {
      throw new AppError('BOOKING_NOT_CHANGEABLE', { status: booking.status });
    }
    assertChangeable(booking);
    if (booking.location_id !== options.locationId || booking.service_date !== todayAt(location, now)) {
      throw new AppError('BOOKING_WRONG_DAY', { date: booking.service_date, location: location.name });
    }
    const ticket = await issueTicketInTx(trx, { location, queue, priority: booking.priority, booking, now });
    await repo.updateBookingInTx(
      trx,
      { tenantCode: booking.tenant_code, id: booking.id },
      { status: 'checked_in', ticket_id: ticket.id, checked_in_at: now },
    );
    await appendAuditInTx(trx, {
      action: 'booking.check_in',
      actor: { type: 'citizen', id: caller.citizenId ?? null },
      tenantCode: booking.tenant_code,
      target: { type: 'booking', id: booking.id },
      ip: caller.context.ip,
      requestId: caller.context.requestId,
      detail: { ticket: ticket.display_code },
    });
    return ticketView(ticket, { queueCode: queue.code, queueName: queue.name });
  });
}

/** A ticket's state for its holder: places ahead and estimated wait. Throws TICKET_NOT_FOUND. */
export function getTicketStatus(db: Kysely<DB>, ticketId: string) {
  return withPublicScope(db, undefined, async (trx) => {
    const ticket = await repo.findTicketInTx(trx, ticketId);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND');
    const queue = (await repo.findQueueInTx(trx, ticket.queue_id))!;
    const location = (await repo.findLocationInTx(trx, ticket.location_id))!;
    const counter = ticket.counter_id ? await repo.findCounterInTx(trx, ticket.counter_id) : undefined;
    let placesAhead: number | null = null;
    let estimatedWaitMinutes: number | null = null;
    if (ticket.status === 'waiting') {
      const waiting = await repo.listWaitingTicketsInTx(trx, {
        tenantCode: ticket.tenant_code,
        locationId: ticket.location_id,
        date: ticket.service_date,
      });
      // Ahead: the waiting tickets of the same queue before it in call order (the SQL sorted them).
      const sameQueue = waiting.filter(
        (t) => t.queue_id === ticket.queue_id && (t.target_counter_id === null) === (ticket.target_counter_id === null),
      );
      placesAhead = Math.max(
        0,
        sameQueue.findIndex((t) => t.id === ticket.id),
      );
      const capacity = await repo.queueCapacityInTx(trx, {
        tenantCode: ticket.tenant_code,
        queueId: ticket.queue_id,
        date: ticket.service_date,
      });
      estimatedWaitMinutes = estimateWaitMinutes({
        placesAhead,
        counters: capacity.counters,
        averageServiceMinutes: capacity.averageServiceMinutes,
      });
    }
    return {
      ...ticketView(ticket, { queueCode: queue.code, queueName: queue.name, counterCode: counter?.code ?? null }),
      counterName: counter?.name ?? null,
      locationName: location.name,
      timeZone: timeZoneOf(location),
      placesAhead,
      estimatedWaitMinutes,
    };
  });
}

/** What the display board shows: the tickets being called or served now, per counter. Throws LOCATION_NOT_FOUND. */
export function getBoard(db: Kysely<DB>, locationId: string, now = new Date()) {
  return withPublicScope(db, undefined, async (trx) => {
    const location = await getLocationInTx(trx, locationId);
    const date = todayAt(location, now);
    const active = await repo.listActiveTicketsInTx(trx, { tenantCode: location.tenant_code, locationId, date });
    const waiting = await repo.listWaitingTicketsInTx(trx, { tenantCode: location.tenant_code, locationId, date });
    return {
      location: { id: location.id, name: location.name, slug: location.slug, timeZone: timeZoneOf(location) },
      date,
      calls: active.map((t) => ({
        ticketId: t.id,
        displayCode: t.display_code,
        counterCode: t.counter_code,
        counterName: t.counter_name,
        status: t.status,
        callCount: t.call_count,
        calledAt: t.called_at!.toISOString(),
      })),
      waiting: waiting.length,
    };
  });
}

/**
 * The queue's periodic job: records bookings of past days never checked in as no-shows, and
 * enqueues the day-before reminder of every booking of tomorrow (in its location's zone), once
 * per booking. Runs with the national scope (a system job); returns how many were reminded.
 */
export async function runBookingJobs(db: Kysely<DB>, options: { publicUrl?: string; now?: Date } = {}) {
  const now = options.now ?? new Date();
  let reminded = 0;
  // Bookings of a day before today in WIB (the westernmost zone) are past everywhere: no-shows.
  await withScope(db, NATIONAL, async (trx) => {
    const missed = await repo.markBookingNoShowsInTx(trx, localDateOf(now, 'Asia/Jakarta'));
    if (missed > 0)
      await appendAuditInTx(trx, { action: 'booking.no_show', actor: { type: 'system' }, detail: { count: missed } });
  });
  for (const zone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const) {
    const tomorrow = addCalendarDays(localDateOf(now, zone), 1);
    reminded += await withScope(db, NATIONAL, async (trx) => {
      let count = 0;
      for (const booking of await repo.listBookingsToRemindInTx(trx, tomorrow)) {
        const location = (await repo.findLocationInTx(trx, booking.location_id))!;
        if (timeZoneOf(location) !== zone) continue;
        const queue = (await repo.findQueueInTx(trx, booking.queue_id))!;
        await enqueueBookingMessagesInTx(trx, {
          booking,
          template: 'booking.reminder',
          names: { locationName: location.name, serviceName: await serviceNameInTx(trx, booking, queue) },
          publicUrl: options.publicUrl,
          timeZone: zone,
        });
        await repo.updateBookingInTx(trx, { tenantCode: booking.tenant_code, id: booking.id }, { reminder_sent_at: now });
        count++;
      }
      if (count > 0) {
        await appendAuditInTx(trx, { action: 'booking.remind', actor: { type: 'system' }, detail: { date: tomorrow, count } });
      }
      return count;
    });
  }
  return reminded;
}
