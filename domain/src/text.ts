/**
 * The form names are compared in: lower case, accents removed (é → e), apostrophes dropped
 * (Regapu’u → regapuu), other punctuation turned to spaces. The importer stores names this way
 * and queries are normalised the same way, so search is case- and accent-insensitive.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Every suffix of a normalised name that starts at a word: "kabupaten banyuwangi" →
 * ["kabupaten banyuwangi", "banyuwangi"]. A prefix of any of them is "the start of a word".
 */
export function wordStartSuffixes(normalized: string): string[] {
  const words = normalized.split(' ').filter(Boolean);
  return [...new Set(words.map((_, i) => words.slice(i).join(' ')))];
}
