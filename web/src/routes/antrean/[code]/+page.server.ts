import type { BookingType } from '@layan/server/modules/queue/queue.schemas.ts';
import { error, fail, redirect } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import type { Actions, PageServerLoad } from './$types';

interface Slots {
  slots: Array<{ start: string; end: string; left: number; available: boolean }>;
}

export const load: PageServerLoad = async (event) => {
  const code = event.params.code;
  const booking = await apiGet<BookingType>(event, `/api/v1/queue/bookings/${encodeURIComponent(code)}`);
  if (!booking.ok) error(booking.error.status, { message: booking.error.message, code: booking.error.code });
  let dates: string[] = [];
  let slots: Slots | null = null;
  const date = event.url.searchParams.get('tanggal');
  if (booking.data.status === 'booked') {
    const info = await apiGet<{ dates: string[] }>(event, `/api/v1/queue/locations/${booking.data.locationId}`);
    dates = info.ok ? info.data.dates : [];
    if (date) {
      const result = await apiGet<Slots>(
        event,
        `/api/v1/queue/locations/${booking.data.locationId}/slots?queue=${booking.data.queueId}&date=${encodeURIComponent(date)}`,
      );
      if (result.ok) slots = result.data;
    }
  }
  return {
    booking: booking.data,
    dates,
    date,
    slots,
    justBooked: event.url.searchParams.has('baru'),
    changed: event.url.searchParams.get('diubah'),
  };
};

export const actions: Actions = {
  batal: async (event) => {
    const result = await apiSend<BookingType>(event, {
      method: 'POST',
      url: `/api/v1/queue/bookings/${encodeURIComponent(event.params.code)}/cancel`,
    });
    if (!result.ok) return fail(result.error.status, { message: result.error.message });
    redirect(303, `/antrean/${event.params.code}?diubah=batal`);
  },
  ubah: async (event) => {
    const form = await event.request.formData();
    const result = await apiSend<BookingType>(event, {
      method: 'POST',
      url: `/api/v1/queue/bookings/${encodeURIComponent(event.params.code)}/reschedule`,
      body: { date: String(form.get('date') ?? ''), time: String(form.get('time') ?? '') },
    });
    if (!result.ok) return fail(result.error.status, { message: result.error.message });
    redirect(303, `/antrean/${event.params.code}?diubah=jadwal`);
  },
};
