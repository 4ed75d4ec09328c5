import { pickNext, type CallCandidate } from '@layan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../../../test/db.ts';
import { createAuthTestApp, type AuthTestApp } from '../identity/identity.testing.ts';
import { asStaff, createQueueVia, makeCounters, makeQueueWorld, setSkillsVia, type QueueWorld } from './queue.testing.ts';

// Correctness under load (issue 7, point 8): 50 counters calling at once never receive the same
// ticket and no ticket is lost; ticket numbers stay unique while kiosks issue concurrently; and
// the SQL of call-next orders tickets exactly as the domain rule says.

let t: AuthTestApp;
let w: QueueWorld;

beforeAll(async () => {
  t = await createAuthTestApp();
  w = await makeQueueWorld(t.app, t.deps, { counters: 50 });
});
afterAll(() => t?.close());

const post = (url: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload }) });

describe(`call-next under load (${testDatabaseKind})`, () => {
  it('50 counters calling at once each get different tickets; every ticket is called exactly once', async () => {
    const queues = [
      await createQueueVia(t.app, w, { code: 'A', name: 'Kependudukan' }),
      await createQueueVia(t.app, w, { code: 'B', name: 'Perizinan' }),
      await createQueueVia(t.app, w, { code: 'C', name: 'Kesehatan' }),
    ];
    // Mixed skills: every counter serves one or two queues, every queue has counters.
    for (const [i, counterId] of w.counters.entries()) {
      await setSkillsVia(t.app, w, counterId, i % 2 === 0 ? [queues[i % 3]!] : [queues[i % 3]!, queues[(i + 1) % 3]!]);
    }

    // Kiosks issue 200 tickets concurrently: numbers are unique and gap-free per queue.
    const issued = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(`/queue/locations/${w.locationId}/tickets`, { queueId: queues[i % 3], priority: i % 7 === 0 }),
      ),
    );
    expect(issued.every((r) => r.statusCode === 201)).toBe(true);
    const tickets = issued.map((r) => r.json() as { id: string; queueCode: string; number: number });
    for (const code of ['A', 'B', 'C']) {
      const numbers = tickets
        .filter((x) => x.queueCode === code)
        .map((x) => x.number)
        .sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    }

    // 50 counters, each calling and finishing until nothing is left for it, all at once.
    const calledBy = new Map<string, string[]>();
    await Promise.all(
      w.counters.map(async (counterId) => {
        for (;;) {
          const call = await post(`/queue/counters/${counterId}/call-next`, undefined, asStaff(w.petugas));
          expect(call.statusCode).toBe(200);
          const ticket = call.json().ticket as { id: string } | null;
          if (!ticket) return;
          calledBy.set(ticket.id, [...(calledBy.get(ticket.id) ?? []), counterId]);
          const finish = await post(`/queue/counters/${counterId}/finish`, {}, asStaff(w.petugas));
          expect(finish.statusCode).toBe(200);
        }
      }),
    );
    const twice = [...calledBy.entries()].filter(([, counters]) => counters.length > 1);
    expect(twice).toEqual([]);
    expect(calledBy.size).toBe(200);
    expect(new Set(calledBy.keys())).toEqual(new Set(tickets.map((x) => x.id)));

    const rows = await t.deps.database.db.selectFrom('ticket').select(['status', 'counter_id', 'call_count']).execute();
    expect(rows.every((r) => r.status === 'done' && r.counter_id !== null && r.call_count === 1)).toBe(true);
    const calls = await t.deps.database.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'ticket.call')
      .execute();
    expect(calls.length).toBe(200);
    expect(new Set(calls.map((c) => c.target_id)).size).toBe(200);
  }, 120_000);

  it('one counter pressing call-next twice at once gets one ticket and COUNTER_BUSY', async () => {
    const queue = await createQueueVia(t.app, w, { code: 'D', name: 'Dua klik' });
    const [counterId] = await makeCounters(t.deps, w.locationId, 1, 'D');
    await setSkillsVia(t.app, w, counterId!, [queue]);
    for (let i = 0; i < 3; i++) await post(`/queue/locations/${w.locationId}/tickets`, { queueId: queue });
    const both = await Promise.all(
      [1, 2].map(() => post(`/queue/counters/${counterId}/call-next`, undefined, asStaff(w.petugas))),
    );
    const codes = both.map((r) => (r.statusCode === 200 ? 'called' : r.json().error.code)).sort();
    expect(codes).toEqual(['COUNTER_BUSY', 'called']);
  });
});

describe(`call order: SQL and domain agree (${testDatabaseKind})`, () => {
  it('calls random tickets in exactly the order pickNext gives', async () => {
    const queues = [
      { id: await createQueueVia(t.app, w, { code: 'P', name: 'Pertama' }), code: 'P' },
      { id: await createQueueVia(t.app, w, { code: 'Q', name: 'Kedua' }), code: 'Q' },
      { id: await createQueueVia(t.app, w, { code: 'R', name: 'Lain' }), code: 'R' },
    ];
    const [counterId, otherCounter] = await makeCounters(t.deps, w.locationId, 2, 'X');
    await setSkillsVia(t.app, w, counterId!, [queues[0]!.id, queues[1]!.id]);
    const today = (await t.app.inject({ method: 'GET', url: `/api/v1/queue/locations/${w.locationId}` })).json().today as string;

    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const base = Date.now() - 3 * 3600_000;
    const candidates: CallCandidate[] = [];
    const numbers = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const queue = queues[Math.floor(random() * 3)]!;
      const number = (numbers.get(queue.code) ?? 0) + 1;
      numbers.set(queue.code, number);
      // Few distinct due times, so ties fall to the number and the queue code.
      const dueAt = base + Math.floor(random() * 6) * 60_000;
      const target = random() < 0.1 ? counterId! : random() < 0.05 ? otherCounter! : null;
      const row = await t.deps.database.db
        .insertInto('ticket')
        .values({
          tenant_code: '35.10',
          location_id: w.locationId,
          queue_id: queue.id,
          service_date: today,
          number,
          display_code: `${queue.code}-${String(number).padStart(3, '0')}`,
          source: 'walk_in',
          priority: random() < 0.2,
          due_at: new Date(dueAt),
        })
        .returning(['id', 'priority'])
        .executeTakeFirstOrThrow();
      if (target)
        await t.deps.database.db.updateTable('ticket').set({ target_counter_id: target }).where('id', '=', row.id).execute();
      candidates.push({
        id: row.id,
        queueId: queue.id,
        queueCode: queue.code,
        number,
        priority: row.priority,
        dueAt,
        targetCounterId: target,
      });
    }

    const skills = { counterId: counterId!, queueIds: [queues[0]!.id, queues[1]!.id] };
    const expected: string[] = [];
    const left = [...candidates];
    for (let next = pickNext(skills, left); next; next = pickNext(skills, left)) {
      expected.push(next.id);
      left.splice(left.indexOf(next), 1);
    }
    const actual: string[] = [];
    for (;;) {
      const call = await post(`/queue/counters/${counterId}/call-next`, undefined, asStaff(w.petugas));
      const ticket = call.json().ticket as { id: string } | null;
      if (!ticket) break;
      actual.push(ticket.id);
      await post(`/queue/counters/${counterId}/finish`, {}, asStaff(w.petugas));
    }
    expect(actual.length).toBeGreaterThan(20);
    expect(actual).toEqual(expected);
  }, 60_000);
});
