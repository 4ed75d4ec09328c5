import type { OutboxList, OutboxMessageView } from '@layan/server/modules/outbox/outbox.schemas.ts';
import { formatDateTime, timeZoneOfRegion } from '@layan/domain';
import { fail, redirect } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { apiSend } from '$lib/server/staff-api';
import { failPage, requireStaff, toSignIn } from '../staff-session';
import type { Actions, PageServerLoad } from './$types';

// Dead letters of the outbox for admins (docs/NOTIFICATIONS.md). The API scopes the list to the
// caller's tenants and masks recipients; this page only shows it and posts retries.

export const load: PageServerLoad = async (event) => {
  await requireStaff(event);
  const result = await apiGet<OutboxList>(event, '/api/v1/admin/outbox?status=dead&limit=200');
  if (!result.ok) failPage(result, event);
  // Each message in its tenant's zone; national ones in WIB.
  const at = (m: OutboxMessageView) =>
    formatDateTime(new Date(m.createdAt), (m.tenantCode && timeZoneOfRegion(m.tenantCode)) || 'Asia/Jakarta');
  return {
    counts: result.data.counts,
    items: result.data.items.map((m) => ({ ...m, createdAtText: at(m) })),
    retried: event.url.searchParams.has('dikirim-ulang'),
  };
};

export const actions: Actions = {
  kirimUlang: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const result = await apiSend<OutboxMessageView>(event, {
      method: 'POST',
      url: `/api/v1/admin/outbox/${encodeURIComponent(id)}/retry`,
      body: {},
    });
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      return fail(result.error.status, { id, message: result.error.message });
    }
    redirect(303, '/admin/pesan?dikirim-ulang=1');
  },
};
