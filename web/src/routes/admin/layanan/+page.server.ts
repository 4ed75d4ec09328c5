import type { AdminServiceListView } from '@layan/server/modules/catalog/catalog.schemas.ts';
import { error, redirect } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const session = await apiGet<{ staff: { name: string } }>(event, '/api/v1/auth/session');
  if (!session.ok) redirect(303, `/petugas/masuk?kembali=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  const list = await apiGet<AdminServiceListView>(event, '/api/v1/admin/services');
  // A signed-in staff member without catalog rights sees the API's 403 as the page's.
  if (!list.ok) error(list.error.status, { message: list.error.message, code: list.error.code });
  return { staffName: session.data.staff.name, services: list.data.items };
};
