import { pickLanguage } from '@layan/domain';
import { LANG_COOKIE } from '$lib/i18n';
import type { Handle } from '@sveltejs/kit';


export const handle: Handle = async ({ event, resolve }) => {
  event.locals.lang = pickLanguage(event.request.headers.get('accept-language'), event.cookies.get(LANG_COOKIE));
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang),
  });
};
