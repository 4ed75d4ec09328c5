import { error, type RequestEvent } from '@sveltejs/kit';
import type { ApiError } from './api';

/** The staff session cookie the API sets on sign-in (server/src/modules/identity/identity.plugin.ts). */
export const STAFF_SESSION_COOKIE = 'layan_staff_session';

export interface ApiDetail {
  path: string;
  message: string;
  messageEn: string;
}

export type SendResult<T> =
  { ok: true; data: T; headers: Record<string, unknown> } | { ok: false; error: ApiError & { details?: ApiDetail[] } };

/**
 * A state-changing call to Layan's API in-process, from a form action. It forwards the visitor's
 * cookies and adds `X-Layan-CSRF: 1`: the page's own form post has already passed SvelteKit's
 * same-origin check, so the header states what is true (docs/ACCESS.md, "CSRF").
 */
export async function apiSend<T>(
  event: RequestEvent,
  options: { method: 'POST' | 'PATCH' | 'DELETE'; url: string; body?: unknown },
): Promise<SendResult<T>> {
  const api = event.platform?.req.layan;
  if (!api) error(500, 'Layan API is not mounted (run the app through `layan start`).');
  const headers: Record<string, string> = { 'accept-language': event.locals.lang, 'x-layan-csrf': '1' };
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  const response = await api.request({ method: options.method, url: options.url, headers, body: options.body });
  if (response.status >= 200 && response.status < 300) return { ok: true, data: response.body as T, headers: response.headers };
  const body = response.body as { error?: { code: string; message: string; details?: ApiDetail[] } } | undefined;
  return {
    ok: false,
    error: {
      status: response.status,
      code: body?.error?.code ?? 'UNKNOWN',
      message: body?.error?.message ?? String(response.status),
      ...(Array.isArray(body?.error?.details) ? { details: body.error.details } : {}),
    },
  };
}

/** The value and max-age of the session cookie in an API answer's Set-Cookie header(s). */
export function sessionCookieOf(headers: Record<string, unknown>): { value: string; maxAge?: number } | undefined {
  const raw = headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
  for (const line of lines) {
    const [pair, ...attributes] = line.split(';');
    const eq = pair!.indexOf('=');
    if (pair!.slice(0, eq).trim() !== STAFF_SESSION_COOKIE) continue;
    const maxAge = attributes.map((a) => /^\s*max-age=(\d+)\s*$/i.exec(a)?.[1]).find((v) => v !== undefined);
    return { value: decodeURIComponent(pair!.slice(eq + 1).trim()), ...(maxAge ? { maxAge: Number(maxAge) } : {}) };
  }
  return undefined;
}

/** Only same-site paths: an open redirect would let a link send staff anywhere. */
export function safePath(value: unknown, fallback: string): string {
  const path = typeof value === 'string' ? value : '';
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : fallback;
}
