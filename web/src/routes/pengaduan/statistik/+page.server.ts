import type { ComplaintStatsType } from '@layan/server/modules/complaint/complaint.schemas.ts';
import { apiGetOrThrow } from '$lib/server/api';
import { regionParam } from '$lib/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const tenant = regionParam(event.url).slice(0, 5);
  const query = new URLSearchParams();
  for (const key of ['from', 'to']) {
    const value = event.url.searchParams.get(key);
    if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) query.set(key, value);
  }
  const suffix = query.size ? `?${query}` : '';
  return { stats: await apiGetOrThrow<ComplaintStatsType>(event, `/api/v1/tenants/${tenant}/complaints/stats${suffix}`) };
};
