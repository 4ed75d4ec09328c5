import type { Kysely } from 'kysely';
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
  grants: Grant[];
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
    grants: toGrants(grants.filter((g) => g.staff_id === account.id)),
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
      const rows: repo.NewGrant[] = [];
      for (const grant of input.grants) {
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
          staff_id: account.id,
          role: grant.role,
          region_code: grant.regionCode,
          tenant_code: tenantCode,
          agency_id: grant.agencyId ?? null,
          location_id: grant.locationId ?? null,
          created_by: principal?.staffId ?? null,
        });
      }
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
