import type { ConsoleType, TicketType } from '@layan/server/modules/queue/queue.schemas.ts';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { regionParam } from '$lib/catalog';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import type { Actions, PageServerLoad } from './$types';

interface Session {
  staff: { name: string };
  grants: Array<{ role: string; regionCode: string | null; locationId?: string }>;
}

function toSignIn(event: RequestEvent): never {
  redirect(303, `/petugas/masuk?kembali=${encodeURIComponent(event.url.pathname + event.url.search)}`);
}

export const load: PageServerLoad = async (event) => {
  const session = await apiGet<Session>(event, '/api/v1/auth/session');
  if (!session.ok) toSignIn(event);
  const counterId = event.url.searchParams.get('loket');
  if (counterId) {
    const console = await apiGet<ConsoleType>(event, `/api/v1/queue/counters/${encodeURIComponent(counterId)}`);
    if (!console.ok) {
      if (console.error.status === 401) toSignIn(event);
      return { staffName: session.data.staff.name, console: null, counters: [], message: console.error.message };
    }
    return { staffName: session.data.staff.name, console: console.data, counters: [], message: null };
  }
  // Choose a counter: the location of the caller's grant, else the region's first location.
  let locationId = event.url.searchParams.get('lokasi') ?? session.data.grants.find((g) => g.locationId)?.locationId;
  if (!locationId) {
    const locations = await apiGet<{ items: Array<{ id: string; kind: string }> }>(
      event,
      `/api/v1/locations?region=${regionParam(event.url)}`,
    );
    locationId = locations.ok ? (locations.data.items.find((l) => l.kind === 'mpp') ?? locations.data.items[0])?.id : undefined;
  }
  const counters = locationId
    ? await apiGet<{ items: Array<{ id: string; code: string; name: string }> }>(
        event,
        `/api/v1/queue/locations/${locationId}/counters`,
      )
    : null;
  return {
    staffName: session.data.staff.name,
    console: null,
    counters: counters?.ok ? counters.data.items : [],
    message: counters && !counters.ok ? counters.error.message : null,
  };
};

/** One console button: a POST to the counter's API, then back to the console (post/redirect/get). */
function consoleAction(path: (form: FormData) => string, body?: (form: FormData) => unknown) {
  return async (event: RequestEvent) => {
    const counterId = event.url.searchParams.get('loket') ?? '';
    const form = await event.request.formData();
    const result = await apiSend<TicketType | { ticket: TicketType | null }>(event, {
      method: 'POST',
      url: `/api/v1/queue/counters/${encodeURIComponent(counterId)}/${path(form)}`,
      body: body ? body(form) : undefined,
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(result.error.status, { message: result.error.message });
    }
    redirect(303, `/loket?loket=${encodeURIComponent(counterId)}`);
  };
}

export const actions: Actions = {
  next: consoleAction(() => 'call-next'),
  recall: consoleAction(() => 'recall'),
  noshow: consoleAction(() => 'no-show'),
  start: consoleAction(() => 'start'),
  finish: consoleAction(
    () => 'finish',
    (form) => {
      const applicationId = String(form.get('applicationId') ?? '').trim();
      return applicationId ? { applicationId } : {};
    },
  ),
  transfer: consoleAction(
    () => 'transfer',
    (form) => {
      const [kind, id] = String(form.get('to') ?? '').split(':');
      return kind === 'counter' ? { counterId: id } : { queueId: id };
    },
  ),
  call: consoleAction((form) => `call/${encodeURIComponent(String(form.get('ticket') ?? ''))}`),
};
