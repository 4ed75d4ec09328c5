import type { TicketType } from '@layan/server/modules/queue/queue.schemas.ts';
import { fail } from '@sveltejs/kit';
import { apiGetOrThrow } from '$lib/server/api';
import { resolveQueueLocation } from '$lib/server/queue-location';
import { apiSend } from '$lib/server/staff-api';
import type { Actions, PageServerLoad } from './$types';

interface LocationQueues {
  location: { id: string; name: string };
  queues: Array<{ id: string; code: string; name: string }>;
}

export const load: PageServerLoad = async (event) => {
  const location = await resolveQueueLocation(event, event.params.location);
  const info = await apiGetOrThrow<LocationQueues>(event, `/api/v1/queue/locations/${location.id}`);
  return { location: info.location, queues: info.queues };
};

function issued(event: Parameters<Actions[string]>[0], ticket: TicketType) {
  return { ticket, ticketUrl: `${event.url.origin}/antrean/tiket/${ticket.id}` };
}

export const actions: Actions = {
  ambil: async (event) => {
    const form = await event.request.formData();
    const location = await resolveQueueLocation(event, event.params.location);
    const result = await apiSend<TicketType>(event, {
      method: 'POST',
      url: `/api/v1/queue/locations/${location.id}/tickets`,
      body: { queueId: String(form.get('queue') ?? ''), priority: form.get('priority') === 'on' },
    });
    if (!result.ok) return fail(result.error.status, { message: result.error.message });
    return issued(event, result.data);
  },
  hadir: async (event) => {
    const form = await event.request.formData();
    const location = await resolveQueueLocation(event, event.params.location);
    const result = await apiSend<TicketType>(event, {
      method: 'POST',
      url: `/api/v1/queue/locations/${location.id}/check-in`,
      body: { code: String(form.get('code') ?? '') },
    });
    if (!result.ok) return fail(result.error.status, { message: result.error.message, code: String(form.get('code') ?? '') });
    return issued(event, result.data);
  },
};
