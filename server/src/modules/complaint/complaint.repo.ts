import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Trx = Transaction<DB>;

// `date` columns are read as text: pg would turn them into a Date at local midnight of the server.
const day = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** Lets this transaction see the complaint whose tracking code the caller presented (RLS). */
export async function presentTrackingCodeInTx(trx: Trx, code: string): Promise<void> {
  await sql`SELECT set_config('layan.complaint_code', ${code}, true)`.execute(trx);
}

export interface NewComplaint {
  tenant_code: string;
  id: string;
  tracking_code: string;
  kind: string;
  category: string;
  response_class: string;
  title: string;
  body: string;
  incident_date: string | null;
  region_code: string;
  agency_id: string | null;
  service_id: string | null;
  application_code: string | null;
  anonymous: boolean;
  confidential: boolean;
  channel: string;
  filed_at: Date;
  verify_due_date: string;
}

export async function insertComplaintInTx(trx: Trx, row: NewComplaint): Promise<void> {
  await trx.insertInto('complaint').values(row).execute();
}

export async function insertReporterInTx(
  trx: Trx,
  row: {
    tenant_code: string;
    complaint_id: string;
    anonymous: boolean;
    citizen_id: string | null;
    name: string | null;
    email: string | null;
    phone: string | null;
    language: 'id' | 'en';
  },
): Promise<void> {
  await trx.insertInto('complaint_reporter').values(row).execute();
}

export interface NewEvent {
  tenantCode: string;
  complaintId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorKind: 'reporter' | 'coordinator' | 'agency' | 'system';
  actorId?: string | null;
  agencyId?: string | null;
  locationId?: string | null;
  note?: string | null;
  dueDate?: string | null;
  at: Date;
}

/** Appends the next step of the complaint's history (callers hold the complaint's row lock). */
export async function insertEventInTx(trx: Trx, event: NewEvent): Promise<void> {
  await sql`
    INSERT INTO complaint_event (tenant_code, complaint_id, seq, action, from_status, to_status, actor_kind, actor_id,
                                 agency_id, location_id, note, due_date, at)
    SELECT ${event.tenantCode}, ${event.complaintId}::uuid, coalesce(max(seq), 0) + 1, ${event.action}, ${event.fromStatus},
           ${event.toStatus}, ${event.actorKind}, ${event.actorId ?? null}::uuid, ${event.agencyId ?? null}::uuid,
           ${event.locationId ?? null}::uuid, ${event.note ?? null}, ${event.dueDate ?? null}::date, ${event.at}
    FROM complaint_event WHERE tenant_code = ${event.tenantCode} AND complaint_id = ${event.complaintId}::uuid`.execute(trx);
}

function complaintColumns(trx: Trx) {
  return trx
    .selectFrom('complaint as c')
    .leftJoin('agency as ra', (j) => j.onRef('ra.tenant_code', '=', 'c.tenant_code').onRef('ra.id', '=', 'c.agency_id'))
    .leftJoin('agency as aa', (j) => j.onRef('aa.tenant_code', '=', 'c.tenant_code').onRef('aa.id', '=', 'c.assigned_agency_id'))
    .leftJoin('location as al', (j) =>
      j.onRef('al.tenant_code', '=', 'c.tenant_code').onRef('al.id', '=', 'c.assigned_location_id'),
    )
    .leftJoin('service as s', (j) => j.onRef('s.tenant_code', '=', 'c.tenant_code').onRef('s.id', '=', 'c.service_id'))
    .innerJoin('region as r', 'r.code', 'c.region_code')
    .select([
      'c.tenant_code',
      'c.id',
      'c.tracking_code',
      'c.kind',
      'c.category',
      'c.response_class',
      'c.title',
      'c.body',
      'c.region_code',
      'r.name as region_name',
      'c.agency_id',
      'ra.name as agency_name',
      'c.service_id',
      's.name as service_name',
      'c.application_code',
      'c.anonymous',
      'c.confidential',
      'c.channel',
      'c.status',
      'c.filed_at',
      'c.verified_at',
      'c.assigned_agency_id',
      'aa.name as assigned_agency_name',
      'c.assigned_location_id',
      'al.name as assigned_location_name',
      'c.answer',
      'c.answered_at',
      'c.closed_note',
      'c.reopen_count',
      'c.rating',
      'c.rating_note',
      'c.rated_at',
      'c.escalation_level',
      'c.escalated_at',
      'c.updated_at',
      day('c.incident_date').as('incident_date'),
      day('c.verify_due_date').as('verify_due_date'),
      day('c.response_due_date').as('response_due_date'),
      day('c.reopen_until').as('reopen_until'),
    ]);
}

