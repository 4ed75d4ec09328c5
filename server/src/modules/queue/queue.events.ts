import { sql, type Transaction } from 'kysely';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

/** What the display board hears: a ticket called (or recalled) at a counter, or no longer called. */
export interface QueueEvent {
  type: 'call' | 'recall' | 'serving' | 'done' | 'no_show' | 'transfer';
  locationId: string;
  ticketId: string;
  displayCode: string;
  queueCode: string;
  number: number;
  counterCode: string | null;
  counterName: string | null;
  callCount: number;
  at: string;
}

/**
 * One interface, two implementations chosen by the database (docs/decisions, "queue events"):
 * - PostgreSQL: `publishInTx` sends `pg_notify` on the location's channel inside the changing
 *   transaction, so the event leaves exactly when the change commits and reaches every process
 *   (this one included) through a dedicated LISTEN connection;
 * - PGlite (one process by construction): `committed` delivers in-process after the commit.
 */
export interface QueueEventBus {
  publishInTx(trx: Transaction<DB>, event: QueueEvent): Promise<void>;
  committed(event: QueueEvent): void;
  /** Listens to a location's events until the returned function is called. */
  subscribe(locationId: string, listener: (event: QueueEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** PostgreSQL channel of a location: an identifier of 44 characters. */
export function channelOf(locationId: string): string {
  return `layan_queue_${locationId.replace(/-/g, '')}`;
}

function inProcessBus(): QueueEventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publishInTx() {},
    committed(event) {
      emitter.emit(event.locationId, event);
    },
    async subscribe(locationId, listener) {
      emitter.on(locationId, listener);
      return () => emitter.off(locationId, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * The LISTEN side on PostgreSQL: one `pg.Client` per process, opened on the first subscription,
 * listening on the channels that have subscribers; when the connection drops it reconnects with
 * back-off and listens again (events sent while it was down are lost: the board reloads its
 * state on reconnect, see queue.routes.ts).
 */
function postgresBus(connectionString: () => Promise<string>): QueueEventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const counts = new Map<string, number>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = 250;

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: await connectionString() });
    c.on('error', () => {});
    c.on('notification', (message) => {
      if (!message.payload) return;
      try {
        const event = JSON.parse(message.payload) as QueueEvent;
        emitter.emit(event.locationId, event);
      } catch {
        // Not ours: ignore.
      }
    });
    c.on('end', () => {
      if (client === c) client = undefined;
      if (!closed && counts.size > 0) scheduleReconnect();
    });
    await c.connect();
    for (const locationId of counts.keys()) await c.query(`LISTEN ${channelOf(locationId)}`);
    retryMs = 250;
    return c;
  }

  function scheduleReconnect() {
    if (retryTimer || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      ensureClient().catch(() => scheduleReconnect());
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 10_000);
  }

  async function ensureClient(): Promise<pg.Client> {
    if (client) return client;
    if (!connecting) {
      connecting = connect().then(
        (c) => {
          if (closed) {
            void c.end();
            throw new Error('queue event bus closed');
          }
          client = c;
          connecting = undefined;
          return c;
        },
        (error: unknown) => {
          connecting = undefined;
          throw error;
        },
      );
    }
    return connecting;
  }

  return {
    async publishInTx(trx, event) {
      await sql`SELECT pg_notify(${channelOf(event.locationId)}, ${JSON.stringify(event)})`.execute(trx);
    },
    committed() {},
    async subscribe(locationId, listener) {
      emitter.on(locationId, listener);
      const count = counts.get(locationId) ?? 0;
      counts.set(locationId, count + 1);
      try {
        const c = await ensureClient();
        // A fresh connection already listens to every channel in `counts`.
        if (count === 0) await c.query(`LISTEN ${channelOf(locationId)}`);
      } catch (error) {
        scheduleReconnect();
        if (closed) throw error;
      }
      return () => {
        emitter.off(locationId, listener);
        const left = (counts.get(locationId) ?? 1) - 1;
        if (left > 0) counts.set(locationId, left);
        else {
          counts.delete(locationId);
          client?.query(`UNLISTEN ${channelOf(locationId)}`).catch(() => {});
        }
      };
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      emitter.removeAllListeners();
      counts.clear();
      const c = client ?? (await connecting?.catch(() => undefined));
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}

/**
 * The bus for this process's database. On PostgreSQL the LISTEN connection uses `databaseUrl`
 * with the database the pool is really connected to (tests open copies under other names).
 */
export function createQueueEventBus(database: Database, databaseUrl: string | undefined): QueueEventBus {
  if (database.kind !== 'postgres' || !databaseUrl) return inProcessBus();
  return postgresBus(async () => {
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db);
    const url = new URL(databaseUrl);
    url.pathname = `/${rows[0]!.name}`;
    return url.toString();
  });
}
