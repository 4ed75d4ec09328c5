import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Trx = Transaction<DB>;

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** Lets this transaction see the invitation whose token (its sha256) the respondent presented (RLS). */
export async function presentTokenInTx(trx: Trx, tokenHash: string): Promise<void> {
  await sql`SELECT set_config('layan.survey_token', ${tokenHash}, true)`.execute(trx);
}

function surveyColumns(trx: Trx) {
  return trx
    .selectFrom('survey as s')
    .innerJoin('agency as a', (j) => j.onRef('a.tenant_code', '=', 's.tenant_code').onRef('a.id', '=', 's.agency_id'))
    .leftJoin('location as l', (j) => j.onRef('l.tenant_code', '=', 's.tenant_code').onRef('l.id', '=', 's.location_id'))
    .leftJoin('service as v', (j) => j.onRef('v.tenant_code', '=', 's.tenant_code').onRef('v.id', '=', 's.service_id'))
    .select([
      's.tenant_code',
      's.id',
      's.title',
      's.agency_id',
      'a.name as agency_name',
      's.location_id',
      'l.name as location_name',
      's.service_id',
      'v.name as service_name',
      's.population',
      's.status',
      's.published_at',
      's.follow_up',
      's.created_at',
      day('s.period_start').as('period_start'),
      day('s.period_end').as('period_end'),
    ]);
}

export type SurveyRow = NonNullable<Awaited<ReturnType<typeof findSurveyInTx>>>;

export function findSurveyInTx(trx: Trx, tenantCode: string, id: string) {
  return surveyColumns(trx).where('s.tenant_code', '=', tenantCode).where('s.id', '=', id).executeTakeFirst();
}

export function listSurveysInTx(trx: Trx, options: { tenantCode: string; publishedOnly: boolean }) {
  let query = surveyColumns(trx).where('s.tenant_code', '=', options.tenantCode);
  if (options.publishedOnly) query = query.where('s.status', '=', 'published');
  return query.orderBy('s.period_start', 'desc').orderBy('a.name').orderBy('s.id').execute();
}

