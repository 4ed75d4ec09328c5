// Shared by the HTTP benchmarks: servers in their own processes (so load generation does not
// share their event loop), autocannon load over loopback, databases created and dropped per run,
// and the Markdown table for bench/RESULTS.md. Every run is bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = 50;

export interface Measured {
  label: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export type ServerMode = 'bare' | 'layan';

/** Starts `bench/serve.ts <mode>` and resolves once it prints the port it listens on. */
export async function startServer(mode: ServerMode, env: NodeJS.ProcessEnv): Promise<{ port: number; child: ChildProcess }> {
  // BENCH_NODE_ARGS passes flags to the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(import.meta.dirname, 'serve.ts'), mode], {
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

/** GETs the given paths round-robin at CONNECTIONS concurrent connections for DURATION seconds. */
export async function load(label: string, port: number, paths: string[]): Promise<Measured> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
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

export interface Scenario {
  label: string;
  paths: string[];
}

/** One server: a warm-up on the first scenario, then each scenario measured in turn. */
export async function measure(
  label: string,
  mode: ServerMode,
  env: NodeJS.ProcessEnv,
  scenarios: Scenario[],
): Promise<Measured[]> {
  const server = await startServer(mode, env);
  try {
    await load(`${label} (warm-up)`, server.port, scenarios[0]!.paths); // builds indexes and caches, JIT-compiles
    const results: Measured[] = [];
    for (const s of scenarios) results.push(await load(s.label ? `${label}, ${s.label}` : label, server.port, s.paths));
    return results;
  } finally {
    server.child.kill('SIGTERM');
  }
}

/**
 * Runs `run(env)` against a fresh PGlite directory, then (when DATABASE_URL is set) against a
 * PostgreSQL database created for the run and dropped after it.
 */
export async function onEachDatabase(
  run: (database: 'PGlite' | 'PostgreSQL', env: NodeJS.ProcessEnv) => Promise<void>,
): Promise<void> {
  const baseEnv = { ...process.env, LOG_LEVEL: 'silent' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-bench-'));
  try {
    await run('PGlite', { ...baseEnv, DATABASE_URL: '', DATA_DIR: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!process.env.DATABASE_URL) return;
  const name = `layan_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    await run('PostgreSQL', { ...baseEnv, DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Prints the run's conditions and the table, each row with its ratio to the first (the ceiling). */
export function printTable(description: string, results: Measured[]): void {
  const ceiling = results[0]!;
  console.log(
    `\n${CONNECTIONS} connections, ${DURATION} s per run after a ${DURATION} s warm-up; ${description}; ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  console.log('| server | req/s | p50 ms | p99 ms | errors | req/s vs ceiling |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / ceiling.rps).toFixed(3)} |`);
  }
}
