import type { Kysely, Transaction } from 'kysely';
import { NATIONAL, withScope, type Scope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { actingRole, authorize, nodeCovers, scopeOfGrants, type Grant, type Principal } from './identity.authorize.ts';
import type { AuthConfig } from './identity.config.ts';
import { generatePassword, hashPassword } from './identity.password.ts';
import * as repo from './identity.repo.ts';
import { tenantOfRegion, toGrants, type RequestContext } from './identity.service.ts';

export interface StaffView {
  id: string;
  email: string;
  name: string;
  regionCode: string | null;
  totpEnabled: boolean;
  locked: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
  grants: Array<Grant & { id: string }>;
}

function toView(account: repo.AccountRow, grants: repo.GrantRow[]): StaffView {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    regionCode: account.region_code,
    totpEnabled: !!account.totp_secret,
    locked: !!account.locked_until && account.locked_until > new Date(),
    disabled: !!account.disabled_at,
    lastSignInAt: account.last_sign_in_at?.toISOString() ?? null,
    createdAt: account.created_at.toISOString(),
    grants: grants.filter((g) => g.staff_id === account.id).map((g) => ({ id: g.id, ...toGrants([g])[0]! })),
  };
}

export interface CreateStaffInput {
  email: string;
  name: string;
  regionCode: string | null;
  password?: string;
  grants: Grant[];
}

export interface CreateStaffOptions {
  db: Kysely<DB>;
  config: AuthConfig;
  /** null only for the bootstrap (`layan create-admin`), which no one signs in to run. */
  principal: Principal | null;
  input: CreateStaffInput;
  context: RequestContext;
}

function invalid(detail: string): AppError {
  return new AppError('INVALID_GRANT', { detail });
}

/** Rules on a grant that do not depend on the database. */
function checkGrantShape(grant: Grant, home: string | null): void {
  if (grant.role === 'admin_nasional' && grant.regionCode !== null)
    throw invalid('admin_nasional is granted nationally (regionCode null)');
  if (grant.regionCode === null && grant.role !== 'admin_nasional' && grant.role !== 'pemantau') {
    throw invalid(`${grant.role} needs a regionCode`);
  }
  if (!nodeCovers(home, grant.regionCode))
    throw invalid(`grant region ${grant.regionCode ?? 'national'} is outside the account's region`);
  if (grant.role === 'admin_instansi' && !grant.agencyId) throw invalid('admin_instansi needs an agencyId');
  if (grant.role === 'operator_desa' && (grant.regionCode?.length ?? 0) < 8)
    throw invalid('operator_desa is granted at a kecamatan or desa');
}

/** The rows for `grants` of `staffId`, checking that an agency/location named lies in the grant's tenant. */
async function grantRowsInTx(
  trx: Transaction<DB>,
  staffId: string,
  grants: Grant[],
  createdBy: string | null,
): Promise<repo.NewGrant[]> {
  const rows: repo.NewGrant[] = [];
  for (const grant of grants) {
    let tenantCode: string | null = null;
    if (grant.agencyId || grant.locationId) {
      tenantCode = grant.regionCode ? ((await repo.findTenantCoveringInTx(trx, grant.regionCode)) ?? null) : null;
      if (!tenantCode) throw invalid('an agency or location grant must lie in a registered tenant');
      if (grant.agencyId && !(await repo.agencyExistsInTx(trx, tenantCode, grant.agencyId)))
        throw new AppError('AGENCY_NOT_FOUND');
      if (grant.locationId && !(await repo.locationExistsInTx(trx, tenantCode, grant.locationId)))
        throw new AppError('LOCATION_NOT_FOUND');
    }
    rows.push({
      staff_id: staffId,
      role: grant.role,
      region_code: grant.regionCode,
      tenant_code: tenantCode,
      agency_id: grant.agencyId ?? null,
      location_id: grant.locationId ?? null,
      created_by: createdBy,
    });
  }
  return rows;
}

/**
 * Creates a staff account with its grants. The caller must be allowed `staff.create` at the
 * account's region, and only an admin nasional grants admin_nasional. Returns the account and,
 * when none was given, a generated password (shown once). Throws FORBIDDEN, INVALID_GRANT,
 * REGION_NOT_FOUND, AGENCY_NOT_FOUND, LOCATION_NOT_FOUND, STAFF_EMAIL_TAKEN.
 */
