import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTemplateDatabase, testDatabaseKind } from '../../../test/db.ts';
import { runLayan, runToEnd, waitForOutput } from '../../../test/process.ts';
import { readEnv } from '../env.ts';

// LAYAN_WORKERS (server/src/lib/workers.ts): `layan start` serving from several processes that
// share one port. On PostgreSQL: they serve, a killed one is replaced, a stop ends them all. On
// PGlite (one process per data directory) the setting is refused before anything starts.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-workers-'));
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The pids of a process's children (Linux). */
function childrenOf(pid: number): number[] {
  const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('LAYAN_WORKERS', () => {
  it('is 1 unless set, a whole number from 1 to 64 or auto, and anything else stops start-up', () => {
    expect(readEnv({}).workers).toBe(1);
    expect(readEnv({ LAYAN_WORKERS: '4' }).workers).toBe(4);
    expect(readEnv({ LAYAN_WORKERS: 'auto' }).workers).toBe(os.availableParallelism());
    for (const bad of ['0', '65', '1.5', 'dua', '-2']) {
      expect(() => readEnv({ LAYAN_WORKERS: bad }), bad).toThrow(/LAYAN_WORKERS must be a whole number from 1 to 64/);
    }
  });

  it('is refused on the embedded database, before anything is opened', async () => {
    const dataDir = path.join(tmp, 'pglite');
    const { code, output } = await runToEnd(['start', '--no-build'], {
      LAYAN_WORKERS: '2',
      DATABASE_URL: undefined,
      DATA_DIR: dataDir,
      PORT: '0',
    });
    expect(code).toBe(2);
    expect(output).toContain('LAYAN_WORKERS above 1 needs DATABASE_URL');
    expect(output).toContain('memerlukan DATABASE_URL');
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

// Defined only in the PostgreSQL run of the suite (CI runs both): on PGlite the feature is the refusal above.
if (testDatabaseKind === 'postgres')
  describe('layan start with two workers on PostgreSQL', () => {
    it('serves from both, replaces one that is killed, and stops them all on SIGTERM', async () => {
      const copy = await copyTemplateDatabase('workers');
      cleanups.push(copy.drop);
      const server = runLayan(['start', '--no-build', '--no-seed'], {
        LAYAN_WORKERS: '2',
        DATABASE_URL: copy.url,
        PORT: '0',
        HOST: '127.0.0.1',
      });
      const primary = server.child.pid!;
      try {
        const [, address] = await waitForOutput(server, /ready: (http:\/\/localhost:\d+).* · 2 workers/);
        const base = address!.replace('localhost', '127.0.0.1');
        const workers = childrenOf(primary);
        expect(workers).toHaveLength(2);

        // Connections are handed to the workers in turn; every answer is whole.
        const answers = await Promise.all(
          Array.from({ length: 20 }, () =>
            fetch(`${base}/api/v1/regions/35.10`).then((r) => r.json() as Promise<{ name: string }>),
          ),
        );
        expect(new Set(answers.map((a) => a.name))).toEqual(new Set(['Kabupaten Banyuwangi']));

        // A worker that dies is replaced; the port keeps answering meanwhile.
        process.kill(workers[0]!, 'SIGKILL');
        const replaced = await until('a replacement worker', () => {
          const now = childrenOf(primary);
          return now.length === 2 && !now.includes(workers[0]!) ? now : undefined;
        });
        expect(replaced).toContain(workers[1]);
        expect(server.output()).toMatch(new RegExp(`worker ${workers[0]} exited \\(SIGKILL\\)`));
        for (let i = 0; i < 6; i++) expect((await fetch(`${base}/readyz`)).status).toBe(200);

        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
        for (const pid of replaced) expect(alive(pid), `worker ${pid}`).toBe(false);
        expect(server.output()).toContain('shutting down');
      } finally {
        if (alive(primary)) server.child.kill('SIGKILL');
      }
    }, 120_000);
  });
