import type { ServiceDetailView, VersionListView, VersionViewType } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { apiGet, apiGetOrThrow } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import { regionParam } from '$lib/catalog';
import type { Actions, PageServerLoad } from './$types';

const UNITS = ['working_days', 'calendar_days', 'hours', 'minutes'] as const;

async function loadService(event: RequestEvent<{ slug: string }>) {
  const region = regionParam(event.url);
  const path = `/api/v1/services/${encodeURIComponent(event.params.slug)}`;
  const query = `?region=${encodeURIComponent(region)}`;
  const [service, versions] = await Promise.all([
    apiGetOrThrow<ServiceDetailView>(event, `${path}${query}`),
    apiGetOrThrow<VersionListView>(event, `${path}/versions${query}`),
  ]);
  return { region, service, versions: versions.items };
}

export const load: PageServerLoad = async (event) => {
  const session = await apiGet<{ staff: { name: string } }>(event, '/api/v1/auth/session');
  if (!session.ok) redirect(303, `/petugas/masuk?kembali=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  const published = Number(event.url.searchParams.get('diterbitkan'));
  return {
    staffName: session.data.staff.name,
    units: UNITS,
    published: Number.isInteger(published) && published > 0 ? published : null,
    ...(await loadService(event)),
  };
};

export const actions: Actions = {
  // Two API calls, as any client would make them: a draft with the new service time, then its
  // publication (the signed-in staff member approves it). Authorization and validation are the API's.
  sla: async (event) => {
    const form = await event.request.formData();
    const amountText = String(form.get('amount') ?? '').trim();
    const unit = String(form.get('unit') ?? '');
    const changeNote = String(form.get('changeNote') ?? '').trim();
    const values = { amount: amountText, unit, changeNote };
    const { service } = await loadService(event);
    const base = `/api/v1/admin/tenants/${service.tenantCode}/services/${service.id}/versions`;
    const draft = await apiSend<VersionViewType>(event, {
      method: 'POST',
      url: base,
      body: {
        changeNote,
        changes: {
          serviceTime: {
            ...(amountText === '' ? {} : { amount: Number(amountText.replace(',', '.')) }),
            ...(unit === '' ? {} : { unit }),
          },
        },
      },
    });
    if (!draft.ok) {
      if (draft.error.status === 401) redirect(303, `/petugas/masuk?kembali=${encodeURIComponent(event.url.pathname)}`);
      return fail(draft.error.status, { values, message: draft.error.message, details: draft.error.details ?? [] });
    }
    const published = await apiSend<VersionViewType>(event, { method: 'POST', url: `${base}/${draft.data.version}/publish` });
    if (!published.ok) return fail(published.error.status, { values, message: published.error.message, details: [] });
    redirect(
      303,
      `${event.url.pathname}?diterbitkan=${published.data.version}${event.url.searchParams.has('wilayah') ? `&wilayah=${encodeURIComponent(regionParam(event.url))}` : ''}`,
    );
  },
};
