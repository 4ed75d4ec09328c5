import { sql, type Transaction } from 'kysely';
import { param, prepared } from '../../db/prepared.ts';
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

/** The application's own columns as ApplicationRow has them (due_date separately, as text). */
const APPLICATION_COLUMNS = [
  'tenant_code',
  'id',
  'tracking_code',
  'service_id',
  'service_version',
  'agency_id',
  'citizen_id',
  'region_code',
  'state',
  'row_version',
  'answers',
  'channel',
  'language',
  'assisted_by',
  'assisted_location_id',
  'consent_method',
  'consent_at',
  'workflow',
  'sla_amount',
  'sla_unit',
  'due_at',
  'calendar_version',
  'created_at',
  'updated_at',
  'submitted_at',
  'closed_at',
  'outcome',
] as const;

/** What an application row alone cannot say: the names of its service and agency. */
export type ApplicationNames = Pick<ApplicationRow, 'service_name' | 'service_slug' | 'agency_name'>;

function applicationsQuery(trx: Trx) {
  return trx
    .selectFrom('application as a')
    .innerJoin('service as s', (j) => j.onRef('s.tenant_code', '=', 'a.tenant_code').onRef('s.id', '=', 'a.service_id'))
    .innerJoin('agency as g', (j) => j.onRef('g.tenant_code', '=', 'a.tenant_code').onRef('g.id', '=', 'a.agency_id'))
    .select([
      ...APPLICATION_COLUMNS.map((c) => `a.${c}` as const),
      sql<string | null>`a.due_date::text`.as('due_date'),
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

/** A new application's own values; its service gives the tenant, version, agency and names. */
export interface NewApplication {
  id: string;
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

const RETURNED = [...APPLICATION_COLUMNS, sql<string | null>`due_date::text`.as('due_date')] as const;
type ReturnedRow = Omit<ApplicationRow, keyof ApplicationNames>;

const insertApplication = prepared<Record<string, unknown>, ReturnedRow>((db) =>
  db
    .insertInto('application')
    .values({
      tenant_code: param('tenant_code'),
      id: param('id'),
      service_id: param('service_id'),
      service_version: param('service_version'),
      agency_id: param('agency_id'),
      citizen_id: param('citizen_id'),
      region_code: param('region_code'),
      state: 'draft',
      answers: param('answers'),
      channel: param('channel'),
      assisted_by: param('assisted_by'),
      assisted_location_id: param('assisted_location_id'),
      consent_method: param('consent_method'),
      consent_at: param<Date | null>('consent_at'),
      created_at: param<Date>('created_at'),
      updated_at: param<Date>('created_at'),
    })
    .returning(RETURNED),
);

/**
 * Inserts a draft of `service` (its published version, tenant and agency) and returns it as
 * findApplicationInTx would read it, without a second round trip.
 */
export async function insertApplicationInTx(
  trx: Trx,
  service: ServiceForApplication,
  row: NewApplication,
): Promise<ApplicationRow> {
  const { rows } = await insertApplication.execute(trx, {
    assisted_by: null,
    assisted_location_id: null,
    consent_method: null,
    consent_at: null,
    ...row,
    tenant_code: service.tenant_code,
    service_id: service.id,
    service_version: service.current_version,
    agency_id: service.agency_id,
    answers: JSON.stringify(row.answers),
  });
  return { ...rows[0]!, service_name: service.name, service_slug: service.slug, agency_name: service.agency_name };
}

/** What a submission (or resubmission) sets, all of it. */
export type SubmissionChange = Required<
  Pick<
    ApplicationChange,
    | 'state'
    | 'answers'
    | 'service_version'
    | 'tracking_code'
    | 'submitted_at'
    | 'workflow'
    | 'sla_amount'
    | 'sla_unit'
    | 'due_at'
    | 'due_date'
    | 'calendar_version'
  >
>;

const submitApplication = prepared<Record<string, unknown>, ReturnedRow>((db) =>
  db
    .updateTable('application')
    .set({
      state: param('state'),
      answers: param('answers'),
      service_version: param('service_version'),
      tracking_code: param('tracking_code'),
      submitted_at: param<Date>('submitted_at'),
      workflow: param('workflow'),
      sla_amount: param('sla_amount'),
      sla_unit: param('sla_unit'),
      due_at: param<Date | null>('due_at'),
      due_date: param('due_date'),
      calendar_version: param('calendar_version'),
      row_version: param('next_version'),
      updated_at: param<Date>('at'),
    })
    .where('tenant_code', '=', param<string>('tenant_code'))
    .where('id', '=', param<string>('id'))
    .where('row_version', '=', param<number>('expected_version'))
    .returning(RETURNED),
);

/** updateApplicationInTx for a submission: the same rule (only at `expectedVersion`), one prepared statement. */
export async function submitApplicationInTx(
  trx: Trx,
  options: { tenantCode: string; id: string; expectedVersion: number; change: SubmissionChange; at: Date },
): Promise<ReturnedRow | undefined> {
  const { change } = options;
  const { rows } = await submitApplication.execute(trx, {
    ...change,
    answers: JSON.stringify(change.answers),
    workflow: change.workflow === null ? null : JSON.stringify(change.workflow),
    next_version: options.expectedVersion + 1,
    at: options.at,
    tenant_code: options.tenantCode,
    id: options.id,
    expected_version: options.expectedVersion,
  });
  return rows[0];
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

const insertEvent = prepared<NewEvent, never>((db) =>
  db.insertInto('application_event').values({
    tenant_code: param('tenantCode'),
    application_id: param('applicationId'),
    seq: param('seq'),
    from_state: param('from'),
    to_state: param('to'),
    actor_type: param('actorType'),
    actor_id: param('actorId'),
    actor_role: param('actorRole'),
    note: param('note'),
    output_upload_id: param('outputUploadId'),
    at: param<Date>('at'),
  }),
);

interface NewEvent extends Record<string, unknown> {
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
}

export async function insertEventInTx(trx: Trx, event: NewEvent): Promise<void> {
  await insertEvent.execute(trx, { ...event, note: event.note ?? null, outputUploadId: event.outputUploadId ?? null });
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
const serviceForApplication = prepared<{ serviceId: string }, ServiceForApplication>((db) =>
  db
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
    .where('s.id', '=', param<string>('serviceId')),
);

export async function findServiceForApplicationInTx(trx: Trx, serviceId: string): Promise<ServiceForApplication | undefined> {
  return (await serviceForApplication.execute(trx, { serviceId })).rows[0];
}

/** Claims an idempotency key for its owner; false when it was already claimed (waits for a concurrent claimer to finish). */
const claimIdempotencyKey = prepared<{ ownerType: string; ownerId: string; key: string; requestHash: string }, { key: string }>(
  (db) =>
    db
      .insertInto('application_idempotency')
      .values({
        owner_type: param('ownerType'),
        owner_id: param('ownerId'),
        key: param('key'),
        request_hash: param('requestHash'),
      })
      .onConflict((oc) => oc.columns(['owner_id', 'key']).doNothing())
      .returning('key'),
);

export async function claimIdempotencyKeyInTx(
  trx: Trx,
  claim: { ownerType: 'citizen' | 'staff'; ownerId: string; key: string; requestHash: string },
): Promise<boolean> {
  return (await claimIdempotencyKey.execute(trx, claim)).rows.length === 1;
}

export function findIdempotencyKeyInTx(trx: Trx, ownerId: string, key: string) {
  return trx
    .selectFrom('application_idempotency')
    .select(['request_hash', 'status_code', 'response'])
    .where('owner_id', '=', ownerId)
    .where('key', '=', key)
    .executeTakeFirst();
}

const storeIdempotentResponse = prepared<{ ownerId: string; key: string; statusCode: number; response: string }, never>((db) =>
  db
    .updateTable('application_idempotency')
    .set({ status_code: param('statusCode'), response: param('response') })
    .where('owner_id', '=', param<string>('ownerId'))
    .where('key', '=', param<string>('key')),
);

export async function storeIdempotentResponseInTx(
  trx: Trx,
  options: { ownerId: string; key: string; statusCode: number; response: unknown },
): Promise<void> {
  await storeIdempotentResponse.execute(trx, { ...options, response: JSON.stringify(options.response) });
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
