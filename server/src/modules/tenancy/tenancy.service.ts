import type { Kysely, Transaction } from 'kysely';
import { withScope } from '../../db/scope.ts';
import type { DB, OpeningHours } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import {
  actingRole,
  authorize,
  isAllowed,
  scopeOfGrants,
  type Action,
  type Grant,
  type Principal,
  type Resource,
} from '../identity/identity.authorize.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import * as repo from './tenancy.repo.ts';

/** The caller and where the request came from, for every write. */
export interface Caller {
  principal: Principal;
  context: RequestContext;
}

function agencyView(row: repo.AgencyRow) {
  return {
    id: row.id,
    tenantCode: row.tenant_code,
    slug: row.slug,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function locationView(row: repo.LocationRow) {
  return {
    id: row.id,
    tenantCode: row.tenant_code,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    regionCode: row.region_code,
    address: row.address,
    openingHours: row.opening_hours,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function counterView(row: repo.CounterRow) {
  return {
    id: row.id,
    tenantCode: row.tenant_code,
    locationId: row.location_id,
    agencyId: row.agency_id,
    code: row.code,
    name: row.name,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function rethrowDuplicate(error: unknown, slug: string): never {
  if ((error as { code?: string }).code === '23505') throw new AppError('SLUG_TAKEN', { slug });
  throw error;
}

interface TenantWork<T> {
  db: Kysely<DB>;
  caller: Caller;
  action: Action;
  tenant: string;
  /** Narrows the check to one agency/location (admin instansi); omitted: the tenant as a whole. */
  resource?: Omit<Resource, 'regionCode'>;
  work: (trx: Transaction<DB>, grants: Grant[]) => Promise<T>;
}

/** Authorizes `action` in `tenant`, then runs `work` scoped to the grants that allow it. Throws AUTH_REQUIRED, FORBIDDEN, TENANT_NOT_FOUND. */
async function inTenant<T>(options: TenantWork<T>): Promise<T> {
  const grants = authorize(options.caller.principal, options.action, { regionCode: options.tenant, ...options.resource });
  return withScope(options.db, scopeOfGrants(grants, options.caller.principal?.staffId), async (trx) => {
    if (!(await repo.findTenantInTx(trx, options.tenant))) throw new AppError('TENANT_NOT_FOUND', { code: options.tenant });
    return options.work(trx, grants);
  });
}

async function audit(
  trx: Transaction<DB>,
  caller: Caller,
  grants: Grant[],
  entry: { action: string; tenant: string; target: { type: string; id: string }; detail?: Record<string, unknown> },
) {
  await appendAuditInTx(trx, {
    action: entry.action,
    actor: { type: 'staff', id: caller.principal?.staffId ?? null, role: actingRole(grants) },
    tenantCode: entry.tenant,
    target: entry.target,
    ip: caller.context.ip,
    requestId: caller.context.requestId,
    detail: entry.detail,
  });
}

/** Registers a Pemda (province or kab/kota) as a tenant. Admin nasional only. Throws REGION_NOT_FOUND, INVALID_GRANT-free: VALIDATION_FAILED for a kecamatan/desa, TENANT_EXISTS. */
export async function createTenant(db: Kysely<DB>, caller: Caller, input: { regionCode: string; name: string }) {
  const grants = authorize(caller.principal, 'tenant.create');
  return withScope(db, scopeOfGrants(grants, caller.principal?.staffId), async (trx) => {
    const region = await repo.findRegionInTx(trx, input.regionCode);
    if (!region) throw new AppError('REGION_NOT_FOUND', { code: input.regionCode });
    if (region.level !== 'provinsi' && region.level !== 'kabupaten_kota') {
      throw new AppError('VALIDATION_FAILED', { detail: 'a tenant is a province or a kabupaten/kota' });
    }
    if (await repo.findTenantInTx(trx, input.regionCode)) throw new AppError('TENANT_EXISTS', { code: input.regionCode });
    await repo.insertTenantInTx(trx, { region_code: input.regionCode, name: input.name });
    await audit(trx, caller, grants, {
      action: 'tenant.create',
      tenant: input.regionCode,
      target: { type: 'tenant', id: input.regionCode },
    });
    return { regionCode: input.regionCode, name: input.name, regionName: region.name };
  });
}

// ---- agencies ----

/** A tenant's agencies, inactive ones included (administration). */
export function listTenantAgencies(db: Kysely<DB>, caller: Caller, tenant: string) {
  return inTenant({
    db,
    caller,
    action: 'structure.read',
    tenant,
    work: async (trx) => (await repo.listAgenciesInTx(trx, { tenants: [tenant], includeInactive: true })).map(agencyView),
  });
}

export interface AgencyInput {
  slug: string;
  name: string;
  shortName?: string;
  kind: repo.AgencyRow['kind'];
}

/** Adds an agency to a tenant. Throws FORBIDDEN, TENANT_NOT_FOUND, SLUG_TAKEN. */
export async function createAgency(db: Kysely<DB>, caller: Caller, tenant: string, input: AgencyInput) {
  return inTenant({
    db,
    caller,
    action: 'structure.write',
    tenant,
    resource: { agencyId: null },
    work: async (trx, grants) => {
      const row = await repo
        .insertAgencyInTx(trx, {
          tenant_code: tenant,
          slug: input.slug,
          name: input.name,
          short_name: input.shortName ?? null,
          kind: input.kind,
        })
        .catch((error) => rethrowDuplicate(error, input.slug));
      await audit(trx, caller, grants, {
        action: 'agency.create',
        tenant,
        target: { type: 'agency', id: row.id },
        detail: { slug: row.slug },
      });
      return agencyView(row);
    },
  });
}

export interface AgencyChanges {
  name?: string;
  shortName?: string | null;
  kind?: repo.AgencyRow['kind'];
  active?: boolean;
}

/** Changes an agency (an admin instansi only their own). Throws FORBIDDEN, TENANT_NOT_FOUND, AGENCY_NOT_FOUND. */
export async function updateAgency(db: Kysely<DB>, caller: Caller, tenant: string, id: string, changes: AgencyChanges) {
  return inTenant({
    db,
    caller,
    action: 'structure.write',
    tenant,
    resource: { agencyId: id },
    work: async (trx, grants) => {
      const row = await repo.updateAgencyInTx(trx, {
        tenantCode: tenant,
        id,
        changes: {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.shortName !== undefined ? { short_name: changes.shortName } : {}),
          ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
          ...(changes.active !== undefined ? { active: changes.active } : {}),
        },
      });
      if (!row) throw new AppError('AGENCY_NOT_FOUND');
      await audit(trx, caller, grants, {
        action: 'agency.update',
        tenant,
        target: { type: 'agency', id },
        detail: { fields: Object.keys(changes) },
      });
      return agencyView(row);
    },
  });
}

// ---- locations ----

export function listTenantLocations(db: Kysely<DB>, caller: Caller, tenant: string) {
  return inTenant({
    db,
    caller,
    action: 'structure.read',
    tenant,
    work: async (trx) => (await repo.listLocationsInTx(trx, { tenants: [tenant], includeInactive: true })).map(locationView),
  });
}

export interface LocationInput {
  slug: string;
  name: string;
  kind: repo.LocationRow['kind'];
  regionCode: string;
  address: string;
  openingHours?: OpeningHours[];
}

/** Adds a location. Throws FORBIDDEN, TENANT_NOT_FOUND, REGION_NOT_FOUND, REGION_OUTSIDE_TENANT, SLUG_TAKEN. */
export async function createLocation(db: Kysely<DB>, caller: Caller, tenant: string, input: LocationInput) {
  if (input.regionCode !== tenant && !input.regionCode.startsWith(`${tenant}.`)) {
    throw new AppError('REGION_OUTSIDE_TENANT', { code: input.regionCode, tenant });
  }
  return inTenant({
    db,
    caller,
    action: 'structure.write',
    tenant,
    resource: { agencyId: null, locationId: null },
    work: async (trx, grants) => {
      if (!(await repo.findRegionInTx(trx, input.regionCode))) throw new AppError('REGION_NOT_FOUND', { code: input.regionCode });
      const row = await repo
        .insertLocationInTx(trx, {
          tenant_code: tenant,
          slug: input.slug,
          name: input.name,
          kind: input.kind,
          region_code: input.regionCode,
          address: input.address,
          opening_hours: input.openingHours ?? [],
        })
        .catch((error) => rethrowDuplicate(error, input.slug));
      await audit(trx, caller, grants, {
        action: 'location.create',
        tenant,
        target: { type: 'location', id: row.id },
        detail: { slug: row.slug },
      });
      return locationView(row);
    },
  });
}

export interface LocationChanges {
  name?: string;
  address?: string;
  openingHours?: OpeningHours[];
  active?: boolean;
}

/** Changes a location. Throws FORBIDDEN, TENANT_NOT_FOUND, LOCATION_NOT_FOUND. */
export async function updateLocation(db: Kysely<DB>, caller: Caller, tenant: string, id: string, changes: LocationChanges) {
  return inTenant({
    db,
    caller,
    action: 'structure.write',
    tenant,
    resource: { agencyId: null, locationId: id },
    work: async (trx, grants) => {
      const row = await repo.updateLocationInTx(trx, {
        tenantCode: tenant,
        id,
        changes: {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.address !== undefined ? { address: changes.address } : {}),
          ...(changes.openingHours !== undefined ? { opening_hours: changes.openingHours } : {}),
          ...(changes.active !== undefined ? { active: changes.active } : {}),
        },
      });
      if (!row) throw new AppError('LOCATION_NOT_FOUND');
      await audit(trx, caller, grants, {
        action: 'location.update',
        tenant,
        target: { type: 'location', id },
        detail: { fields: Object.keys(changes) },
      });
      return locationView(row);
    },
  });
}

// ---- counters ----

export function listTenantCounters(db: Kysely<DB>, caller: Caller, tenant: string) {
  return inTenant({
    db,
    caller,
    action: 'structure.read',
    tenant,
    work: async (trx) => (await repo.listCountersInTx(trx, tenant)).map(counterView),
  });
}

export interface CounterInput {
  locationId: string;
  agencyId?: string | null;
  code: string;
  name: string;
}

/** Adds a counter at a location (an admin instansi only for their agency). Throws FORBIDDEN, TENANT_NOT_FOUND, LOCATION_NOT_FOUND, AGENCY_NOT_FOUND, SLUG_TAKEN. */
export async function createCounter(db: Kysely<DB>, caller: Caller, tenant: string, input: CounterInput) {
  return inTenant({
    db,
    caller,
    action: 'structure.write',
    tenant,
    resource: { agencyId: input.agencyId ?? null, locationId: input.locationId },
    work: async (trx, grants) => {
      if (!(await repo.findLocationInTx(trx, tenant, input.locationId))) throw new AppError('LOCATION_NOT_FOUND');
      if (input.agencyId && !(await repo.findAgencyInTx(trx, tenant, input.agencyId))) throw new AppError('AGENCY_NOT_FOUND');
      const row = await repo
        .insertCounterInTx(trx, {
          tenant_code: tenant,
          location_id: input.locationId,
          agency_id: input.agencyId ?? null,
          code: input.code,
          name: input.name,
        })
        .catch((error) => rethrowDuplicate(error, input.code));
      await audit(trx, caller, grants, {
        action: 'counter.create',
        tenant,
        target: { type: 'counter', id: row.id },
        detail: { code: row.code },
      });
      return counterView(row);
    },
  });
}

export interface CounterChanges {
  name?: string;
  agencyId?: string | null;
  active?: boolean;
}

/** Changes a counter; an admin instansi only one of their agency, and only to their agency. Throws FORBIDDEN, TENANT_NOT_FOUND, COUNTER_NOT_FOUND, AGENCY_NOT_FOUND. */
export async function updateCounter(db: Kysely<DB>, caller: Caller, tenant: string, id: string, changes: CounterChanges) {
  return inTenant({
    db,
    caller,
    action: 'structure.write',
    tenant,
    work: async (trx, grants) => {
      const current = await repo.findCounterInTx(trx, tenant, id);
      if (!current) throw new AppError('COUNTER_NOT_FOUND');
      const may = (agencyId: string | null) =>
        isAllowed(caller.principal, 'structure.write', { regionCode: tenant, agencyId, locationId: current.location_id });
      if (!may(current.agency_id) || (changes.agencyId !== undefined && !may(changes.agencyId))) throw new AppError('FORBIDDEN');
      if (changes.agencyId && !(await repo.findAgencyInTx(trx, tenant, changes.agencyId))) throw new AppError('AGENCY_NOT_FOUND');
      const row = await repo.updateCounterInTx(trx, {
        tenantCode: tenant,
        id,
        changes: {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.agencyId !== undefined ? { agency_id: changes.agencyId } : {}),
          ...(changes.active !== undefined ? { active: changes.active } : {}),
        },
      });
      if (!row) throw new AppError('COUNTER_NOT_FOUND');
      await audit(trx, caller, grants, {
        action: 'counter.update',
        tenant,
        target: { type: 'counter', id },
        detail: { fields: Object.keys(changes) },
      });
      return counterView(row);
    },
  });
}

// ---- public catalog reads ----

/** Active agencies of the tenants serving `region` (its kab/kota and province, or those below it). Public. */
export function listPublicAgencies(db: Kysely<DB>, region: string) {
  // Public data: an empty scope, which RLS lets read structure and nothing else.
  return withScope(db, { regions: [] }, async (trx) => {
    const tenants = await repo.listTenantsAroundInTx(trx, region);
    return (await repo.listAgenciesInTx(trx, { tenants, includeInactive: false })).map(agencyView);
  });
}

/** Active locations standing at or below `region`. Public. */
export function listPublicLocations(db: Kysely<DB>, region: string) {
  return withScope(db, { regions: [] }, async (trx) =>
    (await repo.listLocationsInTx(trx, { region, includeInactive: false })).map(locationView),
  );
}
