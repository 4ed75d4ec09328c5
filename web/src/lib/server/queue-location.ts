import { error, type RequestEvent } from '@sveltejs/kit';
import { regionParam } from '$lib/catalog';
import { apiGetOrThrow } from './api';

/**
 * The location named in a queue page's address: its slug within the tenant of `?wilayah=` (the
 * demo tenant by default), or its id. 404 when there is none.
 */
export async function resolveQueueLocation(
  event: RequestEvent,
  param: string,
): Promise<{ id: string; name: string; slug: string }> {
  const region = regionParam(event.url);
  const { items } = await apiGetOrThrow<{ items: Array<{ id: string; name: string; slug: string }> }>(
    event,
    `/api/v1/locations?region=${encodeURIComponent(region)}`,
  );
  const location = items.find((l) => l.slug === param || l.id === param);
  if (!location)
    error(404, {
      message: event.locals.lang === 'en' ? 'No such service location.' : 'Lokasi layanan tidak ditemukan.',
      code: 'LOCATION_NOT_FOUND',
    });
  return location;
}
