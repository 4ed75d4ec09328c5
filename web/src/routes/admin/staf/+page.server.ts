import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatDateTime } from '@layan/domain';
import { t } from '$lib/i18n';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import { regionsByCode } from '../regions';
import {
  failPage,
  fieldErrorsOf,
  holds,
  inForm,
  requireStaff,
  ROLES,
  toSignIn,
  type FieldError,
  type Grant,
  type Role,
} from '../staff-session';
import type { Actions, PageServerLoad } from './$types';

interface StaffView {
  id: string;
  email: string;
  name: string;
  regionCode: string | null;
  totpEnabled: boolean;
  locked: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
  grants: Array<Grant & { id: string }>;
}

export const load: PageServerLoad = async (event) => {
  const me = await requireStaff(event);
  const region = event.url.searchParams.get('wilayah')?.trim() || undefined;
  const list = await apiGet<{ items: StaffView[] }>(
    event,
    `/api/v1/admin/staff${region ? `?region=${encodeURIComponent(region)}` : ''}`,
  );
  if (!list.ok) failPage(list, event);
  const tenant = region?.slice(0, 5) ?? me.staff.regionCode?.slice(0, 5);
  const [agencies, locations] = tenant
    ? await Promise.all([
        apiGet<{ items: Array<{ id: string; name: string }> }>(event, `/api/v1/agencies?region=${encodeURIComponent(tenant)}`),
        apiGet<{ items: Array<{ id: string; name: string }> }>(event, `/api/v1/locations?region=${encodeURIComponent(tenant)}`),
      ])
    : [undefined, undefined];
  const regions = await regionsByCode(
    event,
    list.data.items.flatMap((s) => [s.regionCode, ...s.grants.map((g) => g.regionCode)]),
  );
  const regionLabel = (code: string | null) => (code ? `${code} ${regions.get(code)?.name ?? ''}`.trim() : null);
  const agencyItems = agencies?.ok ? agencies.data.items.map((a) => ({ id: a.id, name: a.name })) : [];
  const locationItems = locations?.ok ? locations.data.items.map((l) => ({ id: l.id, name: l.name })) : [];
  const nameOf = (items: Array<{ id: string; name: string }>, id?: string) =>
    id ? (items.find((i) => i.id === id)?.name ?? id) : null;
  // Only admin nasional grants admin_nasional; the API refuses it to anyone else anyway.
  const national = me.grants.some((g) => g.role === 'admin_nasional');
  return {
    region: region ?? null,
    home: me.staff.regionCode,
    canManage: holds(me, 'staffAdmin'),
    roles: ROLES.filter((r) => national || r !== 'admin_nasional'),
    agencies: agencyItems,
    locations: locationItems,
    staff: list.data.items.map((s) => ({
      id: s.id,
      email: s.email,
      name: s.name,
      region: regionLabel(s.regionCode),
      regionCode: s.regionCode,
      lastSignInAt: s.lastSignInAt ? formatDateTime(new Date(s.lastSignInAt), 'Asia/Jakarta') : null,
      grants: s.grants.map((g) => ({
        id: g.id,
        role: g.role,
        region: regionLabel(g.regionCode),
        agency: nameOf(agencyItems, g.agencyId),
        location: nameOf(locationItems, g.locationId),
      })),
    })),
    done: event.url.searchParams.get('tersimpan'),
  };
};

