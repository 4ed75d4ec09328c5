import type { IkmViewType, QuestionnaireType, SurveyType } from '@layan/server/modules/survey/survey.schemas.ts';
import { fail, redirect } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import { regionParam, regionSuffix } from '$lib/catalog';
import { responseBodyOf } from '../../../survei/answers';
import { failPage, requireStaff, toSignIn } from '../../staff-session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const session = await requireStaff(event);
  const tenant = regionParam(event.url).slice(0, 5);
  const surveys = await apiGet<{ items: SurveyType[] }>(event, `/api/v1/admin/tenants/${tenant}/surveys`);
  if (!surveys.ok) failPage(surveys, event);
  const survey = surveys.data.items.find((s) => s.id === event.params.id);
  if (!survey) failPage({ error: { status: 404, code: 'SURVEY_NOT_FOUND', message: 'Survei tidak ditemukan.' } }, event);
  const [questionnaire, ikm] = await Promise.all([
    apiGet<QuestionnaireType>(event, '/api/v1/skm/questionnaire'),
    apiGet<IkmViewType>(event, `/api/v1/ikm?tenant=${tenant}&survey=${survey.id}`),
  ]);
  return {
    staffName: session.staff.name,
    tenant,
    survey,
    questionnaire: questionnaire.ok ? questionnaire.data : null,
    ikm: ikm.ok ? ikm.data : null,
    saved: event.url.searchParams.get('tersimpan'),
  };
};

function base(event: { url: URL; params: { id: string } }) {
  const tenant = regionParam(event.url).slice(0, 5);
  return { tenant, url: `/api/v1/admin/tenants/${tenant}/surveys/${encodeURIComponent(event.params.id)}` };
}

export const actions: Actions = {
  // The counter tablet: a fresh invitation, answered on this device at once.
  tablet: async (event) => {
    const { url } = base(event);
    const result = await apiSend<{ token: string }>(event, { method: 'POST', url: `${url}/invitations`, body: {} });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(result.error.status, { message: result.error.message });
    }
    redirect(303, `/survei/${result.data.token}?loket=${event.params.id}`);
  },
  paper: async (event) => {
    const { tenant, url } = base(event);
    const result = await apiSend<{ responses: number }>(event, {
      method: 'POST',
      url: `${url}/responses`,
      body: responseBodyOf(await event.request.formData()),
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(result.error.status, { message: result.error.message });
    }
    redirect(303, `${event.url.pathname}?tersimpan=${result.data.responses}${regionSuffix(tenant, '&')}`);
  },
  publish: async (event) => {
    const { tenant, url } = base(event);
    const result = await apiSend(event, { method: 'POST', url: `${url}/publish` });
    if (!result.ok) return fail(result.error.status, { message: result.error.message });
    redirect(303, `/ikm/${event.params.id}${regionSuffix(tenant)}`);
  },
  followUp: async (event) => {
    const { tenant, url } = base(event);
    const form = await event.request.formData();
    const current = await apiGet<{ items: SurveyType[] }>(event, `/api/v1/admin/tenants/${tenant}/surveys`);
    const survey = current.ok ? current.data.items.find((s) => s.id === event.params.id) : undefined;
    const item = {
      element: String(form.get('element') ?? ''),
      action: String(form.get('action') ?? '').trim(),
      owner: String(form.get('owner') ?? '').trim(),
      ...(form.get('due') ? { due: String(form.get('due')) } : {}),
    };
    const result = await apiSend(event, {
      method: 'PATCH',
      url,
      body: { followUp: [...(survey?.followUp ?? []), item] },
    });
    if (!result.ok) return fail(result.error.status, { message: result.error.message });
    redirect(303, `${event.url.pathname}${regionSuffix(tenant)}`);
  },
};
