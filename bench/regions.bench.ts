// `npm run bench:regions`: region typeahead over HTTP at 50 concurrent connections, on PGlite and
// (when DATABASE_URL is set) PostgreSQL, against a bare Fastify route measured in the same run.
// Prints a Markdown table for bench/RESULTS.md. Loopback only; every run is bounded in time.
import { normalizeSearchText } from '@layan/domain';
import { readRegionLevel } from '../server/src/modules/region/region.csv.ts';
import { measure, onEachDatabase, printTable, type Measured } from './harness.ts';

// What people type into a region box, drawn from the real names: the first 3–8 letters of a
// name (what a typeahead sends while typing), one in ten with two letters swapped (a typo that
// only the fuzzy path can answer), some narrowed to a level or a province. Deterministic.
function buildQueries(count: number): string[] {
  const levels = [
    ['villages', 'desa_kelurahan'],
    ['districts', 'kecamatan'],
    ['regencies', 'kabupaten_kota'],
  ] as const;
  const names = levels.map(([file, level]) => ({ level, rows: readRegionLevel(file) }));
  let seed = 20261122;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const queries: string[] = [];
  while (queries.length < count) {
    // Mostly villages (most of the tree), some kecamatan and kab/kota.
    const { level, rows } = names[[0, 0, 0, 1, 2][next() % 5]!]!;
    const name = normalizeSearchText(rows[next() % rows.length]!.name).replace(/^(kabupaten|kota) /, '');
    let q = name.slice(0, 3 + (next() % 6));
    if (process.env.BENCH_TYPOS !== '0' && queries.length % 10 === 9 && q.length >= 5) {
      q = `${q.slice(0, 2)}${q[3]}${q[2]}${q.slice(4)}`;
    }
    // Half the forms narrow the box to the level they ask for.
    queries.push(`q=${encodeURIComponent(q)}${next() % 2 ? `&level=${level}` : ''}`);
  }
  return queries;
}

const QUERIES = buildQueries(2000);

// Typos never seen before: every one misses the per-process cache and costs a trigram query.
function buildUniqueTypos(count: number): string[] {
  const rows = readRegionLevel('villages');
  const out = new Set<string>();
  for (let i = 0; out.size < count && i < rows.length * 4; i++) {
    const name = normalizeSearchText(rows[(i * 7919) % rows.length]!.name);
    const cut = 6 + (i % 4);
    if (name.length < cut) continue;
    const q = `${name.slice(0, 2)}${name[3]}${name[2]}${name.slice(4, cut)}`;
    out.add(`q=${encodeURIComponent(q)}&limit=${1 + (i % 10)}`);
  }
  return [...out];
}
const COLD_TYPOS = buildUniqueTypos(40_000);

const regions = (queries: string[]) => queries.map((q) => `/api/v1/regions?${q}`);

const results: Measured[] = [];
results.push(...(await measure('bare Fastify route (ceiling)', 'bare', process.env, [{ label: '', paths: regions(QUERIES) }])));
await onEachDatabase(async (database, env) => {
  results.push(
    ...(await measure(`Layan typeahead, ${database}`, 'layan', env, [
      { label: '', paths: regions(QUERIES) },
      { label: 'unseen typos only', paths: regions(COLD_TYPOS) },
    ])),
  );
});

printTable(
  `mix: ${QUERIES.length} distinct queries (prefixes of real names, 1 in 10 with a typo); unseen typos: ${COLD_TYPOS.length} distinct misspellings`,
  results,
);