/** The open survey of an agency whose period covers `today` (a location's own round first). */
export function findOpenSurveyForUnitInTx(
  trx: Trx,
  options: { tenantCode: string; agencyId: string; locationId?: string | null; today: string },
) {
  return trx
    .selectFrom('survey')
    .select(['id', 'title'])
    .where('tenant_code', '=', options.tenantCode)
    .where('agency_id', '=', options.agencyId)
    .where('status', '=', 'open')
    .where('period_start', '<=', sql<string>`${options.today}::date`)
    .where('period_end', '>=', sql<string>`${options.today}::date`)
    .where((eb) => eb.or([eb('location_id', 'is', null), eb('location_id', '=', options.locationId ?? null)]))
    .orderBy(sql`location_id IS NULL`)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertSurveyInTx(
  trx: Trx,
  row: {
    tenant_code: string;
    title: string;
    agency_id: string;
    location_id: string | null;
    service_id: string | null;
    period_start: string;
    period_end: string;
    population: number | null;
    created_by: string;
  },
) {
  const { id } = await trx.insertInto('survey').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateSurveyInTx(
  trx: Trx,
  key: { tenantCode: string; id: string },
  patch: {
    title?: string;
    population?: number | null;
    status?: 'open' | 'closed' | 'published';
    published_at?: Date | null;
    follow_up?: string;
  },
) {
  await trx
    .updateTable('survey')
    .set({ ...patch, updated_at: new Date() })
    .where('tenant_code', '=', key.tenantCode)
    .where('id', '=', key.id)
    .execute();
}

export async function insertInvitationInTx(
  trx: Trx,
  row: {
    tenant_code: string;
    survey_id: string;
    token_hash: string;
    source: 'application' | 'queue' | 'counter' | 'manual';
    source_ref: string | null;
    service_id: string | null;
    location_id: string | null;
    expires_at: Date;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('survey_invitation')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_code', 'survey_id', 'source', 'source_ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findInvitationByTokenInTx(trx: Trx, tokenHash: string) {
  return trx
    .selectFrom('survey_invitation')
    .select(['tenant_code', 'id', 'survey_id', 'source', 'service_id', 'location_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks the invitation used; false when it already was (the one-response rule, under concurrency too). */
export async function useInvitationInTx(trx: Trx, key: { tenantCode: string; id: string }, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('survey_invitation')
    .set({ used_at: at })
    .where('tenant_code', '=', key.tenantCode)
    .where('id', '=', key.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type ResponseValues = {
  tenant_code: string;
  survey_id: string;
  invitation_id: string | null;
  channel: 'online' | 'tablet' | 'paper';
  u1: number | null;
  u2: number | null;
  u3: number | null;
  u4: number | null;
  u5: number | null;
  u6: number | null;
  u7: number | null;
  u8: number | null;
  u9: number | null;
  age_band: string | null;
  sex: string | null;
  education: string | null;
  occupation: string | null;
  service_id: string | null;
  location_id: string | null;
  suggestion: string | null;
  submitted_at: Date;
  entered_by: string | null;
};

export async function insertResponseInTx(trx: Trx, row: ResponseValues): Promise<void> {
  // No RETURNING: an anonymous respondent may insert through its invitation but not read responses.
  await trx.insertInto('survey_response').values(row).execute();
}

export interface ResponseFilter {
  tenantCode: string;
  surveyId?: string;
  agencyId?: string;
  locationId?: string;
  serviceId?: string;
  from?: Date;
  to?: Date;
  publishedOnly: boolean;
}

/** Responses with their unit, for the IKM and the export, oldest first. */
export function listResponsesInTx(trx: Trx, filter: ResponseFilter) {
  let query = trx
    .selectFrom('survey_response as r')
    .innerJoin('survey as s', (j) => j.onRef('s.tenant_code', '=', 'r.tenant_code').onRef('s.id', '=', 'r.survey_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.tenant_code', '=', 's.tenant_code').onRef('a.id', '=', 's.agency_id'))
    .leftJoin('location as l', (j) =>
      j
        .onRef('l.tenant_code', '=', 'r.tenant_code')
        .on((eb) => eb('l.id', '=', eb.fn.coalesce('r.location_id', 's.location_id'))),
    )
    .leftJoin('service as v', (j) =>
      j.onRef('v.tenant_code', '=', 'r.tenant_code').on((eb) => eb('v.id', '=', eb.fn.coalesce('r.service_id', 's.service_id'))),
    )
    .select([
      'r.id',
      'r.survey_id',
      's.title as survey_title',
      's.agency_id',
      'a.name as agency_name',
      'l.id as location_id',
      'l.name as location_name',
      'v.id as service_id',
      'v.name as service_name',
      'r.channel',
      'r.u1',
      'r.u2',
      'r.u3',
      'r.u4',
      'r.u5',
      'r.u6',
      'r.u7',
      'r.u8',
      'r.u9',
      'r.age_band',
      'r.sex',
      'r.education',
      'r.occupation',
      'r.suggestion',
      'r.submitted_at',
    ])
    .where('r.tenant_code', '=', filter.tenantCode);
  if (filter.publishedOnly) query = query.where('s.status', '=', 'published');
  if (filter.surveyId) query = query.where('r.survey_id', '=', filter.surveyId);
  if (filter.agencyId) query = query.where('s.agency_id', '=', filter.agencyId);
  if (filter.locationId) query = query.where('l.id', '=', filter.locationId);
  if (filter.serviceId) query = query.where('v.id', '=', filter.serviceId);
  if (filter.from) query = query.where('r.submitted_at', '>=', filter.from);
  if (filter.to) query = query.where('r.submitted_at', '<', filter.to);
  return query.orderBy('r.submitted_at').orderBy('r.id').execute();
}

export function countResponsesInTx(trx: Trx, tenantCode: string, surveyId: string) {
  return trx
    .selectFrom('survey_response')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('tenant_code', '=', tenantCode)
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
}

export function findTenantInTx(trx: Trx, code: string) {
  return trx.selectFrom('tenant').select(['region_code', 'name']).where('region_code', '=', code).executeTakeFirst();
}
