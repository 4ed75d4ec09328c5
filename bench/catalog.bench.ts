// `npm run bench:catalog`: catalog search (GET /api/v1/services?region=35.10&q=…) over HTTP at 50
// concurrent connections, on PGlite and (when DATABASE_URL is set) PostgreSQL, over the demo
// catalog of Kabupaten Banyuwangi (41 services), against a bare Fastify route answering the same
// paths with results of the same shape. Prints a Markdown table for bench/RESULTS.md.
import { measure, onEachDatabase, printTable, type Measured } from './harness.ts';

// What citizens type (issue 5), with and without a channel filter, and a few listings without q.
const WORDS = [
  'bikin ktp',
  'akta lahir anak',
  'akta lahir',
  'perpanjang sim',
  'izin usaha',
  'pasport',
  'kartu keluarga',
  'skck',
  'ktp hilang',
  'cairkan jht',
  'balik nama sertifikat',
  'daftar nikah',
  'pajak motor',
  'bpjs',
  'pindah domisili',
  'akte kelahirn',
];
const PATHS = [
  ...WORDS.map((q) => `/api/v1/services?region=35.10&q=${encodeURIComponent(q)}&limit=10`),
  ...WORDS.map((q) => `/api/v1/services?region=35.10&q=${encodeURIComponent(q)}&channel=online&limit=10`),
  '/api/v1/services?region=35.10&limit=10',
  '/api/v1/services?region=35.10.15.2004&q=ktp&limit=10',
];

const results: Measured[] = [];
results.push(...(await measure('bare Fastify route (ceiling)', 'bare', process.env, [{ label: '', paths: PATHS }])));
await onEachDatabase(async (database, env) => {
  results.push(
    ...(await measure(`Layan catalog search, ${database}`, 'layan', { ...env, BENCH_SEED: '1' }, [{ label: '', paths: PATHS }])),
  );
});
printTable(`${PATHS.length} distinct searches over the 41 demo services of Kabupaten Banyuwangi`, results);
