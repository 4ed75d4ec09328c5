import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import type { ServiceDetailView } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { apiGet, apiGetOrThrow } from '$lib/server/api';
import { regionParam } from '$lib/catalog';
import { apiCall, toCitizenSignIn } from '../../application.server';
import type { ApplicationView } from '../../application';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  event.setHeaders({ 'cache-control': 'no-store' });
  const me = await apiGet<{ id: string }>(event, '/api/v1/me');
  if (!me.ok) {
    if (me.error.status === 401) toCitizenSignIn(event);
    error(me.error.status, { message: me.error.message, code: me.error.code });
  }
  const region = regionParam(event.url);
  const service = await apiGetOrThrow<ServiceDetailView>(
    event,
    `/api/v1/services/${encodeURIComponent(event.params.slug)}?region=${encodeURIComponent(region)}`,
  );
  // One key per visit of this page: a double click (or a resent form) carries the same key, so
  // the API answers the same draft instead of creating a second one.
  return { region, service, idempotencyKey: randomUUID() };
};

export const actions: Actions = {
  mulai: async (event) => {
    const form = await event.request.formData();
    const serviceId = String(form.get('serviceId') ?? '');
    const key = String(form.get('idempotencyKey') ?? '');
    const result = await apiCall<ApplicationView>(event, {
      method: 'POST',
      url: '/api/v1/applications',
      body: { serviceId },
      headers: key ? { 'idempotency-key': key } : {},
    });
    if (!result.ok) {
      if (result.error.status === 401) toCitizenSignIn(event);
      return fail(result.error.status, { errors: [{ field: 'start', message: result.error.message }] });
    }
    redirect(303, `/permohonan/${result.data.id}`);
  },
};
