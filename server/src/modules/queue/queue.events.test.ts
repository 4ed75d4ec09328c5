import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { createAuthTestApp, type AuthTestApp } from '../identity/identity.testing.ts';
import { asStaff, createQueueVia, makeQueueWorld, openEventStream, setSkillsVia, type QueueWorld } from './queue.testing.ts';

// The display board's live stream in one process: PostgreSQL delivers through LISTEN/NOTIFY (the
// process listens to its own notifications), PGlite in-process. Two processes: queue.process.test.ts.

let t: AuthTestApp;
let w: QueueWorld;
let base: string;
let closed = false;

beforeAll(async () => {
  t = await createAuthTestApp();
  w = await makeQueueWorld(t.app, t.deps, { counters: 2 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
  if (!closed) await t?.close();
});

describe(`display board events (${testDatabaseKind})`, () => {
  it('answers 404 for an unknown location before streaming', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/queue/locations/00000000-0000-4000-8000-000000000000/events',
    });
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'LOCATION_NOT_FOUND']);
  });

  it('streams the board, then each call, recall and finish; closing the server ends the stream', async () => {
    const queue = await createQueueVia(t.app, w, { code: 'A', name: 'Kependudukan' });
    await setSkillsVia(t.app, w, w.counters[0]!, [queue]);
    const stream = await openEventStream(`${base}/queue/locations/${w.locationId}/events`);
    const board = await stream.next('board');
    expect(board).toMatchObject({ calls: [], waiting: 0 });

    await t.app.inject({ method: 'POST', url: `/api/v1/queue/locations/${w.locationId}/tickets`, payload: { queueId: queue } });
    await t.app.inject({ method: 'POST', url: `/api/v1/queue/counters/${w.counters[0]}/call-next`, headers: asStaff(w.petugas) });
    expect(await stream.next('call')).toMatchObject({
      displayCode: 'A-001',
      counterCode: 'C1',
      callCount: 1,
      locationId: w.locationId,
    });
    await t.app.inject({ method: 'POST', url: `/api/v1/queue/counters/${w.counters[0]}/recall`, headers: asStaff(w.petugas) });
    expect(await stream.next('recall')).toMatchObject({ displayCode: 'A-001', callCount: 2 });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue/counters/${w.counters[0]}/finish`,
      headers: asStaff(w.petugas),
      payload: {},
    });
    expect(await stream.next('done')).toMatchObject({ displayCode: 'A-001', counterCode: null });

    // A second viewer joining now sees nothing called.
    const late = await openEventStream(`${base}/queue/locations/${w.locationId}/events`);
    expect(await late.next('board')).toMatchObject({ calls: [] });

    closed = true;
    await t.close();
    await stream.ended;
    await late.ended;
  });
});
