import type { FastifyInstance } from 'fastify';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { makeAgency, makeStaff, makeTenants, signIn } from '../identity/identity.testing.ts';

/** Test helpers for queues (not a test file itself). */

/** Open every day 07:00–17:00, so a bookable date always exists whatever day the tests run. */
export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '07:00', closes: '17:00' }));

export interface QueueWorld {
  tenant: string;
  locationId: string;
  otherLocationId: string;
  agencyId: string;
  counters: string[];
  admin: string;
  petugas: string;
  /** A petugas_loket of the other location (refused here). */
  stranger: string;
}

async function makeLocation(deps: Deps, slug: string) {
  const row = await withScope(deps.database.db, NATIONAL, (trx) =>
    trx
      .insertInto('location')
      .values({
        tenant_code: '35.10',
        slug,
        name: `MPP ${slug}`,
        kind: 'mpp',
        region_code: '35.10.16',
        address: 'Jl. Uji',
        opening_hours: JSON.stringify(EVERY_DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/** Inserts `count` counters at a location (codes C1…Cn); returns their ids in order. */
export async function makeCounters(deps: Deps, locationId: string, count: number, prefix = 'C') {
  const rows = await withScope(deps.database.db, NATIONAL, (trx) =>
    trx
      .insertInto('counter')
      .values(
        Array.from({ length: count }, (_, i) => ({
          tenant_code: '35.10',
          location_id: locationId,
          code: `${prefix}${i + 1}`,
          name: `Loket ${prefix}${i + 1}`,
        })),
      )
      .returning('id')
      .execute(),
  );
  return rows.map((r) => r.id);
}

/** Tenant 35.10 with two MPPs, counters at the first, an admin Pemda and two petugas loket, signed in. */
export async function makeQueueWorld(app: FastifyInstance, deps: Deps, options: { counters?: number } = {}): Promise<QueueWorld> {
  await makeTenants(deps, [
    { code: '35.10', name: 'Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Kabupaten Jember' },
  ]);
  const agencyId = await makeAgency(deps, '35.10', 'disdukcapil');
  const locationId = await makeLocation(deps, 'mpp-uji');
  const otherLocationId = await makeLocation(deps, 'mpp-lain');
  const counters = await makeCounters(deps, locationId, options.counters ?? 3);
  await makeStaff(deps, { email: 'admin@uji.test', regionCode: '35.10', grants: [{ role: 'admin_pemda', regionCode: '35.10' }] });
  await makeStaff(deps, {
    email: 'loket@uji.test',
    regionCode: '35.10',
    grants: [{ role: 'petugas_loket', regionCode: '35.10', locationId }],
  });
  await makeStaff(deps, {
    email: 'loket.lain@uji.test',
    regionCode: '35.10',
    grants: [{ role: 'petugas_loket', regionCode: '35.10', locationId: otherLocationId }],
  });
  return {
    tenant: '35.10',
    locationId,
    otherLocationId,
    agencyId,
    counters,
    admin: await signIn(app, 'admin@uji.test'),
    petugas: await signIn(app, 'loket@uji.test'),
    stranger: await signIn(app, 'loket.lain@uji.test'),
  };
}

/** A request with a staff cookie (and the CSRF header every cookie-authenticated write needs). */
export function asStaff(cookie: string) {
  return { cookie, [CSRF_HEADER]: '1' };
}

/** Creates a queue through the API; returns its id. */
export async function createQueueVia(app: FastifyInstance, world: QueueWorld, body: Record<string, unknown>): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/queue/locations/${world.locationId}/queues`,
    headers: asStaff(world.admin),
    payload: body,
  });
  if (response.statusCode !== 201) throw new Error(`queue not created: ${response.body}`);
  return response.json().id;
}

/** Sets a counter's skills through the API. */
export async function setSkillsVia(app: FastifyInstance, world: QueueWorld, counterId: string, queueIds: string[]) {
  const response = await app.inject({
    method: 'PUT',
    url: `/api/v1/queue/counters/${counterId}/skills`,
    headers: asStaff(world.admin),
    payload: { queueIds },
  });
  if (response.statusCode !== 200) throw new Error(`skills not set: ${response.body}`);
}

/**
 * Time passing, as a fixture: moves a booking to today (its slot to the current local time), so
 * it can be checked in without waiting for its day.
 */
export async function moveBookingToToday(deps: Deps, code: string, today: string) {
  await deps.database.db
    .updateTable('booking')
    .set({ service_date: today, starts_at: new Date(Date.now() - 5 * 60_000), ends_at: new Date(Date.now() + 25 * 60_000) })
    .where('code', '=', code)
    .execute();
}

export interface EventStream {
  /** Resolves with the data of the next event of `type` (earlier ones of other types are skipped). */
  next(type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Reads a Server-Sent Events stream with fetch, as a browser's EventSource would. */
export async function openEventStream(url: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    throw new Error(`not an event stream: ${response.status} ${await response.text()}`);
  }
  const events: Array<{ type: string; data: Record<string, unknown> }> = [];
  let waiters: Array<() => void> = [];
  let buffer = '';
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
        }
        for (const wake of waiters.splice(0)) wake();
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    async next(type, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = events.findIndex((e) => e.type === type);
        if (index >= 0) return events.splice(0, index + 1).at(-1)!.data;
        if (Date.now() > deadline)
          throw new Error(`no "${type}" event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`);
        await Promise.race([new Promise<void>((r) => waiters.push(r)), new Promise((r) => setTimeout(r, 100))]);
        waiters = waiters.filter(Boolean);
      }
    },
    ended,
    close: () => abort.abort(),
  };
}
