import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// Runs inside withScope (server/src/db/scope.ts): the citizen sees their own applications, staff
// those whose region their grants reach (migration 20261122150000_application.sql).

type Trx = Transaction<DB>;

export interface ApplicationRow {
  tenant_code: string;
  id: string;
  tracking_code: string | null;
  service_id: string;
  service_version: number;
  agency_id: string;
  citizen_id: string;
  region_code: string;
  state: string;
  row_version: number;
  answers: Record<string, unknown>;
  channel: 'online' | 'loket' | 'desa';
  language: 'id' | 'en';
  assisted_by: string | null;
  assisted_location_id: string | null;
  consent_method: 'lisan' | 'tertulis' | null;
  consent_at: Date | null;
  workflow: Record<string, unknown> | null;
  sla_amount: number | null;
  sla_unit: string | null;
  due_at: Date | null;
  due_date: string | null;
  calendar_version: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  closed_at: Date | null;
  outcome: 'completed' | 'rejected' | null;
  service_name: string;
  service_slug: string;
  agency_name: string;
}

function applicationsQuery(trx: Trx) {
  return trx
    .selectFrom('application as a')
    .innerJoin('service as s', (j) => j.onRef('s.tenant_code', '=', 'a.tenant_code').onRef('s.id', '=', 'a.service_id'))
    .innerJoin('agency as g', (j) => j.onRef('g.tenant_code', '=', 'a.tenant_code').onRef('g.id', '=', 'a.agency_id'))
    .select([
      'a.tenant_code',
      'a.id',
      'a.tracking_code',
      'a.service_id',
      'a.service_version',
      'a.agency_id',
      'a.citizen_id',
      'a.region_code',
      'a.state',
      'a.row_version',
      'a.answers',
      'a.channel',
      'a.language',
      'a.assisted_by',
      'a.assisted_location_id',
      'a.consent_method',
      'a.consent_at',
      'a.workflow',
      'a.sla_amount',
      'a.sla_unit',
      'a.due_at',
      sql<string | null>`a.due_date::text`.as('due_date'),
      'a.calendar_version',
      'a.created_at',
      'a.updated_at',
      'a.submitted_at',
      'a.closed_at',
      'a.outcome',
      's.name as service_name',
      's.slug as service_slug',
      'g.name as agency_name',
    ]);
}

export function findApplicationInTx(trx: Trx, id: string): Promise<ApplicationRow | undefined> {
  return applicationsQuery(trx).where('a.id', '=', id).executeTakeFirst() as Promise<ApplicationRow | undefined>;
}

export function listCitizenApplicationsInTx(trx: Trx, citizenId: string): Promise<ApplicationRow[]> {
  return applicationsQuery(trx)
    .where('a.citizen_id', '=', citizenId)
    .orderBy('a.created_at', 'desc')
    .limit(500)
    .execute() as Promise<ApplicationRow[]>;
}

export interface InboxFilter {
  tenantCode?: string;
  agencyIds?: readonly string[];
  state?: string;
  limit: number;
}

/** Open submitted applications the scope reaches, soonest due first, paused ones (no due date) last. */
export function listInboxInTx(trx: Trx, filter: InboxFilter): Promise<ApplicationRow[]> {
  let query = applicationsQuery(trx).where('a.closed_at', 'is', null).where('a.state', '<>', 'draft');
  if (filter.tenantCode) query = query.where('a.tenant_code', '=', filter.tenantCode);
  if (filter.agencyIds)
    query = query.where(
      'a.agency_id',
      'in',
      filter.agencyIds.length ? filter.agencyIds : ['00000000-0000-0000-0000-000000000000'],
    );
  if (filter.state) query = query.where('a.state', '=', filter.state);
  return query
    .orderBy(sql`a.due_at ASC NULLS LAST`)
    .orderBy('a.submitted_at')
    .limit(filter.limit)
    .execute() as Promise<ApplicationRow[]>;
}

export interface SummaryRow {
  tenant_code: string;
  agency_id: string;
  agency_name: string;
  state: string;
  due_date: string | null;
  due_at: Date | null;
  sla_unit: string | null;
  closed: boolean;
  outcome: 'completed' | 'rejected' | null;
}

