import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runLayan, runToEnd, waitForOutput } from '../../../test/process.ts';
import { commands } from './commands/index.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('layan --help', () => {
  it('lists every command and exits 0', async () => {
    const { code, output } = await runToEnd(['--help'], {});
    expect(code).toBe(0);
    for (const c of commands) expect(output).toContain(c.name);
  });

  it('gives each command its own --help', async () => {
    for (const name of ['start', 'migrate', 'import-regions', 'seed']) {
      const { code, output } = await runToEnd([name, '--help'], {});
      expect(code, name).toBe(0);
      expect(output).toContain(`layan ${name}`);
    }
  });

  it('exits 2 on an unknown command', async () => {
    const { code, output } = await runToEnd(['frobnicate'], {});
    expect(code).toBe(2);
    expect(output).toContain('unknown command');
  });
});

describe('layan start on embedded PGlite', () => {
  it('migrates, imports, seeds and serves; a second process on the same directory exits at once; Ctrl-C stops cleanly', async () => {
    const dataDir = path.join(tmp, 'data');
    const env = { DATA_DIR: dataDir, DATABASE_URL: undefined, PORT: '0', HOST: '127.0.0.1' };
    const server = runLayan(['start', '--no-build'], env);
    try {
      const [, url] = await waitForOutput(server, /ready: (http:\/\/localhost:\d+)/);
      const base = url!.replace('localhost', '127.0.0.1');
      const region = (await (await fetch(`${base}/api/v1/regions/35.10`)).json()) as { name: string };
      expect(region.name).toBe('Kabupaten Banyuwangi');
      expect(server.output()).toContain('tenant 35.10');

      const second = await runToEnd(['migrate'], env);
      expect(second.code).toBe(3);
      expect(second.output).toContain('in use by another Layan process');
      expect(second.output).toContain(String(server.child.pid));

      // The first process is undisturbed.
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    } finally {
      server.child.kill('SIGINT');
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
    expect(fs.existsSync(path.join(dataDir, 'layan.lock'))).toBe(false);

    // A later start reuses the data: no import, no new demo rows.
    const again = runLayan(['start', '--no-build'], env);
    try {
      await waitForOutput(again, /ready: http/);
      expect(again.output()).not.toContain('loading the Kemendagri region tree');
      expect(again.output()).not.toContain('demo data:');
    } finally {
      again.child.kill('SIGTERM');
    }
    expect(await again.exited).toBe(0);
  }, 180_000); // two real starts of a fresh data directory: import, seed, serve

  it('takes over the lock of a process that was killed', async () => {
    const dataDir = path.join(tmp, 'stale');
    fs.mkdirSync(dataDir, { recursive: true });
    // A pid that cannot be alive: above the kernel's pid_max.
    fs.writeFileSync(
      path.join(dataDir, 'layan.lock'),
      JSON.stringify({ pid: 99_999_999, hostname: os.hostname(), startedAt: '' }),
    );
    const { code, output } = await runToEnd(['migrate'], { DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(output).toContain('Applied');
    expect(code).toBe(0);
  });
});

describe('layan migrate on the database under test', () => {
  it('applies every migration to an empty database, then reports it up to date', async () => {
    let env: Record<string, string | undefined>;
    let cleanup = async () => {};
    if (process.env.DATABASE_URL) {
      const name = `layan_cli_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString() };
      cleanup = async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
    } else {
      env = { DATA_DIR: path.join(tmp, 'migrate'), DATABASE_URL: undefined };
    }
    try {
      const first = await runToEnd(['migrate'], env);
      expect(first.code).toBe(0);
      expect(first.output).toMatch(/Applied \d+: 20\d{12}_region\.sql/);
      const second = await runToEnd(['migrate'], env);
      expect(second.code).toBe(0);
      expect(second.output).toMatch(/Up to date \(\d+ migrations\)/);
    } finally {
      await cleanup();
    }
  });
});
