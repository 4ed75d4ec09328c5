import { fail, redirect } from '@sveltejs/kit';
import { apiGetOrThrow } from '$lib/server/api';
import type { SendResult } from '$lib/server/staff-api';
import { apiCall } from '../permohonan/application.server';
import { regionParam } from '$lib/catalog';
import type { Actions, PageServerLoad } from './$types';

interface Categories {
  kinds: string[];
  categories: Array<{ code: string; name: string; nameEn: string }>;
  verifyDays: number;
}
interface Region {
  code: string;
  name: string;
}

async function formData(event: Parameters<PageServerLoad>[0]) {
  const tenant = regionParam(event.url).slice(0, 5);
  const [categories, region, children, agencies] = await Promise.all([
    apiGetOrThrow<Categories>(event, '/api/v1/complaints/categories'),
    apiGetOrThrow<Region>(event, `/api/v1/regions/${tenant}`),
    apiGetOrThrow<{ items: Region[] }>(event, `/api/v1/regions/${tenant}/children`),
    apiGetOrThrow<{ items: Array<{ id: string; name: string }> }>(event, `/api/v1/agencies?region=${tenant}`),
  ]);
  return { tenant, categories, region, districts: children.items, agencies: agencies.items };
}

export const load: PageServerLoad = async (event) => formData(event);

const FIELDS = [
  'kind',
  'category',
  'title',
  'body',
  'incidentDate',
  'regionCode',
  'agencyId',
  'applicationCode',
  'name',
  'email',
  'phone',
] as const;

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '').trim()])) as Record<
      (typeof FIELDS)[number],
      string
    >;
    const anonymous = form.get('anonymous') === 'on';
    const confidential = form.get('confidential') === 'on';
    const tenant = regionParam(event.url).slice(0, 5);
    // Forwarded to the API as multipart/form-data: the fields and the evidence files, filed together
    // (a refused file files nothing; docs/COMPLAINTS.md, "Evidence").
    const filing = new FormData();
    filing.set('tenantCode', tenant);
    filing.set('anonymous', String(anonymous));
    filing.set('confidential', String(confidential));
    for (const f of FIELDS) if (values[f] !== '') filing.set(f, values[f]);
    for (const file of form.getAll('evidence')) {
      if (file instanceof File && (file.size > 0 || file.name)) filing.append('evidence', file, file.name);
    }
    const encoded = new Request('http://layan.internal/', { method: 'POST', body: filing });
    const result: SendResult<{ trackingCode: string }> = await apiCall(event, {
      method: 'POST',
      url: '/api/v1/complaints',
      body: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type')! },
    });
    if (!result.ok) return fail(result.error.status, { values, anonymous, confidential, message: result.error.message });
    redirect(303, `/pengaduan/lacak?kode=${encodeURIComponent(result.data.trackingCode)}&baru=1`);
  },
};
