import type { ServiceListView } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { error } from '@sveltejs/kit';
import { apiGetOrThrow } from '$lib/server/api';
import { regionParam, type AgencyItem } from '$lib/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const region = regionParam(event.url);
  const agencies = await apiGetOrThrow<{ items: AgencyItem[] }>(event, `/api/v1/agencies?region=${encodeURIComponent(region)}`);
  // The region's own tenant first, as the catalog API does.
  const agency = agencies.items
    .filter((a) => a.slug === event.params.slug)
    .sort((a, b) => b.tenantCode.length - a.tenantCode.length)[0];
  if (!agency) error(404, { message: event.locals.lang === 'en' ? 'No such agency.' : 'Instansi tidak ditemukan.' });
  const services = await apiGetOrThrow<ServiceListView>(
    event,
    `/api/v1/services?region=${encodeURIComponent(region)}&agency=${encodeURIComponent(agency.slug)}&limit=500`,
  );
  return { region, agency, services: services.items.filter((s) => s.agency.id === agency.id) };
};
