import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// Consent records, data-subject requests and the citizen's own activity. Like citizen.repo.ts,
// every function runs inside withScope: row-level security applies on top of the conditions below.

type Trx = Transaction<DB>;

// --- consent ----------------------------------------------------------------------------------

export interface ConsentNoticeRow {
  purpose: string;
  version: number;
  title_id: string;
  title_en: string;
  text_id: string;
  text_en: string;
  published_at: Date;
}

const NOTICE_COLUMNS = ['purpose', 'version', 'title_id', 'title_en', 'text_id', 'text_en', 'published_at'] as const;

/** The newest version of every purpose's notice, by purpose. */
export function listCurrentNoticesInTx(trx: Trx): Promise<ConsentNoticeRow[]> {
  return trx
    .selectFrom('consent_notice')
    .distinctOn('purpose')
    .select(NOTICE_COLUMNS)
    .orderBy('purpose')
    .orderBy('version', 'desc')
    .execute();
}

export function findCurrentNoticeInTx(trx: Trx, purpose: string): Promise<ConsentNoticeRow | undefined> {
  return trx
    .selectFrom('consent_notice')
    .select(NOTICE_COLUMNS)
    .where('purpose', '=', purpose)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface ConsentRecordRow {
  id: string;
  purpose: string;
  version: number;
  given_at: Date;
  withdrawn_at: Date | null;
}

const CONSENT_COLUMNS = ['id', 'purpose', 'version', 'given_at', 'withdrawn_at'] as const;

/** Every consent the citizen gave, newest first (withdrawn ones included: the history). */
export function listConsentRecordsInTx(trx: Trx, citizenId: string): Promise<ConsentRecordRow[]> {
  return trx
    .selectFrom('consent_record')
    .select(CONSENT_COLUMNS)
    .where('citizen_id', '=', citizenId)
    .orderBy('given_at', 'desc')
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** The citizen's standing consent for `purpose`, locked, or undefined. */
export function findOpenConsentForUpdateInTx(
  trx: Trx,
  options: { citizenId: string; purpose: string },
): Promise<ConsentRecordRow | undefined> {
  return trx
    .selectFrom('consent_record')
    .select(CONSENT_COLUMNS)
    .where('citizen_id', '=', options.citizenId)
    .where('purpose', '=', options.purpose)
    .where('withdrawn_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export function insertConsentInTx(
  trx: Trx,
  consent: { citizen_id: string; purpose: string; version: number; given_at: Date },
): Promise<ConsentRecordRow> {
  return trx.insertInto('consent_record').values(consent).returning(CONSENT_COLUMNS).executeTakeFirstOrThrow();
}

export function withdrawConsentInTx(trx: Trx, options: { id: string; at: Date }): Promise<ConsentRecordRow> {
  return trx
    .updateTable('consent_record')
    .set({ withdrawn_at: options.at })
    .where('id', '=', options.id)
    .returning(CONSENT_COLUMNS)
    .executeTakeFirstOrThrow();
}

// --- data-subject requests --------------------------------------------------------------------

export interface DataRequestRow {
  id: string;
  citizen_id: string;
  kind: 'correction' | 'deletion';
  detail: string;
  status: 'open' | 'closed';
  created_at: Date;
  due_at: Date;
  outcome: 'completed' | 'rejected' | null;
  resolution: string | null;
  handled_at: Date | null;
}

const REQUEST_COLUMNS = [
  'data_request.id',
  'data_request.citizen_id',
  'data_request.kind',
  'data_request.detail',
  'data_request.status',
  'data_request.created_at',
  'data_request.due_at',
  'data_request.outcome',
  'data_request.resolution',
  'data_request.handled_at',
] as const;

export function insertDataRequestInTx(
  trx: Trx,
  request: { citizen_id: string; kind: 'correction' | 'deletion'; detail: string; created_at: Date; due_at: Date },
): Promise<DataRequestRow> {
  return trx.insertInto('data_request').values(request).returning(REQUEST_COLUMNS).executeTakeFirstOrThrow();
}

/** The citizen's requests, newest first. */
export function listDataRequestsOfCitizenInTx(trx: Trx, citizenId: string): Promise<DataRequestRow[]> {
  return trx
    .selectFrom('data_request')
    .select(REQUEST_COLUMNS)
    .where('citizen_id', '=', citizenId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** Requests for the officers, soonest due first, with the requesting citizen's name. */
export function listDataRequestsInTx(
  trx: Trx,
  options: { status: 'open' | 'closed' | 'all'; limit: number },
): Promise<Array<DataRequestRow & { citizen_name: string }>> {
  let query = trx
    .selectFrom('data_request')
    .innerJoin('citizen', 'citizen.id', 'data_request.citizen_id')
    .select([...REQUEST_COLUMNS, 'citizen.name as citizen_name']);
  if (options.status !== 'all') query = query.where('data_request.status', '=', options.status);
  return query.orderBy('data_request.due_at').orderBy('data_request.id').limit(options.limit).execute();
}

export function findDataRequestForUpdateInTx(trx: Trx, id: string): Promise<DataRequestRow | undefined> {
  return trx.selectFrom('data_request').select(REQUEST_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function closeDataRequestInTx(
  trx: Trx,
  options: { id: string; outcome: 'completed' | 'rejected'; resolution: string; handledBy: string; at: Date },
): Promise<DataRequestRow> {
  return trx
    .updateTable('data_request')
    .set({
      status: 'closed',
      outcome: options.outcome,
      resolution: options.resolution,
      handled_by: options.handledBy,
      handled_at: options.at,
    })
    .where('id', '=', options.id)
    .returning(REQUEST_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** What the citizen did, from the audit trail (the processing record of their own actions). */
export function listCitizenActivityInTx(
  trx: Trx,
  citizenId: string,
): Promise<Array<{ occurred_at: Date; action: string; target_type: string | null; target_id: string | null }>> {
  return trx
    .selectFrom('audit_log')
    .select(['occurred_at', 'action', 'target_type', 'target_id'])
    .where('actor_type', '=', 'citizen')
    .where('actor_id', '=', citizenId)
    .orderBy('seq')
    .limit(5000)
    .execute();
}
