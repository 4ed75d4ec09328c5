import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface TenantRow {
  region_code: string;
  name: string;
  demo: boolean;
}

/** All tenants by region code. */
export async function listTenants(db: Kysely<DB>): Promise<TenantRow[]> {
  return db.selectFrom('tenant').select(['region_code', 'name', 'demo']).orderBy('region_code').execute();
}

/** Creates the tenant unless it exists; returns whether it was created. */
export async function insertTenantIfAbsent(
  db: Kysely<DB>,
  tenant: { region_code: string; name: string; demo: boolean },
): Promise<boolean> {
  const result = await db
    .insertInto('tenant')
    .values(tenant)
    .onConflict((oc) => oc.column('region_code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
