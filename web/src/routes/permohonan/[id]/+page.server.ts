import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatDateTime, type FormDefinition, type FormField } from '@layan/domain';
import { t } from '$lib/i18n';
import { formValuesFromFormData } from '$lib/form-values';
import {
  answersWithUploads,
  apiCall,
  checkAnswers,
  loadForm,
  loadOwnApplication,
  noStore,
  toCitizenSignIn,
  uploadIdOf,
  zoneOf,
} from '../application.server';
import { controlIdOf, formErrors, when, type ApplicationView } from '../application';
import type { Actions, PageServerLoad } from './$types';

/** Editable by the citizen: a draft, or an application waiting on them (returned for a fix). */
function editable(app: ApplicationView): boolean {
  return app.state === 'draft' || app.sla.risk === 'paused';
}

/** The documents already attached, per top-level file field (what a file input cannot show). */
function savedFiles(definition: FormDefinition | null, app: ApplicationView) {
  if (!definition) return [];
  const byId = new Map(app.uploads.map((u) => [u.id, u]));
  const fileFields = definition.fields.filter((f): f is Extract<FormField, { type: 'file' }> => f.type === 'file');
  return fileFields
    .map((field) => {
      const value = app.answers[field.key];
      const files = (Array.isArray(value) ? value : value === undefined ? [] : [value])
        .map((item) => byId.get(uploadIdOf(item) ?? ''))
        .filter((u) => u !== undefined);
      return { key: field.key, label: field.label, files: files.map((f) => ({ id: f.id, name: f.fileName })) };
    })
    .filter((f) => f.files.length > 0);
}

export const load: PageServerLoad = async (event) => {
  noStore(event);
  const app = await loadOwnApplication(event, event.params.id);
  const definition = await loadForm(event, app.service.id, app.tenantCode);
  const zone = zoneOf(app.tenantCode);
  const lang = event.locals.lang;
  // The officer's latest note: why the application came back.
  const returned = app.sla.risk === 'paused' ? [...app.history].reverse().find((h) => h.to === app.state && h.note) : undefined;
  return {
    app,
    definition,
    editable: editable(app),
    returnedNote: returned?.note ?? null,
    savedFiles: savedFiles(definition, app),
    rows: definition
      ? checkAnswers({ definition, answers: app.answers, uploads: app.uploads, tenantCode: app.tenantCode, lang }).rows
      : [],
    times: {
      submittedAt: when(app.submittedAt, zone),
      dueAt: when(app.sla.dueAt, zone),
      history: app.history.map((h) => when(h.at, zone)!),
    },
  };
};

async function save(event: RequestEvent, andContinue: boolean) {
  const lang = event.locals.lang;
  const app = await loadOwnApplication(event, event.params.id!);
  if (!editable(app)) redirect(303, `/permohonan/${app.id}`);
  const definition = (await loadForm(event, app.service.id, app.tenantCode)) ?? {
    id: '',
    version: 1,
    title: { id: '' },
    fields: [],
  };
  const data = await event.request.formData();
  const expectedVersion = Number(data.get('rowVersion')) || undefined;
  const posted = formValuesFromFormData(definition, data);
  const { answers, errors: uploadErrors } = await answersWithUploads(event, {
    definition,
    data,
    posted,
    previous: app.answers,
    serviceId: app.service.id,
  });
  const saved = await apiCall<ApplicationView>(event, {
    method: 'PATCH',
    url: `/api/v1/applications/${app.id}`,
    body: { answers, ...(expectedVersion ? { expectedVersion } : {}) },
  });
  if (!saved.ok) {
    if (saved.error.status === 401) toCitizenSignIn(event);
    const stale = saved.error.code === 'APPLICATION_STALE';
    return fail(saved.error.status, {
      errors: [{ field: 'application-form', message: stale ? t(lang, 'apl.stale') : saved.error.message }],
      byPath: {} as Record<string, string>,
      saved: null,
    });
  }
  if (Object.keys(uploadErrors).length > 0) {
    return fail(415, {
      errors: Object.entries(uploadErrors).map(([path, message]) => ({ field: controlIdOf(definition, path), message })),
      byPath: uploadErrors,
      saved: null,
    });
  }
  const savedAt = formatDateTime(new Date(saved.data.updatedAt), zoneOf(app.tenantCode));
  if (!andContinue) return { errors: [], byPath: {} as Record<string, string>, saved: savedAt };
  const { issues } = checkAnswers({
    definition,
    answers: saved.data.answers,
    uploads: saved.data.uploads,
    tenantCode: app.tenantCode,
    lang,
  });
  if (issues.length > 0) {
    const { byPath, summary } = formErrors(definition, issues, lang);
    return fail(400, { errors: summary, byPath, saved: savedAt });
  }
  redirect(303, `/permohonan/${app.id}/periksa`);
}

export const actions: Actions = {
  simpan: (event) => save(event, false),
  lanjut: (event) => save(event, true),
};
