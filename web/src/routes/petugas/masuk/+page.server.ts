import { fail, redirect } from '@sveltejs/kit';
import { apiGet } from '$lib/server/api';
import { apiSend, safePath, sessionCookieOf, STAFF_SESSION_COOKIE } from '$lib/server/staff-api';
import type { Actions, PageServerLoad } from './$types';

interface Provider {
  id: string;
  label: string;
  audience: 'staff' | 'citizen';
  startUrl: string;
}

export const load: PageServerLoad = async (event) => {
  const returnTo = safePath(event.url.searchParams.get('kembali'), '/admin');
  // Single sign-on buttons for staff providers (docs/SSO.md); none configured, none shown.
  const providers = await apiGet<{ items: Provider[] }>(event, '/api/v1/auth/oidc/providers');
  return {
    returnTo,
    providers: (providers.ok ? providers.data.items : [])
      .filter((p) => p.audience === 'staff')
      .map((p) => ({ id: p.id, label: p.label, href: `${p.startUrl}?returnTo=${encodeURIComponent(returnTo)}` })),
  };
};

export const actions: Actions = {
  // A plain form post (works without JavaScript): the API checks the password, sets nothing on
  // the browser itself, so the session cookie it answers with is passed on here.
  default: async (event) => {
    const form = await event.request.formData();
    const email = String(form.get('email') ?? '').trim();
    const otp = String(form.get('otp') ?? '').trim();
    const returnTo = safePath(form.get('kembali'), '/admin');
    const result = await apiSend<unknown>(event, {
      method: 'POST',
      url: '/api/v1/auth/staff/sign-in',
      body: { email, password: String(form.get('password') ?? ''), ...(otp ? { otp } : {}) },
    });
    if (!result.ok) return fail(result.error.status === 429 ? 429 : 400, { email, message: result.error.message });
    const session = sessionCookieOf(result.headers);
    if (!session) return fail(500, { email, message: 'No session cookie' });
    event.cookies.set(STAFF_SESSION_COOKIE, session.value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: event.url.protocol === 'https:',
      ...(session.maxAge !== undefined ? { maxAge: session.maxAge } : {}),
    });
    redirect(303, returnTo);
  },
};
