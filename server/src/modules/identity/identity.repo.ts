import { sql, type Transaction } from 'kysely';
import type { DB, StaffRole } from '../../db/schema.ts';

// Every function here runs inside withScope (server/src/db/scope.ts): row-level security applies
// on top of the conditions written below.

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  region_code: string | null;
  password_hash: string;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  failed_attempts: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
}

const ACCOUNT_COLUMNS = [
  'id',
  'email',
  'name',
  'region_code',
  'password_hash',
  'totp_secret',
  'totp_pending_secret',
  'totp_last_step',
  'failed_attempts',
  'locked_until',
  'disabled_at',
  'last_sign_in_at',
  'created_at',
] as const;

export interface GrantRow {
  id: string;
  staff_id: string;
  role: StaffRole;
  region_code: string | null;
  agency_id: string | null;
  location_id: string | null;
}

/** The account signing in with `email` (lower case), or undefined. */
export function findAccountByEmailInTx(trx: Transaction<DB>, email: string): Promise<AccountRow | undefined> {
  return trx.selectFrom('staff_account').select(ACCOUNT_COLUMNS).where('email', '=', email).executeTakeFirst();
}

/** One account by id, or undefined. */
export function findAccountInTx(trx: Transaction<DB>, id: string): Promise<AccountRow | undefined> {
  return trx.selectFrom('staff_account').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Counts one failed sign-in; locks the account until `lockUntil` when it reaches `max`. Returns the new count. */
export async function recordFailedSignInInTx(
  trx: Transaction<DB>,
  options: { id: string; max: number; lockUntil: Date },
): Promise<{ failed_attempts: number; locked_until: Date | null }> {
  return trx
    .updateTable('staff_account')
    .set((eb) => ({
      failed_attempts: sql<number>`CASE WHEN ${eb.ref('failed_attempts')} + 1 >= ${options.max} THEN 0 ELSE ${eb.ref('failed_attempts')} + 1 END`,
      locked_until: sql<Date | null>`CASE WHEN ${eb.ref('failed_attempts')} + 1 >= ${options.max} THEN ${options.lockUntil}::timestamptz ELSE ${eb.ref('locked_until')} END`,
      updated_at: new Date(),
    }))
    .where('id', '=', options.id)
    .returning(['failed_attempts', 'locked_until'])
    .executeTakeFirstOrThrow();
}

/** Clears failures and lock, notes the sign-in; with `totpStep`, only if that step is newer than the last (else false: a replay). */
export async function recordSignInInTx(trx: Transaction<DB>, options: { id: string; totpStep?: number }): Promise<boolean> {
  let query = trx
    .updateTable('staff_account')
    .set({
      failed_attempts: 0,
      locked_until: null,
      last_sign_in_at: new Date(),
      updated_at: new Date(),
      ...(options.totpStep !== undefined ? { totp_last_step: options.totpStep } : {}),
    })
    .where('id', '=', options.id);
  if (options.totpStep !== undefined) {
    const step = options.totpStep;
    query = query.where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Stores a pending TOTP secret (enrolment started). */
export async function setPendingTotpInTx(trx: Transaction<DB>, options: { id: string; secret: string }): Promise<void> {
  await trx
    .updateTable('staff_account')
    .set({ totp_pending_secret: options.secret, updated_at: new Date() })
    .where('id', '=', options.id)
    .execute();
}

/** Turns the pending secret on, remembering the step of the confirming code. */
export async function enableTotpInTx(trx: Transaction<DB>, options: { id: string; step: number }): Promise<void> {
  await trx
    .updateTable('staff_account')
    .set((eb) => ({
      totp_secret: eb.ref('totp_pending_secret'),
      totp_pending_secret: null,
      totp_enabled_at: new Date(),
      totp_last_step: options.step,
      updated_at: new Date(),
    }))
    .where('id', '=', options.id)
    .where('totp_pending_secret', 'is not', null)
    .execute();
}

/** The grants of these accounts. */
export function listGrantsInTx(trx: Transaction<DB>, staffIds: string[]): Promise<GrantRow[]> {
  if (staffIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('staff_grant')
    .select(['id', 'staff_id', 'role', 'region_code', 'agency_id', 'location_id'])
    .where('staff_id', 'in', staffIds)
    .orderBy('staff_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export interface NewAccount {
  email: string;
  name: string;
  region_code: string | null;
  password_hash: string;
}

/** Inserts an account; throws the database's unique violation (23505) when the e-mail is taken. */
export async function insertAccountInTx(trx: Transaction<DB>, account: NewAccount): Promise<AccountRow> {
  return trx.insertInto('staff_account').values(account).returning(ACCOUNT_COLUMNS).executeTakeFirstOrThrow();
}

export interface NewGrant {
  staff_id: string;
  role: StaffRole;
  region_code: string | null;
  tenant_code: string | null;
  agency_id: string | null;
  location_id: string | null;
  created_by: string | null;
}

export async function insertGrantsInTx(trx: Transaction<DB>, grants: NewGrant[]): Promise<void> {
  if (grants.length) await trx.insertInto('staff_grant').values(grants).execute();
}

/** Accounts whose home region lies at or below one of `regions` (all when national), by name. */
export function listAccountsInTx(
  trx: Transaction<DB>,
  options: { regions: string[] | '*'; limit: number },
): Promise<AccountRow[]> {
  let query = trx.selectFrom('staff_account').select(ACCOUNT_COLUMNS);
  const { regions } = options;
  if (regions !== '*') {
    if (regions.length === 0) return Promise.resolve([]);
    query = query.where((eb) =>
      eb.or(regions.flatMap((node) => [eb('region_code', '=', node), eb('region_code', 'like', `${node}.%`)])),
    );
  }
  return query.orderBy('name').orderBy('id').limit(options.limit).execute();
}

export interface SessionRow {
  id: string;
  staff_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

const SESSION_COLUMNS = ['id', 'staff_id', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at', 'ip', 'user_agent'] as const;

export function insertSessionInTx(
  trx: Transaction<DB>,
  session: {
    staff_id: string;
    region_code: string | null;
    token_hash: string;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  },
): Promise<SessionRow> {
  return trx.insertInto('staff_session').values(session).returning(SESSION_COLUMNS).executeTakeFirstOrThrow();
}

export function findSessionByTokenHashInTx(trx: Transaction<DB>, tokenHash: string): Promise<SessionRow | undefined> {
  return trx.selectFrom('staff_session').select(SESSION_COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSessionInTx(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.updateTable('staff_session').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
}

/** A staff member's sessions that are neither revoked nor past their absolute expiry, newest first. */
export function listOpenSessionsInTx(trx: Transaction<DB>, staffId: string): Promise<SessionRow[]> {
  return trx
    .selectFrom('staff_session')
    .select(SESSION_COLUMNS)
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

/** Revokes one open session of `staffId`; false when there is none with that id. */
export async function revokeSessionInTx(trx: Transaction<DB>, options: { id: string; staffId: string }): Promise<boolean> {
  const result = await trx
    .updateTable('staff_session')
    .set({ revoked_at: new Date() })
    .where('id', '=', options.id)
    .where('staff_id', '=', options.staffId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The tenant whose code is `regionCode` or an ancestor of it, nearest first; undefined if none. */
export async function findTenantCoveringInTx(trx: Transaction<DB>, regionCode: string): Promise<string | undefined> {
  const candidates = [regionCode.slice(0, 5), regionCode.slice(0, 2)];
  const rows = await trx.selectFrom('tenant').select('region_code').where('region_code', 'in', candidates).execute();
  return candidates.find((c) => rows.some((r) => r.region_code === c));
}

/** True when an agency / location with this id exists in the tenant. */
export async function agencyExistsInTx(trx: Transaction<DB>, tenantCode: string, id: string): Promise<boolean> {
  return !!(await trx
    .selectFrom('agency')
    .select('id')
    .where('tenant_code', '=', tenantCode)
    .where('id', '=', id)
    .executeTakeFirst());
}

export async function locationExistsInTx(trx: Transaction<DB>, tenantCode: string, id: string): Promise<boolean> {
  return !!(await trx
    .selectFrom('location')
    .select('id')
    .where('tenant_code', '=', tenantCode)
    .where('id', '=', id)
    .executeTakeFirst());
}

/** True when the region code exists. */
export async function regionExistsInTx(trx: Transaction<DB>, code: string): Promise<boolean> {
  return !!(await trx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst());
}

/** One grant of `staffId`, or undefined. */
export function findGrantInTx(trx: Transaction<DB>, options: { staffId: string; id: string }) {
  return trx
    .selectFrom('staff_grant')
    .select(['id', 'staff_id', 'role', 'region_code', 'agency_id', 'location_id'])
    .where('staff_id', '=', options.staffId)
    .where('id', '=', options.id)
    .executeTakeFirst();
}

/** Deletes one grant; false when row-level security or the id left nothing to delete. */
export async function deleteGrantInTx(trx: Transaction<DB>, options: { staffId: string; id: string }): Promise<boolean> {
  const result = await trx
    .deleteFrom('staff_grant')
    .where('staff_id', '=', options.staffId)
    .where('id', '=', options.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
