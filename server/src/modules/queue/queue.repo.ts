import { sql, type Transaction } from 'kysely';
import type { BookingStatus, DB, OpeningHours, TicketStatus } from '../../db/schema.ts';

// SQL of queues, bookings and tickets (migration 20261122160000_queue.sql). `date` columns are
// read as text ('YYYY-MM-DD'): pg would turn them into JS Dates at the server's midnight.

type Trx = Transaction<DB>;

export interface LocationRow {
  tenant_code: string;
  id: string;
  slug: string;
  name: string;
  region_code: string;
  opening_hours: OpeningHours[];
  active: boolean;
}

export function findLocationInTx(trx: Trx, locationId: string): Promise<LocationRow | undefined> {
  return trx
    .selectFrom('location')
    .select(['tenant_code', 'id', 'slug', 'name', 'region_code', 'opening_hours', 'active'])
    .where('id', '=', locationId)
    .executeTakeFirst() as Promise<LocationRow | undefined>;
}

export interface QueueRow {
  tenant_code: string;
  id: string;
  location_id: string;
  agency_id: string | null;
  code: string;
  name: string;
  slot_minutes: number;
  slot_quota: number;
  daily_quota: number;
  active: boolean;
}

const QUEUE_COLUMNS = [
  'tenant_code',
  'id',
  'location_id',
  'agency_id',
  'code',
  'name',
  'slot_minutes',
  'slot_quota',
  'daily_quota',
  'active',
] as const;

export function listQueuesInTx(trx: Trx, options: { tenantCode: string; locationId: string; includeInactive?: boolean }) {
  let query = trx
    .selectFrom('queue')
    .select(QUEUE_COLUMNS)
    .where('tenant_code', '=', options.tenantCode)
    .where('location_id', '=', options.locationId);
  if (!options.includeInactive) query = query.where('active', '=', true);
  return query.orderBy('code').execute() as Promise<QueueRow[]>;
}

export function findQueueInTx(trx: Trx, queueId: string): Promise<QueueRow | undefined> {
  return trx.selectFrom('queue').select(QUEUE_COLUMNS).where('id', '=', queueId).executeTakeFirst() as Promise<
    QueueRow | undefined
  >;
}

export async function insertQueueInTx(
  trx: Trx,
  values: Omit<QueueRow, 'id' | 'active'> & { active?: boolean },
): Promise<QueueRow> {
  return (await trx.insertInto('queue').values(values).returning(QUEUE_COLUMNS).executeTakeFirstOrThrow()) as QueueRow;
}

export async function updateQueueInTx(
  trx: Trx,
  key: { tenantCode: string; id: string },
  changes: Partial<Pick<QueueRow, 'name' | 'slot_minutes' | 'slot_quota' | 'daily_quota' | 'active' | 'agency_id'>>,
): Promise<QueueRow | undefined> {
  return (await trx
    .updateTable('queue')
    .set({ ...changes, updated_at: new Date() })
    .where('tenant_code', '=', key.tenantCode)
    .where('id', '=', key.id)
    .returning(QUEUE_COLUMNS)
    .executeTakeFirst()) as QueueRow | undefined;
}

