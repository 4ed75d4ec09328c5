export { pickLanguage, LANGUAGES } from '@layan/domain';

/** The cookie the web language switch sets; the API honours it too. */
export const LANGUAGE_COOKIE = 'lang';
