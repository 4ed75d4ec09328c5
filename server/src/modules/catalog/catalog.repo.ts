import { sql, type Transaction } from 'kysely';
import type { DB, ServiceVersionStatus } from '../../db/schema.ts';

// Runs inside withScope (server/src/db/scope.ts). Catalog rows are public to read (RLS `USING
// (true)`); writes are refused by RLS outside the scope's tenants.

export interface ServiceRow {
  tenant_code: string;
  id: string;
  slug: string;
  agency_id: string;
  template_code: string | null;
  sector: string | null;
  name: string;
  channels: string[];
  synonyms: string[];
  keywords: string[];
  locations: string[];
  current_version: number | null;
  active: boolean;
  agency_slug: string;
  agency_name: string;
  agency_short_name: string | null;
}

export interface VersionRow {
  tenant_code: string;
  service_id: string;
  version: number;
  status: ServiceVersionStatus;
  standard: unknown;
  form_definition: unknown;
  change_note: string;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  created_at: Date;
}

const VERSION_COLUMNS = [
  'tenant_code',
  'service_id',
  'version',
  'status',
  'standard',
  'form_definition',
  'change_note',
  'approved_by',
  'approved_by_name',
  'approved_at',
  'created_at',
] as const;

function servicesQuery(trx: Transaction<DB>) {
  return trx
    .selectFrom('service as s')
    .innerJoin('agency as a', (join) => join.onRef('a.tenant_code', '=', 's.tenant_code').onRef('a.id', '=', 's.agency_id'))
    .select([
      's.tenant_code',
      's.id',
      's.slug',
      's.agency_id',
      's.template_code',
      's.sector',
      's.name',
      's.channels',
      's.synonyms',
      's.keywords',
      's.locations',
      's.current_version',
      's.active',
      'a.slug as agency_slug',
      'a.name as agency_name',
      'a.short_name as agency_short_name',
    ]);
}

export function findTenantInTx(trx: Transaction<DB>, code: string) {
  return trx.selectFrom('tenant').select(['region_code', 'name']).where('region_code', '=', code).executeTakeFirst();
}

/** Tenants serving `region`: its own, its kab/kota's and province's, and (for a province) those below. */
export async function listTenantsForRegionInTx(trx: Transaction<DB>, region: string): Promise<string[]> {
  const ancestors = [...new Set([region, region.slice(0, 5), region.slice(0, 2)])];
  const rows = await trx
    .selectFrom('tenant')
    .select('region_code')
    .where((eb) => eb.or([eb('region_code', 'in', ancestors), eb('region_code', 'like', `${region}.%`)]))
    .orderBy('region_code')
    .execute();
  return rows.map((r) => r.region_code);
}

/** The catalog revision of each tenant listed (0 when none has been published yet). */
export async function listRevisionsInTx(trx: Transaction<DB>, tenants: string[]): Promise<Map<string, string>> {
  if (tenants.length === 0) return new Map();
  const rows = await trx
    .selectFrom('catalog_revision')
    .select(['tenant_code', 'revision'])
    .where('tenant_code', 'in', tenants)
    .execute();
  return new Map(rows.map((r) => [r.tenant_code, String(r.revision)]));
}

/** Marks the tenant's catalog as changed, for every process's cache. */
export async function bumpRevisionInTx(trx: Transaction<DB>, tenant: string): Promise<void> {
  await trx
    .insertInto('catalog_revision')
    .values({ tenant_code: tenant, revision: 1 })
    .onConflict((oc) =>
      oc
        .column('tenant_code')
        .doUpdateSet((eb) => ({ revision: eb('catalog_revision.revision', '+', 1), updated_at: new Date() })),
    )
    .execute();
}

/** Active services of a tenant that have a published version, with that version's standard. */
export function listPublishedServicesInTx(trx: Transaction<DB>, tenant: string) {
  return servicesQuery(trx)
    .innerJoin('service_version as v', (join) =>
      join
        .onRef('v.tenant_code', '=', 's.tenant_code')
        .onRef('v.service_id', '=', 's.id')
        .onRef('v.version', '=', 's.current_version'),
    )
    .select(['v.standard', 'v.approved_at'])
    .where('s.tenant_code', '=', tenant)
    .where('s.active', '=', true)
    .where('a.active', '=', true)
    .orderBy('a.name')
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(5000)
    .execute();
}

