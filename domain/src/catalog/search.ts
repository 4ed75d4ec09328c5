/**
 * Turning what a citizen types ("bikin ktp", "akta lahir anak", "pasport") into canonical terms,
 * and ranking services by them. The same analysis runs on queries and on service names, so a
 * stemmed or misspelt word meets its service halfway. The database search (Postgres full-text
 * plus trigram) takes expandQuery's output; scoreServiceMatch ranks in memory.
 */
import { type Bilingual, pickText } from './issues.ts';
import { SEARCH_CONCEPTS, STEM_ROOTS, STOP_WORDS, WORD_VARIANTS, type SearchConcept } from './search-lexicon.ts';
import { normalizeSearchText } from '../text.ts';

const ROOTS = new Set(STEM_ROOTS);
const STOPS = new Set(STOP_WORDS);

/** Prefixes with the letter a nasal prefix may have replaced (meny-urat ← surat, pen-ulis ← tulis). */
const PREFIXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['memper', ['']],
  ['diper', ['']],
  ['penge', ['']],
  ['menge', ['']],
  ['meny', ['s']],
  ['peny', ['s']],
  ['meng', ['', 'k']],
  ['peng', ['', 'k']],
  ['mem', ['', 'p']],
  ['pem', ['', 'p']],
  ['men', ['', 't']],
  ['pen', ['', 't']],
  ['per', ['']],
  ['ber', ['']],
  ['ter', ['']],
  ['me', ['']],
  ['pe', ['']],
  ['be', ['']],
  ['di', ['']],
  ['ke', ['']],
  ['se', ['']],
];
const SUFFIXES = ['kan', 'an', 'i', ''];

function withoutPrefixes(base: string, depth: number): string[] {
  const out = [base];
  if (depth === 0) return out;
  for (const [prefix, restores] of PREFIXES) {
    if (!base.startsWith(prefix) || base.length - prefix.length < 2) continue;
    for (const restore of restores) out.push(...withoutPrefixes(restore + base.slice(prefix.length), depth - 1));
  }
  return out;
}

/**
 * Strips Indonesian affixes (me-/pe-/ber-/di-/ke-/per- with nasal changes, -kan/-an/-i, -nya)
 * only when what remains is a known root: pembuatan → buat, perpanjangan → panjang,
 * kelahiran → lahir. Unknown words come back unchanged (minus a trailing -nya).
 */
export function stemWord(word: string): string {
  if (ROOTS.has(word) || word.length < 5) return word;
  const bare = word.endsWith('nya') && word.length > 6 ? word.slice(0, -3) : word;
  if (ROOTS.has(bare)) return bare;
  let best: string | undefined;
  for (const suffix of SUFFIXES) {
    if (suffix && !bare.endsWith(suffix)) continue;
    for (const candidate of withoutPrefixes(bare.slice(0, bare.length - suffix.length), 2)) {
      // The longest root wins: fewer letters stripped means less guessing.
      if (ROOTS.has(candidate) && (!best || candidate.length > best.length)) best = candidate;
    }
  }
  return best ?? bare;
}

/**
 * Optimal-string-alignment Damerau–Levenshtein distance (a swap of two neighbours costs 1),
 * giving up early: returns max + 1 once the distance is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Typos allowed for a word: none under 4 letters, 1 from 4, 2 from 8. */
export function allowedTypos(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/**
 * Whether two words are the same up to typos. The shorter word sets the allowance, so a short
 * code never absorbs a longer one ("ktp" is not "fktp").
 */
export function isTypoOf(a: string, b: string): boolean {
  const max = allowedTypos(a.length <= b.length ? a : b);
  return max > 0 && editDistance(a, b, max) <= max;
}

interface Token {
  raw: string;
  stem: string;
}

function tokenize(text: string): Token[] {
  const words = normalizeSearchText(text)
    .split(' ')
    .flatMap((w) => (WORD_VARIANTS[w] ?? w).split(' '))
    .filter((w) => w !== '' && !STOPS.has(w));
  return words.map((raw) => ({ raw, stem: stemWord(raw) }));
}

interface PreparedConcept {
  concept: SearchConcept;
  surfaces: Array<{ text: string; tokens: Token[] }>;
}

const PREPARED: PreparedConcept[] = SEARCH_CONCEPTS.map((concept) => ({
  concept,
  surfaces: concept.surfaces
    .map((s) => ({ text: normalizeSearchText(s), tokens: tokenize(s) }))
    .filter((s) => s.tokens.length > 0)
    .sort((x, y) => y.tokens.length - x.tokens.length),
}));
const CONCEPT_BY_TERM = new Map(SEARCH_CONCEPTS.map((c) => [c.term, c]));

function sameToken(query: Token, surface: Token, fuzzy: boolean): boolean {
  if (query.stem === surface.stem || query.raw === surface.raw) return true;
  if (!fuzzy) return false;
  return isTypoOf(query.raw, surface.raw) || isTypoOf(query.stem, surface.stem);
}

interface Match {
  term: string;
  surface: string;
  length: number;
}

function matchAt(tokens: Token[], at: number, fuzzy: boolean): Match | undefined {
  let best: Match | undefined;
  for (const { concept, surfaces } of PREPARED) {
    for (const surface of surfaces) {
      const n = surface.tokens.length;
      if (best && n <= best.length) break;
      if (at + n > tokens.length) continue;
      if (surface.tokens.every((t, k) => sameToken(tokens[at + k] as Token, t, fuzzy)))
        best = { term: concept.term, surface: surface.text, length: n };
    }
  }
  return best;
}

export interface AnalyzedText {
  /** Canonical concept terms found, with the wider ones they imply. */
  concepts: string[];
  /** Stems of the words that are not part of a concept. */
  words: string[];
  /** Surface phrases (normalised) of the concepts found. */
  phrases: string[];
}

/** Splits text into concepts (longest phrase first, exact before typo-tolerant) and leftover stems. */
export function analyzeSearchText(text: string): AnalyzedText {
  const tokens = tokenize(text);
  const concepts = new Set<string>();
  const phrases = new Set<string>();
  const words: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const match = matchAt(tokens, i, false) ?? matchAt(tokens, i, true);
    if (!match) {
      words.push((tokens[i] as Token).stem);
      i++;
      continue;
    }
    concepts.add(match.term);
    for (const wider of CONCEPT_BY_TERM.get(match.term)?.broader ?? []) concepts.add(wider);
    for (const surface of CONCEPT_BY_TERM.get(match.term)?.surfaces ?? []) phrases.add(normalizeSearchText(surface));
    i += match.length;
  }
  return { concepts: [...concepts], words: [...new Set(words)], phrases: [...phrases] };
}

