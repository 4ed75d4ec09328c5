import { fail, redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { apiGet } from '$lib/server/api';
import { CITIZEN_SESSION_COOKIE, fieldErrorsOf, forwardCitizenCookie, type FieldError } from '$lib/server/citizen-api';
import { apiSend } from '$lib/server/staff-api';
import type { Actions, PageServerLoad } from './$types';

const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
type Channel = (typeof CHANNELS)[number];

export const load: PageServerLoad = async (event) => {
  const { cookies, url, setHeaders } = event;
  setHeaders({ 'cache-control': 'no-store' });
  // Already signed in: the account page (which sends a stale cookie back here).
  if (cookies.get(CITIZEN_SESSION_COOKIE) && !url.searchParams.has('keluar')) redirect(303, '/akun');
  // Single sign-on buttons for citizen providers such as INApas (docs/SSO.md); none configured, none shown.
  const providers = await apiGet<{ items: Array<{ id: string; label: string; audience: string; startUrl: string }> }>(
    event,
    '/api/v1/auth/oidc/providers',
  );
  return {
    signedOut: url.searchParams.has('keluar'),
    providers: (providers.ok ? providers.data.items : [])
      .filter((p) => p.audience === 'citizen')
      .map((p) => ({ id: p.id, label: p.label, href: `${p.startUrl}?returnTo=${encodeURIComponent('/akun')}` })),
  };
};

function readStart(form: FormData) {
  const channelValue = String(form.get('channel') ?? 'email');
  return {
    nik: String(form.get('nik') ?? '').replace(/\s+/g, ''),
    channel: (CHANNELS as readonly string[]).includes(channelValue) ? (channelValue as Channel) : 'email',
    destination: String(form.get('destination') ?? '').trim(),
  };
}

export const actions: Actions = {
  // Step 1: a code to the e-mail address or phone. The answer is the same whether or not the NIK
  // has an account (docs/CITIZENS.md), so the next step asks for a name in case it is new.
  kirim: async (event) => {
    const lang = event.locals.lang;
    const values = readStart(await event.request.formData());
    const errors: FieldError[] = [];
    if (!values.nik) errors.push({ field: 'nik', message: t(lang, 'citizen.nikRequired') });
    if (!values.destination) errors.push({ field: 'destination', message: t(lang, 'citizen.destinationRequired') });
    if (errors.length > 0) return fail(400, { step: 'start' as const, ...values, errors });
    const result = await apiSend<{ expiresInSeconds: number }>(event, {
      method: 'POST',
      url: '/api/v1/auth/citizen/otp',
      body: values,
    });
    if (!result.ok) {
      return fail(result.error.status === 429 ? 429 : 400, {
        step: 'start' as const,
        ...values,
        errors: fieldErrorsOf(result, lang, 'nik'),
      });
    }
    return { step: 'code' as const, ...values, minutes: Math.round(result.data.expiresInSeconds / 60), errors: [] };
  },

  // Step 2: the code (and a name on first use); the API's session cookie is passed on.
  verifikasi: async (event) => {
    const lang = event.locals.lang;
    const form = await event.request.formData();
    const values = { ...readStart(form), minutes: undefined as number | undefined };
    const code = String(form.get('code') ?? '').replace(/\s+/g, '');
    const name = String(form.get('name') ?? '').trim();
    const errors: FieldError[] = [];
    if (!/^\d{6}$/.test(code)) errors.push({ field: 'code', message: t(lang, 'citizen.codeFormat') });
    if (name && name.length < 2) errors.push({ field: 'name', message: t(lang, 'citizen.nameShort') });
    if (errors.length > 0) return fail(400, { step: 'code' as const, ...values, name, errors });
    const result = await apiSend<unknown>(event, {
      method: 'POST',
      url: '/api/v1/auth/citizen/verify',
      body: { nik: values.nik, code, ...(name ? { name } : {}) },
    });
    if (!result.ok) {
      return fail(result.error.status === 429 ? 429 : 400, {
        step: 'code' as const,
        ...values,
        name,
        errors: fieldErrorsOf(result, lang, 'code'),
      });
    }
    if (!forwardCitizenCookie(event, result.headers)) {
      return fail(500, { step: 'code' as const, ...values, name, errors: [{ field: 'code', message: 'No session cookie' }] });
    }
    redirect(303, '/akun');
  },
};