export async function createStaff(options: CreateStaffOptions): Promise<{ staff: StaffView; password?: string }> {
  const { db, config, principal, input, context } = options;
  let scopeGrants: Grant[] | undefined;
  if (principal !== null) {
    scopeGrants = authorize(principal, 'staff.create', { regionCode: input.regionCode });
    if (input.grants.some((g) => g.role === 'admin_nasional') && !scopeGrants.some((g) => g.role === 'admin_nasional')) {
      throw new AppError('FORBIDDEN');
    }
  }
  for (const grant of input.grants) checkGrantShape(grant, input.regionCode);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password, config);
  const scope: Scope = scopeGrants ? scopeOfGrants(scopeGrants, principal?.staffId) : { regions: NATIONAL };
  const email = input.email.trim().toLowerCase();

  try {
    const created = await withScope<StaffView>(db, scope, async (trx) => {
      for (const code of new Set([input.regionCode, ...input.grants.map((g) => g.regionCode)])) {
        if (code !== null && !(await repo.regionExistsInTx(trx, code))) throw new AppError('REGION_NOT_FOUND', { code });
      }
      const account = await repo.insertAccountInTx(trx, {
        email,
        name: input.name.trim(),
        region_code: input.regionCode,
        password_hash: passwordHash,
      });
      const rows = await grantRowsInTx(trx, account.id, input.grants, principal?.staffId ?? null);
      await repo.insertGrantsInTx(trx, rows);
      const grantRows = await repo.listGrantsInTx(trx, [account.id]);
      await appendAuditInTx(trx, {
        action: 'staff.create',
        actor: principal ? { type: 'staff', id: principal.staffId, role: actingRole(scopeGrants!) } : { type: 'system' },
        tenantCode: tenantOfRegion(input.regionCode),
        target: { type: 'staff_account', id: account.id },
        ip: context.ip,
        requestId: context.requestId,
        detail: {
          grants: rows.map((g) => ({
            role: g.role,
            regionCode: g.region_code,
            agencyId: g.agency_id,
            locationId: g.location_id,
          })),
        },
      });
      return toView(account, grantRows);
    });
    return { staff: created, ...(input.password ? {} : { password }) };
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new AppError('STAFF_EMAIL_TAKEN');
    throw error;
  }
}

/**
 * Staff accounts homed at or below `region` (default: everything the caller's admin grants reach).
 * Throws AUTH_REQUIRED, FORBIDDEN (region outside the caller's grants).
 */
export async function listStaff(db: Kysely<DB>, principal: Principal, region: string | undefined): Promise<StaffView[]> {
  const grants =
    region === undefined ? authorize(principal, 'staff.read') : authorize(principal, 'staff.read', { regionCode: region });
  const scope = scopeOfGrants(grants, principal?.staffId);
  // Layer one: the query names the regions. Layer two: RLS holds the same nodes.
  const regions = region !== undefined ? [region] : scope.regions === NATIONAL ? NATIONAL : [...scope.regions];
  return withScope(db, scope, async (trx) => {
    const accounts = await repo.listAccountsInTx(trx, { regions, limit: 500 });
    const grantRows = await repo.listGrantsInTx(
      trx,
      accounts.map((a) => a.id),
    );
    return accounts.map((a) => toView(a, grantRows));
  });
}

export interface GrantChangeOptions {
  db: Kysely<DB>;
  principal: Principal;
  staffId: string;
  context: RequestContext;
}

/**
 * The account `staffId` as the caller's `staff.grant` grants see it, and the grants allowing the
 * change at the account's home region. An account outside the caller's regions is STAFF_NOT_FOUND
 * (row-level security does not show it).
 */
async function accountForGrantChangeInTx(trx: Transaction<DB>, options: GrantChangeOptions, nodes: Scope['regions']) {
  const account = await repo.findAccountInTx(trx, options.staffId);
  if (!account) throw new AppError('STAFF_NOT_FOUND');
  // Layer one says the same as the row-level policy: the account is homed within the caller's nodes.
  if (nodes !== NATIONAL && !nodes.some((node) => nodeCovers(node, account.region_code))) throw new AppError('STAFF_NOT_FOUND');
  return account;
}