/** Every submitted application of the scope (open ones, and those closed since `closedSince`), for counting. */
export async function listForSummaryInTx(
  trx: Trx,
  filter: { tenantCode?: string; agencyIds?: readonly string[]; closedSince: Date },
): Promise<SummaryRow[]> {
  let query = trx
    .selectFrom('application as a')
    .innerJoin('agency as g', (j) => j.onRef('g.tenant_code', '=', 'a.tenant_code').onRef('g.id', '=', 'a.agency_id'))
    .select([
      'a.tenant_code',
      'a.agency_id',
      'g.name as agency_name',
      'a.state',
      sql<string | null>`a.due_date::text`.as('due_date'),
      'a.due_at',
      'a.sla_unit',
      sql<boolean>`a.closed_at IS NOT NULL`.as('closed'),
      'a.outcome',
    ])
    .where('a.state', '<>', 'draft')
    .where((eb) => eb.or([eb('a.closed_at', 'is', null), eb('a.closed_at', '>=', filter.closedSince)]));
  if (filter.tenantCode) query = query.where('a.tenant_code', '=', filter.tenantCode);
  if (filter.agencyIds)
    query = query.where(
      'a.agency_id',
      'in',
      filter.agencyIds.length ? filter.agencyIds : ['00000000-0000-0000-0000-000000000000'],
    );
  return query.execute();
}

export async function countEscalationsInTx(trx: Trx, filter: { tenantCode?: string; since: Date }): Promise<Map<string, number>> {
  let query = trx
    .selectFrom('sla_escalation')
    .select(['agency_id', sql<number>`count(*)::int`.as('n')])
    .where('escalated_at', '>=', filter.since)
    .groupBy('agency_id');
  if (filter.tenantCode) query = query.where('tenant_code', '=', filter.tenantCode);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.agency_id, r.n]));
}

export interface NewApplication {
  tenant_code: string;
  id: string;
  service_id: string;
  service_version: number;
  agency_id: string;
  citizen_id: string;
  region_code: string;
  answers: Record<string, unknown>;
  channel: 'online' | 'loket' | 'desa';
  assisted_by?: string | null;
  assisted_location_id?: string | null;
  consent_method?: 'lisan' | 'tertulis' | null;
  consent_at?: Date | null;
  created_at: Date;
}

export async function insertApplicationInTx(trx: Trx, row: NewApplication): Promise<void> {
  await trx
    .insertInto('application')
    .values({ ...row, state: 'draft', answers: JSON.stringify(row.answers), updated_at: row.created_at })
    .execute();
}

export interface ApplicationChange {
  state?: string;
  answers?: Record<string, unknown>;
  tracking_code?: string;
  service_version?: number;
  workflow?: Record<string, unknown> | null;
  sla_amount?: number | null;
  sla_unit?: string | null;
  due_at?: Date | null;
  due_date?: string | null;
  calendar_version?: string | null;
  submitted_at?: Date;
  closed_at?: Date | null;
  outcome?: 'completed' | 'rejected' | null;
}

/**
 * Applies `change` only if the application is still at `expectedVersion`, bumping the version.
 * False when someone else changed it first (the row lock makes a concurrent second writer re-read
 * the version after the first commits, and find it changed).
 */
