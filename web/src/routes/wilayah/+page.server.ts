import type { RegionChildren, RegionSearchResult } from '@layan/server/modules/region/region.schemas.ts';
import { apiGet } from '$lib/server/api';
import type { PageServerLoad } from './$types';

const LEVELS = new Set(['provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan']);

export const load: PageServerLoad = async (event) => {
  const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const levelParam = event.url.searchParams.get('level') ?? '';
  const level = LEVELS.has(levelParam) ? levelParam : '';
  // Provinces are listed by the same search endpoint: no q, level=provinsi.
  const provinces = await apiGet<RegionSearchResult>(event, '/api/v1/regions?level=provinsi&limit=50');
  let results: RegionSearchResult['items'] | null = null;
  let error: string | null = null;
  if (q.length >= 2) {
    const params = new URLSearchParams({ q, limit: '50' });
    if (level) params.set('level', level);
    const found = await apiGet<RegionSearchResult>(event, `/api/v1/regions?${params}`);
    if (found.ok) results = found.data.items;
    else error = found.error.message;
  }
  return {
    q,
    level,
    results,
    error,
    provinces: provinces.ok ? provinces.data.items : ([] as RegionChildren['items']),
  };
};
