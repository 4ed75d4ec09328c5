// `npm run bench:regions`: region typeahead over HTTP at 50 concurrent connections, on PGlite and
// (when DATABASE_URL is set) PostgreSQL, against a bare Fastify route measured in the same run.
// Prints a Markdown table for bench/RESULTS.md. Loopback only; every run is bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { normalizeSearchText } from '@layan/domain';
import { readRegionLevel } from '../server/src/modules/region/region.csv.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

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

interface Measured {
  label: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function startServer(mode: 'bare' | 'layan', env: NodeJS.ProcessEnv): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'serve.ts'), mode], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = out.match(/PORT (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { port, child };
}

async function load(label: string, port: number, queries = QUERIES): Promise<Measured> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/regions?${queries[i++ % queries.length]}` }) }],
  });
  return {
    label,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function measure(label: string, mode: 'bare' | 'layan', env: NodeJS.ProcessEnv): Promise<Measured[]> {
  const server = await startServer(mode, env);
  try {
    await load(`${label} (warm-up)`, server.port); // builds the index, JIT-compiles
    const mixed = await load(label, server.port);
    if (mode === 'bare') return [mixed];
    return [mixed, await load(`${label}, unseen typos only`, server.port, COLD_TYPOS)];
  } finally {
    server.child.kill('SIGTERM');
  }
}

const results: Measured[] = [];
const baseEnv = { ...process.env, LOG_LEVEL: 'silent' };
results.push(...(await measure('bare Fastify route (ceiling)', 'bare', baseEnv)));

const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-bench-'));
try {
  results.push(...(await measure('Layan typeahead, PGlite', 'layan', { ...baseEnv, DATABASE_URL: '', DATA_DIR: pgliteDir })));
} finally {
  fs.rmSync(pgliteDir, { recursive: true, force: true });
}

if (process.env.DATABASE_URL) {
  const name = `layan_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    results.push(...(await measure('Layan typeahead, PostgreSQL', 'layan', { ...baseEnv, DATABASE_URL: url.toString() })));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

const ceiling = results[0]!;
console.log(
  `\n${CONNECTIONS} connections, ${DURATION} s per run after a ${DURATION} s warm-up; mix: ${QUERIES.length} distinct queries ` +
    `(prefixes of real names, 1 in 10 with a typo); unseen typos: ${COLD_TYPOS.length} distinct misspellings; ` +
    `${os.cpus().length} cores, Node ${process.version}\n`,
);
console.log('| server | req/s | p50 ms | p99 ms | errors | req/s vs ceiling |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / ceiling.rps).toFixed(3)} |`);
}
