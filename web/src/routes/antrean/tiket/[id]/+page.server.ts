import type { TicketStatusViewType } from '@layan/server/modules/queue/queue.schemas.ts';
import { apiGetOrThrow } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
  ticket: await apiGetOrThrow<TicketStatusViewType>(event, `/api/v1/queue/tickets/${encodeURIComponent(event.params.id)}`),
});