function text(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

/** The grant described by the form's role fields; the node defaults to `home`. */
function grantOf(form: FormData, home: string | null): Grant {
  const role = text(form, 'role') as Role;
  const node = text(form, 'grantRegion');
  return {
    role,
    regionCode: role === 'admin_nasional' ? null : node || home,
    ...(text(form, 'agencyId') ? { agencyId: text(form, 'agencyId') } : {}),
    ...(text(form, 'locationId') ? { locationId: text(form, 'locationId') } : {}),
  };
}

function valuesOf(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string') values[key] = value;
  return values;
}

const GRANT_FIELDS: Record<string, string> = {
  INVALID_GRANT: 'grantRegion',
  REGION_NOT_FOUND: 'grantRegion',
  AGENCY_NOT_FOUND: 'agencyId',
  LOCATION_NOT_FOUND: 'locationId',
  STAFF_EMAIL_TAKEN: 'email',
  STAFF_NOT_FOUND: 'staffId',
  FORBIDDEN: 'role',
};

function back(event: RequestEvent, done: string): never {
  const region = event.url.searchParams.get('wilayah');
  redirect(303, `/admin/staf?${region ? `wilayah=${encodeURIComponent(region)}&` : ''}tersimpan=${done}`);
}

export const actions: Actions = {
  buat: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = valuesOf(form);
    const f = 'staff-new';
    const errors: FieldError[] = [];
    if (!text(form, 'email'))
      errors.push({ field: `${f}-email`, message: t(lang, 'adm.required', { field: t(lang, 'adm.email').toLowerCase() }) });
    if (!text(form, 'name'))
      errors.push({ field: `${f}-name`, message: t(lang, 'adm.required', { field: t(lang, 'adm.name').toLowerCase() }) });
    if (!text(form, 'role')) errors.push({ field: `${f}-role`, message: t(lang, 'adm.chooseRole') });
    if (errors.length) return fail(400, { formName: f, values, errors });
    const home = text(form, 'regionCode') || null;
    const result = await apiSend<{ staff: StaffView; password?: string }>(event, {
      method: 'POST',
      url: '/api/v1/admin/staff',
      body: { email: text(form, 'email'), name: text(form, 'name'), regionCode: home, grants: [grantOf(form, home)] },
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      const mapped = fieldErrorsOf(result, 'email', { ...GRANT_FIELDS, REGION_NOT_FOUND: 'regionCode' }).map((e) =>
        e.field === 'grants' ? { ...e, field: 'role' } : e,
      );
      return fail(400, { formName: f, values, errors: inForm(f, mapped) });
    }
    // The generated password is shown this once, in the answer to this post (never in a URL).
    return { created: { email: result.data.staff.email, password: result.data.password ?? '' }, errors: [] as FieldError[] };
  },

  beri: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = valuesOf(form);
    const f = 'grant-new';
    const staffId = text(form, 'staffId');
    const errors: FieldError[] = [];
    if (!staffId) errors.push({ field: `${f}-staffId`, message: t(lang, 'adm.chooseAccount') });
    if (!text(form, 'role')) errors.push({ field: `${f}-role`, message: t(lang, 'adm.chooseRole') });
    if (errors.length) return fail(400, { formName: f, values, errors });
    // Without a node, the role applies at the account's home region.
    let home: string | null = null;
    if (!text(form, 'grantRegion')) {
      const list = await apiGet<{ items: StaffView[] }>(event, '/api/v1/admin/staff');
      home = list.ok ? (list.data.items.find((s) => s.id === staffId)?.regionCode ?? null) : null;
    }
    const result = await apiSend<StaffView>(event, {
      method: 'POST',
      url: `/api/v1/admin/staff/${encodeURIComponent(staffId)}/grants`,
      body: grantOf(form, home),
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(400, { formName: f, values, errors: inForm(f, fieldErrorsOf(result, 'role', GRANT_FIELDS)) });
    }
    back(event, 'peran');
  },

  cabut: async (event) => {
    const form = await event.request.formData();
    const staffId = text(form, 'staffId');
    const grantId = text(form, 'grantId');
    const result = await apiSend<unknown>(event, {
      method: 'DELETE',
      url: `/api/v1/admin/staff/${encodeURIComponent(staffId)}/grants/${encodeURIComponent(grantId)}`,
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(400, {
        formName: 'revoke',
        values: {} as Record<string, string>,
        errors: [{ field: `grant-${grantId}`, message: result.error.message }],
      });
    }
    back(event, 'dicabut');
  },
};
