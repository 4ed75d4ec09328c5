import type { VersionViewType } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { error, fail, redirect } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { apiSend, type ApiDetail } from '$lib/server/staff-api';
import { tenantSuffix } from '$lib/catalog';
import { loadEditable, signInPath } from './editable';
import { t } from '$lib/i18n';
import { applyRowOp, changesFrom, editorOp, inputPathOf, standardFromForm } from './standard-form';
import type { Actions, PageServerLoad } from './$types';

type Loose = Record<string, unknown>;

export const load: PageServerLoad = async (event) => {
  const session = await apiGet<{ staff: { name: string } }>(event, '/api/v1/auth/session');
  if (!session.ok) redirect(303, signInPath(event));
  const number = (name: string) => {
    const value = Number(event.url.searchParams.get(name));
    return Number.isInteger(value) && value > 0 ? value : null;
  };
  return {
    staffName: session.data.staff.name,
    saved: number('tersimpan'),
    published: number('diterbitkan'),
    ...(await loadEditable(event)),
  };
};

function issuesOf(details: ApiDetail[] | undefined, lang: 'id' | 'en') {
  return (details ?? []).map((d) => ({ path: inputPathOf(d.path), message: lang === 'en' ? d.messageEn : d.message }));
}

export const actions: Actions = {
  // Row buttons re-render the edited standard; "save" sends the parts that differ to the API as a
  // draft (a new one, or the open draft changed in place). Validation is the API's domain rules.
  edit: async (event) => {
    const form = await event.request.formData();
    const lang = event.locals.lang;
    const { tenant, service, draft, editing } = await loadEditable(event);
    if (!editing) error(404, { message: t(lang, 'error.notFound') });
    const saved = editing.standard as Loose;
    let state: Loose = saved;
    try {
      const parsed = JSON.parse(String(form.get('state') ?? '')) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) state = parsed as Loose;
    } catch {
      // A tampered or truncated state: start from the saved version.
    }
    const standard = standardFromForm(form, state);
    const changeNote = String(form.get('changeNote') ?? '').trim();
    const op = editorOp(form);
    if (op.kind !== 'save') return { standard: applyRowOp(standard, op), changeNote, issues: [], message: null };

    if (!draft && changeNote === '')
      return fail(400, {
        standard,
        changeNote,
        message: t(lang, 'cadmin.changeNoteRequired'),
        issues: [{ path: 'changeNote', message: t(lang, 'cadmin.changeNoteRequired') }],
      });
    const base = `/api/v1/admin/tenants/${encodeURIComponent(tenant)}/services/${service.id}/versions`;
    const changes = changesFrom(saved, standard);
    const result = draft
      ? await apiSend<VersionViewType>(event, {
          method: 'PATCH',
          url: `${base}/${draft.version}`,
          body: { changes, ...(changeNote ? { changeNote } : {}) },
        })
      : await apiSend<VersionViewType>(event, { method: 'POST', url: base, body: { changeNote, changes } });
    if (!result.ok) {
      if (result.error.status === 401) redirect(303, signInPath(event));
      return fail(result.error.status, {
        standard,
        changeNote,
        message: result.error.message,
        issues: issuesOf(result.error.details, lang),
      });
    }
    redirect(303, `${event.url.pathname}?tersimpan=${result.data.version}${tenantSuffix(tenant, '&')}`);
  },

  // Publishing approves the open draft: its change note may be reworded first.
  publish: async (event) => {
    const form = await event.request.formData();
    const lang = event.locals.lang;
    const { tenant, service, draft } = await loadEditable(event);
    const changeNote = String(form.get('changeNote') ?? '').trim();
    if (!draft) return fail(409, { publishMessage: t(lang, 'cadmin.noDraft'), changeNote });
    if (changeNote === '') return fail(400, { publishMessage: t(lang, 'cadmin.changeNoteRequired'), changeNote });
    const base = `/api/v1/admin/tenants/${encodeURIComponent(tenant)}/services/${service.id}/versions/${draft.version}`;
    if (changeNote !== draft.changeNote) {
      const noted = await apiSend<VersionViewType>(event, { method: 'PATCH', url: base, body: { changeNote } });
      if (!noted.ok) return fail(noted.error.status, { publishMessage: noted.error.message, changeNote });
    }
    const published = await apiSend<VersionViewType>(event, { method: 'POST', url: `${base}/publish` });
    if (!published.ok) {
      if (published.error.status === 401) redirect(303, signInPath(event));
      const details = issuesOf(published.error.details, lang).map((i) => i.message);
      return fail(published.error.status, { publishMessage: [published.error.message, ...details].join(' '), changeNote });
    }
    redirect(303, `${event.url.pathname}?diterbitkan=${published.data.version}${tenantSuffix(tenant, '&')}`);
  },
};
