import { error, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { Lang } from '$lib/i18n';
import type { SendResult } from './staff-api';

/** The citizen session cookie the API sets on sign-in (server/src/modules/citizen/citizen.plugin.ts). */
export const CITIZEN_SESSION_COOKIE = 'layan_citizen_session';

/** One field's error, shown next to the field and in the summary at the top of the page. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Passes the citizen session cookie of an API answer's Set-Cookie header(s) on to the browser,
 * as the staff sign-in page does. Returns false when the answer set none.
 */
export function forwardCitizenCookie(event: RequestEvent, headers: Record<string, unknown>): boolean {
  const raw = headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
  for (const line of lines) {
    const [pair, ...attributes] = line.split(';');
    const eq = pair!.indexOf('=');
    if (pair!.slice(0, eq).trim() !== CITIZEN_SESSION_COOKIE) continue;
    const maxAge = attributes.map((a) => /^\s*max-age=(\d+)\s*$/i.exec(a)?.[1]).find((v) => v !== undefined);
    event.cookies.set(CITIZEN_SESSION_COOKIE, decodeURIComponent(pair!.slice(eq + 1).trim()), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: event.url.protocol === 'https:',
      ...(maxAge ? { maxAge: Number(maxAge) } : {}),
    });
    return true;
  }
  return false;
}

export function clearCitizenCookie(cookies: Cookies, secure: boolean): void {
  cookies.delete(CITIZEN_SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** A GET to the API in-process with the visitor's cookies, keeping the answer's headers (for downloads). */
export async function apiGetRaw(
  event: RequestEvent,
  url: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }> {
  const api = event.platform?.req.layan;
  if (!api) error(500, 'Layan API is not mounted (run the app through `layan start`).');
  const headers: Record<string, string> = { 'accept-language': event.locals.lang };
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  return api.request({ method: 'GET', url, headers });
}

/** The fields an API error belongs to (the rest go to the summary only). */
const FIELD_OF_CODE: Record<string, string> = {
  NIK_INVALID: 'nik',
  DESTINATION_INVALID: 'destination',
  CHANNEL_UNAVAILABLE: 'channel',
  CITIZEN_CODE_MISSING: 'code',
  CITIZEN_CODE_WRONG: 'code',
  CITIZEN_CODE_EXPIRED: 'code',
  CITIZEN_CODE_USED: 'code',
  CITIZEN_CODE_LOCKED: 'code',
  CITIZEN_NAME_REQUIRED: 'name',
  CITIZEN_SIGN_IN_FAILED: 'nik',
};

/**
 * A failed API call as field errors. The API's message is already in the visitor's language; a
 * NIK's issues come one by one in `details`, which say more than the summary message.
 */
export function fieldErrorsOf(
  result: Extract<SendResult<unknown>, { ok: false }>,
  lang: Lang,
  fallbackField: string,
): FieldError[] {
  const { code, message } = result.error;
  const details = (result.error as { details?: unknown }).details;
  if (code === 'NIK_INVALID' && Array.isArray(details) && details.length > 0) {
    return [
      {
        field: 'nik',
        message: details
          .map((d: { message?: string; messageEn?: string }) => (lang === 'en' ? (d.messageEn ?? d.message) : d.message))
          .filter(Boolean)
          .join(' '),
      },
    ];
  }
  if (code === 'VALIDATION_FAILED' && Array.isArray(details)) {
    const path = String((details[0] as { instancePath?: string } | undefined)?.instancePath ?? '').replace(/^\//, '');
    if (path) return [{ field: path, message }];
  }
  return [{ field: FIELD_OF_CODE[code] ?? fallbackField, message }];
}

/** "sari@warga.test" → "sa***@warga.test"; "+6281234567890" → "+62812*****890". */
export function maskContact(value: string | null): string | null {
  if (!value) return value;
  const at = value.indexOf('@');
  if (at > 0) return `${value.slice(0, Math.min(2, at))}***${value.slice(at)}`;
  if (value.length <= 8) return value.replace(/\d(?=\d{3})/g, '*');
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 9)}${value.slice(-3)}`;
}
