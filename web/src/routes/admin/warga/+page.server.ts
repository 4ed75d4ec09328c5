import { fail } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { apiGet } from '$lib/server/api';
import { requireStaff, toSignIn, type FieldError } from '../staff-session';
import { citizenView, type StaffCitizen } from './citizen';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  await requireStaff(event);
  return {};
};

export const actions: Actions = {
  // A form post, so the NIK never sits in the page's address (history, proxies, referrers).
  cari: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const nik = String(form.get('nik') ?? '').replace(/\s+/g, '');
    if (!nik)
      return fail(400, { nik, errors: [{ field: 'nik', message: t(lang, 'adm.required', { field: 'NIK' }) }] as FieldError[] });
    const result = await apiGet<StaffCitizen>(event, `/api/v1/staff/citizens?nik=${encodeURIComponent(nik)}`);
    if (!result.ok) {
      if (result.error.status === 401) toSignIn(event);
      const details = (result.error as { details?: Array<{ message?: string; messageEn?: string }> }).details;
      const message =
        result.error.code === 'NIK_INVALID' && Array.isArray(details) && details.length
          ? details.map((d) => (lang === 'en' ? (d.messageEn ?? d.message) : d.message)).join(' ')
          : result.error.message;
      return fail(result.error.status === 404 ? 404 : 400, { nik, errors: [{ field: 'nik', message }] as FieldError[] });
    }
    return { nik: '', errors: [] as FieldError[], citizen: citizenView(result.data) };
  },
};
