import type { ServiceDetailView, ServiceFormView } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { apiGetOrThrow } from '$lib/server/api';
import { regionParam } from '$lib/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const region = regionParam(event.url);
  const path = `/api/v1/services/${encodeURIComponent(event.params.slug)}`;
  const query = `?region=${encodeURIComponent(region)}`;
  const [service, form] = await Promise.all([
    apiGetOrThrow<ServiceDetailView>(event, `${path}${query}`),
    apiGetOrThrow<ServiceFormView>(event, `${path}/form${query}`),
  ]);
  return { region, service, form: form.form };
};
