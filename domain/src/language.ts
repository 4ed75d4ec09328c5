/** The two interface languages: Bahasa Indonesia first, English on request. */
export type Lang = 'id' | 'en';

export const LANGUAGES: readonly Lang[] = ['id', 'en'];

/**
 * Bahasa Indonesia unless the client asks for English: an explicit choice (the web switch's
 * cookie) wins, then the first supported language in Accept-Language by quality, ties by order.
 */
export function pickLanguage(acceptLanguage: string | null | undefined, explicit?: string | null): Lang {
  if (explicit === 'id' || explicit === 'en') return explicit;
  if (!acceptLanguage) return 'id';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const match = ranked.find((r) => r.lang === 'id' || r.lang === 'en');
  return (match?.lang as Lang | undefined) ?? 'id';
}
