import { NATIONAL, type Scope } from '../../db/scope.ts';
import type { StaffRole } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export type { StaffRole };

export const STAFF_ROLES: readonly StaffRole[] = [
  'admin_nasional',
  'admin_pemda',
  'admin_instansi',
  'supervisor',
  'petugas_loket',
  'petugas_back_office',
  'operator_desa',
  'pemantau',
];

/** One role at one node of the region tree (null = all of Indonesia), maybe narrowed further. */
export interface Grant {
  role: StaffRole;
  regionCode: string | null;
  agencyId?: string;
  locationId?: string;
}

export interface StaffPrincipal {
  kind: 'staff';
  staffId: string;
  sessionId: string;
  name: string;
  /** The account's home region (null = national). */
  regionCode: string | null;
  grants: Grant[];
}

export type Principal = StaffPrincipal | undefined;

/** What a caller wants to do. Each action lists the roles that may, in docs/ACCESS.md too. */
export const ACTIONS = {
  'tenant.create': { roles: ['admin_nasional'], narrowed: false },
  'staff.read': { roles: ['admin_nasional', 'admin_pemda'], narrowed: false },
  'staff.create': { roles: ['admin_nasional', 'admin_pemda'], narrowed: false },
  'structure.read': { roles: ['admin_nasional', 'admin_pemda', 'admin_instansi', 'supervisor', 'pemantau'], narrowed: false },
  'structure.write': { roles: ['admin_nasional', 'admin_pemda', 'admin_instansi'], narrowed: true },
  'catalog.write': { roles: ['admin_nasional', 'admin_pemda', 'admin_instansi'], narrowed: true },
  // Citizens are national records (docs/CITIZENS.md), so only a national grant handles their requests.
  'data_request.handle': { roles: ['admin_nasional'], narrowed: false },
  // Dead letters name no citizen in full (recipients are masked), so the tenant's admins see theirs.
  'outbox.manage': { roles: ['admin_nasional', 'admin_pemda'], narrowed: false },
  // Output documents (docs/DOCUMENTS.md): withdrawing a letter and rotating a tenant's signing key.
  'document.revoke': { roles: ['admin_nasional', 'admin_pemda', 'supervisor'], narrowed: false },
  'document.key_rotate': { roles: ['admin_nasional', 'admin_pemda'], narrowed: false },
  // Complaints (docs/COMPLAINTS.md): the Pemda's admin koordinator verifies and disposes; the
  // agency's staff handle what was disposed to their agency.
  'complaint.coordinate': { roles: ['admin_nasional', 'admin_pemda'], narrowed: false },
  'complaint.handle': { roles: ['admin_instansi', 'petugas_back_office'], narrowed: true },
  // SKM (docs/SKM.md): rounds are managed by the Pemda or the agency; counter staff run the tablet
  // and type in paper questionnaires.
  'survey.manage': { roles: ['admin_nasional', 'admin_pemda', 'admin_instansi'], narrowed: true },
  'survey.enter': {
    roles: ['admin_nasional', 'admin_pemda', 'admin_instansi', 'supervisor', 'petugas_loket', 'petugas_back_office'],
    narrowed: true,
  },
  // Applications (docs/APPLICATIONS.md): work them, take them on a citizen's behalf, oversee them.
  'application.handle': { roles: ['petugas_loket', 'petugas_back_office', 'supervisor', 'admin_instansi'], narrowed: true },
  'application.assist': { roles: ['petugas_loket', 'operator_desa'], narrowed: true },
  'application.supervise': { roles: ['supervisor', 'admin_pemda', 'admin_instansi', 'pemantau'], narrowed: true },
  // Queues (docs/QUEUE.md): setting up a location's queues and counter skills; working a counter
  // (call, recall, transfer, serve, check in a booking); reading a location's queue statistics.
  'queue.manage': { roles: ['admin_nasional', 'admin_pemda', 'supervisor'], narrowed: true },
  'queue.operate': { roles: ['admin_nasional', 'admin_pemda', 'supervisor', 'petugas_loket'], narrowed: true },
  'queue.stats': { roles: ['admin_nasional', 'admin_pemda', 'admin_instansi', 'supervisor', 'pemantau'], narrowed: true },
  // Staff reading one citizen's record (audited); the row-level policy adds where the citizen came to them.
  'citizen.read': {
    roles: [
      'admin_nasional',
      'admin_pemda',
      'admin_instansi',
      'supervisor',
      'petugas_loket',
      'petugas_back_office',
      'operator_desa',
    ],
    narrowed: false,
  },
  'staff.grant': { roles: ['admin_nasional', 'admin_pemda'], narrowed: false },
} as const satisfies Record<string, { roles: readonly StaffRole[]; narrowed: boolean }>;

export type Action = keyof typeof ACTIONS;

/** Where the thing acted on lies: its region (null = national) and, for narrowed grants, its agency/location. */
export interface Resource {
  regionCode: string | null;
  agencyId?: string | null;
  locationId?: string | null;
}

/** True when a grant at `node` reaches `code`: the same node or one below it. */
export function nodeCovers(node: string | null, code: string | null): boolean {
  if (node === null) return true;
  if (code === null) return false;
  return code === node || code.startsWith(`${node}.`);
}

function grantAllows(grant: Grant, action: Action, resource: Resource | undefined): boolean {
  const rule = ACTIONS[action];
  if (!(rule.roles as readonly StaffRole[]).includes(grant.role)) return false;
  if (!resource) return true;
  if (!nodeCovers(grant.regionCode, resource.regionCode)) return false;
  // A grant narrowed to an agency/location allows only that one; a resource that leaves the
  // agency/location unsaid (undefined) is checked again by the service once it knows it.
  if (rule.narrowed) {
    if (grant.agencyId && resource.agencyId !== undefined && grant.agencyId !== resource.agencyId) return false;
    if (grant.locationId && resource.locationId !== undefined && grant.locationId !== resource.locationId) return false;
  }
  return true;
}

/** The caller as staff; throws AUTH_REQUIRED for the anonymous. */
export function requireStaff(principal: Principal): StaffPrincipal {
  if (!principal) throw new AppError('AUTH_REQUIRED');
  return principal;
}

/**
 * The one place that decides. Returns the caller's grants that allow `action` on `resource` (on
 * anything, when `resource` is omitted); throws AUTH_REQUIRED for the anonymous and FORBIDDEN when
 * no grant allows it.
 */
export function authorize(principal: Principal, action: Action, resource?: Resource): Grant[] {
  const staff = requireStaff(principal);
  const grants = staff.grants.filter((g) => grantAllows(g, action, resource));
  if (grants.length === 0) throw new AppError('FORBIDDEN');
  return grants;
}

/** True when `authorize` would succeed. */
export function isAllowed(principal: Principal, action: Action, resource?: Resource): boolean {
  return !!principal && principal.grants.some((g) => grantAllows(g, action, resource));
}

/** The row-level-security scope of a set of grants: their nodes, or national. */
export function scopeOfGrants(grants: Grant[], actorId?: string): Scope {
  if (grants.some((g) => g.regionCode === null)) return { regions: NATIONAL, actorId };
  return { regions: [...new Set(grants.map((g) => g.regionCode as string))], actorId };
}

/** The role recorded in the audit trail for an action allowed by `grants`. */
export function actingRole(grants: Grant[]): StaffRole {
  return grants[0]!.role;
}