/** A tenant's service by id, whatever its state (for checking references): id, name, agency. */
export function findServiceRefInTx(trx: Transaction<DB>, tenantCode: string, id: string) {
  return trx
    .selectFrom('service')
    .select(['id', 'name', 'agency_id'])
    .where('tenant_code', '=', tenantCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A service of one of `tenants` by id or slug (first tenant in the list wins for a slug). */
export async function findServiceInTx(
  trx: Transaction<DB>,
  options: { tenants: string[]; id?: string; slug?: string },
): Promise<ServiceRow | undefined> {
  if (options.tenants.length === 0) return undefined;
  let query = servicesQuery(trx).where('s.tenant_code', 'in', options.tenants);
  if (options.id) query = query.where('s.id', '=', options.id);
  else if (options.slug) query = query.where('s.slug', '=', options.slug);
  else return undefined;
  const rows = await query.execute();
  return rows.sort((a, b) => options.tenants.indexOf(a.tenant_code) - options.tenants.indexOf(b.tenant_code))[0];
}

export function findVersionInTx(
  trx: Transaction<DB>,
  key: { tenantCode: string; serviceId: string; version: number },
): Promise<VersionRow | undefined> {
  return trx
    .selectFrom('service_version')
    .select(VERSION_COLUMNS)
    .where('tenant_code', '=', key.tenantCode)
    .where('service_id', '=', key.serviceId)
    .where('version', '=', key.version)
    .executeTakeFirst();
}

/** Versions of a service, newest first; drafts only when asked. */
export function listVersionsInTx(
  trx: Transaction<DB>,
  options: { tenantCode: string; serviceId: string; includeDrafts: boolean },
): Promise<VersionRow[]> {
  let query = trx
    .selectFrom('service_version')
    .select(VERSION_COLUMNS)
    .where('tenant_code', '=', options.tenantCode)
    .where('service_id', '=', options.serviceId);
  if (!options.includeDrafts) query = query.where('status', '<>', 'draft');
  return query.orderBy('version', 'desc').limit(500).execute();
}

/** The highest version number of a service (0 when it has none), locking the service row. */
export async function lockServiceForNewVersionInTx(trx: Transaction<DB>, tenantCode: string, serviceId: string): Promise<number> {
  await trx
    .selectFrom('service')
    .select('id')
    .where('tenant_code', '=', tenantCode)
    .where('id', '=', serviceId)
    .forUpdate()
    .execute();
  const row = await trx
    .selectFrom('service_version')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('tenant_code', '=', tenantCode)
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export async function insertVersionInTx(
  trx: Transaction<DB>,
  row: {
    tenant_code: string;
    service_id: string;
    version: number;
    status: ServiceVersionStatus;
    standard: unknown;
    form_definition: unknown;
    change_note: string;
    created_by: string | null;
    approved_by?: string | null;
    approved_by_name?: string | null;
    approved_at?: Date | null;
  },
): Promise<VersionRow> {
  return trx
    .insertInto('service_version')
    .values({
      ...row,
      standard: JSON.stringify(row.standard),
      form_definition:
        row.form_definition === undefined || row.form_definition === null ? null : JSON.stringify(row.form_definition),
    })
    .returning(VERSION_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Turns the published version of a service (if any) into a superseded one; returns its number. */
export async function supersedePublishedInTx(
  trx: Transaction<DB>,
  tenantCode: string,
  serviceId: string,
): Promise<number | undefined> {
  const row = await trx
    .updateTable('service_version')
    .set({ status: 'superseded' })
    .where('tenant_code', '=', tenantCode)
    .where('service_id', '=', serviceId)
    .where('status', '=', 'published')
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

export function publishVersionInTx(
  trx: Transaction<DB>,
  options: {
    tenantCode: string;
    serviceId: string;
    version: number;
    approvedBy: string | null;
    approvedByName: string;
    approvedAt: Date;
    standard: unknown;
  },
): Promise<VersionRow | undefined> {
  return trx
    .updateTable('service_version')
    .set({
      status: 'published',
      approved_by: options.approvedBy,
      approved_by_name: options.approvedByName,
      approved_at: options.approvedAt,
      standard: JSON.stringify(options.standard),
    })
    .where('tenant_code', '=', options.tenantCode)
    .where('service_id', '=', options.serviceId)
    .where('version', '=', options.version)
    .where('status', '=', 'draft')
    .returning(VERSION_COLUMNS)
    .executeTakeFirst();
}

export async function setCurrentVersionInTx(
  trx: Transaction<DB>,
  options: { tenantCode: string; serviceId: string; version: number; name: string; channels: string[] },
): Promise<void> {
  await trx
    .updateTable('service')
    .set({ current_version: options.version, name: options.name, channels: options.channels, updated_at: new Date() })
    .where('tenant_code', '=', options.tenantCode)
    .where('id', '=', options.serviceId)
    .execute();
}

/** The name of the staff member acting (their own account is always visible to them). */
export async function findStaffNameInTx(trx: Transaction<DB>, staffId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('staff_account').select('name').where('id', '=', staffId).executeTakeFirst();
  return row?.name;
}

/** Replaces parts of a draft version; undefined when it is not (or no longer) a draft. */
export function updateDraftInTx(
  trx: Transaction<DB>,
  options: {
    tenantCode: string;
    serviceId: string;
    version: number;
    standard: unknown;
    formDefinition: unknown;
    changeNote: string;
  },
): Promise<VersionRow | undefined> {
  return trx
    .updateTable('service_version')
    .set({
      standard: JSON.stringify(options.standard),
      form_definition:
        options.formDefinition === undefined || options.formDefinition === null ? null : JSON.stringify(options.formDefinition),
      change_note: options.changeNote,
    })
    .where('tenant_code', '=', options.tenantCode)
    .where('service_id', '=', options.serviceId)
    .where('version', '=', options.version)
    .where('status', '=', 'draft')
    .returning(VERSION_COLUMNS)
    .executeTakeFirst();
}

export interface AdminServiceRow extends ServiceRow {
  latest_version: number;
  latest_status: ServiceVersionStatus;
}

/** Services of the tenants the transaction's scope reaches whole (RLS `layan_scope_tenants()`), with their newest version. */
export function listScopeServicesInTx(trx: Transaction<DB>, options: { tenant?: string }): Promise<AdminServiceRow[]> {
  let query = servicesQuery(trx)
    .innerJoin('service_version as v', (join) =>
      join.onRef('v.tenant_code', '=', 's.tenant_code').onRef('v.service_id', '=', 's.id'),
    )
    .select(['v.version as latest_version', 'v.status as latest_status'])
    .where(sql<boolean>`s.tenant_code = ANY ((SELECT layan_scope_tenants())::text[])`)
    .where((eb) =>
      eb(
        'v.version',
        '=',
        eb
          .selectFrom('service_version as w')
          .select((w) => w.fn.max('w.version').as('m'))
          .whereRef('w.tenant_code', '=', 's.tenant_code')
          .whereRef('w.service_id', '=', 's.id'),
      ),
    );
  if (options.tenant) query = query.where('s.tenant_code', '=', options.tenant);
  return query.orderBy('s.tenant_code').orderBy('a.name').orderBy('s.name').limit(2000).execute();
}

// ---- seeding ----

export async function listAgencyIdsInTx(trx: Transaction<DB>, tenant: string): Promise<Map<string, string>> {
  const rows = await trx.selectFrom('agency').select(['slug', 'id']).where('tenant_code', '=', tenant).execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

export async function listServiceSlugsInTx(trx: Transaction<DB>, tenant: string): Promise<Set<string>> {
  const rows = await trx.selectFrom('service').select('slug').where('tenant_code', '=', tenant).execute();
  return new Set(rows.map((r) => r.slug));
}

export function insertServiceInTx(
  trx: Transaction<DB>,
  row: {
    tenant_code: string;
    slug: string;
    agency_id: string;
    template_code: string | null;
    sector: string | null;
    name: string;
    channels: string[];
    synonyms: string[];
    keywords: string[];
    locations: string[];
    current_version: number | null;
  },
) {
  return trx.insertInto('service').values(row).returning('id').executeTakeFirstOrThrow();
}
