import { redirect } from '@sveltejs/kit';
import { apiGetRaw } from '$lib/server/citizen-api';
import type { RequestHandler } from './$types';

/** "Unduh data saya": the API's export (UU 27/2022 Pasal 32) as a file, its attachment name kept. */
export const GET: RequestHandler = async (event) => {
  const response = await apiGetRaw(event, '/api/v1/me/data');
  if (response.status === 401) redirect(303, '/masuk');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  const disposition = response.headers['content-disposition'];
  if (typeof disposition === 'string') headers['content-disposition'] = disposition;
  const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body, null, 2);
  return new Response(body, { status: response.status, headers });
};
