import { fail, redirect } from '@sveltejs/kit';
import type { PublicComplaintType } from '@layan/server/modules/complaint/complaint.schemas.ts';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  event.setHeaders({ 'cache-control': 'no-store' });
  const code = (event.url.searchParams.get('kode') ?? '').trim();
  if (!code) return { code, complaint: null, error: null, fresh: false };
  const result = await apiGet<PublicComplaintType>(event, `/api/v1/complaints/track/${encodeURIComponent(code)}`);
  return {
    code,
    complaint: result.ok ? result.data : null,
    error: result.ok ? null : result.error.message,
    fresh: event.url.searchParams.get('baru') === '1',
  };
};

function codeOf(event: { url: URL }) {
  return (event.url.searchParams.get('kode') ?? '').trim();
}

export const actions: Actions = {
  rate: async (event) => {
    const form = await event.request.formData();
    const code = codeOf(event);
    const note = String(form.get('note') ?? '').trim();
    const result = await apiSend(event, {
      method: 'POST',
      url: `/api/v1/complaints/track/${encodeURIComponent(code)}/rating`,
      body: { rating: Number(form.get('rating')), ...(note ? { note } : {}) },
    });
    if (!result.ok) return fail(result.error.status, { rateMessage: result.error.message });
    redirect(303, `/pengaduan/lacak?kode=${encodeURIComponent(code)}`);
  },
  reopen: async (event) => {
    const form = await event.request.formData();
    const code = codeOf(event);
    const reason = String(form.get('reason') ?? '').trim();
    const result = await apiSend(event, {
      method: 'POST',
      url: `/api/v1/complaints/track/${encodeURIComponent(code)}/reopen`,
      body: { reason },
    });
    if (!result.ok) return fail(result.error.status, { reopenMessage: result.error.message, reason });
    redirect(303, `/pengaduan/lacak?kode=${encodeURIComponent(code)}`);
  },
};
