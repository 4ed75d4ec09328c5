import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { copyTemplateDatabase, testDatabaseKind } from '../../../../test/db.ts';
import { runLayan, waitForOutput, type Running } from '../../../../test/process.ts';
import { openDatabase, type Database } from '../../db/database.ts';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { readEnv } from '../../env.ts';
import { makeStaff, makeTenants, TEST_PASSWORD } from '../identity/identity.testing.ts';
import { EVERY_DAY, makeCounters, openEventStream } from './queue.testing.ts';

// Issue 7, point 5 and 8: a call made through one server process reaches the display board
// streamed by another, through PostgreSQL LISTEN/NOTIFY. Two real `layan start` processes on one
// PostgreSQL database. PGlite allows one process per data directory, so there the same journey runs
// through one real process (its in-process delivery).

const processes: Running[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const p of processes) p.child.kill('SIGINT');
  await Promise.all(processes.map((p) => p.exited));
  for (const cleanup of cleanups) await cleanup();
});

/** A database the processes will share, in the test run's starting state (migrated, regions loaded). */
async function prepareDatabase(): Promise<{ env: Record<string, string | undefined>; database: Database }> {
  if (process.env.DATABASE_URL) {
    const copy = await copyTemplateDatabase('proc');
    cleanups.push(copy.drop);
    return {
      env: { DATABASE_URL: copy.url },
      database: await openDatabase({ databaseUrl: copy.url, dataDir: '' }),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-queue-proc-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const snapshot = new Blob([fs.readFileSync(inject('pgliteSnapshot'))]);
  const database = await openDatabase({ databaseUrl: undefined, dataDir: dir }, { loadDataDir: snapshot });
  return { env: { DATABASE_URL: undefined, DATA_DIR: dir }, database };
}

async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/staff/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-layan-csrf': '1' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe(`queue events across server processes (${testDatabaseKind})`, () => {
  it('a call made through process A appears on the display stream of process B', async () => {
    const { env, database } = await prepareDatabase();
    const deps: Deps = { env: readEnv({ ...process.env, DATA_DIR: '/nonexistent' }), database };
    await makeTenants(deps, [{ code: '35.10', name: 'Kabupaten Banyuwangi' }]);
    const { locationId, queueId } = await withScope(database.db, NATIONAL, async (trx) => {
      const location = await trx
        .insertInto('location')
        .values({
          tenant_code: '35.10',
          slug: 'mpp-proses',
          name: 'MPP Proses',
          kind: 'mpp',
          region_code: '35.10.16',
          address: 'Jl. Uji',
          opening_hours: JSON.stringify(EVERY_DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const queue = await trx
        .insertInto('queue')
        .values({ tenant_code: '35.10', location_id: location.id, code: 'A', name: 'Kependudukan', agency_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { locationId: location.id, queueId: queue.id };
    });
    const [counterId] = await makeCounters(deps, locationId, 1);
    await withScope(database.db, NATIONAL, (trx) =>
      trx.insertInto('queue_counter').values({ tenant_code: '35.10', counter_id: counterId!, queue_id: queueId }).execute(),
    );
    await makeStaff(deps, {
      email: 'loket@proses.test',
      regionCode: '35.10',
      grants: [{ role: 'petugas_loket', regionCode: '35.10', locationId }],
    });
    await database.close();

    const start = () => {
      const running = runLayan(['start', '--no-build', '--no-seed'], { ...env, PORT: '0', HOST: '127.0.0.1', LAYAN_DEMO: '0' });
      processes.push(running);
      return waitForOutput(running, /ready: (http:\/\/localhost:\d+)/).then(([, url]) => url!.replace('localhost', '127.0.0.1'));
    };
    const a = await start();
    const b = testDatabaseKind === 'postgres' ? await start() : a;
    if (testDatabaseKind === 'postgres') expect(b).not.toBe(a);

    const stream = await openEventStream(`${b}/api/v1/queue/locations/${locationId}/events`);
    expect(await stream.next('board')).toMatchObject({ calls: [] });

    const cookie = await signIn(a, 'loket@proses.test');
    const ticket = await fetch(`${a}/api/v1/queue/locations/${locationId}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queueId }),
    });
    expect(ticket.status).toBe(201);
    const call = await fetch(`${a}/api/v1/queue/counters/${counterId}/call-next`, {
      method: 'POST',
      headers: { cookie, 'x-layan-csrf': '1' },
    });
    expect(call.status).toBe(200);
    expect(await stream.next('call', 10_000)).toMatchObject({ displayCode: 'A-001', counterCode: 'C1', locationId });
    // And B's board, read afresh, agrees.
    const board = (await (await fetch(`${b}/api/v1/queue/locations/${locationId}/board`)).json()) as {
      calls: Array<{ displayCode: string }>;
    };
    expect(board.calls.map((c) => c.displayCode)).toEqual(['A-001']);
    stream.close();
  }, 180_000);
});
