import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// Every function here runs inside withScope (server/src/db/scope.ts). oidc_login rows are visible
// only with their state hash as `authTokenHash` (migration 20261122130000_sso.sql).

type Trx = Transaction<DB>;

export interface OidcLoginRow {
  state_hash: string;
  provider: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  expires_at: Date;
}

export async function insertLoginInTx(trx: Trx, row: OidcLoginRow): Promise<void> {
  await trx.insertInto('oidc_login').values(row).execute();
}

/** Deletes and returns the sign-in named by `stateHash` (single use: a second call finds nothing). */
export function takeLoginInTx(trx: Trx, stateHash: string): Promise<OidcLoginRow | undefined> {
  return trx
    .deleteFrom('oidc_login')
    .where('state_hash', '=', stateHash)
    .returning(['state_hash', 'provider', 'code_verifier', 'nonce', 'return_to', 'expires_at'])
    .executeTakeFirst();
}

/** Removes sign-ins that were never finished. */
export async function sweepExpiredInTx(trx: Trx, now: Date): Promise<void> {
  await trx.deleteFrom('oidc_login').where('expires_at', '<', now).execute();
}

/** A citizen session opened through a provider (the citizen repo's insert knows only otp/password). */
export function insertOidcCitizenSessionInTx(
  trx: Trx,
  session: { citizen_id: string; token_hash: string; expires_at: Date; ip: string | null; user_agent: string | null },
) {
  return trx
    .insertInto('citizen_session')
    .values({ ...session, method: 'oidc' })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}
