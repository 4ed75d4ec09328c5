import type { InvitationViewType } from '@layan/server/modules/survey/survey.schemas.ts';
import { fail } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import { responseBodyOf } from '../answers';
import type { Actions, PageServerLoad } from './$types';

// `loket` names the survey whose counter tablet opened this page, for the "next respondent" link.
const loketOf = (url: URL) => {
  const value = url.searchParams.get('loket') ?? '';
  return /^[0-9a-f-]{36}$/.test(value) ? value : null;
};

export const load: PageServerLoad = async (event) => {
  event.setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  const result = await apiGet<InvitationViewType>(event, `/api/v1/survey-invitations/${encodeURIComponent(event.params.token)}`);
  return {
    invitation: result.ok ? result.data : null,
    error: result.ok ? null : result.error.message,
    loket: loketOf(event.url),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const result = await apiSend(event, {
      method: 'POST',
      url: `/api/v1/survey-invitations/${encodeURIComponent(event.params.token)}/response`,
      body: responseBodyOf(form),
    });
    if (!result.ok) return fail(result.error.status, { message: result.error.message, done: false });
    return { done: true, message: null };
  },
};
