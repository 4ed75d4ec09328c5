import { addCalendarDays, dayNumberOf, isLocalDate, isNoShow, nearMessageDue } from '@layan/domain';
import type { Kysely, Transaction } from 'kysely';
import { withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { actingRole, authorize, scopeOfGrants, type Action, type Grant, type Principal } from '../identity/identity.authorize.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import { enqueueInTx } from '../outbox/outbox.repo.ts';
import type { QueueEvent, QueueEventBus } from './queue.events.ts';
import * as repo from './queue.repo.ts';
import { eventOf, MAX_CALLS, NEAR_PLACES, queueView, ticketView, todayAt } from './queue.views.ts';

/** Staff side of the queue: the counter console, the queues' setup, statistics. */

type Trx = Transaction<DB>;

export interface StaffCaller {
  principal: Principal;
  context: RequestContext;
}

export interface CounterDeps {
  db: Kysely<DB>;
  bus: QueueEventBus;
}

interface AtLocation<T> {
  db: Kysely<DB>;
  caller: StaffCaller;
  action: Action;
  location: repo.LocationRow;
  work: (trx: Trx, grants: Grant[]) => Promise<T>;
}

/** Authorizes `action` at the location (grants narrowed to another location are refused), then runs `work` scoped to them. */
function atLocation<T>(options: AtLocation<T>): Promise<T> {
  const grants = authorize(options.caller.principal, options.action, {
    regionCode: options.location.region_code,
    locationId: options.location.id,
  });
  return withScope(options.db, scopeOfGrants(grants, options.caller.principal?.staffId), (trx) => options.work(trx, grants));
}

/** Reads a location outside any scope (locations are public) to know where an action happens. */
async function findLocation(db: Kysely<DB>, locationId: string) {
  const location = await withScope(db, { regions: [] }, (trx) => repo.findLocationInTx(trx, locationId));
  if (!location) throw new AppError('LOCATION_NOT_FOUND');
  return location;
}

async function findCounterAndLocation(db: Kysely<DB>, counterId: string) {
  const found = await withScope(db, { regions: [] }, async (trx) => {
    const counter = await repo.findCounterInTx(trx, counterId);
    if (!counter || !counter.active) return undefined;
    return { counter, location: (await repo.findLocationInTx(trx, counter.location_id))! };
  });
  if (!found) throw new AppError('COUNTER_NOT_FOUND');
  return found;
}

async function audit(
  trx: Trx,
  caller: StaffCaller,
  grants: Grant[],
  entry: { action: string; tenant: string; target: { type: string; id: string }; detail?: Record<string, unknown> },
) {
  await appendAuditInTx(trx, {
    action: entry.action,
    actor: { type: 'staff', id: caller.principal?.staffId ?? null, role: actingRole(grants) },
    tenantCode: entry.tenant,
    target: entry.target,
    ip: caller.context.ip,
    requestId: caller.context.requestId,
    detail: entry.detail,
  });
}

async function queueCodesInTx(trx: Trx, tenantCode: string, locationId: string) {
  const queues = await repo.listQueuesInTx(trx, { tenantCode, locationId, includeInactive: true });
  return new Map(queues.map((q) => [q.id, q]));
}

/**
 * Sends the "almost your turn" SMS to booked tickets of `queueId` now few enough places from the
 * front. Inside the calling transaction; rows locked elsewhere are left for the next call.
 */
async function notifyNearInTx(trx: Trx, options: { location: repo.LocationRow; queueId: string; date: string }) {
  const candidates = await repo.listNearCandidatesInTx(trx, {
    tenantCode: options.location.tenant_code,
    queueId: options.queueId,
    date: options.date,
    within: NEAR_PLACES,
  });
  const due = candidates.filter((c) => nearMessageDue(Number(c.ahead), NEAR_PLACES, false));
  const marked = new Set(
    await repo.markNearSentInTx(trx, { tenantCode: options.location.tenant_code, ids: due.map((c) => c.id) }),
  );
  for (const c of due) {
    if (!marked.has(c.id)) continue;
    await enqueueInTx(trx, {
      tenantCode: options.location.tenant_code,
      channel: 'sms',
      recipient: c.phone,
      template: 'queue.near',
      language: c.language,
      data: { ticketNumber: c.display_code, placesAhead: Number(c.ahead), locationName: options.location.name },
      dedupeKey: `ticket:${c.id}:queue.near`,
    });
  }
}

interface CounterAction {
  deps: CounterDeps;
  caller: StaffCaller;
  counterId: string;
  /** Names the audit entry and the event; returns the changed ticket (or undefined: nothing to do). */
  run: (
    trx: Trx,
    ctx: { counter: repo.CounterRow; location: repo.LocationRow; date: string; staffId: string },
  ) => Promise<
    | {
        ticket: repo.TicketRow;
        event: QueueEvent['type'] | null;
        audit: string;
        detail?: Record<string, unknown>;
        nearQueues?: string[];
      }
    | undefined
  >;
}

/** The shape of every console action: authorize at the counter's location, run, notify, audit last, publish after commit. */
async function counterAction({ deps, caller, counterId, run }: CounterAction) {
  const { counter, location } = await findCounterAndLocation(deps.db, counterId);
  let published: QueueEvent | undefined;
  const result = await atLocation({
    db: deps.db,
    caller,
    action: 'queue.operate',
    location,
    work: async (trx, grants) => {
      const date = todayAt(location);
      const done = await run(trx, { counter, location, date, staffId: caller.principal!.staffId });
      if (!done) return null;
      const queues = await queueCodesInTx(trx, location.tenant_code, location.id);
      const queue = queues.get(done.ticket.queue_id)!;
      for (const queueId of new Set(done.nearQueues ?? [])) await notifyNearInTx(trx, { location, queueId, date });
      if (done.event) {
        const showsCounter = done.event === 'call' || done.event === 'recall' || done.event === 'serving';
        published = eventOf(done.event, done.ticket, { queueCode: queue.code, counter: showsCounter ? counter : null });
        await deps.bus.publishInTx(trx, published);
      }
      await audit(trx, caller, grants, {
        action: done.audit,
        tenant: location.tenant_code,
        target: { type: 'ticket', id: done.ticket.id },
        detail: { ticket: done.ticket.display_code, counter: counter.code, ...done.detail },
      });
      return ticketView(done.ticket, {
        queueCode: queue.code,
        queueName: queue.name,
        counterCode: done.ticket.counter_id === counter.id ? counter.code : null,
      });
    },
  }).catch((error: unknown) => {
    // The partial unique index: this counter already has an active ticket (a race with itself).
    if ((error as { code?: string }).code === '23505') throw new AppError('COUNTER_BUSY', { counter: counter.code, ticket: '?' });
    throw error;
  });
  if (published) deps.bus.committed(published);
  return result;
}

async function assertCounterFree(trx: Trx, counter: repo.CounterRow) {
  const active = await repo.findActiveTicketInTx(trx, { tenantCode: counter.tenant_code, counterId: counter.id });
  if (active) throw new AppError('COUNTER_BUSY', { counter: counter.code, ticket: active.display_code });
}

async function activeTicketOf(trx: Trx, counter: repo.CounterRow) {
  const active = await repo.findActiveTicketInTx(trx, { tenantCode: counter.tenant_code, counterId: counter.id });
  if (!active) throw new AppError('TICKET_NOT_FOUND');
  return (await repo.lockTicketInTx(trx, { tenantCode: counter.tenant_code, id: active.id }))!;
}

function assertStatus(ticket: repo.TicketRow, allowed: repo.TicketRow['status'][]) {
  if (!allowed.includes(ticket.status))
    throw new AppError('TICKET_STATE', { ticket: ticket.display_code, status: ticket.status });
}

/**
 * Calls the next ticket for the counter (its skills, priority, due times; see domain/src/queue/order.ts),
 * in one statement that never gives one ticket to two counters. Null when nobody waits for it.
 * Throws AUTH_REQUIRED, FORBIDDEN, COUNTER_NOT_FOUND, COUNTER_BUSY.
 */
export function callNext(deps: CounterDeps, caller: StaffCaller, counterId: string) {
  return counterAction({
    deps,
    caller,
    counterId,
    run: async (trx, { counter, location, date, staffId }) => {
      await assertCounterFree(trx, counter);
      const ticket = await repo.callNextInTx(trx, {
        tenantCode: location.tenant_code,
        locationId: location.id,
        date,
        counterId: counter.id,
        staffId,
      });
      if (!ticket) return undefined;
      return { ticket, event: 'call', audit: 'ticket.call', nearQueues: [ticket.queue_id] };
    },
  });
}

/** Calls one waiting ticket by id at this counter. Throws TICKET_NOT_FOUND, TICKET_STATE, COUNTER_BUSY. */
export function callTicket(deps: CounterDeps, caller: StaffCaller, counterId: string, ticketId: string) {
  return counterAction({
    deps,
    caller,
    counterId,
    run: async (trx, { counter, location, date, staffId }) => {
      await assertCounterFree(trx, counter);
      const ticket = await repo.lockTicketInTx(trx, { tenantCode: location.tenant_code, id: ticketId });
      if (!ticket || ticket.location_id !== location.id || ticket.service_date !== date) throw new AppError('TICKET_NOT_FOUND');
      assertStatus(ticket, ['waiting']);
      const now = new Date();
      const called = await repo.updateTicketInTx(
        trx,
        { tenantCode: location.tenant_code, id: ticket.id },
        {
          status: 'called',
          counter_id: counter.id,
          target_counter_id: null,
          called_at: now,
          first_called_at: ticket.first_called_at ?? now,
          call_count: 1,
          served_by: staffId,
        },
      );
      return { ticket: called, event: 'call', audit: 'ticket.call', detail: { chosen: true }, nearQueues: [called.queue_id] };
    },
  });
}

/**
 * Announces the counter's called ticket again; after MAX_CALLS announcements the next recall
 * records a no-show instead. Throws TICKET_NOT_FOUND (nothing called), TICKET_STATE.
 */
export function recall(deps: CounterDeps, caller: StaffCaller, counterId: string) {
  return counterAction({
    deps,
    caller,
    counterId,
    run: async (trx, { counter, location }) => {
      const ticket = await activeTicketOf(trx, counter);
      assertStatus(ticket, ['called']);
      if (isNoShow(ticket.call_count, MAX_CALLS)) {
        const missed = await repo.updateTicketInTx(
          trx,
          { tenantCode: location.tenant_code, id: ticket.id },
          { status: 'no_show', finished_at: new Date() },
        );
        return { ticket: missed, event: 'no_show', audit: 'ticket.no_show', detail: { calls: ticket.call_count } };
      }
      const again = await repo.updateTicketInTx(
        trx,
        { tenantCode: location.tenant_code, id: ticket.id },
        { called_at: new Date(), call_count: ticket.call_count + 1 },
      );
      return { ticket: again, event: 'recall', audit: 'ticket.recall', detail: { calls: again.call_count } };
    },
  });
}

/** Records the called ticket's holder as absent. Throws TICKET_NOT_FOUND, TICKET_STATE. */
export function markNoShow(deps: CounterDeps, caller: StaffCaller, counterId: string) {
  return counterAction({
    deps,
    caller,
    counterId,
    run: async (trx, { counter, location }) => {
      const ticket = await activeTicketOf(trx, counter);
      assertStatus(ticket, ['called']);
      const missed = await repo.updateTicketInTx(
        trx,
        { tenantCode: location.tenant_code, id: ticket.id },
        { status: 'no_show', finished_at: new Date() },
      );
      return { ticket: missed, event: 'no_show', audit: 'ticket.no_show', detail: { calls: ticket.call_count } };
    },
  });
}

/** The citizen arrived at the counter: service starts. Throws TICKET_NOT_FOUND, TICKET_STATE. */
export function startService(deps: CounterDeps, caller: StaffCaller, counterId: string) {
  return counterAction({
    deps,
    caller,
    counterId,
    run: async (trx, { counter, location }) => {
      const ticket = await activeTicketOf(trx, counter);
      assertStatus(ticket, ['called']);
      const serving = await repo.updateTicketInTx(
        trx,
        { tenantCode: location.tenant_code, id: ticket.id },
        { status: 'serving', started_at: new Date() },
      );
      return { ticket: serving, event: 'serving', audit: 'ticket.start' };
    },
  });
}

/** Service done, optionally naming the application started in it. Throws TICKET_NOT_FOUND, TICKET_STATE. */
export function finishService(deps: CounterDeps, caller: StaffCaller, counterId: string, applicationId?: string) {
  return counterAction({
    deps,
    caller,
    counterId,
    run: async (trx, { counter, location }) => {
      const ticket = await activeTicketOf(trx, counter);
      assertStatus(ticket, ['called', 'serving']);
      const now = new Date();
      const done = await repo.updateTicketInTx(
        trx,
        { tenantCode: location.tenant_code, id: ticket.id },
        {
          status: 'done',
          started_at: ticket.started_at ?? now,
          finished_at: now,
          ...(applicationId ? { application_id: applicationId } : {}),
        },
      );
      return { ticket: done, event: 'done', audit: 'ticket.finish', detail: applicationId ? { applicationId } : undefined };
    },
  });
}

/** Links a ticket of this location to an application (permohonan). Throws TICKET_NOT_FOUND. */
export function linkApplication(
  deps: CounterDeps,
  caller: StaffCaller,
  counterId: string,
  options: { ticketId: string; applicationId: string },
) {
  return counterAction({
    deps,
    caller,
    counterId,
    run: async (trx, { location }) => {
      const ticket = await repo.lockTicketInTx(trx, { tenantCode: location.tenant_code, id: options.ticketId });
      if (!ticket || ticket.location_id !== location.id) throw new AppError('TICKET_NOT_FOUND');
      const linked = await repo.updateTicketInTx(
        trx,
        { tenantCode: location.tenant_code, id: ticket.id },
        { application_id: options.applicationId },
      );
      return { ticket: linked, event: null, audit: 'ticket.link_application', detail: { applicationId: options.applicationId } };
    },
  });
}

/**
 * Sends the counter's ticket back to waiting, in another queue of the location or to one counter
 * by name; it keeps its number and due time (it does not lose its place). Throws TICKET_NOT_FOUND,
 * TICKET_STATE, QUEUE_NOT_FOUND, COUNTER_NOT_FOUND, VALIDATION_FAILED.
 */
export function transferTicket(
  deps: CounterDeps,
  caller: StaffCaller,
  counterId: string,
  to: { queueId?: string; counterId?: string },
) {
  if (!to.queueId && !to.counterId) throw new AppError('VALIDATION_FAILED', { detail: 'give queueId or counterId' });
  return counterAction({
    deps,
    caller,
    counterId,
    run: async (trx, { counter, location }) => {
      const ticket = await activeTicketOf(trx, counter);
      assertStatus(ticket, ['called', 'serving']);
      let queueId = ticket.queue_id;
      if (to.queueId) {
        const queue = await repo.findQueueInTx(trx, to.queueId);
        if (!queue || queue.location_id !== location.id || !queue.active) throw new AppError('QUEUE_NOT_FOUND');
        queueId = queue.id;
      }
      if (to.counterId) {
        const target = await repo.findCounterInTx(trx, to.counterId);
        if (!target || target.location_id !== location.id || !target.active || target.id === counter.id)
          throw new AppError('COUNTER_NOT_FOUND');
      }
      const moved = await repo.updateTicketInTx(
        trx,
        { tenantCode: location.tenant_code, id: ticket.id },
        {
          status: 'waiting',
          queue_id: queueId,
          target_counter_id: to.counterId ?? null,
          transfers: ticket.transfers + 1,
        },
      );
      return {
        ticket: moved,
        event: 'transfer',
        audit: 'ticket.transfer',
        detail: { toQueue: queueId, toCounter: to.counterId ?? null },
        nearQueues: [queueId],
      };
    },
  });
}

/** What the counter console shows: the counter, its skills, its current ticket, who waits. Throws COUNTER_NOT_FOUND, FORBIDDEN. */
export async function getConsole(db: Kysely<DB>, caller: StaffCaller, counterId: string) {
  const { counter, location } = await findCounterAndLocation(db, counterId);
  return atLocation({
    db,
    caller,
    action: 'queue.operate',
    location,
    work: async (trx) => {
      const date = todayAt(location);
      const queues = await queueCodesInTx(trx, location.tenant_code, location.id);
      const skills = (await repo.listSkillsInTx(trx, { tenantCode: location.tenant_code, counterIds: [counter.id] })).map(
        (s) => s.queue_id,
      );
      const active = await repo.findActiveTicketInTx(trx, { tenantCode: location.tenant_code, counterId: counter.id });
      const waiting = await repo.listWaitingTicketsInTx(trx, { tenantCode: location.tenant_code, locationId: location.id, date });
      const counters = await repo.listCountersInTx(trx, { tenantCode: location.tenant_code, locationId: location.id });
      const mine = waiting.filter((t) =>
        t.target_counter_id ? t.target_counter_id === counter.id : skills.includes(t.queue_id),
      );
      const view = (t: repo.TicketRow) => {
        const q = queues.get(t.queue_id)!;
        return ticketView(t, { queueCode: q.code, queueName: q.name });
      };
      return {
        counter: { id: counter.id, code: counter.code, name: counter.name, locationId: location.id, locationName: location.name },
        date,
        queues: [...queues.values()]
          .filter((q) => q.active)
          .map((q) => ({
            ...queueView(q),
            skill: skills.includes(q.id),
            waiting: waiting.filter((t) => t.queue_id === q.id).length,
          })),
        counters: counters.filter((c) => c.id !== counter.id).map((c) => ({ id: c.id, code: c.code, name: c.name })),
        current: active ? { ...view(active), counterCode: counter.code } : null,
        waiting: mine.slice(0, 50).map(view),
        waitingCount: mine.length,
      };
    },
  });
}

/** The counters of a location the caller may work (for choosing one). Throws LOCATION_NOT_FOUND, FORBIDDEN. */
export async function listConsoleCounters(db: Kysely<DB>, caller: StaffCaller, locationId: string) {
  const location = await findLocation(db, locationId);
  return atLocation({
    db,
    caller,
    action: 'queue.operate',
    location,
    work: async (trx) => {
      const counters = await repo.listCountersInTx(trx, { tenantCode: location.tenant_code, locationId });
      const skills = await repo.listSkillsInTx(trx, { tenantCode: location.tenant_code, counterIds: counters.map((c) => c.id) });
      return counters.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        queueIds: skills.filter((s) => s.counter_id === c.id).map((s) => s.queue_id),
      }));
    },
  });
}