/** The services of each queue at a location, with their names (for the booking page). */
export function listQueueServicesInTx(trx: Trx, options: { tenantCode: string; queueIds: string[] }) {
  if (options.queueIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('queue_service as qs')
    .innerJoin('service as s', (j) => j.onRef('s.tenant_code', '=', 'qs.tenant_code').onRef('s.id', '=', 'qs.service_id'))
    .select(['qs.queue_id', 's.id', 's.slug', 's.name'])
    .where('qs.tenant_code', '=', options.tenantCode)
    .where('qs.queue_id', 'in', options.queueIds)
    .orderBy('s.name')
    .execute();
}

export async function setQueueServicesInTx(trx: Trx, options: { tenantCode: string; queueId: string; serviceIds: string[] }) {
  await trx
    .deleteFrom('queue_service')
    .where('tenant_code', '=', options.tenantCode)
    .where('queue_id', '=', options.queueId)
    .execute();
  if (options.serviceIds.length === 0) return;
  await trx
    .insertInto('queue_service')
    .values(options.serviceIds.map((id) => ({ tenant_code: options.tenantCode, queue_id: options.queueId, service_id: id })))
    .execute();
}

export interface CounterRow {
  tenant_code: string;
  id: string;
  location_id: string;
  agency_id: string | null;
  code: string;
  name: string;
  active: boolean;
}

export function findCounterInTx(trx: Trx, counterId: string): Promise<CounterRow | undefined> {
  return trx
    .selectFrom('counter')
    .select(['tenant_code', 'id', 'location_id', 'agency_id', 'code', 'name', 'active'])
    .where('id', '=', counterId)
    .executeTakeFirst();
}

export function listCountersInTx(trx: Trx, options: { tenantCode: string; locationId: string }) {
  return trx
    .selectFrom('counter')
    .select(['tenant_code', 'id', 'location_id', 'agency_id', 'code', 'name', 'active'])
    .where('tenant_code', '=', options.tenantCode)
    .where('location_id', '=', options.locationId)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
}

export async function listSkillsInTx(trx: Trx, options: { tenantCode: string; counterIds: string[] }) {
  if (options.counterIds.length === 0) return [];
  return trx
    .selectFrom('queue_counter')
    .select(['counter_id', 'queue_id'])
    .where('tenant_code', '=', options.tenantCode)
    .where('counter_id', 'in', options.counterIds)
    .execute();
}

export async function setSkillsInTx(trx: Trx, options: { tenantCode: string; counterId: string; queueIds: string[] }) {
  await trx
    .deleteFrom('queue_counter')
    .where('tenant_code', '=', options.tenantCode)
    .where('counter_id', '=', options.counterId)
    .execute();
  if (options.queueIds.length === 0) return;
  await trx
    .insertInto('queue_counter')
    .values(
      options.queueIds.map((queueId) => ({ tenant_code: options.tenantCode, counter_id: options.counterId, queue_id: queueId })),
    )
    .execute();
}

// ---- quotas and numbers ----

/** The next ticket number of a queue on a day: one upsert, so concurrent kiosks never share one. */
export async function nextTicketNumberInTx(
  trx: Trx,
  key: { tenantCode: string; queueId: string; date: string },
): Promise<number> {
  const row = await sql<{ last_number: number }>`
    INSERT INTO queue_day (tenant_code, queue_id, service_date, last_number)
    VALUES (${key.tenantCode}, ${key.queueId}, ${key.date}::date, 1)
    ON CONFLICT (tenant_code, queue_id, service_date) DO UPDATE SET last_number = queue_day.last_number + 1
    RETURNING last_number`.execute(trx);
  return row.rows[0]!.last_number;
}

/**
 * Takes one place of a quota row (queue_day.booked or queue_slot.booked), or returns false when
 * it is full. One statement: the conditional upsert is atomic under concurrency.
 */
export async function takeDayQuotaInTx(trx: Trx, key: { tenantCode: string; queueId: string; date: string; quota: number }) {
  if (key.quota <= 0) return false;
  const result = await sql<{ booked: number }>`
    INSERT INTO queue_day (tenant_code, queue_id, service_date, booked)
    VALUES (${key.tenantCode}, ${key.queueId}, ${key.date}::date, 1)
    ON CONFLICT (tenant_code, queue_id, service_date) DO UPDATE SET booked = queue_day.booked + 1
    WHERE queue_day.booked < ${key.quota}
    RETURNING booked`.execute(trx);
  return result.rows.length === 1;
}

export async function takeSlotQuotaInTx(
  trx: Trx,
  key: { tenantCode: string; queueId: string; date: string; slot: string; quota: number },
) {
  if (key.quota <= 0) return false;
  const result = await sql<{ booked: number }>`
    INSERT INTO queue_slot (tenant_code, queue_id, service_date, slot_start, booked)
    VALUES (${key.tenantCode}, ${key.queueId}, ${key.date}::date, ${key.slot}, 1)
    ON CONFLICT (tenant_code, queue_id, service_date, slot_start) DO UPDATE SET booked = queue_slot.booked + 1
    WHERE queue_slot.booked < ${key.quota}
    RETURNING booked`.execute(trx);
  return result.rows.length === 1;
}

/** Gives back the places a cancelled or moved booking held. */
export async function releaseQuotaInTx(trx: Trx, key: { tenantCode: string; queueId: string; date: string; slot: string }) {
  await sql`UPDATE queue_day SET booked = greatest(booked - 1, 0)
            WHERE tenant_code = ${key.tenantCode} AND queue_id = ${key.queueId} AND service_date = ${key.date}::date`.execute(
    trx,
  );
  await sql`UPDATE queue_slot SET booked = greatest(booked - 1, 0)
            WHERE tenant_code = ${key.tenantCode} AND queue_id = ${key.queueId} AND service_date = ${key.date}::date
              AND slot_start = ${key.slot}`.execute(trx);
}

/** Bookings taken per slot of a queue on a day. */
export async function slotUsageInTx(trx: Trx, key: { tenantCode: string; queueId: string; date: string }) {
  const slots = await sql<{ slot_start: string; booked: number }>`
    SELECT slot_start, booked FROM queue_slot
    WHERE tenant_code = ${key.tenantCode} AND queue_id = ${key.queueId} AND service_date = ${key.date}::date`.execute(trx);
  const day = await sql<{ booked: number }>`
    SELECT booked FROM queue_day
    WHERE tenant_code = ${key.tenantCode} AND queue_id = ${key.queueId} AND service_date = ${key.date}::date`.execute(trx);
  return { slots: new Map(slots.rows.map((r) => [r.slot_start, r.booked])), dayBooked: day.rows[0]?.booked ?? 0 };
}

// ---- messages ----

// ---- bookings ----

/** Lets this transaction see and change the booking with `code` (row-level security, `layan.booking_code`). */
export async function presentBookingCodeInTx(trx: Trx, code: string): Promise<void> {
  await sql`SELECT set_config('layan.booking_code', ${code}, true)`.execute(trx);
}

export interface BookingRow {
  tenant_code: string;
  id: string;
  code: string;
  location_id: string;
  queue_id: string;
  service_id: string | null;
  service_date: string;
  slot_start: string;
  starts_at: Date;
  ends_at: Date;
  name: string;
  email: string | null;
  phone: string | null;
  language: 'id' | 'en';
  priority: boolean;
  citizen_id: string | null;
  status: BookingStatus;
  ticket_id: string | null;
  reminder_sent_at: Date | null;
  created_at: Date;
  cancelled_at: Date | null;
  checked_in_at: Date | null;
}

const BOOKING_SELECT = sql`tenant_code, id, code, location_id, queue_id, service_id, service_date::text AS service_date,
  slot_start, starts_at, ends_at, name, email, phone, language, priority, citizen_id, status, ticket_id, reminder_sent_at,
  created_at, cancelled_at, checked_in_at`;

export async function findBookingByCodeInTx(trx: Trx, code: string): Promise<BookingRow | undefined> {
  const result = await sql<BookingRow>`SELECT ${BOOKING_SELECT} FROM booking WHERE code = ${code}`.execute(trx);
  return result.rows[0];
}

export interface BookingInsert {
  tenantCode: string;
  code: string;
  locationId: string;
  queueId: string;
  serviceId: string | null;
  date: string;
  slot: string;
  startsAt: Date;
  endsAt: Date;
  name: string;
  email: string | null;
  phone: string | null;
  language: 'id' | 'en';
  priority: boolean;
  citizenId: string | null;
}

export async function insertBookingInTx(trx: Trx, b: BookingInsert): Promise<BookingRow> {
  const result = await sql<BookingRow>`
    INSERT INTO booking (tenant_code, code, location_id, queue_id, service_id, service_date, slot_start, starts_at, ends_at,
                         name, email, phone, language, priority, citizen_id)
    VALUES (${b.tenantCode}, ${b.code}, ${b.locationId}, ${b.queueId}, ${b.serviceId}, ${b.date}::date, ${b.slot},
            ${b.startsAt}, ${b.endsAt}, ${b.name}, ${b.email}, ${b.phone}, ${b.language}, ${b.priority}, ${b.citizenId})
    RETURNING ${BOOKING_SELECT}`.execute(trx);
  return result.rows[0]!;
}

export async function updateBookingInTx(
  trx: Trx,
  key: { tenantCode: string; id: string },
  changes: {
    status?: BookingStatus;
    queue_id?: string;
    service_date?: string;
    slot_start?: string;
    starts_at?: Date;
    ends_at?: Date;
    ticket_id?: string;
    cancelled_at?: Date;
    checked_in_at?: Date;
    reminder_sent_at?: Date | null;
  },
): Promise<BookingRow> {
  await trx
    .updateTable('booking')
    .set({ ...changes, updated_at: new Date() })
    .where('tenant_code', '=', key.tenantCode)
    .where('id', '=', key.id)
    .execute();
  const result = await sql<BookingRow>`SELECT ${BOOKING_SELECT} FROM booking
    WHERE tenant_code = ${key.tenantCode} AND id = ${key.id}`.execute(trx);
  return result.rows[0]!;
}

/** Bookings of `date` (any tenant the scope reaches) still open and not yet reminded. */
export async function listBookingsToRemindInTx(trx: Trx, date: string): Promise<BookingRow[]> {
  const result = await sql<BookingRow>`SELECT ${BOOKING_SELECT} FROM booking
    WHERE service_date = ${date}::date AND status = 'booked' AND reminder_sent_at IS NULL
    ORDER BY tenant_code, starts_at LIMIT 500`.execute(trx);
  return result.rows;
}

/** Marks bookings of days before `before` never checked in as no-shows (all tenants the scope reaches); returns how many. */
export async function markBookingNoShowsInTx(trx: Trx, before: string): Promise<number> {
  const result = await sql`UPDATE booking SET status = 'no_show', updated_at = now()
    WHERE service_date < ${before}::date AND status = 'booked'`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

// ---- tickets ----

export interface TicketRow {
  tenant_code: string;
  id: string;
  location_id: string;
  queue_id: string;
  service_date: string;
  number: number;
  display_code: string;
  source: 'walk_in' | 'booking';
  booking_id: string | null;
  priority: boolean;
  status: TicketStatus;
  issued_at: Date;
  due_at: Date;
  target_counter_id: string | null;
  counter_id: string | null;
  first_called_at: Date | null;
  called_at: Date | null;
  call_count: number;
  started_at: Date | null;
  finished_at: Date | null;
  served_by: string | null;
  application_id: string | null;
  near_sent: boolean;
  transfers: number;
}

const TICKET_SELECT = sql`ticket.tenant_code, ticket.id, ticket.location_id, ticket.queue_id,
  ticket.service_date::text AS service_date, ticket.number, ticket.display_code, ticket.source, ticket.booking_id,
  ticket.priority, ticket.status, ticket.issued_at, ticket.due_at, ticket.target_counter_id, ticket.counter_id,
  ticket.first_called_at, ticket.called_at, ticket.call_count, ticket.started_at, ticket.finished_at, ticket.served_by,
  ticket.application_id, ticket.near_sent, ticket.transfers`;

export interface TicketInsert {
  tenantCode: string;
  locationId: string;
  queueId: string;
  date: string;
  number: number;
  displayCode: string;
  source: 'walk_in' | 'booking';
  bookingId: string | null;
  priority: boolean;
  issuedAt: Date;
  dueAt: Date;
}

export async function insertTicketInTx(trx: Trx, t: TicketInsert): Promise<TicketRow> {
  const result = await sql<TicketRow>`
    INSERT INTO ticket (tenant_code, location_id, queue_id, service_date, number, display_code, source, booking_id,
                        priority, issued_at, due_at)
    VALUES (${t.tenantCode}, ${t.locationId}, ${t.queueId}, ${t.date}::date, ${t.number}, ${t.displayCode}, ${t.source},
            ${t.bookingId}, ${t.priority}, ${t.issuedAt}, ${t.dueAt})
    RETURNING ${TICKET_SELECT}`.execute(trx);
  return result.rows[0]!;
}

export async function findTicketInTx(trx: Trx, ticketId: string): Promise<TicketRow | undefined> {
  const result = await sql<TicketRow>`SELECT ${TICKET_SELECT} FROM ticket WHERE id = ${ticketId}`.execute(trx);
  return result.rows[0];
}

/** The ticket a counter is calling or serving now, if any. */
export async function findActiveTicketInTx(trx: Trx, key: { tenantCode: string; counterId: string }) {
  const result = await sql<TicketRow>`SELECT ${TICKET_SELECT} FROM ticket
    WHERE tenant_code = ${key.tenantCode} AND counter_id = ${key.counterId} AND status IN ('called', 'serving')`.execute(trx);
  return result.rows[0];
}

/**
 * Call-next in one statement. Picks the first waiting ticket the counter may call, in the order of
 * domain/src/queue/order.ts (transferred to this counter, priority, due time, number, queue
 * code), locks it with SKIP LOCKED so concurrent counters each take a different one, and marks it
 * called by this counter. Undefined when nothing is waiting for it. The partial unique index
 * `ticket_counter_active_idx` refuses a second active ticket at one counter (error 23505).
 */
export async function callNextInTx(
  trx: Trx,
  options: { tenantCode: string; locationId: string; date: string; counterId: string; staffId: string },
): Promise<TicketRow | undefined> {
  const { tenantCode, locationId, date, counterId, staffId } = options;
  const result = await sql<TicketRow>`
    WITH next AS (
      SELECT t.tenant_code, t.id
      FROM ticket t
      JOIN queue q ON q.tenant_code = t.tenant_code AND q.id = t.queue_id
      WHERE t.tenant_code = ${tenantCode} AND t.location_id = ${locationId} AND t.service_date = ${date}::date
        AND t.status = 'waiting'
        AND (t.target_counter_id = ${counterId}
             OR (t.target_counter_id IS NULL AND t.queue_id IN (
                   SELECT queue_id FROM queue_counter WHERE tenant_code = ${tenantCode} AND counter_id = ${counterId})))
      ORDER BY (t.target_counter_id IS NOT NULL) DESC, t.priority DESC, t.due_at, t.number, q.code
      LIMIT 1
      FOR UPDATE OF t SKIP LOCKED
    )
    UPDATE ticket SET status = 'called', counter_id = ${counterId}, called_at = now(),
           first_called_at = coalesce(ticket.first_called_at, now()), call_count = 1, served_by = ${staffId},
           updated_at = now()
    FROM next
    WHERE ticket.tenant_code = next.tenant_code AND ticket.id = next.id AND ticket.status = 'waiting'
    RETURNING ${TICKET_SELECT}`.execute(trx);
  return result.rows[0];
}

/** Locks one ticket for a change by a counter (the caller checks its state). */
export async function lockTicketInTx(trx: Trx, key: { tenantCode: string; id: string }): Promise<TicketRow | undefined> {
  const result = await sql<TicketRow>`SELECT ${TICKET_SELECT} FROM ticket
    WHERE tenant_code = ${key.tenantCode} AND id = ${key.id} FOR UPDATE`.execute(trx);
  return result.rows[0];
}

export async function updateTicketInTx(
  trx: Trx,
  key: { tenantCode: string; id: string },
  changes: {
    status?: TicketStatus;
    queue_id?: string;
    counter_id?: string | null;
    target_counter_id?: string | null;
    called_at?: Date;
    first_called_at?: Date;
    call_count?: number;
    started_at?: Date;
    finished_at?: Date;
    served_by?: string;
    application_id?: string;
    priority?: boolean;
    transfers?: number;
  },
): Promise<TicketRow> {
  await trx
    .updateTable('ticket')
    .set({ ...changes, updated_at: new Date() })
    .where('tenant_code', '=', key.tenantCode)
    .where('id', '=', key.id)
    .execute();
  return (await findTicketInTx(trx, key.id))!;
}

/** Tickets being called or served at a location on a day, newest call first (the display board). */
export async function listActiveTicketsInTx(trx: Trx, key: { tenantCode: string; locationId: string; date: string }) {
  const result = await sql<TicketRow & { counter_code: string; counter_name: string }>`
    SELECT ${TICKET_SELECT}, c.code AS counter_code, c.name AS counter_name
    FROM ticket JOIN counter c ON c.tenant_code = ticket.tenant_code AND c.id = ticket.counter_id
    WHERE ticket.tenant_code = ${key.tenantCode} AND ticket.location_id = ${key.locationId}
      AND ticket.service_date = ${key.date}::date AND ticket.status IN ('called', 'serving')
    ORDER BY ticket.called_at DESC`.execute(trx);
  return result.rows;
}

/** Waiting tickets of a location on a day in call order (the console's list; places ahead). */
export async function listWaitingTicketsInTx(trx: Trx, key: { tenantCode: string; locationId: string; date: string }) {
  const result = await sql<TicketRow & { queue_code: string }>`
    SELECT ${TICKET_SELECT}, q.code AS queue_code
    FROM ticket JOIN queue q ON q.tenant_code = ticket.tenant_code AND q.id = ticket.queue_id
    WHERE ticket.tenant_code = ${key.tenantCode} AND ticket.location_id = ${key.locationId}
      AND ticket.service_date = ${key.date}::date AND ticket.status = 'waiting'
    ORDER BY ticket.priority DESC, ticket.due_at, ticket.number, q.code
    LIMIT 500`.execute(trx);
  return result.rows;
}

/**
 * Waiting tickets of a queue whose holder booked with a phone and has not had the "almost your
 * turn" message, with how many of the queue's waiting tickets come before each. Rows another
 * transaction is changing are skipped (never waited for): the next call looks again.
 */
export async function listNearCandidatesInTx(
  trx: Trx,
  key: { tenantCode: string; queueId: string; date: string; within: number },
) {
  const result = await sql<{
    id: string;
    display_code: string;
    phone: string;
    language: 'id' | 'en';
    ahead: number;
  }>`
    WITH waiting AS (
      SELECT id, booking_id, near_sent, display_code,
             row_number() OVER (ORDER BY target_counter_id IS NOT NULL DESC, priority DESC, due_at, number) - 1 AS ahead
      FROM ticket
      WHERE tenant_code = ${key.tenantCode} AND queue_id = ${key.queueId} AND service_date = ${key.date}::date
        AND status = 'waiting'
    )
    SELECT w.id, w.display_code, b.phone, b.language, w.ahead
    FROM waiting w JOIN booking b ON b.tenant_code = ${key.tenantCode} AND b.id = w.booking_id
    WHERE NOT w.near_sent AND b.phone IS NOT NULL AND w.ahead <= ${key.within}`.execute(trx);
  return result.rows;
}

/** Marks the near message sent for the tickets not locked by another transaction; returns those marked. */
export async function markNearSentInTx(trx: Trx, key: { tenantCode: string; ids: string[] }): Promise<string[]> {
  if (key.ids.length === 0) return [];
  const result = await sql<{ id: string }>`
    WITH locked AS (
      SELECT tenant_code, id FROM ticket
      WHERE tenant_code = ${key.tenantCode} AND id = ANY(${key.ids}::uuid[]) AND status = 'waiting' AND NOT near_sent
      FOR UPDATE SKIP LOCKED
    )
    UPDATE ticket SET near_sent = true FROM locked
    WHERE ticket.tenant_code = locked.tenant_code AND ticket.id = locked.id
    RETURNING ticket.id`.execute(trx);
  return result.rows.map((r) => r.id);
}

/** Counters with a skill for the queue, and the queue's average service minutes over the last 30 days. */
export async function queueCapacityInTx(trx: Trx, key: { tenantCode: string; queueId: string; date: string }) {
  const result = await sql<{ counters: number; average: number | null }>`
    SELECT (SELECT count(*) FROM queue_counter WHERE tenant_code = ${key.tenantCode} AND queue_id = ${key.queueId}) AS counters,
           (SELECT avg(extract(epoch FROM finished_at - coalesce(started_at, called_at))) / 60
              FROM ticket WHERE tenant_code = ${key.tenantCode} AND queue_id = ${key.queueId} AND status = 'done'
                AND service_date > ${key.date}::date - 30) AS average`.execute(trx);
  const row = result.rows[0]!;
  return { counters: Number(row.counters), averageServiceMinutes: row.average === null ? null : Number(row.average) };
}

// ---- statistics ----

export interface StatsRow {
  service_date: string;
  queue_id: string;
  queue_code: string;
  queue_name: string;
  agency_id: string | null;
  counter_id: string | null;
  counter_code: string | null;
  issued: number;
  served: number;
  no_show: number;
  waiting: number;
  avg_wait_seconds: number | null;
  avg_service_seconds: number | null;
}

/** Tickets per day, queue and counter at a location between two local dates (inclusive). */
export async function ticketStatsInTx(trx: Trx, key: { tenantCode: string; locationId: string; from: string; to: string }) {
  const result = await sql<StatsRow>`
    SELECT t.service_date::text AS service_date, q.id AS queue_id, q.code AS queue_code, q.name AS queue_name,
           q.agency_id, t.counter_id, c.code AS counter_code,
           count(*)::int AS issued,
           count(*) FILTER (WHERE t.status = 'done')::int AS served,
           count(*) FILTER (WHERE t.status = 'no_show')::int AS no_show,
           count(*) FILTER (WHERE t.status = 'waiting')::int AS waiting,
           avg(extract(epoch FROM t.first_called_at - t.issued_at)) FILTER (WHERE t.first_called_at IS NOT NULL)::float8
             AS avg_wait_seconds,
           avg(extract(epoch FROM t.finished_at - t.started_at)) FILTER (WHERE t.status = 'done' AND t.started_at IS NOT NULL)::float8
             AS avg_service_seconds
    FROM ticket t
    JOIN queue q ON q.tenant_code = t.tenant_code AND q.id = t.queue_id
    LEFT JOIN counter c ON c.tenant_code = t.tenant_code AND c.id = t.counter_id
    WHERE t.tenant_code = ${key.tenantCode} AND t.location_id = ${key.locationId}
      AND t.service_date BETWEEN ${key.from}::date AND ${key.to}::date
    GROUP BY t.service_date, q.id, q.code, q.name, q.agency_id, t.counter_id, c.code
    ORDER BY t.service_date, q.code, c.code`.execute(trx);
  return result.rows;
}

/** Bookings per day and queue by outcome. */
export async function bookingStatsInTx(trx: Trx, key: { tenantCode: string; locationId: string; from: string; to: string }) {
  const result = await sql<{ service_date: string; queue_id: string; status: BookingStatus; count: number }>`
    SELECT service_date::text AS service_date, queue_id, status, count(*)::int AS count
    FROM booking
    WHERE tenant_code = ${key.tenantCode} AND location_id = ${key.locationId}
      AND service_date BETWEEN ${key.from}::date AND ${key.to}::date
    GROUP BY service_date, queue_id, status`.execute(trx);
  return result.rows;
}
