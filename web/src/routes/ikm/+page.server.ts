import type { IkmViewType, SurveyType } from '@layan/server/modules/survey/survey.schemas.ts';
import { apiGetOrThrow } from '$lib/server/api';
import { regionParam } from '$lib/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const tenant = regionParam(event.url).slice(0, 5);
  const surveys = await apiGetOrThrow<{ items: SurveyType[] }>(event, `/api/v1/tenants/${tenant}/surveys`);
  const results = await Promise.all(
    surveys.items.map((s) => apiGetOrThrow<IkmViewType>(event, `/api/v1/ikm?tenant=${tenant}&survey=${s.id}`)),
  );
  return { tenant, items: surveys.items.map((s, i) => ({ survey: s, ikm: results[i]! })) };
};
