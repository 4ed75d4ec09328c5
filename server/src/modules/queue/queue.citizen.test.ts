import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { withScope } from '../../db/scope.ts';
import { createCitizenTestApp, signUpCitizen, type CitizenTestApp } from '../citizen/citizen.testing.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { presentBookingCodeInTx } from './queue.repo.ts';
import { createQueueVia, makeQueueWorld, type QueueWorld } from './queue.testing.ts';

// A signed-in citizen's booking, and who may read bookings (row-level security).

let t: CitizenTestApp;
let w: QueueWorld;
let queueId: string;
let date: string;

beforeAll(async () => {
  t = await createCitizenTestApp();
  w = await makeQueueWorld(t.app, t.deps, { counters: 1 });
  queueId = await createQueueVia(t.app, w, { code: 'A', name: 'Kependudukan' });
  const info = (await t.app.inject({ method: 'GET', url: `/api/v1/queue/locations/${w.locationId}` })).json();
  date = info.dates.find((d: string) => d > info.today);
});
afterAll(() => t?.close());

describe(`bookings of citizens (${testDatabaseKind})`, () => {
  let code: string;

  it('books as the signed-in citizen, who is then linked to the tenant at the location’s region', async () => {
    const citizen = await signUpCitizen(t, { nik: '3510014708900001', email: 'warga@uji.test', name: 'Dewi Lestari' });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue/locations/${w.locationId}/bookings`,
      headers: { cookie: citizen.cookie, [CSRF_HEADER]: '1' },
      payload: { queueId, date, time: '08:00', name: 'Dewi Lestari', email: 'warga@uji.test' },
    });
    expect(response.statusCode).toBe(201);
    code = response.json().code;
    const row = await t.deps.database.db
      .selectFrom('booking')
      .select('citizen_id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row.citizen_id).toBe(citizen.id);
    const link = await t.deps.database.db.selectFrom('citizen_link').selectAll().where('citizen_id', '=', citizen.id).execute();
    expect(link.map((l) => [l.tenant_code, l.region_code, l.via])).toEqual([['35.10', '35.10.16', 'queue']]);
    // Without the CSRF header a cookie-authenticated booking is refused.
    const forged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue/locations/${w.locationId}/bookings`,
      headers: { cookie: citizen.cookie },
      payload: { queueId, date, time: '08:00', name: 'Dewi Lestari', email: 'warga@uji.test' },
    });
    expect(forged.json().error.code).toBe('CSRF_REJECTED');
  });

  it('lets only the tenant’s scope, the citizen or the holder of the code read a booking', async () => {
    const db = t.deps.database.db;
    const count = (trx: Parameters<Parameters<typeof withScope>[2]>[0]) =>
      trx
        .selectFrom('booking')
        .select('code')
        .execute()
        .then((rows) => rows.length);
    expect(await withScope(db, { regions: [] }, count)).toBe(0);
    expect(await withScope(db, { regions: ['35.09'] }, count)).toBe(0);
    expect(await withScope(db, { regions: ['35.10'] }, count)).toBe(1);
    expect(
      await withScope(db, { regions: [] }, async (trx) => {
        await presentBookingCodeInTx(trx, code);
        return count(trx);
      }),
    ).toBe(1);
    await expect(
      withScope(db, { regions: [] }, (trx) =>
        trx.updateTable('booking').set({ status: 'cancelled' }).where('code', '=', code).execute(),
      ),
    ).resolves.toEqual([expect.objectContaining({ numUpdatedRows: 0n })]);
  });
});