// ---- setup ----

export interface QueueInput {
  code: string;
  name: string;
  agencyId?: string | null;
  slotMinutes?: number;
  slotQuota?: number;
  dailyQuota?: number;
  serviceIds?: string[];
}

/** Adds a queue at a location. Throws LOCATION_NOT_FOUND, FORBIDDEN, SLUG_TAKEN (its code), VALIDATION_FAILED. */
export async function createQueue(db: Kysely<DB>, caller: StaffCaller, locationId: string, input: QueueInput) {
  const location = await findLocation(db, locationId);
  return atLocation({
    db,
    caller,
    action: 'queue.manage',
    location,
    work: async (trx, grants) => {
      const exists = await repo.listQueuesInTx(trx, { tenantCode: location.tenant_code, locationId, includeInactive: true });
      if (exists.some((q) => q.code === input.code)) throw new AppError('SLUG_TAKEN', { slug: input.code });
      const queue = await repo
        .insertQueueInTx(trx, {
          tenant_code: location.tenant_code,
          location_id: location.id,
          agency_id: input.agencyId ?? null,
          code: input.code,
          name: input.name,
          slot_minutes: input.slotMinutes ?? 30,
          slot_quota: input.slotQuota ?? 4,
          daily_quota: input.dailyQuota ?? 60,
        })
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '23503') throw new AppError('AGENCY_NOT_FOUND');
          throw error;
        });
      if (input.serviceIds?.length) {
        await repo
          .setQueueServicesInTx(trx, { tenantCode: location.tenant_code, queueId: queue.id, serviceIds: input.serviceIds })
          .catch((error: unknown) => {
            if ((error as { code?: string }).code === '23503')
              throw new AppError('VALIDATION_FAILED', { detail: 'unknown serviceIds' });
            throw error;
          });
      }
      await audit(trx, caller, grants, {
        action: 'queue.create',
        tenant: location.tenant_code,
        target: { type: 'queue', id: queue.id },
        detail: { code: queue.code },
      });
      return queueView(queue);
    },
  });
}

