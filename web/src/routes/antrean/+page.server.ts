import type { BookingType } from '@layan/server/modules/queue/queue.schemas.ts';
import { fail, redirect } from '@sveltejs/kit';
import { regionParam } from '$lib/catalog';
import { apiGet, apiGetOrThrow } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import type { Actions, PageServerLoad } from './$types';

interface LocationItem {
  id: string;
  name: string;
  kind: string;
}
interface LocationQueues {
  location: { id: string; name: string; timeZone: string };
  today: string;
  dates: string[];
  queues: Array<{ id: string; code: string; name: string; services: Array<{ name: string }> }>;
}
interface Slots {
  date: string;
  closed: { reason: string; name: string | null } | null;
  slots: Array<{ start: string; end: string; left: number; available: boolean }>;
}

export const load: PageServerLoad = async (event) => {
  const { url } = event;
  const code = url.searchParams.get('kode');
  if (code) redirect(303, `/antrean/${encodeURIComponent(code.trim().toUpperCase().replace(/[\s-]/g, ''))}`);
  const region = regionParam(url);
  const locations = (
    await apiGetOrThrow<{ items: LocationItem[] }>(event, `/api/v1/locations?region=${encodeURIComponent(region)}`)
  ).items;
  const locationId = url.searchParams.get('lokasi') ?? locations.find((l) => l.kind === 'mpp')?.id ?? locations[0]?.id;
  let info: LocationQueues | null = null;
  let slots: Slots | null = null;
  let queueId: string | null = null;
  let date: string | null = null;
  if (locationId) {
    const found = await apiGet<LocationQueues>(event, `/api/v1/queue/locations/${encodeURIComponent(locationId)}`);
    if (found.ok && found.data.queues.length > 0) {
      info = found.data;
      queueId = url.searchParams.get('antrean') ?? info.queues[0]!.id;
      date = url.searchParams.get('tanggal') ?? info.dates[0] ?? null;
      if (queueId && date) {
        const result = await apiGet<Slots>(
          event,
          `/api/v1/queue/locations/${info.location.id}/slots?queue=${encodeURIComponent(queueId)}&date=${encodeURIComponent(date)}`,
        );
        if (result.ok) slots = result.data;
      }
    }
  }
  return { locations, locationId: locationId ?? null, info, queueId, date, slots };
};

export const actions: Actions = {
  pesan: async (event) => {
    const form = await event.request.formData();
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const values = {
      name: field('name'),
      phone: field('phone'),
      email: field('email'),
      time: field('time'),
      priority: form.get('priority') === 'on',
    };
    if (!values.time)
      return fail(400, {
        values,
        errors: [{ field: 'time', message: event.locals.lang === 'en' ? 'Choose a time.' : 'Pilih jam.' }],
      });
    const result = await apiSend<BookingType>(event, {
      method: 'POST',
      url: `/api/v1/queue/locations/${encodeURIComponent(field('location'))}/bookings`,
      body: {
        queueId: field('queue'),
        date: field('date'),
        time: values.time,
        name: values.name,
        ...(values.phone ? { phone: values.phone } : {}),
        ...(values.email ? { email: values.email } : {}),
        priority: values.priority,
      },
    });
    if (!result.ok) {
      const byCode: Record<string, string> = {
        BOOKING_CONTACT_REQUIRED: 'phone',
        DESTINATION_INVALID: values.phone ? 'phone' : 'email',
        SLOT_FULL: 'time',
        SLOT_INVALID: 'time',
        DAY_FULL: 'time',
      };
      const path = (result.error.details?.[0] as { instancePath?: string } | undefined)?.instancePath?.replace(/^\//, '');
      return fail(result.error.status, {
        values,
        errors: [{ field: byCode[result.error.code] ?? path ?? 'name', message: result.error.message }],
      });
    }
    redirect(303, `/antrean/${result.data.code}?baru=1`);
  },
};
