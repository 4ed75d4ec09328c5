import type { AgencyKind } from '@layan/domain';
import type { Transaction } from 'kysely';
import type { DB, OpeningHours } from '../../db/schema.ts';

// Runs inside withScope (server/src/db/scope.ts). Every query names its tenant; row-level
// security additionally refuses writes outside the scope's tenants.

export interface AgencyRow {
  tenant_code: string;
  id: string;
  slug: string;
  name: string;
  short_name: string | null;
  kind: AgencyKind;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}
const AGENCY_COLUMNS = ['tenant_code', 'id', 'slug', 'name', 'short_name', 'kind', 'active', 'created_at', 'updated_at'] as const;

export interface LocationRow {
  tenant_code: string;
  id: string;
  slug: string;
  name: string;
  kind: 'mpp' | 'kantor_kecamatan' | 'kantor_desa' | 'kantor_instansi';
  region_code: string;
  address: string;
  opening_hours: OpeningHours[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
}
const LOCATION_COLUMNS = [
  'tenant_code',
  'id',
  'slug',
  'name',
  'kind',
  'region_code',
  'address',
  'opening_hours',
  'active',
  'created_at',
  'updated_at',
] as const;

export interface CounterRow {
  tenant_code: string;
  id: string;
  location_id: string;
  agency_id: string | null;
  code: string;
  name: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}
const COUNTER_COLUMNS = [
  'tenant_code',
  'id',
  'location_id',
  'agency_id',
  'code',
  'name',
  'active',
  'created_at',
  'updated_at',
] as const;

export function findTenantInTx(trx: Transaction<DB>, code: string) {
  return trx.selectFrom('tenant').select(['region_code', 'name', 'demo']).where('region_code', '=', code).executeTakeFirst();
}

export async function insertTenantInTx(trx: Transaction<DB>, tenant: { region_code: string; name: string }): Promise<void> {
  await trx.insertInto('tenant').values(tenant).execute();
}

export function findRegionInTx(trx: Transaction<DB>, code: string) {
  return trx.selectFrom('region').select(['code', 'level', 'name']).where('code', '=', code).executeTakeFirst();
}

/** Agencies of the tenants listed, by name; inactive ones only when asked. */
export function listAgenciesInTx(
  trx: Transaction<DB>,
  options: { tenants: string[]; includeInactive: boolean },
): Promise<AgencyRow[]> {
  if (options.tenants.length === 0) return Promise.resolve([]);
  let query = trx.selectFrom('agency').select(AGENCY_COLUMNS).where('tenant_code', 'in', options.tenants);
  if (!options.includeInactive) query = query.where('active', '=', true);
  return query.orderBy('tenant_code').orderBy('name').orderBy('id').limit(1000).execute();
}

export function findAgencyInTx(trx: Transaction<DB>, tenantCode: string, id: string): Promise<AgencyRow | undefined> {
  return trx
    .selectFrom('agency')
    .select(AGENCY_COLUMNS)
    .where('tenant_code', '=', tenantCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertAgencyInTx(
  trx: Transaction<DB>,
  agency: { tenant_code: string; slug: string; name: string; short_name: string | null; kind: AgencyRow['kind'] },
): Promise<AgencyRow> {
  return trx.insertInto('agency').values(agency).returning(AGENCY_COLUMNS).executeTakeFirstOrThrow();
}

export function updateAgencyInTx(
  trx: Transaction<DB>,
  options: { tenantCode: string; id: string; changes: Partial<Pick<AgencyRow, 'name' | 'short_name' | 'kind' | 'active'>> },
): Promise<AgencyRow | undefined> {
  return trx
    .updateTable('agency')
    .set({ ...options.changes, updated_at: new Date() })
    .where('tenant_code', '=', options.tenantCode)
    .where('id', '=', options.id)
    .returning(AGENCY_COLUMNS)
    .executeTakeFirst();
}

/** Locations of `tenants` (admin) or those standing at or below `region` (public), by name. */
export function listLocationsInTx(
  trx: Transaction<DB>,
  options: { tenants?: string[]; region?: string; includeInactive: boolean },
): Promise<LocationRow[]> {
  let query = trx.selectFrom('location').select(LOCATION_COLUMNS);
  if (options.tenants) {
    if (options.tenants.length === 0) return Promise.resolve([]);
    query = query.where('tenant_code', 'in', options.tenants);
  }
  const region = options.region;
  if (region !== undefined) {
    query = query.where((eb) => eb.or([eb('region_code', '=', region), eb('region_code', 'like', `${region}.%`)]));
  }
  if (!options.includeInactive) query = query.where('active', '=', true);
  return query.orderBy('tenant_code').orderBy('name').orderBy('id').limit(1000).execute();
}

export function findLocationInTx(trx: Transaction<DB>, tenantCode: string, id: string): Promise<LocationRow | undefined> {
  return trx
    .selectFrom('location')
    .select(LOCATION_COLUMNS)
    .where('tenant_code', '=', tenantCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertLocationInTx(
  trx: Transaction<DB>,
  location: Omit<LocationRow, 'id' | 'active' | 'created_at' | 'updated_at'>,
): Promise<LocationRow> {
  return trx
    .insertInto('location')
    .values({ ...location, opening_hours: JSON.stringify(location.opening_hours) })
    .returning(LOCATION_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function updateLocationInTx(
  trx: Transaction<DB>,
  options: {
    tenantCode: string;
    id: string;
    changes: Partial<Pick<LocationRow, 'name' | 'address' | 'opening_hours' | 'active'>>;
  },
): Promise<LocationRow | undefined> {
  const { opening_hours: hours, ...rest } = options.changes;
  return trx
    .updateTable('location')
    .set({ ...rest, ...(hours ? { opening_hours: JSON.stringify(hours) } : {}), updated_at: new Date() })
    .where('tenant_code', '=', options.tenantCode)
    .where('id', '=', options.id)
    .returning(LOCATION_COLUMNS)
    .executeTakeFirst();
}

export function listCountersInTx(trx: Transaction<DB>, tenantCode: string): Promise<CounterRow[]> {
  return trx
    .selectFrom('counter')
    .select(COUNTER_COLUMNS)
    .where('tenant_code', '=', tenantCode)
    .orderBy('location_id')
    .orderBy('code')
    .limit(2000)
    .execute();
}

export function findCounterInTx(trx: Transaction<DB>, tenantCode: string, id: string): Promise<CounterRow | undefined> {
  return trx
    .selectFrom('counter')
    .select(COUNTER_COLUMNS)
    .where('tenant_code', '=', tenantCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertCounterInTx(
  trx: Transaction<DB>,
  counter: { tenant_code: string; location_id: string; agency_id: string | null; code: string; name: string },
): Promise<CounterRow> {
  return trx.insertInto('counter').values(counter).returning(COUNTER_COLUMNS).executeTakeFirstOrThrow();
}

export function updateCounterInTx(
  trx: Transaction<DB>,
  options: { tenantCode: string; id: string; changes: Partial<Pick<CounterRow, 'name' | 'agency_id' | 'active'>> },
): Promise<CounterRow | undefined> {
  return trx
    .updateTable('counter')
    .set({ ...options.changes, updated_at: new Date() })
    .where('tenant_code', '=', options.tenantCode)
    .where('id', '=', options.id)
    .returning(COUNTER_COLUMNS)
    .executeTakeFirst();
}

/** Tenants whose code is `region`, an ancestor of it, or below it (region = a province). */
export async function listTenantsAroundInTx(trx: Transaction<DB>, region: string): Promise<string[]> {
  const ancestors = [region, region.slice(0, 5), region.slice(0, 2)];
  const rows = await trx
    .selectFrom('tenant')
    .select('region_code')
    .where((eb) => eb.or([eb('region_code', 'in', ancestors), eb('region_code', 'like', `${region}.%`)]))
    .execute();
  return rows.map((r) => r.region_code);
}