/** Changes a queue's name, quotas or slot length, or closes it. Throws QUEUE_NOT_FOUND, FORBIDDEN. */
export async function updateQueue(
  db: Kysely<DB>,
  caller: StaffCaller,
  queueId: string,
  input: { name?: string; slotMinutes?: number; slotQuota?: number; dailyQuota?: number; active?: boolean },
) {
  const queue = await withScope(db, { regions: [] }, (trx) => repo.findQueueInTx(trx, queueId));
  if (!queue) throw new AppError('QUEUE_NOT_FOUND');
  const location = await findLocation(db, queue.location_id);
  return atLocation({
    db,
    caller,
    action: 'queue.manage',
    location,
    work: async (trx, grants) => {
      const updated = await repo.updateQueueInTx(
        trx,
        { tenantCode: queue.tenant_code, id: queue.id },
        {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.slotMinutes !== undefined ? { slot_minutes: input.slotMinutes } : {}),
          ...(input.slotQuota !== undefined ? { slot_quota: input.slotQuota } : {}),
          ...(input.dailyQuota !== undefined ? { daily_quota: input.dailyQuota } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
        },
      );
      await audit(trx, caller, grants, {
        action: 'queue.update',
        tenant: queue.tenant_code,
        target: { type: 'queue', id: queue.id },
        detail: { ...input },
      });
      return queueView(updated!);
    },
  });
}