export interface ExpandedQuery {
  /** Canonical terms and leftover stems, for matching against indexed service keywords. */
  terms: string[];
  /** Written forms of the recognised concepts, for full-text or trigram search on names. */
  phrases: string[];
}

/** Citizen's words → canonical terms and phrases for a database search. Never throws; empty input gives empty lists. */
export function expandQuery(text: string): ExpandedQuery {
  const analyzed = analyzeSearchText(text);
  return { terms: [...new Set([...analyzed.concepts, ...analyzed.words])], phrases: analyzed.phrases };
}

/** What ranking reads from a service: names first, then synonyms, then keywords. */
export interface SearchableService {
  names: ReadonlyArray<string | Bilingual>;
  synonyms?: readonly string[];
  keywords?: readonly string[];
}

const CONCEPT_WEIGHT = [10, 8, 6] as const;
const WORD_WEIGHT = [4, 3, 2] as const;
const TYPO_FACTOR = 0.6;

// Services are analysed once per object: ranking runs every query against the whole catalog.
const ANALYZED = new WeakMap<SearchableService, AnalyzedText[][]>();

function analyzedFields(service: SearchableService): AnalyzedText[][] {
  let fields = ANALYZED.get(service);
  if (!fields) {
    fields = fieldTexts(service).map((texts) => texts.map(analyzeSearchText));
    ANALYZED.set(service, fields);
  }
  return fields;
}

function fieldTexts(service: SearchableService): string[][] {
  const names = service.names.flatMap((n) => (typeof n === 'string' ? [n] : [pickText(n, 'id'), ...(n.en ? [n.en] : [])]));
  return [names, [...(service.synonyms ?? [])], [...(service.keywords ?? [])]];
}

/**
 * How well a service matches a query: 0 for no match, higher is better. Concepts count more than
 * plain words, names more than keywords, typos less than exact words; the sum is scaled by the
 * share of query items matched so that a service matching everything outranks a partial one.
 */
export function scoreServiceMatch(query: string, service: SearchableService): number {
  return scoreAnalyzed(analyzeSearchText(query), service);
}

function scoreAnalyzed(q: AnalyzedText, service: SearchableService): number {
  const fields = analyzedFields(service);
  const items = q.concepts.length + q.words.length;
  if (items === 0) return 0;
  let total = 0;
  let matched = 0;
  for (const term of q.concepts) {
    const level = fields.findIndex((f) => f.some((a) => a.concepts.includes(term)));
    if (level < 0) continue;
    total += (CONCEPT_WEIGHT[level as 0 | 1 | 2] ?? 0) * (CONCEPT_BY_TERM.get(term)?.weight ?? 1);
    matched++;
  }
  for (const word of q.words) {
    let best = 0;
    fields.forEach((f, level) => {
      const stems = f.flatMap((a) => a.words);
      const weight = WORD_WEIGHT[level as 0 | 1 | 2] ?? 0;
      if (stems.includes(word)) best = Math.max(best, weight);
      else if (stems.some((s) => isTypoOf(word, s))) best = Math.max(best, weight * TYPO_FACTOR);
    });
    if (best > 0) matched++;
    total += best;
  }
  if (matched === 0) return 0;
  return Math.round(total * (0.5 + (0.5 * matched) / items) * 1000) / 1000;
}

export interface RankServicesOptions<T extends SearchableService> {
  query: string;
  services: readonly T[];
  /** Default 10. */
  limit?: number;
}

/** Services with a score above 0, best first; ties keep the input order. */
export function rankServices<T extends SearchableService>(options: RankServicesOptions<T>): Array<{ service: T; score: number }> {
  // The query is analysed once, not once per service.
  const query = analyzeSearchText(options.query);
  return options.services
    .map((service, index) => ({ service, score: scoreAnalyzed(query, service), index }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, options.limit ?? 10)
    .map(({ service, score }) => ({ service, score }));
}