/**
 * Adds one role grant to an account homed in the caller's regions (`staff.grant`). The same rules
 * as at creation: the grant lies within the account's home region, an agency/location lies in
 * its tenant, and only an admin nasional grants admin_nasional. An identical grant already held
 * changes nothing. Throws AUTH_REQUIRED, FORBIDDEN, STAFF_NOT_FOUND, INVALID_GRANT,
 * REGION_NOT_FOUND, AGENCY_NOT_FOUND, LOCATION_NOT_FOUND.
 */
export async function addGrant(options: GrantChangeOptions & { grant: Grant }): Promise<StaffView> {
  const { principal, grant } = options;
  const grants = authorize(principal, 'staff.grant');
  const scope = scopeOfGrants(grants, principal!.staffId);
  return withScope(options.db, scope, async (trx) => {
    const account = await accountForGrantChangeInTx(trx, options, scope.regions);
    const allowed = authorize(principal, 'staff.grant', { regionCode: account.region_code });
    if (grant.role === 'admin_nasional' && !allowed.some((g) => g.role === 'admin_nasional')) throw new AppError('FORBIDDEN');
    checkGrantShape(grant, account.region_code);
    if (grant.regionCode !== null && !(await repo.regionExistsInTx(trx, grant.regionCode))) {
      throw new AppError('REGION_NOT_FOUND', { code: grant.regionCode });
    }
    const existing = await repo.listGrantsInTx(trx, [account.id]);
    const same = existing.find(
      (g) =>
        g.role === grant.role &&
        g.region_code === grant.regionCode &&
        g.agency_id === (grant.agencyId ?? null) &&
        g.location_id === (grant.locationId ?? null),
    );
    if (same) return toView(account, existing);
    const rows = await grantRowsInTx(trx, account.id, [grant], principal!.staffId);
    await repo.insertGrantsInTx(trx, rows);
    const after = await repo.listGrantsInTx(trx, [account.id]);
    await appendAuditInTx(trx, {
      action: 'staff.grant',
      actor: { type: 'staff', id: principal!.staffId, role: actingRole(allowed) },
      tenantCode: tenantOfRegion(account.region_code),
      target: { type: 'staff_account', id: account.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: {
        role: grant.role,
        regionCode: grant.regionCode,
        agencyId: grant.agencyId ?? null,
        locationId: grant.locationId ?? null,
      },
    });
    return toView(account, after);
  });
}

/**
 * Revokes one grant of an account homed in the caller's regions; the grant's own node must lie in
 * the caller's `staff.grant` grants too (and only an admin nasional revokes admin_nasional). Takes
 * effect at the account's next request (sessions read grants each time). Throws AUTH_REQUIRED,
 * FORBIDDEN, STAFF_NOT_FOUND, GRANT_NOT_FOUND.
 */
export async function revokeGrant(options: GrantChangeOptions & { grantId: string }): Promise<void> {
  const { principal } = options;
  const grants = authorize(principal, 'staff.grant');
  const scope = scopeOfGrants(grants, principal!.staffId);
  await withScope(options.db, scope, async (trx) => {
    const account = await accountForGrantChangeInTx(trx, options, scope.regions);
    authorize(principal, 'staff.grant', { regionCode: account.region_code });
    const grant = await repo.findGrantInTx(trx, { staffId: account.id, id: options.grantId });
    if (!grant) throw new AppError('GRANT_NOT_FOUND');
    const allowed = authorize(principal, 'staff.grant', { regionCode: grant.region_code });
    if (grant.role === 'admin_nasional' && !allowed.some((g) => g.role === 'admin_nasional')) throw new AppError('FORBIDDEN');
    if (!(await repo.deleteGrantInTx(trx, { staffId: account.id, id: grant.id }))) throw new AppError('GRANT_NOT_FOUND');
    await appendAuditInTx(trx, {
      action: 'staff.revoke',
      actor: { type: 'staff', id: principal!.staffId, role: actingRole(allowed) },
      tenantCode: tenantOfRegion(account.region_code),
      target: { type: 'staff_account', id: account.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: {
        grantId: grant.id,
        role: grant.role,
        regionCode: grant.region_code,
        agencyId: grant.agency_id,
        locationId: grant.location_id,
      },
    });
  });
}
