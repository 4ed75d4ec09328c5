import { param, prepared } from '../../db/prepared.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// Every function here runs inside withScope (server/src/db/scope.ts): row-level security (the
// citizen's own rows, or the NIK hash being authenticated) applies on top of the conditions below.

type Trx = Transaction<DB>;
export type ChannelKind = 'email' | 'sms' | 'whatsapp';

export interface CitizenRow {
  id: string;
  nik_hmac: string;
  nik_ciphertext: string;
  name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  failed_attempts: number;
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const CITIZEN_COLUMNS = [
  'id',
  'nik_hmac',
  'nik_ciphertext',
  'name',
  'email',
  'phone',
  'password_hash',
  'failed_attempts',
  'locked_until',
  'last_sign_in_at',
  'created_at',
  'updated_at',
] as const;

/** The citizen whose NIK has this keyed hash, or undefined. */
export function findCitizenByNikHashInTx(trx: Trx, nikHmac: string): Promise<CitizenRow | undefined> {
  return trx.selectFrom('citizen').select(CITIZEN_COLUMNS).where('nik_hmac', '=', nikHmac).executeTakeFirst();
}

export function findCitizenInTx(trx: Trx, id: string): Promise<CitizenRow | undefined> {
  return trx.selectFrom('citizen').select(CITIZEN_COLUMNS).where('id', '=', id).executeTakeFirst();
}

const contacts = prepared<{ id: string }, { email: string | null; phone: string | null }>((db) =>
  db.selectFrom('citizen').select(['email', 'phone']).where('id', '=', param<string>('id')),
);

/** The citizen's verified e-mail and phone (whom their messages go to), prepared: every submission reads them. */
export async function findCitizenContactsInTx(trx: Trx, id: string) {
  return (await contacts.execute(trx, { id })).rows[0];
}

export interface NewCitizen {
  id: string;
  nik_hmac: string;
  nik_ciphertext: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/** Inserts a citizen; throws the unique violation (23505) when the NIK is already registered. */
export function insertCitizenInTx(trx: Trx, citizen: NewCitizen): Promise<CitizenRow> {
  return trx.insertInto('citizen').values(citizen).returning(CITIZEN_COLUMNS).executeTakeFirstOrThrow();
}

export function updateCitizenNameInTx(trx: Trx, options: { id: string; name: string }): Promise<CitizenRow> {
  return trx
    .updateTable('citizen')
    .set({ name: options.name, updated_at: new Date() })
    .where('id', '=', options.id)
    .returning(CITIZEN_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function setCitizenPasswordInTx(trx: Trx, options: { id: string; passwordHash: string }): Promise<void> {
  const now = new Date();
  await trx
    .updateTable('citizen')
    .set({ password_hash: options.passwordHash, password_changed_at: now, updated_at: now })
    .where('id', '=', options.id)
    .execute();
}

/** Counts one failed password sign-in; locks until `lockUntil` at `max` (the count restarts). */
export function recordCitizenFailedSignInInTx(
  trx: Trx,
  options: { id: string; max: number; lockUntil: Date },
): Promise<{ locked_until: Date | null }> {
  return trx
    .updateTable('citizen')
    .set((eb) => ({
      failed_attempts: sql<number>`CASE WHEN ${eb.ref('failed_attempts')} + 1 >= ${options.max} THEN 0 ELSE ${eb.ref('failed_attempts')} + 1 END`,
      locked_until: sql<Date | null>`CASE WHEN ${eb.ref('failed_attempts')} + 1 >= ${options.max} THEN ${options.lockUntil}::timestamptz ELSE ${eb.ref('locked_until')} END`,
      updated_at: new Date(),
    }))
    .where('id', '=', options.id)
    .returning(['locked_until'])
    .executeTakeFirstOrThrow();
}

/** Clears failures and lock and notes the sign-in. */
export async function recordCitizenSignInInTx(trx: Trx, id: string): Promise<void> {
  const now = new Date();
  await trx
    .updateTable('citizen')
    .set({ failed_attempts: 0, locked_until: null, last_sign_in_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

// --- one-time codes ---------------------------------------------------------------------------

export interface OtpRow {
  id: string;
  citizen_id: string | null;
  channel: ChannelKind;
  destination: string;
  code_hash: string;
  created_at: Date;
  expires_at: Date;
  attempts: number;
  used_at: Date | null;
}

const OTP_COLUMNS = [
  'id',
  'citizen_id',
  'channel',
  'destination',
  'code_hash',
  'created_at',
  'expires_at',
  'attempts',
  'used_at',
] as const;

/** Codes issued for this NIK hash since `since` (the database-wide per-NIK limit). */
export async function countOtpsSinceInTx(trx: Trx, options: { nikHmac: string; since: Date }): Promise<number> {
  const row = await trx
    .selectFrom('citizen_otp')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('nik_hmac', '=', options.nikHmac)
    .where('created_at', '>=', options.since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOtpInTx(
  trx: Trx,
  otp: {
    id: string;
    nik_hmac: string;
    citizen_id: string | null;
    channel: ChannelKind;
    destination: string;
    code_hash: string;
    created_at: Date;
    expires_at: Date;
    ip: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('citizen_otp')
    .values({ ...otp, purpose: 'sign_in' })
    .execute();
}

/** The newest code of this NIK hash, locked until the transaction ends (one check at a time). */
export function findLatestOtpForUpdateInTx(trx: Trx, nikHmac: string): Promise<OtpRow | undefined> {
  return trx
    .selectFrom('citizen_otp')
    .select(OTP_COLUMNS)
    .where('nik_hmac', '=', nikHmac)
    .where('purpose', '=', 'sign_in')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

/** Counts one wrong try; returns the new count. */
export async function recordOtpAttemptInTx(trx: Trx, id: string): Promise<number> {
  const row = await trx
    .updateTable('citizen_otp')
    .set((eb) => ({ attempts: eb(eb.ref('attempts'), '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

/** Marks the code used; false when it already was (a concurrent use won). */
export async function markOtpUsedInTx(trx: Trx, id: string): Promise<boolean> {
  const result = await trx
    .updateTable('citizen_otp')
    .set({ used_at: new Date() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Links the NIK's earlier codes to the account created for it (they belong to the citizen's data). */
export async function linkOtpsToCitizenInTx(trx: Trx, options: { nikHmac: string; citizenId: string }): Promise<void> {
  await trx
    .updateTable('citizen_otp')
    .set({ citizen_id: options.citizenId })
    .where('nik_hmac', '=', options.nikHmac)
    .where('citizen_id', 'is', null)
    .execute();
}

export function listOtpsOfCitizenInTx(trx: Trx, citizenId: string): Promise<OtpRow[]> {
  return trx
    .selectFrom('citizen_otp')
    .select(OTP_COLUMNS)
    .where('citizen_id', '=', citizenId)
    .orderBy('created_at')
    .limit(1000)
    .execute();
}

// --- sessions ---------------------------------------------------------------------------------

export interface CitizenSessionRow {
  id: string;
  citizen_id: string;
  method: 'otp' | 'password' | 'oidc';
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

const SESSION_COLUMNS = [
  'id',
  'citizen_id',
  'method',
  'created_at',
  'last_seen_at',
  'expires_at',
  'revoked_at',
  'ip',
  'user_agent',
] as const;

export function insertCitizenSessionInTx(
  trx: Trx,
  session: {
    citizen_id: string;
    token_hash: string;
    method: 'otp' | 'password';
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  },
): Promise<CitizenSessionRow> {
  return trx.insertInto('citizen_session').values(session).returning(SESSION_COLUMNS).executeTakeFirstOrThrow();
}

/**
 * The session a token hash names, in one statement outside any transaction:
 * `layan_citizen_session()` (migration 20261122180000_round_trips.sql) reads what the session
 * read policy lets the token's holder read. Every signed-in request asks this first.
 */
export async function findCitizenSessionByTokenHash(db: Kysely<DB>, tokenHash: string): Promise<CitizenSessionRow | undefined> {
  const result = await sql<CitizenSessionRow>`SELECT ${sql.join(SESSION_COLUMNS.map((c) => sql.ref(c)))}
                                               FROM layan_citizen_session(${tokenHash})`.execute(db);
  return result.rows[0];
}

export async function touchCitizenSessionInTx(trx: Trx, id: string): Promise<void> {
  await trx.updateTable('citizen_session').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
}

/** Revokes one open session of the citizen; false when there is none with that id. */
export async function revokeCitizenSessionInTx(trx: Trx, options: { id: string; citizenId: string }): Promise<boolean> {
  const result = await trx
    .updateTable('citizen_session')
    .set({ revoked_at: new Date() })
    .where('id', '=', options.id)
    .where('citizen_id', '=', options.citizenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every open session of the citizen except `keepId`; returns how many. */
export async function revokeOtherCitizenSessionsInTx(trx: Trx, options: { citizenId: string; keepId: string }): Promise<number> {
  const result = await trx
    .updateTable('citizen_session')
    .set({ revoked_at: new Date() })
    .where('citizen_id', '=', options.citizenId)
    .where('id', '<>', options.keepId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listCitizenSessionsInTx(trx: Trx, citizenId: string): Promise<CitizenSessionRow[]> {
  return trx
    .selectFrom('citizen_session')
    .select(SESSION_COLUMNS)
    .where('citizen_id', '=', citizenId)
    .orderBy('created_at')
    .limit(1000)
    .execute();
}