export type ComplaintRow = NonNullable<Awaited<ReturnType<typeof findComplaintInTx>>>;

/** The complaint by tracking code or by tenant and id, as RLS lets this transaction see it. */
export async function findComplaintInTx(
  trx: Trx,
  key: { trackingCode: string } | { tenantCode: string; id: string },
  options: { lock?: boolean } = {},
) {
  if (options.lock) {
    // Lock the row itself first (the listing query joins, and FOR UPDATE over outer joins is refused).
    const locking = trx.selectFrom('complaint').select('id').forUpdate();
    const locked =
      'trackingCode' in key
        ? await locking.where('tracking_code', '=', key.trackingCode).executeTakeFirst()
        : await locking.where('tenant_code', '=', key.tenantCode).where('id', '=', key.id).executeTakeFirst();
    if (!locked) return undefined;
  }
  const query = complaintColumns(trx);
  return 'trackingCode' in key
    ? query.where('c.tracking_code', '=', key.trackingCode).executeTakeFirst()
    : query.where('c.tenant_code', '=', key.tenantCode).where('c.id', '=', key.id).executeTakeFirst();
}

export interface ListComplaintsFilter {
  tenantCode: string;
  status?: string;
  /** Only those disposed to one of these agencies (an agency's staff). */
  assignedAgencies?: string[];
  limit: number;
  offset: number;
}

export async function listComplaintsInTx(trx: Trx, filter: ListComplaintsFilter) {
  let query = complaintColumns(trx).where('c.tenant_code', '=', filter.tenantCode);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.assignedAgencies) {
    if (filter.assignedAgencies.length === 0) return [];
    query = query.where('c.assigned_agency_id', 'in', filter.assignedAgencies);
  }
  return query.orderBy('c.filed_at', 'desc').orderBy('c.id').limit(filter.limit).offset(filter.offset).execute();
}

export function listEventsInTx(trx: Trx, tenantCode: string, complaintId: string) {
  return trx
    .selectFrom('complaint_event as e')
    .leftJoin('agency as a', (j) => j.onRef('a.tenant_code', '=', 'e.tenant_code').onRef('a.id', '=', 'e.agency_id'))
    .leftJoin('location as l', (j) => j.onRef('l.tenant_code', '=', 'e.tenant_code').onRef('l.id', '=', 'e.location_id'))
    .select([
      'e.seq',
      'e.action',
      'e.from_status',
      'e.to_status',
      'e.actor_kind',
      'e.actor_id',
      'e.agency_id',
      'a.name as agency_name',
      'e.location_id',
      'l.name as location_name',
      'e.note',
      'e.at',
      day('e.due_date').as('due_date'),
    ])
    .where('e.tenant_code', '=', tenantCode)
    .where('e.complaint_id', '=', complaintId)
    .orderBy('e.seq')
    .execute();
}

/** The reporter's row, when RLS lets this transaction read it (never for an agency, never for anonim). */
export function findReporterInTx(trx: Trx, tenantCode: string, complaintId: string) {
  return trx
    .selectFrom('complaint_reporter')
    .select(['citizen_id', 'name', 'email', 'phone', 'language', 'anonymous'])
    .where('tenant_code', '=', tenantCode)
    .where('complaint_id', '=', complaintId)
    .executeTakeFirst();
}

export interface ComplaintPatch {
  status?: string;
  response_class?: string;
  verified_at?: Date;
  response_due_date?: string | null;
  assigned_agency_id?: string | null;
  assigned_location_id?: string | null;
  answer?: string | null;
  answered_at?: Date | null;
  closed_note?: string | null;
  reopen_until?: string | null;
  reopen_count?: number;
  rating?: number | null;
  rating_note?: string | null;
  rated_at?: Date | null;
  escalation_level?: number;
  escalated_at?: Date | null;
}

