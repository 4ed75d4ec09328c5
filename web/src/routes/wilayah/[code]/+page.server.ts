import type { RegionChildren, RegionDetail } from '@layan/server/modules/region/region.schemas.ts';
import { apiGetOrThrow } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const code = encodeURIComponent(event.params.code);
  const [region, children] = await Promise.all([
    apiGetOrThrow<RegionDetail>(event, `/api/v1/regions/${code}`),
    apiGetOrThrow<RegionChildren>(event, `/api/v1/regions/${code}/children`),
  ]);
  return { region, children: children.items };
};
