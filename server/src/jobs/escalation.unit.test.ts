import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.ts';
import { readEnv } from '../env.ts';
import { createEscalationJob } from './escalation.ts';

// The job's schedule against a database that cannot be reached (nothing listens on port 1): a
// failed round is logged and the next one is still tried. Its rounds against a real database are
// tested in application.test.ts.
describe('the SLA escalation job', () => {
  it('logs a failed round, tries again at the next interval, and stops cleanly', async () => {
    const lines: Array<{ msg: string; err?: { message: string } }> = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ host: '127.0.0.1', port: 1, user: 'nobody', connectionTimeoutMillis: 2000 }),
      }),
    });
    const job = createEscalationJob({ db, log, intervalMs: 1000 });
    job.start();
    job.start(); // a second start changes nothing
    const deadline = Date.now() + 20_000;
    while (lines.filter((l) => l.msg === 'SLA escalation round failed').length < 2) {
      if (Date.now() > deadline) throw new Error(`expected two failed rounds, log: ${JSON.stringify(lines)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await job.stop();
    const failed = lines.filter((l) => l.msg === 'SLA escalation round failed');
    expect(failed[0]!.err!.message).toMatch(/ECONNREFUSED|connect/);
    // Stopped: no round starts any more.
    const count = lines.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(lines).toHaveLength(count);
    await db.destroy();
  });
});

describe('its settings', () => {
  it('runs by default every 15 minutes, can be turned off, and refuses an interval that cannot be right', () => {
    expect(readEnv({})).toMatchObject({ slaJob: true, slaJobIntervalMs: 900_000 });
    expect(readEnv({ LAYAN_SLA_JOB: '0', SLA_JOB_INTERVAL_MS: '60000' })).toMatchObject({
      slaJob: false,
      slaJobIntervalMs: 60_000,
    });
    for (const bad of ['999', '86400001', '1.5', 'sejam', '-1']) {
      expect(() => readEnv({ SLA_JOB_INTERVAL_MS: bad })).toThrow(/SLA_JOB_INTERVAL_MS must be a whole number/);
    }
  });
});
