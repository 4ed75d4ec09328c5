import type { ServiceListView } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { apiGet, apiGetOrThrow } from '$lib/server/api';
import { regionParam, type AgencyItem } from '$lib/catalog';
import type { PageServerLoad } from './$types';

const CHANNELS = new Set(['online', 'loket', 'desa']);

export const load: PageServerLoad = async (event) => {
  const region = regionParam(event.url);
  const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const channelParam = event.url.searchParams.get('kanal') ?? '';
  const channel = CHANNELS.has(channelParam) ? channelParam : '';
  const filter = channel ? `&channel=${channel}` : '';
  const [agencies, all, tenant] = await Promise.all([
    apiGetOrThrow<{ items: AgencyItem[] }>(event, `/api/v1/agencies?region=${encodeURIComponent(region)}`),
    apiGetOrThrow<ServiceListView>(event, `/api/v1/services?region=${encodeURIComponent(region)}&limit=500${filter}`),
    apiGet<{ name: string }>(event, `/api/v1/regions/${encodeURIComponent(region.slice(0, 5))}`),
  ]);
  let results: ServiceListView['items'] | null = null;
  let error: string | null = null;
  if (q) {
    const params = new URLSearchParams({ region, q, limit: '20' });
    if (channel) params.set('channel', channel);
    const found = await apiGet<ServiceListView>(event, `/api/v1/services?${params}`);
    if (found.ok) results = found.data.items;
    else error = found.error.message;
  }
  return {
    region,
    regionName: tenant.ok ? tenant.data.name : region,
    q,
    channel,
    results,
    error,
    agencies: agencies.items,
    services: all.items,
  };
};
