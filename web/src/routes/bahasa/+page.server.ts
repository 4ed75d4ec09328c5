import { fail, redirect } from '@sveltejs/kit';
import { LANG_COOKIE } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Only same-site paths: an open redirect would let a link send citizens anywhere. */
function safePath(value: FormDataEntryValue | null): string {
  const path = typeof value === 'string' ? value : '/';
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ request, cookies }) => {
    const form = await request.formData();
    const lang = form.get('lang');
    if (lang !== 'id' && lang !== 'en') return fail(400, { message: 'lang must be id or en' });
    cookies.set(LANG_COOKIE, lang, { path: '/', maxAge: ONE_YEAR, httpOnly: false, sameSite: 'lax' });
    redirect(303, safePath(form.get('redirectTo')));
  },
};
