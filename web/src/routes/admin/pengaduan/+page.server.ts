import type { ComplaintListType } from '@layan/server/modules/complaint/complaint.schemas.ts';
import { apiGet } from '$lib/server/api';
import { regionParam } from '$lib/catalog';
import { failPage, requireStaff } from '../staff-session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const session = await requireStaff(event);
  const tenant = regionParam(event.url).slice(0, 5);
  const status = event.url.searchParams.get('status') ?? '';
  const query = status ? `?status=${encodeURIComponent(status)}` : '';
  const list = await apiGet<ComplaintListType>(event, `/api/v1/admin/tenants/${tenant}/complaints${query}`);
  if (!list.ok) failPage(list, event);
  return { staffName: session.staff.name, tenant, status, list: list.data };
};
