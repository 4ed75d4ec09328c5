import { fail, redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { apiCall, checkAnswers, loadForm, loadOwnApplication, noStore, toCitizenSignIn } from '../../application.server';
import { controlIdOf, formErrors, type ApplicationView } from '../../application';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  noStore(event);
  const app = await loadOwnApplication(event, event.params.id);
  if (app.state !== 'draft' && app.sla.risk !== 'paused') redirect(303, `/permohonan/${app.id}`);
  const definition = await loadForm(event, app.service.id, app.tenantCode);
  const lang = event.locals.lang;
  const { rows, issues } = definition
    ? checkAnswers({ definition, answers: app.answers, uploads: app.uploads, tenantCode: app.tenantCode, lang })
    : { rows: [], issues: [] };
  return {
    app,
    rows: rows.map((row) => ({ ...row, target: controlIdOf(definition, row.path) })),
    issues: formErrors(definition, issues, lang).summary,
    resubmit: app.state !== 'draft',
  };
};

export const actions: Actions = {
  kirim: async (event) => {
    const lang = event.locals.lang;
    const data = await event.request.formData();
    const expectedVersion = Number(data.get('rowVersion')) || undefined;
    const id = event.params.id;
    const result = await apiCall<ApplicationView>(event, {
      method: 'POST',
      url: `/api/v1/applications/${encodeURIComponent(id)}/submit`,
      body: expectedVersion ? { expectedVersion } : {},
    });
    if (result.ok) redirect(303, `/permohonan/${id}/terkirim`);
    if (result.error.status === 401) toCitizenSignIn(event);
    // A second click after the first went through: the first one's receipt, not an error.
    if (result.error.code === 'APPLICATION_STALE' || result.error.code === 'APPLICATION_NOT_EDITABLE') {
      const now = await loadOwnApplication(event, id);
      if (now.state !== 'draft' && now.sla.risk !== 'paused') redirect(303, `/permohonan/${id}/terkirim`);
      return fail(409, { errors: [{ field: 'submit', message: t(lang, 'apl.stale') }] });
    }
    if (result.error.code === 'APPLICATION_FORM_INVALID' && result.error.details) {
      const app = await loadOwnApplication(event, id);
      const definition = await loadForm(event, app.service.id, app.tenantCode);
      return fail(422, { errors: formErrors(definition, result.error.details, lang).summary });
    }
    return fail(result.error.status, { errors: [{ field: 'submit', message: result.error.message }] });
  },
};
