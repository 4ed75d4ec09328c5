import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** Every region (admin nasional, national monitors). */
export const NATIONAL = '*';

const NODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/**
 * What a unit of work may reach, as row-level security sees it (docs/ACCESS.md):
 * - `regions`: the grant nodes (dotted region codes) or `'*'`; `[]` reaches no region;
 * - `actorId`: the signed-in staff member, who always sees their own account, grants, sessions;
 * - `authEmail` / `authTokenHash`: only while authenticating, the one account or session the
 *   presented credential names.
 * - `citizenId`: the signed-in citizen, who sees only their own rows (docs/CITIZENS.md);
 *   `authNikHash`: while a citizen authenticates, the keyed hash of the NIK presented.
 */
export interface Scope {
  regions: readonly string[] | typeof NATIONAL;
  actorId?: string;
  authEmail?: string;
  authTokenHash?: string;
  citizenId?: string;
  authNikHash?: string;
}

/** The `layan.region_scope` text for `scope`; throws on a malformed node (a programming error). */
export function regionScopeSetting(scope: Scope): string {
  if (scope.regions === NATIONAL) return NATIONAL;
  for (const node of scope.regions) {
    if (!NODE_PATTERN.test(node)) throw new Error(`Scope node "${node}" is not a region code`);
  }
  return scope.regions.join(',');
}

/**
 * Runs `work` in one transaction as the role `layan_app`, so row-level security applies even when
 * the connection's own user could bypass it, with `scope` in transaction-local settings. Every
 * query on a tenant or staff table goes through here; a query that forgets its WHERE still sees
 * only what the scope reaches.
 */
export async function withScope<T>(
  db: Kysely<DB>,
  scope: Scope | string,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const resolved: Scope =
    typeof scope === 'string' ? { regions: scope === NATIONAL ? NATIONAL : scope === '' ? [] : scope.split(',') } : scope;
  const regions = regionScopeSetting(resolved);
  return db.transaction().execute(async (trx) => {
    // One round trip; set_config('role', …, true) is SET LOCAL ROLE.
    await sql`SELECT set_config('role', 'layan_app', true),
                     set_config('layan.region_scope', ${regions}, true),
                     set_config('layan.actor_id', ${resolved.actorId ?? ''}, true),
                     set_config('layan.auth_email', ${resolved.authEmail ?? ''}, true),
                     set_config('layan.auth_token', ${resolved.authTokenHash ?? ''}, true),
                     set_config('layan.citizen_id', ${resolved.citizenId ?? ''}, true),
                     set_config('layan.auth_nik', ${resolved.authNikHash ?? ''}, true)`.execute(trx);
    return work(trx);
  });
}

/** Names the citizen from here to the end of the transaction (after sign-up or sign-in checks). */
export async function setCitizenInTx(trx: Transaction<DB>, citizenId: string): Promise<void> {
  await sql`SELECT set_config('layan.citizen_id', ${citizenId}, true)`.execute(trx);
}

/** Names the acting staff member from here to the end of the transaction (after sign-in checks). */
export async function setActorInTx(trx: Transaction<DB>, actorId: string): Promise<void> {
  await sql`SELECT set_config('layan.actor_id', ${actorId}, true)`.execute(trx);
}
