import type { Handle } from '@sveltejs/kit';
import { LANG_COOKIE } from '$lib/i18n';

export const handle: Handle = async ({ event, resolve }) => {
  // Pages are in Bahasa Indonesia unless the visitor chose English with the switch. The browser's
  // Accept-Language is not enough: many Indonesian phones ship with English system settings.
  event.locals.lang = event.cookies.get(LANG_COOKIE) === 'en' ? 'en' : 'id';
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang),
  });
};
