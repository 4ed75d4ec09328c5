import { fail, redirect } from '@sveltejs/kit';
import { formatDateTime, type TimeZoneName } from '@layan/domain';
import { apiGet } from '$lib/server/api';
import { apiSend, STAFF_SESSION_COOKIE } from '$lib/server/staff-api';
import { regionsByCode } from './regions';
import { holds, requireStaff, toSignIn } from './staff-session';
import type { Actions, PageServerLoad } from './$types';

interface OpenSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export const load: PageServerLoad = async (event) => {
  const me = await requireStaff(event);
  const sessions = await apiGet<{ items: OpenSession[] }>(event, '/api/v1/auth/sessions');
  const regions = await regionsByCode(event, [me.staff.regionCode, ...me.grants.map((g) => g.regionCode)]);
  // Times in the staff member's home region's zone (WIB for national accounts).
  const zone: TimeZoneName = (me.staff.regionCode && regions.get(me.staff.regionCode)?.timeZone) || 'Asia/Jakarta';
  const at = (iso: string) => formatDateTime(new Date(iso), zone);
  const regionLabel = (code: string | null) => (code ? `${code} ${regions.get(code)?.name ?? ''}`.trim() : null);
  return {
    staff: { name: me.staff.name, region: regionLabel(me.staff.regionCode) },
    grants: me.grants.map((g) => ({ ...g, region: regionLabel(g.regionCode) })),
    sessions: (sessions.ok ? sessions.data.items : []).map((s) => ({
      id: s.id,
      current: s.current,
      createdAt: at(s.createdAt),
      lastSeenAt: at(s.lastSeenAt),
      ip: s.ip,
      userAgent: s.userAgent,
    })),
    offers: {
      structure: holds(me, 'structureRead'),
      staff: holds(me, 'staffAdmin'),
      citizens: holds(me, 'citizenRead'),
    },
    revoked: event.url.searchParams.has('dicabut'),
  };
};

export const actions: Actions = {
  cabut: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get('session') ?? '');
    const result = await apiSend<unknown>(event, { method: 'DELETE', url: `/api/v1/auth/sessions/${encodeURIComponent(id)}` });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(result.error.status, { errors: [{ field: `session-${id}`, message: result.error.message }] });
    }
    redirect(303, '/admin?dicabut=1');
  },

  keluar: async (event) => {
    await apiSend<unknown>(event, { method: 'POST', url: '/api/v1/auth/staff/sign-out', body: {} });
    event.cookies.delete(STAFF_SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: event.url.protocol === 'https:',
    });
    redirect(303, '/petugas/masuk');
  },
};
