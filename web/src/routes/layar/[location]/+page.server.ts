import type { BoardType } from '@layan/server/modules/queue/queue.schemas.ts';
import { apiGetOrThrow } from '$lib/server/api';
import { resolveQueueLocation } from '$lib/server/queue-location';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const location = await resolveQueueLocation(event, event.params.location);
  return { board: await apiGetOrThrow<BoardType>(event, `/api/v1/queue/locations/${location.id}/board`) };
};
