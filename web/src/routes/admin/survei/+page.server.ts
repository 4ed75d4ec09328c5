import type { SurveyType } from '@layan/server/modules/survey/survey.schemas.ts';
import { fail, redirect } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import { regionParam, regionSuffix } from '$lib/catalog';
import { failPage, requireStaff, toSignIn } from '../staff-session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const session = await requireStaff(event);
  const tenant = regionParam(event.url).slice(0, 5);
  const [surveys, agencies] = await Promise.all([
    apiGet<{ items: SurveyType[] }>(event, `/api/v1/admin/tenants/${tenant}/surveys`),
    apiGet<{ items: Array<{ id: string; name: string }> }>(event, `/api/v1/agencies?region=${tenant}`),
  ]);
  if (!surveys.ok) failPage(surveys, event);
  return { staffName: session.staff.name, tenant, surveys: surveys.data.items, agencies: agencies.ok ? agencies.data.items : [] };
};

export const actions: Actions = {
  create: async (event) => {
    const form = await event.request.formData();
    const tenant = regionParam(event.url).slice(0, 5);
    const values = Object.fromEntries(
      ['title', 'agencyId', 'periodStart', 'periodEnd', 'population'].map((k) => [k, String(form.get(k) ?? '').trim()]),
    );
    const body: Record<string, unknown> = {
      title: values.title,
      agencyId: values.agencyId,
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      ...(values.population ? { population: Number(values.population) } : {}),
    };
    const result = await apiSend<SurveyType>(event, { method: 'POST', url: `/api/v1/admin/tenants/${tenant}/surveys`, body });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(result.error.status, { message: result.error.message, values });
    }
    redirect(303, `/admin/survei/${result.data.id}${regionSuffix(tenant)}`);
  },
};
