// `npm run bench:queue`: the queue under load, in-process against the service layer (the same
// code the routes call): 50 counters of one MPP calling and finishing concurrently until every
// ticket is served (call-next throughput and latency), kiosks issuing tickets, and citizens
// booking slots, 50 at a time. PostgreSQL when DATABASE_URL is set (a fresh database, dropped
// after), else PGlite in memory. Checks that no ticket was called twice. Prints Markdown for
// bench/RESULTS.md.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { localDateOf } from '@layan/domain';
import { openDatabase } from '../server/src/db/database.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { NATIONAL, withScope } from '../server/src/db/scope.ts';
import { seedDemo } from '../server/src/db/seeds/demo.ts';
import { importRegions } from '../server/src/modules/region/region.import.ts';
import { createQueueEventBus } from '../server/src/modules/queue/queue.events.ts';
import * as counters from '../server/src/modules/queue/queue.counter.service.ts';
import * as queue from '../server/src/modules/queue/queue.service.ts';

const COUNTERS = 50;
const TICKETS = Number(process.env.BENCH_TICKETS ?? 3000);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 2000);
const CONCURRENCY = 50;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function summary(label: string, latencies: number[], seconds: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `| ${label} | ${latencies.length} | ${Math.round(latencies.length / seconds)} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} |`;
}
/** Runs `work` from `CONCURRENCY` workers until it returns false; returns each call's latency (ms) and the wall time (s). */
async function drive(workers: number, work: (worker: number) => Promise<boolean>) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (;;) {
        const t0 = performance.now();
        const more = await work(worker);
        if (!more) return;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const url = process.env.DATABASE_URL;
let cleanup = async () => {};
let database;
if (url) {
  const name = `layan_bench_queue_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  database = await openDatabase({ databaseUrl: dbUrl.toString(), dataDir: '' }, { poolSize: 20 });
  cleanup = async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
} else {
  database = await openDatabase({ databaseUrl: undefined, dataDir: '' }, { memory: true });
}
const kind = database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
try {
  const { db } = database;
  await migrate(db);
  await importRegions(db);
  await seedDemo(db);
  const bus = createQueueEventBus(database, url);

  // 50 counters at the MPP, each serving every demo queue.
  const { locationId, queueIds, counterIds, staffId } = await withScope(db, NATIONAL, async (trx) => {
    const location = await trx.selectFrom('location').select('id').where('slug', '=', 'mpp-banyuwangi').executeTakeFirstOrThrow();
    const queues = await trx.selectFrom('queue').select('id').where('location_id', '=', location.id).execute();
    const rows = await trx
      .insertInto('counter')
      .values(
        Array.from({ length: COUNTERS }, (_, i) => ({
          tenant_code: '35.10',
          location_id: location.id,
          code: `X${i + 1}`,
          name: `Loket uji ${i + 1}`,
        })),
      )
      .returning('id')
      .execute();
    await trx
      .insertInto('queue_counter')
      .values(rows.flatMap((c) => queues.map((q) => ({ tenant_code: '35.10', counter_id: c.id, queue_id: q.id }))))
      .execute();
    await trx.updateTable('queue').set({ slot_quota: 1000, daily_quota: 10000 }).where('location_id', '=', location.id).execute();
    const staff = await trx
      .selectFrom('staff_account')
      .select('id')
      .where('email', '=', 'loket.mpp@banyuwangi.demo.layan.id')
      .executeTakeFirstOrThrow();
    return { locationId: location.id, queueIds: queues.map((q) => q.id), counterIds: rows.map((r) => r.id), staffId: staff.id };
  });
  const caller = {
    principal: {
      kind: 'staff' as const,
      staffId,
      sessionId: 'bench',
      name: 'bench',
      regionCode: '35.10',
      grants: [{ role: 'petugas_loket' as const, regionCode: '35.10', locationId }],
    },
    context: { ip: '127.0.0.1', requestId: 'bench' },
  };
  const citizen = { context: { ip: '127.0.0.1', requestId: 'bench' }, language: 'id' as const };

  // Baseline, measured in the same run through the same pool: the claim pattern itself as bare SQL
  // on a plain table (no row-level security, audit, events, quotas or views) — one
  // `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)` to call, one UPDATE to finish,
  // each its own transaction, 50 counters at once. call-next + finish is compared with it.
  await sql`CREATE TABLE bench_claim (id serial PRIMARY KEY, counter integer, done boolean NOT NULL DEFAULT false)`.execute(db);
  await sql`INSERT INTO bench_claim (counter) SELECT NULL FROM generate_series(1, ${sql.lit(TICKETS)})`.execute(db);
  const claimed = new Set<number>();
  const claimLatencies: number[] = [];
  const bare = await drive(COUNTERS, async (worker) => {
    const t0 = performance.now();
    const row = await db.transaction().execute((trx) =>
      sql<{ id: number }>`UPDATE bench_claim SET counter = ${worker}
        WHERE id = (SELECT id FROM bench_claim WHERE counter IS NULL ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id`.execute(trx),
    );
    claimLatencies.push(performance.now() - t0);
    const id = row.rows[0]?.id;
    if (id === undefined) return false;
    claimed.add(id);
    await db.transaction().execute((trx) => sql`UPDATE bench_claim SET done = true WHERE id = ${id}`.execute(trx));
    return true;
  });
  if (claimed.size !== TICKETS) throw new Error(`bare SQL claimed ${claimed.size} of ${TICKETS}`);
  await sql`DROP TABLE bench_claim`.execute(db);

  let issued = 0;
  const kiosk = await drive(CONCURRENCY, async () => {
    if (issued >= TICKETS) return false;
    issued++;
    await queue.issueWalkInTicket(db, citizen, {
      locationId,
      queueId: queueIds[issued % queueIds.length]!,
      priority: issued % 10 === 0,
    });
    return true;
  });

  const called = new Map<string, number>();
  const callLatencies: number[] = [];
  const calling = await drive(COUNTERS, async (worker) => {
    const t0 = performance.now();
    const ticket = await counters.callNext({ db, bus }, caller, counterIds[worker]!);
    callLatencies.push(performance.now() - t0);
    if (!ticket) return false;
    called.set(ticket.id, (called.get(ticket.id) ?? 0) + 1);
    await counters.finishService({ db, bus }, caller, counterIds[worker]!);
    return true;
  });
  const twice = [...called.values()].filter((n) => n > 1).length;
  if (called.size !== TICKETS || twice > 0) throw new Error(`called ${called.size} of ${TICKETS}, ${twice} twice`);

  // Bookings: the next 10 days' slots of every queue, round-robin.
  const today = localDateOf(new Date(), 'Asia/Jakarta');
  const info = await queue.getLocationQueues(db, locationId);
  const slots: Array<{ date: string; time: string }> = [];
  for (const date of info.dates.filter((d) => d > today)) {
    for (const slot of (await queue.getSlots(db, { locationId, queueId: queueIds[0]!, date })).slots)
      slots.push({ date, time: slot.start });
  }
  let booked = 0;
  const booking = await drive(CONCURRENCY, async () => {
    if (booked >= BOOKINGS) return false;
    const n = booked++;
    const slot = slots[n % slots.length]!;
    await queue.createBooking(db, citizen, {
      locationId,
      input: {
        queueId: queueIds[n % queueIds.length]!,
        date: slot.date,
        time: slot.time,
        name: `Warga ${n}`,
        phone: `0812${String(10_000_000 + n)}`,
      },
    });
    return true;
  });
  await bus.close();

  console.log(`\n### ${kind} — ${new Date().toISOString().slice(0, 16)}Z\n`);
  console.log('| operation | count | per second | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(summary(`walk-in ticket (kiosk), ${CONCURRENCY} concurrent`, kiosk.latencies, kiosk.seconds));
  console.log(summary(`call-next, ${COUNTERS} counters at once (latency of the call)`, callLatencies, calling.seconds));
  console.log(
    `| call-next + finish cycles, ${COUNTERS} counters (served tickets) | ${called.size} | ${Math.round(called.size / calling.seconds)} | | |`,
  );
  console.log(summary(`booking, ${CONCURRENCY} concurrent`, booking.latencies, booking.seconds));
  console.log(summary(`baseline: bare SQL claim (SKIP LOCKED), ${COUNTERS} at once`, claimLatencies, bare.seconds));
  console.log(`| baseline: bare SQL claim + finish cycles | ${claimed.size} | ${Math.round(claimed.size / bare.seconds)} | | |`);
  const ratio = called.size / calling.seconds / (claimed.size / bare.seconds);
  console.log(`\ncall-next + finish cycles vs the bare SQL baseline: **${ratio.toFixed(3)}**.`);
  console.log(`\nEvery one of the ${TICKETS} tickets was called exactly once.`);
} finally {
  await database.close();
  await cleanup();
}
