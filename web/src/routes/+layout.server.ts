import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
  lang: locals.lang,
  // Where the language switch returns to: the same page, query included.
  here: url.pathname + url.search,
});
