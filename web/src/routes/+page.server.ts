import type { RegionSummary } from '@layan/server/modules/region/region.schemas.ts';
import { apiGetOrThrow } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
  summary: await apiGetOrThrow<RegionSummary>(event, '/api/v1/regions/summary'),
});
