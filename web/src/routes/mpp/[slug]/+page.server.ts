import type { PopularListView } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { error } from '@sveltejs/kit';
import { apiGet, apiGetOrThrow } from '$lib/server/api';
import { regionParam, type AgencyItem } from '$lib/catalog';
import type { PageServerLoad } from './$types';

/** A location as `GET /api/v1/locations` answers it (the fields this page uses). */
interface Location {
  tenantCode: string;
  slug: string;
  name: string;
  kind: string;
  address: string;
  openingHours: Array<{ day: number; opens: string; closes: string }>;
}

// The catalog home of one MPP: the agencies serving its region and the region's most-used
// services. An MPP hosts the counters of its tenant's agencies; the public API names them by
// region, so the page lists the agencies of the tenant the MPP belongs to.
export const load: PageServerLoad = async (event) => {
  const region = regionParam(event.url);
  const locations = await apiGetOrThrow<{ items: Location[] }>(event, `/api/v1/locations?region=${encodeURIComponent(region)}`);
  const mpp = locations.items.find((l) => l.slug === event.params.slug && l.kind === 'mpp');
  if (!mpp)
    error(404, {
      message: event.locals.lang === 'en' ? 'No such Public Service Mall.' : 'Mal Pelayanan Publik tidak ditemukan.',
    });
  const tenant = encodeURIComponent(mpp.tenantCode);
  const [agencies, popular, regionInfo] = await Promise.all([
    apiGetOrThrow<{ items: AgencyItem[] }>(event, `/api/v1/agencies?region=${tenant}`),
    apiGetOrThrow<PopularListView>(event, `/api/v1/services/popular?region=${tenant}&limit=10`),
    apiGet<{ name: string }>(event, `/api/v1/regions/${tenant}`),
  ]);
  return {
    region,
    mpp,
    regionName: regionInfo.ok ? regionInfo.data.name : mpp.tenantCode,
    agencies: agencies.items.filter((a) => a.tenantCode === mpp.tenantCode),
    popular,
  };
};
