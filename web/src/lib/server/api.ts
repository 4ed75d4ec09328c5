import { error, type RequestEvent } from '@sveltejs/kit';

/** An API error as the pages receive it. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
}

/**
 * Calls Layan's API in-process (the same routes, validation and authorisation as external
 * clients). The caller's language and cookies travel with the call.
 */
export async function apiGet<T>(
  event: RequestEvent,
  url: string,
): Promise<{ ok: true; data: T } | { ok: false; error: ApiError }> {
  const api = event.platform?.req.layan;
  if (!api) error(500, 'Layan API is not mounted (run the app through `layan start`).');
  const headers: Record<string, string> = { 'accept-language': event.locals.lang };
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  const response = await api.request({ method: 'GET', url, headers });
  if (response.status >= 200 && response.status < 300) return { ok: true, data: response.body as T };
  const body = response.body as { error?: { code: string; message: string } } | undefined;
  return {
    ok: false,
    error: {
      status: response.status,
      code: body?.error?.code ?? 'UNKNOWN',
      message: body?.error?.message ?? String(response.status),
    },
  };
}

/** Like apiGet, but a failed call becomes the page's error (404 stays 404). */
export async function apiGetOrThrow<T>(event: RequestEvent, url: string): Promise<T> {
  const result = await apiGet<T>(event, url);
  if (!result.ok) error(result.error.status, { message: result.error.message, code: result.error.code });
  return result.data;
}
