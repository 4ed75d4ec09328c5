import type { StaffComplaintType } from '@layan/server/modules/complaint/complaint.schemas.ts';
import { error, fail, redirect } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import { regionParam, regionSuffix } from '$lib/catalog';
import { failPage, requireStaff, toSignIn } from '../../staff-session';
import type { Actions, PageServerLoad } from './$types';

const ACTIONS = ['verify', 'reject', 'archive', 'dispose', 'follow_up', 'answer'] as const;
type Step = (typeof ACTIONS)[number];

export const load: PageServerLoad = async (event) => {
  const session = await requireStaff(event);
  const tenant = regionParam(event.url).slice(0, 5);
  const [complaint, agencies, locations] = await Promise.all([
    apiGet<StaffComplaintType>(event, `/api/v1/admin/tenants/${tenant}/complaints/${encodeURIComponent(event.params.id)}`),
    apiGet<{ items: Array<{ id: string; name: string }> }>(event, `/api/v1/agencies?region=${tenant}`),
    apiGet<{ items: Array<{ id: string; name: string }> }>(event, `/api/v1/locations?region=${tenant}`),
  ]);
  if (!complaint.ok) failPage(complaint, event);
  return {
    staffName: session.staff.name,
    tenant,
    complaint: complaint.data,
    agencies: agencies.ok ? agencies.data.items : [],
    locations: locations.ok ? locations.data.items : [],
    done: event.url.searchParams.get('tersimpan') === '1',
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const step = String(form.get('step') ?? '') as Step;
    if (!ACTIONS.includes(step)) error(400, 'unknown step');
    const tenant = regionParam(event.url).slice(0, 5);
    const body: Record<string, string> = {};
    for (const key of ['note', 'responseClass', 'agencyId', 'locationId', 'answer']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) body[key] = value;
    }
    const result = await apiSend(event, {
      method: 'POST',
      url: `/api/v1/admin/tenants/${tenant}/complaints/${encodeURIComponent(event.params.id)}/${step}`,
      body,
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(result.error.status, { step, message: result.error.message });
    }
    redirect(303, `${event.url.pathname}?tersimpan=1${regionSuffix(tenant, '&')}`);
  },
};