export async function updateComplaintInTx(trx: Trx, key: { tenantCode: string; id: string }, patch: ComplaintPatch) {
  await trx
    .updateTable('complaint')
    .set({ ...patch, updated_at: new Date() })
    .where('tenant_code', '=', key.tenantCode)
    .where('id', '=', key.id)
    .execute();
}

/** Writes a complaint.* message to the reporter without reading their address (migration 20261122170000). */
export async function notifyReporterInTx(
  trx: Trx,
  options: { tenantCode: string; complaintId: string; template: string; data: Record<string, unknown>; dedupeKey: string },
): Promise<void> {
  await sql`SELECT layan_complaint_notify(${options.tenantCode}, ${options.complaintId}::uuid, ${options.template},
                                          ${JSON.stringify(options.data)}::jsonb, ${options.dedupeKey})`.execute(trx);
}

/** Complaints whose running stage is past its due date (`today` is the tenant's local date). */
export function listOverdueInTx(trx: Trx, tenantCode: string, today: string) {
  return trx
    .selectFrom('complaint')
    .select([
      'id',
      'status',
      'escalation_level',
      'assigned_agency_id',
      day('verify_due_date').as('verify_due_date'),
      day('response_due_date').as('response_due_date'),
    ])
    .where('tenant_code', '=', tenantCode)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'belum_terverifikasi'), eb('verify_due_date', '<', sql<string>`${today}::date`)]),
        eb.and([
          eb('status', 'in', ['terverifikasi', 'terdisposisi', 'ditindaklanjuti']),
          eb('response_due_date', '<', sql<string>`${today}::date`),
        ]),
      ]),
    )
    .execute();
}

/** Counts for the public statistics of a tenant, over complaints filed in [from, to). */
export async function statsInTx(trx: Trx, options: { tenantCode: string; from: Date; to: Date; today: string }) {
  const base = trx
    .selectFrom('complaint')
    .where('tenant_code', '=', options.tenantCode)
    .where('filed_at', '>=', options.from)
    .where('filed_at', '<', options.to);
  const [byStatus, byCategory, answered] = await Promise.all([
    base
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .groupBy('status')
      .execute(),
    base
      .select(['category', sql<number>`count(*)::int`.as('n')])
      .groupBy('category')
      .orderBy('category')
      .execute(),
    base
      .select([
        sql<number>`count(*) FILTER (WHERE answered_at IS NOT NULL)::int`.as('answered'),
        sql<number>`count(*) FILTER (WHERE status IN ('belum_terverifikasi', 'terverifikasi', 'terdisposisi', 'ditindaklanjuti')
                     AND coalesce(response_due_date, verify_due_date) < ${options.today}::date)::int`.as('overdue'),
        sql<number | null>`avg(rating)::float8`.as('rating_avg'),
        sql<number>`count(rating)::int`.as('rated'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { byStatus, byCategory, answered };
}

/** Answer times for the on-time rate, computed in the service on the tenant's calendar. */
export function listAnsweredInTx(trx: Trx, options: { tenantCode: string; from: Date; to: Date }) {
  return trx
    .selectFrom('complaint')
    .select(['answered_at', day('response_due_date').as('response_due_date')])
    .where('tenant_code', '=', options.tenantCode)
    .where('filed_at', '>=', options.from)
    .where('filed_at', '<', options.to)
    .where('answered_at', 'is not', null)
    .execute();
}

/** Complaints of a tenant filed in [from, to), oldest first, for the SP4N-LAPOR! export. */
export function listForExportInTx(trx: Trx, options: { tenantCode: string; from: Date; to: Date }) {
  return complaintColumns(trx)
    .where('c.tenant_code', '=', options.tenantCode)
    .where('c.filed_at', '>=', options.from)
    .where('c.filed_at', '<', options.to)
    .orderBy('c.filed_at')
    .orderBy('c.id')
    .execute();
}

export function findTenantInTx(trx: Trx, code: string) {
  return trx.selectFrom('tenant').select(['region_code', 'name']).where('region_code', '=', code).executeTakeFirst();
}

export function findRegionInTx(trx: Trx, code: string) {
  return trx.selectFrom('region').select(['code', 'name', 'active']).where('code', '=', code).executeTakeFirst();
}

export function findCitizenContactInTx(trx: Trx, citizenId: string) {
  return trx.selectFrom('citizen').select(['name', 'email', 'phone']).where('id', '=', citizenId).executeTakeFirst();
}
