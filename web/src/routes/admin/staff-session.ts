import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import type { SendResult } from '$lib/server/staff-api';

// Shared by the admin pages (/admin, /admin/struktur, /admin/staf, /admin/warga).

export type Role =
  | 'admin_nasional'
  | 'admin_pemda'
  | 'admin_instansi'
  | 'supervisor'
  | 'petugas_loket'
  | 'petugas_back_office'
  | 'operator_desa'
  | 'pemantau';

export const ROLES: readonly Role[] = [
  'admin_nasional',
  'admin_pemda',
  'admin_instansi',
  'supervisor',
  'petugas_loket',
  'petugas_back_office',
  'operator_desa',
  'pemantau',
];

export interface Grant {
  role: Role;
  regionCode: string | null;
  agencyId?: string;
  locationId?: string;
}

export interface StaffSession {
  staff: { id: string; name: string; regionCode: string | null };
  grants: Grant[];
  session: { id: string };
}

/**
 * Which pages a grant opens. These mirror `ACTIONS` in server/src/modules/identity/identity.authorize.ts
 * only to decide what to *offer*; the API decides what is allowed and refuses the rest.
 */
export const OFFERS = {
  structureRead: ['admin_nasional', 'admin_pemda', 'admin_instansi', 'supervisor', 'pemantau'],
  structureWrite: ['admin_nasional', 'admin_pemda', 'admin_instansi'],
  staffAdmin: ['admin_nasional', 'admin_pemda'],
  citizenRead: [
    'admin_nasional',
    'admin_pemda',
    'admin_instansi',
    'supervisor',
    'petugas_loket',
    'petugas_back_office',
    'operator_desa',
  ],
} as const satisfies Record<string, readonly Role[]>;

export function holds(session: StaffSession, offer: keyof typeof OFFERS): boolean {
  return session.grants.some((g) => (OFFERS[offer] as readonly Role[]).includes(g.role));
}

/** To the staff sign-in page, coming back here afterwards. */
export function toSignIn(event: RequestEvent): never {
  redirect(303, `/petugas/masuk?kembali=${encodeURIComponent(event.url.pathname + event.url.search)}`);
}

/** The signed-in staff member, or a redirect to the sign-in page. Admin pages are never cached. */
export async function requireStaff(event: RequestEvent): Promise<StaffSession> {
  event.setHeaders({ 'cache-control': 'no-store' });
  const session = await apiGet<StaffSession>(event, '/api/v1/auth/session');
  if (!session.ok) {
    if (session.error.status === 401) toSignIn(event);
    error(session.error.status, { message: session.error.message, code: session.error.code });
  }
  return session.data;
}

/** A failed API read as the page's error: 404 and 403 keep their status and the API's message. */
export function failPage(result: { error: { status: number; code: string; message: string } }, event: RequestEvent): never {
  if (result.error.status === 401) toSignIn(event);
  error(result.error.status, { message: result.error.message, code: result.error.code });
}

/** One field's error, shown next to the field and in the summary at the top of the page. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failed API call as field errors: a schema violation names its field (the first segment of its
 * JSON path); other codes map through `byCode`; the rest go to `fallback`. The message is the API's,
 * already in the visitor's language.
 */
export function fieldErrorsOf(
  result: Extract<SendResult<unknown>, { ok: false }>,
  fallback: string,
  byCode: Record<string, string> = {},
): FieldError[] {
  const { code, message, details } = result.error;
  let field = byCode[code] ?? fallback;
  if (code === 'VALIDATION_FAILED' && Array.isArray(details) && details[0]) {
    const first = details[0] as { path?: string; instancePath?: string };
    const segment = String(first.path ?? first.instancePath ?? '')
      .replace(/^\//, '')
      .split('/')[0];
    if (segment) field = segment;
  }
  return [{ field, message }];
}

/** True when a grant at `node` reaches `code` (null node: all of Indonesia). */
export function covers(node: string | null, code: string): boolean {
  return node === null || code === node || code.startsWith(`${node}.`);
}

/** Prefixes each error's field with the form it belongs to (ids are unique across a page's forms). */
export function inForm(prefix: string, errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, field: `${prefix}-${e.field}` }));
}