/** Sets the queues a counter calls from (its skills). Throws COUNTER_NOT_FOUND, QUEUE_NOT_FOUND, FORBIDDEN. */
export async function setCounterSkills(db: Kysely<DB>, caller: StaffCaller, counterId: string, queueIds: string[]) {
  const { counter, location } = await findCounterAndLocation(db, counterId);
  return atLocation({
    db,
    caller,
    action: 'queue.manage',
    location,
    work: async (trx, grants) => {
      const queues = await queueCodesInTx(trx, location.tenant_code, location.id);
      const unique = [...new Set(queueIds)];
      if (unique.some((id) => !queues.has(id))) throw new AppError('QUEUE_NOT_FOUND');
      await repo.setSkillsInTx(trx, { tenantCode: location.tenant_code, counterId: counter.id, queueIds: unique });
      await audit(trx, caller, grants, {
        action: 'counter.skills',
        tenant: location.tenant_code,
        target: { type: 'counter', id: counter.id },
        detail: { queues: unique.map((id) => queues.get(id)!.code) },
      });
      return { counterId: counter.id, queueIds: unique };
    },
  });
}

// ---- statistics ----

/**
 * Waiting and service times and outcomes per day, queue, agency and counter, with bookings by
 * outcome (booked vs served vs no-show). Throws LOCATION_NOT_FOUND, FORBIDDEN, VALIDATION_FAILED.
 */
