import { fail, redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { apiGet } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';
import type { TrackView } from './track';

export const load: PageServerLoad = async () => ({});

export const actions: Actions = {
  // A form post rather than a query string, so a mistyped code is answered next to the field.
  default: async (event) => {
    const lang = event.locals.lang;
    const code = String((await event.request.formData()).get('code') ?? '').trim();
    if (!code) return fail(400, { code, errors: [{ field: 'code', message: t(lang, 'apl.trackRequired') }] });
    // The API is tolerant of lower case, spaces and missing dashes and answers the canonical code.
    const result = await apiGet<TrackView>(event, `/api/v1/track/${encodeURIComponent(code.replace(/\s+/g, ''))}`);
    if (!result.ok) {
      const message = result.error.status === 404 ? t(lang, 'apl.trackNotFound') : result.error.message;
      return fail(result.error.status, { code, errors: [{ field: 'code', message }] });
    }
    redirect(303, `/lacak/${result.data.trackingCode}`);
  },
};
