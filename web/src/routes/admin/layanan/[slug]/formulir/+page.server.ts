import { validateFormDefinition, type CatalogIssue } from '@layan/domain';
import type { VersionViewType } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import { tenantSuffix } from '$lib/catalog';
import { t } from '$lib/i18n';
import { loadEditable, signInPath } from '../editable';
import { applyBuilderOp, builderOp, definitionFromForm, emptyDefinition } from './builder';
import type { Actions, PageServerLoad } from './$types';

type Loose = Record<string, unknown>;

async function loadBuilder(event: RequestEvent<{ slug: string }>) {
  const editable = await loadEditable(event);
  if (!editable.editing) error(404, { message: t(event.locals.lang, 'error.notFound') });
  const standard = editable.editing.standard as { name?: { id: string; en?: string } };
  const saved = (editable.editing.formDefinition ??
    emptyDefinition(editable.service.slug, standard.name ?? { id: editable.service.name })) as unknown as Loose;
  return { ...editable, savedDefinition: saved };
}

function check(definition: Loose): CatalogIssue[] {
  const checked = validateFormDefinition(definition);
  return checked.ok ? [] : checked.issues;
}

export const load: PageServerLoad = async (event) => {
  const session = await apiGet<{ staff: { name: string } }>(event, '/api/v1/auth/session');
  if (!session.ok) redirect(303, signInPath(event));
  const builder = await loadBuilder(event);
  const saved = Number(event.url.searchParams.get('tersimpan'));
  return {
    staffName: session.data.staff.name,
    saved: Number.isInteger(saved) && saved > 0 ? saved : null,
    tenant: builder.tenant,
    service: builder.service,
    draft: builder.draft ? { version: builder.draft.version, changeNote: builder.draft.changeNote } : null,
    current: builder.current ? { version: builder.current.version } : null,
    definition: builder.savedDefinition,
    issues: check(builder.savedDefinition),
  };
};

export const actions: Actions = {
  // Every button posts the whole builder; only "save" calls the API (the draft's form definition).
  build: async (event) => {
    const form = await event.request.formData();
    const lang = event.locals.lang;
    const builder = await loadBuilder(event);
    let state = builder.savedDefinition;
    let message: string | null = null;
    try {
      const parsed = JSON.parse(String(form.get('state') ?? '')) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) state = parsed as Loose;
    } catch {
      message = t(lang, 'fb.badDefinition');
    }
    const op = builderOp(form);
    const definition = applyBuilderOp(message ? state : definitionFromForm(form, state), op);
    const changeNote = String(form.get('changeNote') ?? '').trim();
    if (op.kind !== 'save' || message) return { definition, issues: check(definition), message, changeNote };

    // The form's own version: one above the published form's, so submissions can tell them apart.
    const publishedForm = builder.current?.formDefinition as { version?: number } | null | undefined;
    const toSave: Loose = { ...definition, version: (publishedForm?.version ?? 0) + 1 };
    delete toSave.serviceVersion;
    if (!builder.draft && changeNote === '')
      return fail(400, { definition, issues: check(definition), message: t(lang, 'cadmin.changeNoteRequired'), changeNote });
    const base = `/api/v1/admin/tenants/${encodeURIComponent(builder.tenant)}/services/${builder.service.id}/versions`;
    const result = builder.draft
      ? await apiSend<VersionViewType>(event, {
          method: 'PATCH',
          url: `${base}/${builder.draft.version}`,
          body: { formDefinition: toSave, ...(changeNote ? { changeNote } : {}) },
        })
      : await apiSend<VersionViewType>(event, {
          method: 'POST',
          url: base,
          body: { changeNote, changes: {}, formDefinition: toSave },
        });
    if (!result.ok) {
      if (result.error.status === 401) redirect(303, signInPath(event));
      const issues: CatalogIssue[] = (result.error.details ?? []).map((d) => ({
        code: 'API',
        path: d.path,
        message: d.message,
        messageEn: d.messageEn,
      }));
      return fail(result.error.status, { definition, issues, message: result.error.message, changeNote });
    }
    redirect(303, `${event.url.pathname}?tersimpan=${result.data.version}${tenantSuffix(builder.tenant, '&')}`);
  },
};