export async function updateApplicationInTx(
  trx: Trx,
  options: { tenantCode: string; id: string; expectedVersion: number; change: ApplicationChange; at: Date },
): Promise<boolean> {
  const { answers, workflow, ...rest } = options.change;
  const result = await trx
    .updateTable('application')
    .set({
      ...rest,
      ...(answers !== undefined ? { answers: JSON.stringify(answers) } : {}),
      ...(workflow !== undefined ? { workflow: workflow === null ? null : JSON.stringify(workflow) } : {}),
      row_version: options.expectedVersion + 1,
      updated_at: options.at,
    })
    .where('tenant_code', '=', options.tenantCode)
    .where('id', '=', options.id)
    .where('row_version', '=', options.expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface EventRow {
  seq: number;
  from_state: string | null;
  to_state: string;
  actor_type: 'citizen' | 'staff' | 'system';
  actor_id: string | null;
  actor_role: string | null;
  note: string | null;
  output_upload_id: string | null;
  at: Date;
}

export function listEventsInTx(trx: Trx, tenantCode: string, applicationId: string): Promise<EventRow[]> {
  return trx
    .selectFrom('application_event')
    .select(['seq', 'from_state', 'to_state', 'actor_type', 'actor_id', 'actor_role', 'note', 'output_upload_id', 'at'])
    .where('tenant_code', '=', tenantCode)
    .where('application_id', '=', applicationId)
    .orderBy('seq')
    .execute();
}

export async function insertEventInTx(
  trx: Trx,
  event: {
    tenantCode: string;
    applicationId: string;
    seq: number;
    from: string | null;
    to: string;
    actorType: 'citizen' | 'staff' | 'system';
    actorId: string | null;
    actorRole: string | null;
    note?: string | null;
    outputUploadId?: string | null;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('application_event')
    .values({
      tenant_code: event.tenantCode,
      application_id: event.applicationId,
      seq: event.seq,
      from_state: event.from,
      to_state: event.to,
      actor_type: event.actorType,
      actor_id: event.actorId,
      actor_role: event.actorRole,
      note: event.note ?? null,
      output_upload_id: event.outputUploadId ?? null,
      at: event.at,
    })
    .execute();
}

export interface ServiceForApplication {
  tenant_code: string;
  id: string;
  slug: string;
  name: string;
  agency_id: string;
  agency_name: string;
  active: boolean;
  current_version: number | null;
  standard: Record<string, unknown> | null;
  form_definition: Record<string, unknown> | null;
  workflow: Record<string, unknown> | null;
}

/** A service with its published version's standard and form, and its own workflow if any. */
export function findServiceForApplicationInTx(trx: Trx, serviceId: string): Promise<ServiceForApplication | undefined> {
  return trx
    .selectFrom('service as s')
    .innerJoin('agency as g', (j) => j.onRef('g.tenant_code', '=', 's.tenant_code').onRef('g.id', '=', 's.agency_id'))
    .leftJoin('service_version as v', (j) =>
      j
        .onRef('v.tenant_code', '=', 's.tenant_code')
        .onRef('v.service_id', '=', 's.id')
        .onRef('v.version', '=', 's.current_version'),
    )
    .leftJoin('service_workflow as w', (j) => j.onRef('w.tenant_code', '=', 's.tenant_code').onRef('w.service_id', '=', 's.id'))
    .select([
      's.tenant_code',
      's.id',
      's.slug',
      's.name',
      's.agency_id',
      'g.name as agency_name',
      's.active',
      's.current_version',
      sql<Record<string, unknown> | null>`v.standard`.as('standard'),
      sql<Record<string, unknown> | null>`v.form_definition`.as('form_definition'),
      sql<Record<string, unknown> | null>`w.definition`.as('workflow'),
    ])
    .where('s.id', '=', serviceId)
    .executeTakeFirst();
}

/** Claims an idempotency key for its owner; false when it was already claimed (waits for a concurrent claimer to finish). */
export async function claimIdempotencyKeyInTx(
  trx: Trx,
  claim: { ownerType: 'citizen' | 'staff'; ownerId: string; key: string; requestHash: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('application_idempotency')
    .values({ owner_type: claim.ownerType, owner_id: claim.ownerId, key: claim.key, request_hash: claim.requestHash })
    .onConflict((oc) => oc.columns(['owner_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export function findIdempotencyKeyInTx(trx: Trx, ownerId: string, key: string) {
  return trx
    .selectFrom('application_idempotency')
    .select(['request_hash', 'status_code', 'response'])
    .where('owner_id', '=', ownerId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function storeIdempotentResponseInTx(
  trx: Trx,
  options: { ownerId: string; key: string; statusCode: number; response: unknown },
): Promise<void> {
  await trx
    .updateTable('application_idempotency')
    .set({ status_code: options.statusCode, response: JSON.stringify(options.response) })
    .where('owner_id', '=', options.ownerId)
    .where('key', '=', options.key)
    .execute();
}

/** The public tracking read: status, dates and history, nothing personal (a SECURITY DEFINER function). */
export async function trackApplicationInTx(trx: Trx, code: string): Promise<TrackRecord | undefined> {
  const { rows } = await sql<{ result: TrackRecord | null }>`SELECT layan_track_application(${code}) AS result`.execute(trx);
  return rows[0]?.result ?? undefined;
}

export interface TrackRecord {
  trackingCode: string;
  tenantCode: string;
  serviceId: string;
  serviceName: string;
  serviceSlug: string;
  agencyName: string;
  state: string;
  workflow: Record<string, unknown> | null;
  submittedAt: string;
  dueAt: string | null;
  dueDate: string | null;
  closedAt: string | null;
  outcome: 'completed' | 'rejected' | null;
  history: Array<{ state: string; at: string }>;
}

/** Records breaches not yet recorded for their current deadline; returns those just recorded. */
export function recordBreachesInTx(trx: Trx, now: Date) {
  return sql<{ tenant_code: string; application_id: string; due_at: Date; agency_id: string; region_code: string }>`
    INSERT INTO sla_escalation (tenant_code, application_id, due_at, agency_id, region_code, escalated_at)
    SELECT a.tenant_code, a.id, a.due_at, a.agency_id, a.region_code, ${now}
      FROM application a
     WHERE a.closed_at IS NULL AND a.due_at IS NOT NULL AND a.due_at < ${now} AND a.state <> 'draft'
    ON CONFLICT DO NOTHING
    RETURNING tenant_code, application_id, due_at, agency_id, region_code`
    .execute(trx)
    .then((r) => r.rows);
}
