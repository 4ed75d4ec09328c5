import type { PopularListView } from '@layan/server/modules/catalog/catalog.schemas.ts';
import type { RegionSummary } from '@layan/server/modules/region/region.schemas.ts';
import { apiGet, apiGetOrThrow } from '$lib/server/api';
import { DEFAULT_REGION } from '$lib/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  // The demo region's MPPs and most-used services; a fresh install without them shows neither.
  const [summary, locations, popular] = await Promise.all([
    apiGetOrThrow<RegionSummary>(event, '/api/v1/regions/summary'),
    apiGet<{ items: Array<{ slug: string; name: string; kind: string; tenantCode: string }> }>(
      event,
      `/api/v1/locations?region=${DEFAULT_REGION}`,
    ),
    apiGet<PopularListView>(event, `/api/v1/services/popular?region=${DEFAULT_REGION}&limit=5`),
  ]);
  return {
    summary,
    mpps: locations.ok ? locations.data.items.filter((l) => l.kind === 'mpp') : [],
    popular: popular.ok ? popular.data : null,
  };
};
