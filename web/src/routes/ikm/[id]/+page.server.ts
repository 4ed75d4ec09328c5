import type { IkmViewType } from '@layan/server/modules/survey/survey.schemas.ts';
import { error } from '@sveltejs/kit';
import { apiGetOrThrow } from '$lib/server/api';
import { regionParam } from '$lib/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const tenant = regionParam(event.url).slice(0, 5);
  if (!/^[0-9a-f-]{36}$/.test(event.params.id)) error(404, 'Survei tidak ditemukan.');
  const query = `tenant=${tenant}&survey=${event.params.id}`;
  const ikm = await apiGetOrThrow<IkmViewType>(event, `/api/v1/ikm?${query}`);
  return { tenant, ikm, survey: ikm.surveys[0]!, csvUrl: `/api/v1/ikm/export.csv?${query}` };
};