export async function getStats(db: Kysely<DB>, caller: StaffCaller, options: { locationId: string; from?: string; to?: string }) {
  const location = await findLocation(db, options.locationId);
  const to = options.to ?? todayAt(location);
  const from = options.from ?? addCalendarDays(to, -6);
  if (
    !isLocalDate(from) ||
    !isLocalDate(to) ||
    dayNumberOf(from) > dayNumberOf(to) ||
    dayNumberOf(to) - dayNumberOf(from) > 366
  ) {
    throw new AppError('VALIDATION_FAILED', { detail: 'from/to must be dates, from ≤ to, at most a year apart' });
  }
  return atLocation({
    db,
    caller,
    action: 'queue.stats',
    location,
    work: async (trx) => {
      const key = { tenantCode: location.tenant_code, locationId: location.id, from, to };
      const rows = await repo.ticketStatsInTx(trx, key);
      const bookings = await repo.bookingStatsInTx(trx, key);
      const round = (v: number | null) => (v === null ? null : Math.round(v));
      const byQueue = new Map<
        string,
        {
          queueId: string;
          queueCode: string;
          queueName: string;
          agencyId: string | null;
          issued: number;
          served: number;
          noShow: number;
          waitSum: number;
          waitN: number;
          serviceSum: number;
          serviceN: number;
        }
      >();
      const byCounter = new Map<
        string,
        { counterId: string; counterCode: string; served: number; serviceSum: number; serviceN: number }
      >();
      const byDay = new Map<string, { date: string; issued: number; served: number; noShow: number }>();
      for (const r of rows) {
        const q = byQueue.get(r.queue_id) ?? {
          queueId: r.queue_id,
          queueCode: r.queue_code,
          queueName: r.queue_name,
          agencyId: r.agency_id,
          issued: 0,
          served: 0,
          noShow: 0,
          waitSum: 0,
          waitN: 0,
          serviceSum: 0,
          serviceN: 0,
        };
        q.issued += r.issued;
        q.served += r.served;
        q.noShow += r.no_show;
        const called = r.issued - r.waiting;
        if (r.avg_wait_seconds !== null) {
          q.waitSum += r.avg_wait_seconds * called;
          q.waitN += called;
        }
        if (r.avg_service_seconds !== null) {
          q.serviceSum += r.avg_service_seconds * r.served;
          q.serviceN += r.served;
        }
        byQueue.set(r.queue_id, q);
        if (r.counter_id && r.counter_code) {
          const c = byCounter.get(r.counter_id) ?? {
            counterId: r.counter_id,
            counterCode: r.counter_code,
            served: 0,
            serviceSum: 0,
            serviceN: 0,
          };
          c.served += r.served;
          if (r.avg_service_seconds !== null) {
            c.serviceSum += r.avg_service_seconds * r.served;
            c.serviceN += r.served;
          }
          byCounter.set(r.counter_id, c);
        }
        const d = byDay.get(r.service_date) ?? { date: r.service_date, issued: 0, served: 0, noShow: 0 };
        d.issued += r.issued;
        d.served += r.served;
        d.noShow += r.no_show;
        byDay.set(r.service_date, d);
      }
      const bookingTotals = { booked: 0, checkedIn: 0, cancelled: 0, noShow: 0 };
      for (const b of bookings) {
        bookingTotals.booked += b.status === 'cancelled' ? 0 : b.count;
        if (b.status === 'checked_in') bookingTotals.checkedIn += b.count;
        if (b.status === 'cancelled') bookingTotals.cancelled += b.count;
        // A booking never checked in by the end of its day is a no-show.
        if (b.status === 'no_show' || (b.status === 'booked' && dayNumberOf(b.service_date) < dayNumberOf(todayAt(location))))
          bookingTotals.noShow += b.count;
      }
      const agencies = new Map<string | null, { agencyId: string | null; issued: number; served: number; noShow: number }>();
      for (const q of byQueue.values()) {
        const a = agencies.get(q.agencyId) ?? { agencyId: q.agencyId, issued: 0, served: 0, noShow: 0 };
        a.issued += q.issued;
        a.served += q.served;
        a.noShow += q.noShow;
        agencies.set(q.agencyId, a);
      }
      return {
        locationId: location.id,
        from,
        to,
        days: [...byDay.values()],
        queues: [...byQueue.values()].map((q) => ({
          queueId: q.queueId,
          queueCode: q.queueCode,
          queueName: q.queueName,
          agencyId: q.agencyId,
          issued: q.issued,
          served: q.served,
          noShow: q.noShow,
          averageWaitSeconds: round(q.waitN ? q.waitSum / q.waitN : null),
          averageServiceSeconds: round(q.serviceN ? q.serviceSum / q.serviceN : null),
        })),
        agencies: [...agencies.values()],
        counters: [...byCounter.values()].map((c) => ({
          counterId: c.counterId,
          counterCode: c.counterCode,
          served: c.served,
          averageServiceSeconds: round(c.serviceN ? c.serviceSum / c.serviceN : null),
        })),
        bookings: bookingTotals,
      };
    },
  });
}
