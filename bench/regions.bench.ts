// `npm run bench:regions`: region typeahead over HTTP at 50 concurrent connections, on PGlite and
// (when DATABASE_URL is set) PostgreSQL, against a bare Fastify route measured in the same run.
// Prints a Markdown table for bench/RESULTS.md. Loopback only; every run is bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

// What people type into a region box: prefixes, whole names, typos, with and without filters.
const QUERIES = [
  'q=sukamaj',
  'q=sukamaju&level=desa_kelurahan',
  'q=banyuwangi',
  'q=banyuwagni',
  'q=kebon',
  'q=mekar&parent=32',
  'q=tanjung',
  'q=sumber&level=kecamatan',
  'q=jayapura',
  'q=karang&parent=35.10',
  'q=pesanggaran',
  'q=makasar',
  'q=cibitung',
  'q=sidoarjo',
  'q=kota%20batu',
  'q=nias%20selatan',
];

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

async function load(label: string, port: number): Promise<Measured> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/regions?${QUERIES[i++ % QUERIES.length]}` }) }],
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

async function measure(label: string, mode: 'bare' | 'layan', env: NodeJS.ProcessEnv): Promise<Measured> {
  const server = await startServer(mode, env);
  try {
    await load(`${label} (warm-up)`, server.port); // fills caches, JIT-compiles
    return await load(label, server.port);
  } finally {
    server.child.kill('SIGTERM');
  }
}

const results: Measured[] = [];
const baseEnv = { ...process.env, LOG_LEVEL: 'silent' };
results.push(await measure('bare Fastify route (ceiling)', 'bare', baseEnv));

const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-bench-'));
try {
  results.push(await measure('Layan typeahead, PGlite', 'layan', { ...baseEnv, DATABASE_URL: '', DATA_DIR: pgliteDir }));
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
    results.push(await measure('Layan typeahead, PostgreSQL', 'layan', { ...baseEnv, DATABASE_URL: url.toString() }));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

const ceiling = results[0]!;
console.log(
  `\n${CONNECTIONS} connections, ${DURATION} s per run after a ${DURATION} s warm-up, ${os.cpus().length} cores, Node ${process.version}\n`,
);
console.log('| server | req/s | p50 ms | p99 ms | errors | req/s vs ceiling |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / ceiling.rps).toFixed(3)} |`);
}
