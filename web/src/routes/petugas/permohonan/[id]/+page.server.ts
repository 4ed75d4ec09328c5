import { error, fail, redirect } from '@sveltejs/kit';
import { pickText } from '@layan/domain';
import { t } from '$lib/i18n';
import { apiGet } from '$lib/server/api';
import { failPage, requireStaff, toSignIn } from '../../../admin/staff-session';
import { apiCall, checkAnswers, loadForm, uploadFile, zoneOf } from '../../../permohonan/application.server';
import { when, type StaffApplicationView } from '../../../permohonan/application';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  await requireStaff(event);
  const lang = event.locals.lang;
  // The API records this read in the audit log (citizen.read): the page asks for it once per view.
  const result = await apiGet<StaffApplicationView>(event, `/api/v1/staff/applications/${encodeURIComponent(event.params.id)}`);
  if (!result.ok) {
    if (result.error.status === 400) error(404, { message: result.error.message, code: result.error.code });
    failPage(result, event);
  }
  const app = result.data;
  const zone = zoneOf(app.tenantCode);
  const definition = await loadForm(event, app.service.id, app.tenantCode);
  const moved = event.url.searchParams.get('dipindah');
  const movedLabel = moved ? [...app.history].reverse().find((h) => h.to === moved)?.toLabel : undefined;
  return {
    app,
    rows: definition
      ? checkAnswers({ definition, answers: app.answers, uploads: app.uploads, tenantCode: app.tenantCode, lang }).rows
      : [],
    moved: movedLabel ? pickText(movedLabel, lang) : null,
    times: {
      submittedAt: when(app.submittedAt, zone),
      dueAt: when(app.sla.dueAt, zone),
      consentAt: when(app.assisted?.consentAt, zone),
      history: app.history.map((h) => when(h.at, zone)!),
    },
  };
};

const FIELD_OF_CODE: Record<string, string> = {
  TRANSITION_NOTE_REQUIRED: 'note',
  TRANSITION_OUTPUT_REQUIRED: 'output',
  UPLOAD_TYPE_NOT_ALLOWED: 'output',
  UPLOAD_TOO_LARGE: 'output',
  UPLOAD_EMPTY: 'output',
};

export const actions: Actions = {
  pindah: async (event) => {
    const lang = event.locals.lang;
    const id = event.params.id;
    const data = await event.request.formData();
    const to = String(data.get('to') ?? '');
    const note = String(data.get('note') ?? '').trim();
    const expectedVersion = Number(data.get('rowVersion'));
    const output = data.get('output');
    const values = { to, note };
    let outputUploadId: string | undefined;
    if (output && typeof output !== 'string' && output.size > 0) {
      const uploaded = await uploadFile(event, output, {});
      if (!uploaded.ok) {
        if (uploaded.error.status === 401) toSignIn(event);
        return fail(uploaded.error.status, {
          ...values,
          stale: false,
          errors: [{ field: `output-${to}`, message: uploaded.error.message }],
        });
      }
      outputUploadId = uploaded.data.id;
    }
    const result = await apiCall<StaffApplicationView>(event, {
      method: 'POST',
      url: `/api/v1/applications/${encodeURIComponent(id)}/transitions`,
      body: { to, expectedVersion, ...(note ? { note } : {}), ...(outputUploadId ? { outputUploadId } : {}) },
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      const stale = result.error.code === 'APPLICATION_STALE';
      const field = FIELD_OF_CODE[result.error.code];
      return fail(result.error.status, {
        ...values,
        stale,
        errors: [
          {
            field: field ? `${field}-${to}` : 'actions-title',
            message: stale ? t(lang, 'apl.staleStaff') : result.error.message,
          },
        ],
      });
    }
    redirect(303, `/petugas/permohonan/${id}?dipindah=${encodeURIComponent(to)}`);
  },
};
