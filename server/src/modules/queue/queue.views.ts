import { localDateOf, timeZoneOfRegion, type SlotRules, type TimeZoneName } from '@layan/domain';
import type { Kysely, Transaction } from 'kysely';
import { withScope, type Scope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import type { QueueEvent } from './queue.events.ts';
import * as repo from './queue.repo.ts';

/** Shared pieces of the queue services: views, the location's clock and rules. */

export interface PublicCaller {
  context: RequestContext;
  citizenId?: string;
  language: 'id' | 'en';
}

/** Times a called ticket is announced before it counts as a no-show (the first call and two recalls). */
export const MAX_CALLS = 3;
/** The "almost your turn" SMS goes when this many places or fewer are ahead. */
export const NEAR_PLACES = 3;
/** How far ahead a slot may be booked. */
export const BOOKING_HORIZON_DAYS = 30;

export function timeZoneOf(location: repo.LocationRow): TimeZoneName {
  return timeZoneOfRegion(location.region_code) ?? 'Asia/Jakarta';
}

/** The location's local date now: tickets and numbers are per local day. */
export function todayAt(location: repo.LocationRow, now = new Date()): string {
  return localDateOf(now, timeZoneOf(location));
}

export function slotRulesOf(location: repo.LocationRow, queue: repo.QueueRow): SlotRules {
  return { openingHours: location.opening_hours, timeZone: timeZoneOf(location), slotMinutes: queue.slot_minutes };
}

/** The location, or LOCATION_NOT_FOUND (inactive ones too: nothing is queued there). */
export async function getLocationInTx(trx: Transaction<DB>, locationId: string) {
  const location = await repo.findLocationInTx(trx, locationId);
  if (!location || !location.active) throw new AppError('LOCATION_NOT_FOUND');
  return location;
}

export function queueView(row: repo.QueueRow, services: Array<{ id: string; slug: string; name: string }> = []) {
  return {
    id: row.id,
    locationId: row.location_id,
    agencyId: row.agency_id,
    code: row.code,
    name: row.name,
    slotMinutes: row.slot_minutes,
    slotQuota: row.slot_quota,
    dailyQuota: row.daily_quota,
    active: row.active,
    services,
  };
}

export function bookingView(row: repo.BookingRow, names: { locationName: string; queueName: string; queueCode: string }) {
  return {
    id: row.id,
    code: row.code,
    tenantCode: row.tenant_code,
    locationId: row.location_id,
    locationName: names.locationName,
    queueId: row.queue_id,
    queueCode: names.queueCode,
    queueName: names.queueName,
    serviceId: row.service_id,
    date: row.service_date,
    time: row.slot_start,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    name: row.name,
    email: row.email,
    phone: row.phone,
    priority: row.priority,
    status: row.status,
    ticketId: row.ticket_id,
    createdAt: row.created_at.toISOString(),
  };
}

export function ticketView(row: repo.TicketRow, extra: { queueCode: string; queueName: string; counterCode?: string | null }) {
  return {
    id: row.id,
    tenantCode: row.tenant_code,
    locationId: row.location_id,
    queueId: row.queue_id,
    queueCode: extra.queueCode,
    queueName: extra.queueName,
    date: row.service_date,
    number: row.number,
    displayCode: row.display_code,
    source: row.source,
    bookingId: row.booking_id,
    priority: row.priority,
    status: row.status,
    issuedAt: row.issued_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    counterId: row.counter_id,
    counterCode: extra.counterCode ?? null,
    targetCounterId: row.target_counter_id,
    callCount: row.call_count,
    calledAt: row.called_at?.toISOString() ?? null,
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    applicationId: row.application_id,
  };
}

export function eventOf(
  type: QueueEvent['type'],
  ticket: repo.TicketRow,
  extra: { queueCode: string; counter: { code: string; name: string } | null },
): QueueEvent {
  return {
    type,
    locationId: ticket.location_id,
    ticketId: ticket.id,
    displayCode: ticket.display_code,
    queueCode: extra.queueCode,
    number: ticket.number,
    counterCode: extra.counter?.code ?? null,
    counterName: extra.counter?.name ?? null,
    callCount: ticket.call_count,
    at: new Date().toISOString(),
  };
}

/** Runs `work` with a public scope: no region, optionally the signed-in citizen. */
export function withPublicScope<T>(db: Kysely<DB>, caller: PublicCaller | undefined, work: (trx: Transaction<DB>) => Promise<T>) {
  const scope: Scope = { regions: [], ...(caller?.citizenId ? { citizenId: caller.citizenId } : {}) };
  return withScope(db, scope, work);
}
